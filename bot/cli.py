"""Command line: delegate-bot [--config FILE] run | demo | roster import | invites export/reissue | export rsvps/proposals/nominations."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot import cli_broadcast
from bot.clock import SystemClock
from bot.config import ConfigError, Settings, load_settings, resolve_config_path
from bot.i18n import plain
from bot.services import Services, open_services
from bot.services.invitations import deep_link
from bot.services.roster_file import RosterFileError, RowError, parse_roster


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="delegate-bot", description="Hội nghị bot — delegate communication")
    parser.add_argument("--config", help="config file (default: $DELEGATE_BOT_CONFIG or ./config.toml)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of this command's output")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the bot (polling or webhook, as configured)")
    demo = commands.add_parser("demo", help="rehearse the conference on a local sandbox (no token, no network)")
    demo.add_argument("--delegates", type=int, default=800)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument(
        "--all-reminders",
        action="store_true",
        help="also send the attendance and proposals reminders (adds about a minute)",
    )
    demo.add_argument(
        "--transcript",
        type=Path,
        default=Path("demo-transcript.txt"),
        help="where to write the messages one delegate, one agency contact and the organizer received",
    )
    roster = commands.add_parser("roster", help="the delegate roster").add_subparsers(dest="action", required=True)
    roster.add_parser("import", help="import a CSV or XLSX roster").add_argument("file", type=Path)
    invites = commands.add_parser("invites", help="personal links").add_subparsers(dest="action", required=True)
    export_links = invites.add_parser("export", help="write every delegate's personal link (.csv/.xlsx)")
    export_links.add_argument("--out", type=Path, required=True)
    export_links.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    reissue_link = invites.add_parser("reissue", help="revoke a delegate's link and make a new one")
    reissue_link.add_argument("code")
    reissue_link.add_argument("--bot-username", help="the bot's @username, if the bot has never run")
    export = commands.add_parser("export", help="tables for organizers").add_subparsers(dest="what", required=True)
    export.add_parser("rsvps", help="every delegate's answer (.csv/.xlsx)").add_argument(
        "--out", type=Path, required=True
    )
    export.add_parser("proposals", help="proposals by topic with a summary (.xlsx)").add_argument(
        "--out", type=Path, required=True
    )
    export.add_parser("nominations", help="nominees ranked, by agency, and every nomination (.xlsx)").add_argument(
        "--out", type=Path, required=True
    )
    cli_broadcast.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the delegate-bot console script."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from bot.sandbox.demo import run_demo  # the sandbox is only loaded when asked for

        return asyncio.run(
            run_demo(
                delegates=args.delegates,
                seed=args.seed,
                language=args.lang,
                all_reminders=args.all_reminders,
                transcript=args.transcript,
            )
        )
    try:
        settings = load_settings(resolve_config_path(args.config, os.environ), require_token=args.command == "run")
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if args.command == "run":
        from bot.runner import run_bot

        return run_bot(settings, args.lang)
    return asyncio.run(_offline(args, settings))


async def _offline(args: argparse.Namespace, settings: Settings) -> int:
    """Commands that work on the database alone."""
    services = await open_services(settings, SystemClock())
    try:
        handled = await cli_broadcast.run(args, services)
        if handled is not None:
            return handled
        if args.command == "roster":
            return await import_roster(services, args.file, args.lang)
        if args.command == "invites" and args.action == "export":
            return await export_invites(services, args.out, args.bot_username, args.lang)
        if args.command == "invites":
            return await reissue(services, args.code, args.bot_username, args.lang)
        if args.command == "export" and args.what in ("proposals", "nominations"):
            return await export_workbook(services, args.what, args.out, args.lang)
        return await export_rsvps(services, args.out, args.lang)
    finally:
        await services.db.close()


def describe_errors(errors: list[RowError], language: str) -> list[str]:
    """One line per roster error, in the organizer's language."""
    lines = []
    for error in errors:
        reason = plain(language, f"roster_error.{error.reason}", **error.detail)
        key = "cli.roster_row" if error.row is not None else "cli.roster_file"
        lines.append(plain(language, key, row=error.row or "", reason=reason))
    return lines


async def import_roster(services: Services, file: Path, language: str) -> int:
    """Parse and import a roster; refuse it whole on any error."""
    try:
        entries = parse_roster(file)
        report = await services.roster.import_entries(entries, actor="cli")
    except RosterFileError as error:
        print(plain(language, "cli.roster_refused", name=file.name, count=len(error.errors)), file=sys.stderr)
        print("\n".join(describe_errors(error.errors, language)), file=sys.stderr)
        return 1
    print(
        plain(
            language,
            "cli.roster_imported",
            name=file.name,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            missing=report.missing,
        )
    )
    return 0


async def _bot_username(services: Services, given: str | None, language: str) -> str | None:
    if given:
        return given.lstrip("@")
    async with services.db.read() as uow:
        stored = await uow.meta.get("bot_username")
    if not stored:
        print(plain(language, "cli.no_username"), file=sys.stderr)
    return stored


def _check_output(out: Path, language: str) -> bool:
    if out.suffix.lower() in (".csv", ".xlsx"):
        return True
    print(plain(language, "cli.bad_output", path=out), file=sys.stderr)
    return False


async def export_invites(services: Services, out: Path, given_username: str | None, language: str) -> int:
    """Write the personal links table."""
    username = await _bot_username(services, given_username, language)
    if not username or not _check_output(out, language):
        return 2
    count = await services.exports.export_invites(out, username)
    print(plain(language, "cli.export_done", count=count, path=out))
    return 0


async def reissue(services: Services, code: str, given_username: str | None, language: str) -> int:
    """Revoke one delegate's link and print the new one."""
    result = await services.invitations.reissue(code, actor="cli")
    if result is None:
        print(plain(language, "cli.unknown_code", code=code), file=sys.stderr)
        return 1
    delegate, token = result
    username = await _bot_username(services, given_username, language) or "<bot>"
    print(
        plain(
            language, "cli.reissued", code=delegate.code, full_name=delegate.full_name, link=deep_link(username, token)
        )
    )
    return 0


async def export_rsvps(services: Services, out: Path, language: str) -> int:
    """Write the answers table."""
    if not _check_output(out, language):
        return 2
    count = await services.exports.export_rsvps(out)
    print(plain(language, "cli.export_done", count=count, path=out))
    return 0


async def export_workbook(services: Services, what: str, out: Path, language: str) -> int:
    """Write the proposals or nominations workbook for the committee."""
    if out.suffix.lower() != ".xlsx":
        print(plain(language, "cli.bad_workbook", path=out), file=sys.stderr)
        return 2
    if what == "proposals":
        count = await services.proposal_review.export(out)
    else:
        count = await services.nominations.export(out)
    print(plain(language, f"cli.export_{what}_done", count=count, path=out))
    return 0
