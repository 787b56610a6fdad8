"""Who may do what: every role is a `filters.User` built once from the config, and every gate is made here.

Roles today:

- ``admin`` — ``[telegram] organizers`` (the organizing committee's secretariat: every organizer command);
- ``staff`` — ``[telegram] staff`` (check-in desk, secretariat helpers: /stats only for now);
- ``agency_contact`` — the user ids of ``[reminders.agency_contacts]``;
- ``everyone`` — anybody in a private chat (delegates, strangers): used to say so explicitly.

A handler never checks a role by hand. It is registered with a gate, so an update from someone without the role
matches nothing and falls through to the catch-all handlers in `handlers/fallback.py`: the unknown-command reply for
commands, the one stale-button alert for buttons, the "use the buttons" hint for typed text. By construction a
refusal looks exactly like a command or button the bot does not know, and reveals nothing. ::

    roles = roles_of(app)
    app.add_handler(CommandHandler("stats", stats, filters=roles.command(ADMIN, STAFF)))
    app.add_handler(roles.button(STATS_PAGE, on_page, ADMIN, STAFF))     # STATS_PAGE: a bot.telegram.routing.Button
    add_route(app, "broadcast", on_text, ADMIN)                           # typed answers (handlers/text_input.py)

To add a role (say ``committee`` for the organizing committee's members): add its name below, add one entry to
`ROLE_SOURCES` reading its user ids from `Settings`, and list it in the gates of the handlers it may use; then add
it to the expectations table of `tests/test_access_matrix.py` (the test fails until every handler says what the new
role gets). Nothing else changes. A role whose members change at run time (read from the database) keeps the same
`filters.User` and calls `Roles.set_members` — PTB's `filters.User` is safe to update while handlers run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from telegram import Update
from telegram.ext import Application, BaseHandler, filters

from bot.telegram.routing import PRIVATE, Button, ButtonHandler

if TYPE_CHECKING:
    from bot.config import Settings

ADMIN: Final = "admin"
STAFF: Final = "staff"
AGENCY_CONTACT: Final = "agency_contact"
MODERATOR: Final = "moderator"  # staff who moderate the questions to the presidium ([conference_day] moderators)
EVERYONE: Final = "everyone"
# The organizing committee's plan (issue 13): members of [[committee.members]], the organizers and the chair; the
# chair ([committee] chair) also manages the plan like an admin and receives escalations.
COMMITTEE: Final = "committee"
CHAIR: Final = "chair"

# Where each role's members come from. Order is the order roles are listed in (help, tests).
ROLE_SOURCES: dict[str, Callable[[Settings], Iterable[int]]] = {
    ADMIN: lambda settings: settings.telegram.organizers,
    STAFF: lambda settings: settings.telegram.staff,
    AGENCY_CONTACT: lambda settings: (user_id for _, user_id in settings.reminders.agency_contacts),
    MODERATOR: lambda settings: settings.conference_day.moderators,
    COMMITTEE: lambda settings: {
        *(member.user_id for member in settings.committee.members),
        *settings.telegram.organizers,
        *((settings.committee.chair,) if settings.committee.chair else ()),
    },
    CHAIR: lambda settings: (settings.committee.chair,) if settings.committee.chair else (),
}


class Roles:
    """The members of every role as `filters.User`, and the gates built from them."""

    def __init__(self, members: Mapping[str, Iterable[int]]) -> None:
        if EVERYONE in members:
            raise ValueError(f"{EVERYONE!r} is not a role with members")
        self._users: dict[str, filters.User] = {
            name: filters.User(user_id=list(ids), allow_empty=False) for name, ids in members.items()
        }

    @classmethod
    def from_settings(cls, settings: Settings) -> Roles:
        """Every role of `ROLE_SOURCES`, read from the config."""
        return cls({name: list(source(settings)) for name, source in ROLE_SOURCES.items()})

    @property
    def names(self) -> tuple[str, ...]:
        """The roles with members (not ``everyone``)."""
        return tuple(self._users)

    def users(self, name: str) -> filters.User:
        """The `filters.User` of one role."""
        try:
            return self._users[name]
        except KeyError:
            raise KeyError(f"unknown role {name!r}; roles: {', '.join(self._users)}") from None

    def members(self, name: str) -> frozenset[int]:
        """The user ids holding a role."""
        return self.users(name).user_ids

    def set_members(self, name: str, user_ids: Iterable[int]) -> None:
        """Replace a role's members while the bot runs (thread-safe in PTB)."""
        users = self.users(name)
        users.user_ids = frozenset(user_ids)  # type: ignore[assignment]

    def of(self, user_id: int | None) -> frozenset[str]:
        """The roles a user holds."""
        if user_id is None:
            return frozenset()
        return frozenset(name for name, users in self._users.items() if user_id in users.user_ids)

    def allows(self, user_id: int | None, names: Iterable[str]) -> bool:
        """Whether a user holds one of the roles (``everyone`` allows anybody)."""
        wanted = _checked(names)
        if EVERYONE in wanted:
            return True
        return user_id is not None and any(user_id in self.users(name).user_ids for name in wanted)

    def command(self, *names: str) -> filters.BaseFilter:
        """The filter for a CommandHandler/MessageHandler: a new message in a private chat from one of the roles."""
        wanted = _checked(names)
        if EVERYONE in wanted:
            return PRIVATE
        gate: filters.BaseFilter = self.users(wanted[0])
        for name in wanted[1:]:
            gate = gate | self.users(name)
        return PRIVATE & gate

    def button(self, button: Button, callback: Any, *names: str) -> BaseHandler[Update, Any, Any]:
        """The handler for one button format, for the roles given (others get the stale-button alert)."""
        wanted = _checked(names)
        if EVERYONE in wanted:
            return ButtonHandler(button, callback)
        return ButtonHandler(button, callback, lambda user_id: self.allows(user_id, wanted))


def _checked(names: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(names)
    if not wanted:
        raise ValueError(f"name the roles a handler is for (use {EVERYONE!r} for anybody)")
    return wanted


def roles_of(app: Application) -> Roles:
    """The application's roles (built in bot.telegram.app.build_application before any handler registers)."""
    roles = app.bot_data.roles
    if roles is None:
        raise RuntimeError("roles are built in build_application before the handler modules register")
    return roles  # type: ignore[no-any-return]
