"""Online backup, check and restore of the database file (SQLite's backup API: consistent, WAL included)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.db import SCHEMA_VERSION
from storage.files import PRIVATE_FILE, private_file

BACKUP_PATTERN = "hoinghi-*.sqlite3"


@dataclass(frozen=True)
class CheckResult:
    """What `db check` found: SQLite's integrity verdict and the schema version against this release's."""

    integrity: str
    schema_version: int
    supported: int
    is_database: bool = True

    @property
    def ok(self) -> bool:
        """Readable, intact, and not written by a newer release."""
        return self.is_database and self.integrity == "ok" and self.schema_version <= self.supported


def check(path: Path) -> CheckResult:
    """Run integrity_check and read the schema version without writing anything."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return CheckResult(str(error), 0, SCHEMA_VERSION, is_database=False)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        integrity = "; ".join(str(row[0]) for row in rows[:5])
        has_migrations = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        if not has_migrations:
            return CheckResult(integrity, 0, SCHEMA_VERSION, is_database=False)
        version = int(conn.execute("SELECT COALESCE(MAX(number), 0) FROM _migrations").fetchone()[0])
        return CheckResult(integrity, version, SCHEMA_VERSION)
    except sqlite3.DatabaseError as error:  # "file is not a database", a truncated file
        return CheckResult(str(error), 0, SCHEMA_VERSION, is_database=False)
    finally:
        conn.close()


def backup(database: Path, out: Path) -> None:
    """Copy the live database to out through SQLite's online backup API (safe while the bot writes)."""
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    private_file(partial)
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # A backup is one self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    partial.chmod(PRIVATE_FILE)
    partial.replace(out)


def timestamped_backup(database: Path, folder: Path, now: datetime, keep: int) -> tuple[Path, list[Path]]:
    """A backup named by its time in folder; the oldest beyond `keep` are removed. Returns (file, removed)."""
    out = folder / f"hoinghi-{now.strftime('%Y%m%d-%H%M%S')}.sqlite3"
    backup(database, out)
    existing = sorted(folder.glob(BACKUP_PATTERN))
    removed = existing[: max(len(existing) - keep, 0)] if keep > 0 else []
    for old in removed:
        old.unlink(missing_ok=True)
    return out, removed


def restore(source: Path, database: Path, safety_copy: Path | None) -> None:
    """Replace the database's content with source's (checked by the caller), keeping a copy of the old one first."""
    if safety_copy is not None and database.exists():
        backup(database, safety_copy)
    private_file(database)
    origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(database)
        try:
            target.execute("PRAGMA journal_mode=WAL")
            origin.backup(target)
        finally:
            target.close()
    finally:
        origin.close()
