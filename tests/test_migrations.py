"""Migrations: a blank database reaches the current schema, and re-running changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiosqlite
import pytest

from storage.db import Database, DatabaseTooNew
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


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


async def _written_by_a_newer_release(path: Path) -> int:
    """A database whose last migration is one this release does not know; returns that number."""
    await (await Database.open(path)).close()
    newer = MIGRATIONS[-1].number + 3
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("INSERT INTO _migrations (number, name) VALUES (?, 'from the future')", (newer,))
        await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return newer


async def test_a_database_from_a_newer_release_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "bot.sqlite3"
    newer = await _written_by_a_newer_release(path)
    before = _snapshot(folder)
    with pytest.raises(DatabaseTooNew) as caught:
        await Database.open(path)
    assert (caught.value.found, caught.value.supported) == (newer, MIGRATIONS[-1].number)
    assert f"schema version {newer}" in str(caught.value) and f"up to {MIGRATIONS[-1].number}" in str(caught.value)
    assert _snapshot(folder) == before  # same files, same bytes (no -wal/-shm created, no migration run)


def test_the_cli_and_the_bot_refuse_a_newer_database_naming_both_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main
    from bot.sandbox.emulator import BotApiEmulator
    from tests.support.cli import CONFIG

    newer = asyncio.run(_written_by_a_newer_release(tmp_path / "bot.sqlite3"))
    config = tmp_path / "config.toml"
    with BotApiEmulator() as emu:
        config.write_text(
            CONFIG.replace(
                "[telegram]\n", f'[telegram]\nbase_url = "{emu.base_url}"\nbase_file_url = "{emu.base_file_url}"\n'
            ),
            encoding="utf-8",
        )
        before = _snapshot(tmp_path)
        monkeypatch.setenv("DELEGATE_BOT_TOKEN", emu.token)
        assert main(["--config", str(config), "run"]) == 1
        assert main(["--config", str(config), "--lang", "en", "export", "rsvps", "--out", str(tmp_path / "x.csv")]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors[0].startswith("Không khởi động: cơ sở dữ liệu") and errors[-1].startswith("Not started")
    for line in (errors[0], errors[-1]):
        assert f" {newer})" in line and f" {MIGRATIONS[-1].number}." in line
    assert _snapshot(tmp_path) == before
