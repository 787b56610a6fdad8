"""Command line: delegate-bot [--config FILE] [--lang vi|en] COMMAND … (options also accepted after the command).

Every message, the help included, follows --lang (Vietnamese by default). Expected problems — a missing config, an
output folder that does not exist, an unreadable input, a locked database — print one line and exit non-zero;
tracebacks are left for bugs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.cli import broadcast as cli_broadcast
from bot.cli import console as cli_console
from bot.cli import data as cli_data
from bot.cli import db as cli_db
from bot.cli import tasks as cli_tasks
from bot.clock import SystemClock
from bot.config import ConfigError, Settings, load_settings, resolve_config_path
from bot.config_messages import describe as describe_config_error
from bot.i18n import plain
from bot.services import Services, open_services
from bot.services.invitations import deep_link
from bot.services.roster import WithdrawalOutcome
from bot.services.roster_file import RosterFileError, RowError, parse_roster
from storage.db import DatabaseTooNew, SqliteTooOld
from storage.files import make_process_private

LANGUAGES = ("vi", "en")


class CliError(Exception):
    """An expected problem: one line for the person at the terminal, exit code 1 or 2."""

    def __init__(self, line: str, code: int = 1) -> None:
        super().__init__(line)
        self.code = code


def version() -> str:
    """The installed package's version."""
    try:
        return metadata.version("hoinghi-delegate-bot")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def requested_language(argv: Sequence[str]) -> str:
    """--lang wherever it is on the line (help is built before parsing, so it is looked for first)."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return "vi"


# argparse's own words (usage, errors) for the Vietnamese help; anything not listed stays as argparse has it.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "expected one argument": "cần một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
}


@contextmanager
def _argparse_language(language: str) -> Any:
    """Let argparse speak Vietnamese while the command line is parsed (argparse looks `_` up at call time)."""
    original = argparse._  # type: ignore[attr-defined]
    if language == "vi":
        argparse._ = lambda message: _ARGPARSE_VI.get(message, original(message))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _parser(language: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return plain(language, f"cli.help.{key}")

    # --config and --lang work before or after the command: every parser has them, with no default, so a value
    # given on one level is never overwritten by another level's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=h("config"))
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=h("lang"))
    parser = argparse.ArgumentParser(prog="delegate-bot", description=h("description"), parents=[common])
    parser.add_argument("--version", action="version", version=f"delegate-bot {version()}", help=h("version"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=h("commands"))

    def add(group: Any, name: str, key: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(name, help=h(key), description=h(key), parents=[common])
        return sub

    def actions(name: str, key: str, dest: str = "action") -> Any:
        return add(commands, name, key).add_subparsers(dest=dest, required=True, metavar="ACTION", title=h("actions"))

    add(commands, "run", "run")
    demo = add(commands, "demo", "demo")
    demo.add_argument("--delegates", type=int, default=800, metavar="N", help=h("demo_delegates"))
    demo.add_argument("--seed", type=int, default=7, help=h("demo_seed"))
    demo.add_argument("--cpus", type=int, default=None, metavar="N", help=h("demo_cpus"))
    demo.add_argument("--in-process", action="store_true", help=h("demo_in_process"))
    demo.add_argument("--all-reminders", action="store_true", help=h("demo_all_reminders"))
    demo.add_argument(
        "--transcript", type=Path, default=Path("demo-transcript.txt"), metavar="FILE", help=h("demo_transcript")
    )
    roster = actions("roster", "roster")
    add(roster, "import", "roster_import").add_argument("file", type=Path, metavar="FILE", help=h("roster_file"))
    add(roster, "withdraw", "roster_withdraw").add_argument("code", metavar="CODE", help=h("code"))
    add(roster, "restore", "roster_restore").add_argument("code", metavar="CODE", help=h("code"))
    cli_console.add_commands(add, actions, h)
    cli_broadcast.add_commands(add, actions, h)
    cli_tasks.add_commands(add, actions, h)
    cli_db.add_commands(add, actions, h)
    cli_data.add_commands(add, actions, h)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse in the requested language; --config/--lang end up on the namespace wherever they were given."""
    language = requested_language(argv)
    with _argparse_language(language):
        args = _parser(language).parse_args(list(argv))
    args.config = getattr(args, "config", None)
    args.lang = getattr(args, "lang", language)
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of the delegate-bot console script."""
    make_process_private()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    language = args.lang
    if args.command == "demo":
        from bot.sandbox.demo import run_demo  # the sandbox is only loaded when asked for

        return asyncio.run(
            run_demo(
                delegates=args.delegates,
                seed=args.seed,
                language=language,
                all_reminders=args.all_reminders,
                transcript=args.transcript,
                cpus=args.cpus,
                separate=not args.in_process,
            )
        )
    try:
        settings = _settings(args)
        if args.command == "run":
            from bot.telegram.runner import run_bot

            return run_bot(settings, language)
        if args.command == "db":
            return cli_db.run(args, settings, print, CliError)
        if args.command == "data":
            return asyncio.run(cli_data.run(args, settings, CliError))
        return asyncio.run(_offline(args, settings))
    except CliError as error:
        print(error, file=sys.stderr)
        return error.code
    except (DatabaseTooNew, SqliteTooOld) as error:
        from bot.telegram.runner import database_too_new

        print(database_too_new(error, language), file=sys.stderr)
        return 1


def _settings(args: argparse.Namespace) -> Settings:
    path = resolve_config_path(args.config, os.environ)
    try:
        return load_settings(path, require_token=args.command == "run")
    except ConfigError as error:
        if not path.exists():
            raise CliError(plain(args.lang, "cli.no_config", path=path), 2) from None
        raise CliError(plain(args.lang, "cli.bad_config", error=describe_config_error(error, args.lang)), 2) from None


async def _offline(args: argparse.Namespace, settings: Settings) -> int:
    """Commands that work on the database alone (invites may ask Telegram for the bot's username)."""
    language = args.lang
    try:
        services = await open_services(settings, SystemClock())
    except sqlite3.Error as error:
        raise _database_error(error, settings, language) from None
    try:
        return await _dispatch(args, services)
    except sqlite3.Error as error:
        raise _database_error(error, settings, language) from None
    finally:
        await services.db.close()


def _database_error(error: sqlite3.Error, settings: Settings, language: str) -> CliError:
    path = settings.database.path
    if "locked" in str(error) or "busy" in str(error):
        return CliError(plain(language, "cli.db_locked", path=path))
    return CliError(plain(language, "cli.db_error", path=path, reason=error))


async def _dispatch(args: argparse.Namespace, services: Services) -> int:
    language = args.lang
    handled = await cli_broadcast.run(args, services)
    if handled is None:
        handled = await cli_tasks.run(args, services)
    if handled is not None:
        return handled
    if args.command == "roster" and args.action == "import":
        return await import_roster(services, args.file, language)
    if args.command == "roster":
        return await withdraw_or_restore(services, args.action, args.code, language)
    handled = await cli_console.run(args, services)
    if handled is not None:
        return handled
    return await reissue(services, args.code, args.bot_username, language)


def describe_errors(errors: list[RowError], language: str) -> list[str]:
    """One line per roster error, in the organizer's language."""
    lines = []
    for error in errors:
        reason = plain(language, f"roster_error.{error.reason}", **error.detail)
        key = "cli.roster_row" if error.row is not None else "cli.roster_file"
        lines.append(plain(language, key, row=error.row or "", reason=reason))
    return lines


def check_input(path: Path, language: str) -> None:
    """Refuse an input file that is missing or cannot be read, in one line."""
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise CliError(plain(language, "cli.cannot_read", path=path, reason=error.strerror or error)) from None


async def import_roster(services: Services, file: Path, language: str) -> int:
    """Parse and import a roster; refuse it whole on any error."""
    check_input(file, language)
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


async def withdraw_or_restore(services: Services, action: str, code: str, language: str) -> int:
    """`roster withdraw CODE` / `roster restore CODE`."""
    change = services.roster.withdraw if action == "withdraw" else services.roster.restore
    result = await change("cli", code=code)
    if result.outcome is WithdrawalOutcome.UNKNOWN or result.delegate is None:
        raise CliError(plain(language, "cli.unknown_code", code=code))
    delegate = result.delegate
    if result.outcome is WithdrawalOutcome.UNCHANGED:
        print(plain(language, f"cli.{action}_unchanged", code=delegate.code, full_name=delegate.full_name))
        return 0
    key = "cli.restored_relinked" if result.relinked else f"cli.{action}_done"
    print(plain(language, key, code=delegate.code, full_name=delegate.full_name))
    return 0


async def fetch_username(settings: Settings) -> str:
    """Ask Telegram (one getMe) for the bot's @username."""
    from telegram import Bot

    async with Bot(
        settings.telegram.token, base_url=settings.telegram.base_url, base_file_url=settings.telegram.base_file_url
    ) as bot:
        return bot.username


async def bot_username(services: Services, given: str | None, language: str) -> str:
    """The bot's @username: --bot-username, else the one the bot stored, else one getMe when the token is set.

    Raises CliError (nothing done yet) when it cannot be known. Shared by every command that prints links.
    """
    if given:
        return given.lstrip("@")
    async with services.db.read() as uow:
        stored = await uow.meta.get("bot_username")
    if stored:
        return stored
    settings = services.settings
    if not settings.telegram.token:
        raise CliError(plain(language, "cli.no_username"), 2)
    from telegram.error import TelegramError

    from bot.telegram.logging_setup import redact

    try:
        username = await fetch_username(settings)
    except TelegramError as error:
        reason = redact(error.message, [settings.telegram.token])
        raise CliError(plain(language, "cli.getme_failed", reason=reason)) from None
    async with services.db.transaction() as uow:
        await uow.meta.put("bot_username", username)
    return username


def check_output(out: Path, language: str, suffixes: tuple[str, ...]) -> None:
    """Refuse, in one line, an output with the wrong suffix or in a folder that does not exist (a folder is fine)."""
    if out.is_dir():
        return
    if out.suffix.lower() not in suffixes:
        raise CliError(plain(language, "cli.bad_suffix", path=out, allowed=" / ".join(suffixes)), 2)
    if not out.parent.is_dir():
        raise CliError(plain(language, "cli.no_folder", path=out, folder=out.parent), 2)


async def write_file(language: str, out: Path, write: Callable[[], Any]) -> Any:
    """Run a write; an OSError becomes one line."""
    try:
        return await write()
    except OSError as error:
        raise CliError(plain(language, "cli.cannot_write", path=out, reason=error.strerror or error)) from None


async def reissue(services: Services, code: str, given_username: str | None, language: str) -> int:
    """Revoke one delegate's link and print the new one; refuses before revoking when the username is unknown."""
    username = await bot_username(services, given_username, language)
    result = await services.invitations.reissue(code, actor="cli")
    if result is None:
        raise CliError(plain(language, "cli.unknown_code", code=code))
    delegate, token = result
    print(
        plain(
            language, "cli.reissued", code=delegate.code, full_name=delegate.full_name, link=deep_link(username, token)
        )
    )
    return 0
