"""The command menus per role, shared by the Telegram menu (setMyCommands), /help and the role greeting of /start.

Roles come from bot/telegram/roles.py; each role's commands are listed once here (in `ROLE_COMMANDS`, in menu order). A user's
menu is the delegate commands followed by the commands of every role they hold, in the language they read.
A role without an entry has no extra commands; an agency contact gets /stats (their agencies) beside the roll-ups.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from bot.i18n import text
from bot.telegram.roles import ADMIN, AGENCY_CONTACT, CHAIR, COMMITTEE, MODERATOR, ROLE_SOURCES, STAFF

DELEGATE_COMMANDS: Final = (
    "start",
    "me",
    "agenda",
    "proposal",
    "myproposals",
    "nominate",
    "checkin",
    "question",
    "questions",
    "ask",
    "language",
    "help",
)
ORGANIZER_COMMANDS: Final = (
    "stats",
    "delegate",
    "proposals",
    "nominations",
    "broadcast",
    "broadcasts",
    "agenda_publish",
    "calendar",
    "reminders",
    "attendance",
    "walkin",
    "moderate",
    "presidium",
    "inquiries",
    "faq",
    "export",
    "audit",
    "task",
    "tasks",
    "myid",
)
STAFF_COMMANDS: Final = ("stats", "attendance", "walkin", "inquiries", "myid")
AGENCY_CONTACT_COMMANDS: Final = ("stats",)  # their own agencies' figures
COMMITTEE_COMMANDS: Final = ("tasks", "myid")
CHAIR_COMMANDS: Final = ("task", "tasks", "myid")
MODERATOR_COMMANDS: Final = ("moderate", "presidium", "myid")
ROLE_COMMANDS: Final[dict[str, tuple[str, ...]]] = {
    ADMIN: ORGANIZER_COMMANDS,
    STAFF: STAFF_COMMANDS,
    AGENCY_CONTACT: AGENCY_CONTACT_COMMANDS,
    COMMITTEE: COMMITTEE_COMMANDS,
    CHAIR: CHAIR_COMMANDS,
    MODERATOR: MODERATOR_COMMANDS,
}


def role_commands(roles: Iterable[str]) -> tuple[str, ...]:
    """The extra commands of the roles a user holds, in the order roles are listed, without repeats."""
    held = set(roles)
    names: list[str] = []
    for role in ROLE_SOURCES:
        if role in held:
            names += [name for name in ROLE_COMMANDS.get(role, ()) if name not in names]
    return tuple(names)


def menu(roles: Iterable[str]) -> tuple[str, ...]:
    """Every command of a user's menu: the delegate commands, then those of their roles."""
    return DELEGATE_COMMANDS + tuple(name for name in role_commands(roles) if name not in DELEGATE_COMMANDS)


def role_names(language: str, roles: Iterable[str]) -> str:
    """ "quản trị viên của Ban Tổ chức, cán bộ phục vụ" — the roles a user holds, as words."""
    held = set(roles)
    if held & {ADMIN, CHAIR}:
        held.discard(COMMITTEE)  # admins and the chair are committee members by definition
    return ", ".join(text(language, f"role.{role}") for role in ROLE_SOURCES if role in held)


def command_lines(language: str, names: tuple[str, ...]) -> str:
    """ "/name — description" lines from the catalogue."""
    return "\n".join(f"/{name} — {text(language, f'command.{name}')}" for name in names)


def help_text(language: str, roles: Iterable[str] = ()) -> str:
    """The /help reply: delegate commands, plus those of the user's roles."""
    held = set(roles)
    reply = text(language, "help.delegate") + "\n" + command_lines(language, DELEGATE_COMMANDS)
    extra = role_commands(held)
    if extra:
        reply += "\n\n" + text(language, "help.roles", roles=role_names(language, held))
        reply += "\n" + command_lines(language, extra)
    return reply
