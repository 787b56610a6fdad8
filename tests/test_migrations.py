"""Migrations: a blank database reaches the current schema, and re-running changes nothing."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from storage.db import Database
from storage.migrations import MIGRATIONS, Migration, migrate


async def _tables(path: Path) -> dict[str, set[str]]:
    async with aiosqlite.connect(path) as conn:
        async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
            names = [row[0] for row in await cursor.fetchall()]
        tables = {}
        for name in names:
            async with conn.execute(f"PRAGMA table_info({name})") as cursor:
                tables[name] = {row[1] for row in await cursor.fetchall()}
        return tables


def test_migrations_are_numbered_consecutively() -> None:
    assert [m.number for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


async def test_blank_database_migrates_to_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite3"
    db = await Database.open(path)
    await db.close()
    tables = await _tables(path)
    assert {
        "events",
        "delegates",
        "invite_tokens",
        "rsvps",
        "telegram_users",
        "pending_inputs",
        "audit_log",
        "meta",
        "_migrations",
    } <= set(tables)
    assert {"event_id", "code", "full_name", "phone", "telegram_user_id"} <= tables["delegates"]
    async with aiosqlite.connect(path) as conn:
        async with conn.execute("SELECT number FROM _migrations ORDER BY number") as cursor:
            assert [r[0] for r in await cursor.fetchall()] == [m.number for m in MIGRATIONS]
        async with conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    await (await Database.open(path)).close()
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn) == []


async def test_failing_migration_leaves_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    await (await Database.open(path)).close()
    broken = MIGRATIONS + (Migration(len(MIGRATIONS) + 1, "broken", ("CREATE TABLE half (x)", "NOT SQL")),)
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        with pytest.raises(aiosqlite.OperationalError):
            await migrate(conn, broken)
    tables = await _tables(path)
    assert "half" not in tables


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "tx.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as uow:
                await uow.meta.put("k", "v")
                raise RuntimeError("boom")
        async with db.read() as uow:
            assert await uow.meta.get("k") is None
        async with db.transaction() as uow:
            await uow.meta.put("k", "v")
        async with db.read() as uow:
            assert await uow.meta.get("k") == "v"
    finally:
        await db.close()
