"""The single writer connection and its units of work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.migrations import migrate
from storage.repositories import UnitOfWork

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another process's lock before "database is locked"


class Database:
    """One aiosqlite connection shared by the whole process, used through units of work."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        # aiosqlite serialises calls but not transactions: one lock makes each unit of work whole.
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) and migrate the database at path."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=FULL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
            await migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

    async def close(self) -> None:
        """Close the connection (waits for a running unit of work)."""
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """A write unit of work: BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield UnitOfWork(self._conn)
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[UnitOfWork]:
        """A read-only unit of work that sees one consistent snapshot."""
        async with self._lock:
            await self._conn.execute("BEGIN")
            try:
                yield UnitOfWork(self._conn)
            finally:
                await self._conn.execute("ROLLBACK")
