"""CLI commands of broadcasts and the agenda: `agenda publish FILE` and `broadcasts list`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n import plain
from bot.services import Services
from bot.services.agenda import AgendaFileError, parse_agenda_file


def add_commands(add: Callable[..., Any], actions: Callable[..., Any], h: Callable[[str], str]) -> None:
    """Add the `agenda` and `broadcasts` sub-commands with bot.cli's helpers (add a parser, a group, help text)."""
    agenda = actions("agenda", "agenda")
    add(agenda, "publish", "agenda_publish").add_argument("file", type=Path, metavar="FILE", help=h("agenda_file"))
    add(actions("broadcasts", "broadcasts"), "list", "broadcasts_list")


async def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run an agenda/broadcasts command; None when the command is not one of these."""
    if args.command == "agenda":
        return await publish_agenda(services, args.file, args.lang)
    if args.command == "broadcasts":
        return await list_broadcasts(services, args.lang)
    return None


async def publish_agenda(services: Services, file: Path, language: str) -> int:
    """Publish the file as the next agenda version and print what changed."""
    from bot.cli import check_input
    from handlers.agenda import change_lines

    check_input(file, language)
    try:
        items = parse_agenda_file(file)
    except AgendaFileError as error:
        reason = plain(language, f"agenda_error.{error.reason}", **error.detail)
        print(plain(language, "cli.agenda_refused", name=file.name, reason=reason), file=sys.stderr)
        return 1
    published = await services.agenda.publish(items, actor="cli")
    if published.unchanged:
        print(plain(language, "cli.agenda_unchanged", name=file.name, version=published.version.version))
        return 0
    print(plain(language, "cli.agenda_published", version=published.version.version, count=len(items)))
    if published.previous is None:
        print(plain(language, "agenda.first"))
    elif published.change.empty:
        print(plain(language, "agenda.no_changes", previous=published.previous.version))
    else:
        print(plain(language, "agenda.changes_header", previous=published.previous.version))
        print("\n".join(change_lines(language, published.change)))
        print(plain(language, "cli.agenda_hint"))
    return 0


async def list_broadcasts(services: Services, language: str) -> int:
    """One line per recent broadcast."""
    broadcasts = await services.broadcasts.recent()
    if not broadcasts:
        print(plain(language, "cli.no_broadcasts"))
    for broadcast in broadcasts:
        report = await services.broadcasts.report(broadcast.id)
        counts = report.counts if report else {}
        print(
            plain(
                language,
                "cli.broadcast_line",
                id=broadcast.id,
                status=broadcast.status,
                audience=plain(
                    language, f"broadcast.audience.{broadcast.audience}", agencies=", ".join(broadcast.agencies)
                ),
                created_at=services.broadcasts.describe_time(broadcast.created_at),
                scheduled_for=services.broadcasts.describe_time(broadcast.scheduled_for)
                if broadcast.scheduled_for
                else "—",
                sent=counts.get("sent", 0),
                total=sum(counts.values()),
            )
        )
    return 0
