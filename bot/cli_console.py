"""CLI commands of the organizer console: `export …`, `invites export|print`, `events list`.

They write the very files `/export` sends in the chat (bot.services.exports), so the two never differ.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.i18n import format_local, plain
from bot.services import Services
from bot.services.exports import SUFFIXES, TABLE_KINDS, ExportKind, UnknownBroadcast

_CSV_KINDS = ("rsvps", "invitations")
_EXPORT_HELP = {
    "rsvps": "every delegate's answer, and counts by agency (.xlsx, or .csv)",
    "proposals": "proposals by topic with a summary (.xlsx)",
    "nominations": "nominees ranked, by agency, and every nomination (.xlsx)",
    "deliveries": "one broadcast's recipients and what happened to each copy (.xlsx); needs --broadcast N",
    "invitations": "personal links for mail merge (.xlsx, or .csv)",
    "audit": "the audit log: who did what, when (.xlsx)",
    "report": "the committee's report on the proposals (.docx)",
}


def add_commands(commands: Any) -> None:
    """Add `export`, `invites` and `events` to the CLI parser."""
    export = commands.add_parser("export", help="files for organizers (the same as /export in Telegram)")
    kinds = export.add_subparsers(dest="what", required=True)
    for kind, help_text in _EXPORT_HELP.items():
        parser = kinds.add_parser(kind, help=help_text)
        parser.add_argument("--out", type=Path, help="file or folder (default: the Vietnamese name with today's date)")
        if kind == "deliveries":
            parser.add_argument("--broadcast", type=int, required=True, help="the broadcast's number")
        if kind in ("rsvps", "invitations"):
            parser.add_argument("--agency", help="only this agency")
        if kind == "invitations":
            parser.add_argument("--unlinked", action="store_true", help="only delegates not yet connected")
            parser.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    invites = commands.add_parser("invites", help="personal links").add_subparsers(dest="action", required=True)
    links = invites.add_parser("export", help="write every delegate's personal link (.csv/.xlsx)")
    links.add_argument("--out", type=Path, required=True)
    links.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    printing = invites.add_parser("print", help="printable invitations: one A5 page per delegate with a QR code (.pdf)")
    printing.add_argument("--out", type=Path, help="file or folder (default: giay-moi-<date>.pdf)")
    printing.add_argument("--agency", help="only this agency")
    printing.add_argument("--unlinked", action="store_true", help="only delegates not yet connected")
    printing.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    reissue = invites.add_parser("reissue", help="revoke a delegate's link and make a new one")
    reissue.add_argument("code")
    reissue.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    events = commands.add_parser("events", help="conferences kept in the database")
    events.add_subparsers(dest="action", required=True).add_parser("list", help="every conference with its counts")


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


async def bot_username(services: Services, given: str | None, language: str) -> str | None:
    """The bot's @username from the option, else as the running bot stored it; None (with a message) if unknown."""
    if given:
        return given.lstrip("@")
    async with services.db.read() as uow:
        stored = await uow.meta.get("bot_username")
    if not stored:
        print(plain(language, "cli.no_username"), file=sys.stderr)
    return stored


def _suffix_ok(kind: ExportKind, out: Path | None) -> bool:
    if out is None or out.is_dir():
        return True
    allowed = (SUFFIXES.get(kind, ".xlsx"), *((".csv",) if kind in _CSV_KINDS else ()))
    return out.suffix.lower() in allowed


async def export(services: Services, args: argparse.Namespace, kind: ExportKind | None = None) -> int:
    """Write one file and say where it is."""
    kind = kind or args.what
    language = args.lang
    out: Path | None = args.out
    if not _suffix_ok(kind, out):
        allowed = " / ".join((SUFFIXES.get(kind, ".xlsx"), *((".csv",) if kind in _CSV_KINDS else ())))
        print(plain(language, "cli.bad_suffix", path=out, allowed=allowed), file=sys.stderr)
        return 2
    username = ""
    if kind in ("invitations", "invitations_pdf"):
        username = await bot_username(services, getattr(args, "bot_username", None), language) or ""
        if not username:
            return 2
    target = out if out is not None else Path.cwd()
    try:
        written = await services.exports.write(
            kind,
            target,
            actor="cli",
            broadcast_id=getattr(args, "broadcast", None),
            agency=getattr(args, "agency", None),
            unlinked=getattr(args, "unlinked", False),
            bot_username=username,
        )
    except UnknownBroadcast:
        print(plain(language, "cli.unknown_broadcast", id=args.broadcast), file=sys.stderr)
        return 1
    print(plain(language, "cli.export_written", count=written.rows, path=written.path))
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
                answered=event.answered,
            )
        )
    return 0


__all__ = ["TABLE_KINDS", "add_commands", "run", "bot_username"]
