"""CLI commands of the organizer console: `export …`, `invites export|print`, `events list`.

They write the very files `/export` sends in the chat (bot.services.exports), so the two never differ.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n import format_local, plain
from bot.services import Services
from bot.services.exports import EXPORT_KINDS, SUFFIXES, ExportedFile, ExportKind, UnknownBroadcast

_CSV_KINDS = ("rsvps", "invitations")
# Every export kind has an `export` subcommand; the PDF of invitations is `invites print`.
_EXPORT_KINDS = tuple(kind for kind in EXPORT_KINDS if kind != "invitations_pdf")


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str]) -> None:
    """Add `export`, `invites` and `events` with bot.cli's helpers (add a parser, a group, help text)."""
    export = actions("export", "export", dest="what")
    for kind in _EXPORT_KINDS:
        parser = add(export, kind, f"export_{kind}")
        parser.add_argument("--out", type=Path, metavar="FILE", help=h("out_file"))
        if kind == "deliveries":
            parser.add_argument("--broadcast", type=int, required=True, metavar="N", help=h("broadcast_number"))
        if kind in ("rsvps", "invitations"):
            parser.add_argument("--agency", metavar="NAME", help=h("agency"))
        if kind == "invitations":
            parser.add_argument("--unlinked", action="store_true", help=h("unlinked"))
            parser.add_argument("--bot-username", metavar="NAME", help=h("bot_username"))
    invites = actions("invites", "invites")
    links = add(invites, "export", "invites_export")
    links.add_argument("--out", type=Path, required=True, metavar="FILE", help=h("out_table"))
    links.add_argument("--bot-username", metavar="NAME", help=h("bot_username"))
    printing = add(invites, "print", "invites_print")
    printing.add_argument("--out", type=Path, metavar="FILE.pdf", help=h("out_file"))
    printing.add_argument("--agency", metavar="NAME", help=h("agency"))
    printing.add_argument("--unlinked", action="store_true", help=h("unlinked"))
    printing.add_argument("--bot-username", metavar="NAME", help=h("bot_username"))
    reissue = add(invites, "reissue", "invites_reissue")
    reissue.add_argument("code", metavar="CODE", help=h("code"))
    reissue.add_argument("--bot-username", metavar="NAME", help=h("bot_username"))
    add(actions("events", "events"), "list", "events_list")


async def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run a console command; None when the command is not one of these."""
    if args.command == "export":
        return await export(services, args)
    if args.command == "invites" and args.action in ("export", "print"):
        kind: ExportKind = "invitations" if args.action == "export" else "invitations_pdf"
        return await export(services, args, kind)
    if args.command == "events":
        return await list_events(services, args.lang)
    return None


async def export(services: Services, args: argparse.Namespace, kind: ExportKind | None = None) -> int:
    """Write one file and say where it is."""
    from bot.cli import CliError, bot_username, check_output, write_file

    kind = kind or args.what
    language = args.lang
    target: Path = args.out if args.out is not None else Path.cwd()
    check_output(target, language, (SUFFIXES.get(kind, ".xlsx"), *((".csv",) if kind in _CSV_KINDS else ())))
    username = ""
    if kind in ("invitations", "invitations_pdf"):
        username = await bot_username(services, getattr(args, "bot_username", None), language)

    async def write() -> ExportedFile:
        return await services.exports.write(
            kind,
            target,
            actor="cli",
            broadcast_id=getattr(args, "broadcast", None),
            agency=getattr(args, "agency", None),
            unlinked=getattr(args, "unlinked", False),
            bot_username=username,
        )

    try:
        written: ExportedFile = await write_file(language, target, write)
    except UnknownBroadcast:
        raise CliError(plain(language, "cli.unknown_broadcast", id=args.broadcast)) from None
    key = {"report": "cli.report_done", "invitations_pdf": "cli.invitations_pdf_done"}.get(kind, "cli.export_done")
    print(plain(language, key, count=written.rows, path=written.path))
    return 0


async def list_events(services: Services, language: str) -> int:
    """One line per conference on this database; the configured one is marked."""
    async with services.db.read() as uow:
        events = await uow.console.events()
    for event in events:
        print(
            plain(
                language,
                "cli.event_line",
                mark="*" if event.id == services.event.id else " ",
                code=event.code,
                name=event.name,
                starts_at=format_local(event.starts_at, services.event.timezone),
                delegates=event.delegates,
                linked=event.linked,
                answered=event.attending,
            )
        )
    return 0
