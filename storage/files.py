"""Files that hold personal data: readable by the bot's user only, and the one-instance lock on a database."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# Everything the process creates (database, WAL/SHM, exports, backups, temporary files) is private by default.
PRIVATE_UMASK = 0o077


def make_process_private() -> None:
    """Create every later file 0600 and folder 0700, whatever umask the process was started with."""
    os.umask(PRIVATE_UMASK)


def private_folder(folder: Path) -> None:
    """Create the folder 0700 if it does not exist (an existing folder is the operator's choice and is kept)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=PRIVATE_FOLDER)
        folder.chmod(PRIVATE_FOLDER)


def private_file(path: Path) -> None:
    """Create the file if missing and make it 0600; SQLite gives its -wal/-shm files the database file's mode."""
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    finally:
        os.close(descriptor)


def secure_database_files(path: Path) -> None:
    """Make the database and any -wal/-shm/-journal beside it 0600."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.chmod(PRIVATE_FILE)


def lock_path(database: Path) -> Path:
    """The lock file that says "a bot is running on this database"."""
    return database.with_name(database.name + ".lock")


class AlreadyRunning(Exception):
    """Another process holds the database's run lock."""


class RunLock:
    """An exclusive advisory lock held while the bot runs; released by the OS if the process dies."""

    def __init__(self, database: Path) -> None:
        self._path = lock_path(database)
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning."""
        private_folder(self._path.parent)
        handle = open(self._path, "a+b")  # noqa: SIM115 - held for the life of the process
        os.chmod(self._path, PRIVATE_FILE)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise AlreadyRunning(str(self._path)) from None
        self._handle = handle

    def release(self) -> None:
        """Let go of the lock."""
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def bot_is_running(database: Path) -> bool:
    """True when another process holds the run lock of this database."""
    path = lock_path(database)
    if not path.exists():
        return False
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return False
