"""A unit of work cancelled while its BEGIN runs, or inside, leaves the one connection outside any transaction
(storage/db.py), so the next unit of work starts: a BEGIN IMMEDIATE inside a leftover transaction would fail. (A
cancellation during the COMMIT: tests/test_delivery_claims.py.)"""

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


async def _cancel_and_go_on(db: Database, task: asyncio.Task[None]) -> None:
    task.cancel()
    assert (await asyncio.gather(task, return_exceptions=True))[0].__class__ is asyncio.CancelledError
    async with db.transaction():  # "cannot start a transaction within a transaction" if one was left open
        pass


@pytest.mark.parametrize("unit", ["transaction", "read"])
async def test_cancelled_while_its_begin_runs(db: Database, unit: str) -> None:
    opener: Callable[[], AbstractAsyncContextManager[UnitOfWork]] = getattr(db, unit)
    entered = False

    async def work() -> None:
        nonlocal entered
        async with opener():
            entered = True

    task = asyncio.create_task(work())
    await asyncio.sleep(0)  # one turn: the task holds the lock and waits for its BEGIN, which has not run yet
    await _cancel_and_go_on(db, task)
    assert not entered


@pytest.mark.parametrize("unit", ["transaction", "read"])
async def test_cancelled_inside(db: Database, unit: str) -> None:
    opener: Callable[[], AbstractAsyncContextManager[UnitOfWork]] = getattr(db, unit)
    inside = asyncio.Event()

    async def work() -> None:
        async with opener():
            inside.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(work())
    await inside.wait()
    await _cancel_and_go_on(db, task)
