"""CLI commands on the database file itself: `db backup`, `db check`, `db restore` (none of them migrates it)."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.i18n import plain
from storage.backup import backup, check, restore, timestamped_backup
from storage.files import bot_is_running, private_folder


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str]) -> None:
    """Add the `db` sub-commands with bot.cli's helpers (add a parser, a group, help text)."""
    db = actions("db", "db")
    saving = add(db, "backup", "db_backup")
    where = saving.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="FILE", help=h("db_backup_out"))
    where.add_argument("--dir", type=Path, metavar="FOLDER", help=h("db_backup_dir"))
    saving.add_argument("--keep", type=int, default=14, metavar="N", help=h("db_backup_keep"))
    add(db, "check", "db_check")
    restoring = add(db, "restore", "db_restore")
    restoring.add_argument("file", type=Path, metavar="FILE", help=h("db_restore_file"))


def run(args: argparse.Namespace, settings: Settings, say: Callable[[str], None], fail: type[Exception]) -> int:
    """Run a `db` command; `fail(line)` is raised for an expected problem (bot.cli.CliError)."""
    language = args.lang
    database = Path(settings.database.path)
    if args.action == "check":
        return _check(database, language, say, fail)
    if not database.exists():
        raise fail(plain(language, "cli.db_missing", path=database))
    if args.action == "backup":
        return _backup(args, database, language, say, fail)
    return _restore(args.file, database, language, say, fail)


def _check(database: Path, language: str, say: Callable[[str], None], fail: type[Exception]) -> int:
    if not database.exists():
        raise fail(plain(language, "cli.db_missing", path=database))
    result = check(database)
    if not result.is_database:
        raise fail(plain(language, "cli.db_not_database", path=database, reason=result.integrity))
    if result.integrity != "ok":
        raise fail(plain(language, "cli.db_damaged", path=database, reason=result.integrity))
    if result.schema_version > result.supported:
        raise fail(
            plain(
                language, "cli.database_too_new", path=database, found=result.schema_version, supported=result.supported
            )
        )
    key = "cli.db_check_current" if result.schema_version == result.supported else "cli.db_check_older"
    say(plain(language, key, path=database, version=result.schema_version, supported=result.supported))
    return 0


def _backup(
    args: argparse.Namespace, database: Path, language: str, say: Callable[[str], None], fail: type[Exception]
) -> int:
    try:
        if args.out is not None:
            if not args.out.parent.is_dir():
                raise fail(plain(language, "cli.no_folder", path=args.out, folder=args.out.parent))
            backup(database, args.out)
            written = args.out
        else:
            private_folder(args.dir)
            written, removed = timestamped_backup(database, args.dir, datetime.now(UTC), args.keep)
            for old in removed:
                say(plain(language, "cli.db_backup_removed", path=old))
    except (OSError, sqlite3.Error) as error:
        raise fail(plain(language, "cli.cannot_write", path=args.out or args.dir, reason=error)) from None
    say(plain(language, "cli.db_backup_done", path=written))
    return 0


def _restore(source: Path, database: Path, language: str, say: Callable[[str], None], fail: type[Exception]) -> int:
    if bot_is_running(database):
        raise fail(plain(language, "cli.db_restore_running", path=database))
    if not source.is_file():
        raise fail(plain(language, "cli.cannot_read", path=source, reason=plain(language, "cli.not_a_file")))
    result = check(source)
    if not result.ok:
        if result.is_database and result.schema_version > result.supported:
            reason = plain(language, "cli.db_restore_newer", found=result.schema_version, supported=result.supported)
        else:
            reason = result.integrity
        raise fail(plain(language, "cli.db_restore_refused", path=source, reason=reason))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    safety = database.with_name(f"{database.name}.before-restore-{stamp}")
    try:
        restore(source, database, safety)
    except (OSError, sqlite3.Error) as error:
        raise fail(plain(language, "cli.db_error", path=database, reason=error)) from None
    say(plain(language, "cli.db_restored", path=database, source=source, safety=safety))
    return 0
