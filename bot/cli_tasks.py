"""CLI commands of the organizing committee's plan: `tasks import FILE` and `export tasks --out FILE.xlsx`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n import plain
from bot.services import Services
from bot.services.tasks_file import PlanError, PlanFileError, export_plan, parse_plan


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str], export: Any) -> None:
    """Add `tasks import FILE` and `export tasks --out FILE.xlsx` with bot.cli's helpers."""
    tasks = actions("tasks", "tasks")
    add(tasks, "import", "tasks_import").add_argument("file", type=Path, metavar="FILE.xlsx", help=h("tasks_file"))
    add(export, "tasks", "export_tasks").add_argument(
        "--out", type=Path, required=True, metavar="FILE.xlsx", help=h("out_workbook")
    )


async def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run a tasks command; None when the command is not one of these."""
    if args.command == "tasks":
        return await import_plan(services, args.file, args.lang)
    if args.command == "export" and args.what == "tasks":
        return await export_tasks(services, args.out, args.lang)
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


async def export_tasks(services: Services, out: Path, language: str) -> int:
    """Write the plan workbook."""
    from bot.cli import _write, check_output

    check_output(out, language, (".xlsx",))
    count = await _write(language, out, lambda: export_plan(services.tasks, out, language))
    print(plain(language, "cli.tasks_exported", count=count, path=out))
    return 0
