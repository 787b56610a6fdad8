"""`delegate-bot data purge --event CODE`: remove one conference's personal data after it is over."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.i18n import plain
from storage.db import Database
from storage.files import bot_is_running
from storage.purge import purge_event


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str]) -> None:
    """Add the `data` sub-commands with bot.cli's helpers (add a parser, a group, help text)."""
    purge = add(actions("data", "data"), "purge", "data_purge")
    purge.add_argument("--event", required=True, metavar="CODE", help=h("purge_event"))
    purge.add_argument("--confirm", metavar="CODE", help=h("purge_confirm"))


async def run(args: argparse.Namespace, settings: Settings, fail: type[Exception]) -> int:
    """Purge after the event code is typed a second time (or given again with --confirm)."""
    language = args.lang
    database = Path(settings.database.path)
    if not database.exists():
        raise fail(plain(language, "cli.db_missing", path=database))
    if bot_is_running(database):
        raise fail(plain(language, "cli.purge_running", path=database))
    db = await Database.open(database)
    try:
        async with db.read() as uow:
            event = await uow.events.by_code(args.event)
        if event is None:
            raise fail(plain(language, "cli.purge_unknown_event", code=args.event))
        confirmation = args.confirm
        if confirmation is None:
            if not sys.stdin.isatty():
                raise fail(plain(language, "cli.purge_needs_confirm", code=event.code))
            print(plain(language, "cli.purge_warning", code=event.code, name=event.name))
            confirmation = input(plain(language, "cli.purge_prompt")).strip()
        if confirmation != event.code:
            raise fail(plain(language, "cli.purge_not_confirmed"))
        keep_texts = settings.proposals.keep_texts_after_purge
        async with db.transaction() as uow:
            async with uow.connection.execute("PRAGMA secure_delete = ON") as cursor:
                await cursor.fetchall()
            touched = await purge_event(uow.connection, event.id, keep_texts=keep_texts)
            await uow.audit.add(
                event.id, "cli", "data.purge", datetime.now(UTC), detail={"rows": touched, "texts_kept": keep_texts}
            )
        await db.compact()
    finally:
        await db.close()
    print(plain(language, "cli.purge_done", code=event.code, rows=sum(touched.values())))
    print(plain(language, "cli.purge_kept" if keep_texts else "cli.purge_texts_removed"))
    return 0
