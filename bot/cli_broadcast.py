"""CLI commands of broadcasts and the agenda: `agenda publish FILE` and `broadcasts list`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.i18n import plain
from bot.services import Services
from bot.services.agenda import AgendaFileError, parse_agenda_file


def add_commands(commands: Any) -> None:
    """Add the `agenda` and `broadcasts` sub-commands to the CLI parser."""
    agenda = commands.add_parser("agenda", help="the conference agenda").add_subparsers(dest="action", required=True)
    agenda.add_parser("publish", help="publish a new version from .txt/.md, .toml or .xlsx").add_argument(
        "file", type=Path
    )
    listing = commands.add_parser("broadcasts", help="organizer messages").add_subparsers(dest="action", required=True)
    listing.add_parser("list", help="the latest broadcasts with their state and counts")


async def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run an agenda/broadcasts command; None when the command is not one of these."""
    if args.command == "agenda":
        return await publish_agenda(services, args.file, args.lang)
    if args.command == "broadcasts":
        return await list_broadcasts(services, args.lang)
    return None


async def publish_agenda(services: Services, file: Path, language: str) -> int:
    """Publish the file as the next agenda version and print what changed."""
    from handlers.agenda import change_lines

    try:
        items = parse_agenda_file(file)
    except AgendaFileError as error:
        print(plain(language, "cli.agenda_refused", name=file.name, reason=error), file=sys.stderr)
        return 1
    published = await services.agenda.publish(items, actor="cli")
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
