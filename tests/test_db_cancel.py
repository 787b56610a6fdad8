"""A unit of work cancelled at any point leaves the one connection outside any transaction (storage/db.py), so the
next unit of work starts: a BEGIN IMMEDIATE inside a leftover transaction would fail."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest

from storage.db import Database
from storage.repositories import UnitOfWork


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield database
    finally:
        await database.close()


@pytest.mark.parametrize("unit", ["transaction", "read"])
async def test_a_unit_of_work_cancelled_anywhere_leaves_no_transaction_open(db: Database, unit: str) -> None:
    opener: Callable[[], AbstractAsyncContextManager[UnitOfWork]] = getattr(db, unit)
    inside = 0

    async def work() -> None:
        nonlocal inside
        async with opener():
            inside += 1
            await asyncio.sleep(0)

    for turns in range(1, 8):  # 1: cancelled while its BEGIN runs; later: inside, at COMMIT/ROLLBACK, after
        task = asyncio.create_task(work())
        for _ in range(turns):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        async with db.transaction():  # fails ("cannot start a transaction within a transaction") if one was left
            pass
    assert inside > 0  # some runs got inside the unit of work, so both ends were cancelled
