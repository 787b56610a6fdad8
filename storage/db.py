"""The single writer connection and its units of work."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.files import private_file, private_folder, secure_database_files
from storage.migrations import MIGRATIONS, migrate
from storage.repositories import UnitOfWork

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another process's lock before "database is locked"


SCHEMA_VERSION = MIGRATIONS[-1].number


class DatabaseTooNew(Exception):
    """The database was written by a newer release (a schema this one does not know); it was left untouched."""

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"The database {path} has schema version {found}, written by a newer release; this release supports "
            f"schema versions up to {supported}. The file was not changed."
        )
        self.path, self.found, self.supported = path, found, supported


def stored_schema_version(path: Path | str) -> int:
    """The highest migration recorded in an existing database file, read without writing anything (0 if none)."""
    target = Path(path).resolve()
    if str(path) == ":memory:" or not target.exists():
        return 0
    # immutable=1 reads without creating -wal/-shm files or taking locks; a WAL left by an unclean stop may hold the
    # newest rows, and then mode=ro reads it (its -shm file exists already).
    wal = target.with_name(target.name + "-wal")
    options = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{target.as_uri()}?{options}", uri=True)
    except sqlite3.Error:
        return 0  # not readable this way: the normal open reports what is wrong with the file
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone():
            return int(conn.execute("SELECT COALESCE(MAX(number), 0) FROM _migrations").fetchone()[0])
        return 0
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


# The SQLite library Python was built with (the system's on Linux): the broadcast engine's one-statement claim uses
# UPDATE … FROM (3.33) and RETURNING (3.35). Debian 12 and Ubuntu 22.04 ship 3.40 and 3.37.
MIN_SQLITE = (3, 35, 0)


class SqliteTooOld(Exception):
    """The SQLite library this Python uses is older than MIN_SQLITE; nothing was opened."""

    def __init__(self, found: str) -> None:
        needed = ".".join(map(str, MIN_SQLITE[:2]))
        super().__init__(f"SQLite {found} is too old: the bot needs SQLite {needed} or newer")
        self.found, self.needed = found, needed


def refuse_newer(path: Path | str) -> None:
    """Raise SqliteTooOld when this Python's SQLite is too old, DatabaseTooNew (touching nothing) when the file at path
    was written by a newer release."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise SqliteTooOld(sqlite3.sqlite_version)
    found = stored_schema_version(path)
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(str(path), found, SCHEMA_VERSION)


class Database:
    """One aiosqlite connection shared by the whole process, used through units of work."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        # aiosqlite serialises calls but not transactions: one lock makes each unit of work whole.
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) and migrate the database at path.

        A database written by a newer release raises DatabaseTooNew before anything opens it for writing.
        """
        refuse_newer(path)
        if str(path) != ":memory:":
            private_folder(Path(path).parent)
            private_file(Path(path))  # before SQLite creates -wal/-shm: they take the database file's mode
            secure_database_files(Path(path))
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

    async def compact(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so deleted rows leave no trace on disk."""
        async with self._lock:
            for statement in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
                async with self._conn.execute(statement) as cursor:
                    await cursor.fetchall()  # a pragma's pending row would block VACUUM

    async def close(self) -> None:
        """Close the connection (waits for a running unit of work)."""
        async with self._lock:
            await self._conn.close()

    async def _run(self, statement: str) -> None:
        """Run a transaction-control statement to its end even if the caller is cancelled meanwhile.

        aiosqlite runs the statement on its thread whatever happens to the awaiting task: a COMMIT interrupted by a
        cancellation would land without its caller knowing. Waiting for it keeps "CancelledError" meaning "the
        statement finished (or failed) and then the task was cancelled", and the connection never stays inside a
        transaction nobody owns.
        """
        running = asyncio.ensure_future(self._conn.execute(statement))
        try:
            await asyncio.shield(running)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await running
            raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """A write unit of work: BEGIN IMMEDIATE … COMMIT, rolled back on any error (a cancellation included)."""
        async with self._lock:
            await self._begin("BEGIN IMMEDIATE")
            try:
                yield UnitOfWork(self._conn)
            except BaseException:
                await self._rollback_if_open()
                raise
            try:
                await self._run("COMMIT")
            except BaseException:
                await self._rollback_if_open()  # a COMMIT that ran stands; one that failed leaves nothing open
                raise

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[UnitOfWork]:
        """A unit of work of ONE statement: SQLite runs a statement outside BEGIN … COMMIT as a transaction of its
        own (a write is committed atomically and durably, a read sees one snapshot), so it costs one round trip to
        the database thread instead of three. Only for repository methods that run a single statement (their
        docstring says so)."""
        async with self._lock:
            yield UnitOfWork(self._conn)

    async def _begin(self, statement: str) -> None:
        """BEGIN (or BEGIN IMMEDIATE); a cancellation that comes once it ran leaves no transaction open."""
        try:
            await self._run(statement)
        except asyncio.CancelledError:
            await self._rollback_if_open()
            raise

    async def _rollback_if_open(self) -> None:
        if self._conn.in_transaction:
            await asyncio.shield(self._run("ROLLBACK"))

    @asynccontextmanager
    async def read(self) -> AsyncIterator[UnitOfWork]:
        """A read-only unit of work that sees one consistent snapshot."""
        async with self._lock:
            await self._begin("BEGIN")
            try:
                yield UnitOfWork(self._conn)
            finally:
                await self._rollback_if_open()
