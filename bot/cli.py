"""Command line: delegate-bot [--config FILE] run | demo | roster import | invites export/print/reissue | export … | events list."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot import cli_broadcast, cli_console
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
    roster = commands.add_parser("roster", help="the delegate roster").add_subparsers(dest="action", required=True)
    roster.add_parser("import", help="import a CSV or XLSX roster").add_argument("file", type=Path)
    cli_console.add_commands(commands)
    cli_broadcast.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the delegate-bot console script."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from bot.sandbox.demo import run_demo  # the sandbox is only loaded when asked for

        return asyncio.run(
            run_demo(delegates=args.delegates, seed=args.seed, language=args.lang, all_reminders=args.all_reminders)
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
        handled = await cli_console.run(args, services)
        if handled is not None:
            return handled
        if args.command == "roster":
            return await import_roster(services, args.file, args.lang)
        return await reissue(services, args.code, args.bot_username, args.lang)
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


async def reissue(services: Services, code: str, given_username: str | None, language: str) -> int:
    """Revoke one delegate's link and print the new one."""
    result = await services.invitations.reissue(code, actor="cli")
    if result is None:
        print(plain(language, "cli.unknown_code", code=code), file=sys.stderr)
        return 1
    delegate, token = result
    username = await cli_console.bot_username(services, given_username, language) or "<bot>"
    print(
        plain(
            language, "cli.reissued", code=delegate.code, full_name=delegate.full_name, link=deep_link(username, token)
        )
    )
    return 0
