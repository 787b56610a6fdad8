"""The command menus, shared by the Telegram menu (setMyCommands) and /help so the two never drift apart."""

from __future__ import annotations

from bot.i18n import text

DELEGATE_COMMANDS = ("start", "me", "agenda", "proposal", "myproposals", "nominate", "checkin", "language", "help")
ORGANIZER_COMMANDS = (
    "stats",
    "proposals",
    "nominations",
    "broadcast",
    "broadcasts",
    "agenda_publish",
    "reminders",
    "attendance",
    "walkin",
    "task",
    "tasks",
)


def command_lines(language: str, names: tuple[str, ...]) -> str:
    """ "/name — description" lines from the catalogue."""
    return "\n".join(f"/{name} — {text(language, f'command.{name}')}" for name in names)


def help_text(language: str, organizer: bool) -> str:
    """The /help reply: delegate commands, plus organizer ones for organizers."""
    reply = text(language, "help.delegate") + "\n" + command_lines(language, DELEGATE_COMMANDS)
    if organizer:
        reply += "\n\n" + text(language, "help.organizer") + "\n" + command_lines(language, ORGANIZER_COMMANDS)
    return reply
