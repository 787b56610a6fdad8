"""CLI command of the organizing committee's plan: `tasks import FILE` (`export tasks` is one of bot/cli/console.py's
exports, written by bot.services.exports like every other file)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n import plain
from bot.services import Services
from bot.services.tasks_file import PlanError, PlanFileError, parse_plan


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str]) -> None:
    """Add `tasks import FILE` with bot.cli's helpers."""
    tasks = actions("tasks", "tasks")
    add(tasks, "import", "tasks_import").add_argument("file", type=Path, metavar="FILE.xlsx", help=h("tasks_file"))


async def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run a tasks command; None when the command is not one of these."""
    if args.command == "tasks":
        return await import_plan(services, args.file, args.lang)
    return None


def describe(errors: list[PlanError], language: str) -> list[str]:
    """One line per refused row (or file problem)."""
    lines = []
    for error in errors:
        reason = plain(language, f"task_error.{error.reason}", **error.detail)
        key = "cli.tasks_row" if error.row is not None else "cli.tasks_file"
        lines.append(plain(language, key, row=error.row or "", reason=reason))
    return lines


async def import_plan(services: Services, file: Path, language: str) -> int:
    """Import the plan; any bad row refuses it whole, listing every bad row with its number."""
    from bot.cli import check_input

    check_input(file, language)
    tasks = services.tasks
    try:
        rows = parse_plan(file, tasks.members(), tasks.zone)
    except PlanFileError as error:
        print(plain(language, "cli.tasks_refused", name=file.name, count=len(error.errors)), file=sys.stderr)
        print("\n".join(describe(error.errors, language)), file=sys.stderr)
        return 1
    report = await tasks.import_rows(rows, actor="cli")
    print(
        plain(
            language,
            "cli.tasks_imported",
            name=file.name,
            created=len(report.created),
            updated=len(report.updated),
            unchanged=report.unchanged,
        )
    )
    return 0
