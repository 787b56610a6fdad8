"""Per-user flood control: one user sending dozens of messages or taps in a few seconds cannot slow everyone.

Each user (organizers and staff excepted) has a token bucket of `BURST` updates refilled at `PER_SECOND`. An update that finds
the bucket empty is dropped before any handler runs (no database work, no reply, nothing drawn from the bot-wide
send budget), and the first one dropped in an episode gets ONE notice in the user's language. The episode ends
when the user has been quiet long enough for the bucket to fill up again.

Updates are judged when they arrive (`UserOrderedProcessor.on_arrival`), not when their turn comes: one user's
updates are handled in order, each waiting for the previous one's reply, and replies to one chat go out at about one
a second — judged at their turn, a flood would reach the guard one update a second and never look like one. The
notice is sent at arrival too, ahead of the replies still queued for that chat; the group -1 handler then drops what
was judged so.

Also here: `NoticeThrottle`, which lets a notice about the same subject through at most once per period (misuse
notices to organizers: one per delegate per hour).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.i18n import text
from bot.telegram.context import BotContext
from bot.telegram.rate_limit import URGENT
from bot.telegram.roles import ADMIN, STAFF, roles_of
from bot.telegram.updates import UserOrderedProcessor

log = logging.getLogger(__name__)

BURST = 20.0  # updates a user may send at once (a quick series of taps through a flow is fine): [telegram] flood_burst
PER_SECOND = 1.0  # then one a second: [telegram] flood_per_minute = 60
NOTICE_PERIOD = 3600.0  # seconds: misuse notices about one delegate
MAX_JUDGED = 100_000  # verdicts kept for updates waiting for their turn
FRESH_SECONDS = 10.0  # a message older than this when it arrives was kept by Telegram while the bot was away


@dataclass
class _User:
    tokens: float
    updated: float
    noticed: bool = False


class FloodGuard:
    """Decides whether one user's update is handled, dropped, or dropped with the one notice."""

    def __init__(
        self,
        exempt: Callable[[int], bool] = lambda _user_id: False,
        *,
        burst: float = BURST,
        per_second: float = PER_SECOND,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._exempt = exempt
        self._wall = wall
        self._burst = burst
        self._rate = per_second
        self._monotonic = monotonic
        self._users: dict[int, _User] = {}
        self._verdicts: dict[int, str] = {}  # update_id -> the verdict given at arrival, until the update's turn
        self.dropped = 0

    def arrived(self, update: Update) -> str | None:
        """Judge an update the moment it arrives; return the verdict (None: not judged now). Its turn in
        `guard_update` gets the same verdict, a notice excepted (sent at arrival, never twice).

        A message sent more than FRESH_SECONDS before it arrived (Telegram's `date`) is not judged now: it is part of
        a backlog Telegram kept during a restart or an outage, all handed over at once, which says nothing about how
        fast its sender typed; it is judged at its turn, as the bot takes it. (A server clock more than that off
        Telegram's makes every message look old: the guard then judges at each update's turn, never wrongly.)"""
        user = update.effective_user
        if user is None:
            return None
        message = update.message
        if message is not None and self._wall() - message.date.timestamp() > FRESH_SECONDS:
            return None
        verdict = self.check(user.id)
        if len(self._verdicts) >= MAX_JUDGED:  # updates that never reached their turn (a stop): forget the oldest
            del self._verdicts[next(iter(self._verdicts))]
        self._verdicts[update.update_id] = "drop" if verdict == "drop_and_notify" else verdict
        return verdict

    def verdict(self, update: Update, user_id: int) -> str:
        """The verdict given when the update arrived; one given now for an update that did not come through the
        arrival queue (e.g. handed to `Application.process_update` directly)."""
        return self._verdicts.pop(update.update_id, None) or self.check(user_id)

    def check(self, user_id: int) -> str:
        """ "pass", "drop_and_notify" (the first drop of an episode) or "drop"."""
        if self._exempt(user_id):
            return "pass"
        now = self._monotonic()
        user = self._users.get(user_id)
        if user is None:
            user = self._users[user_id] = _User(self._burst, now)
            if len(self._users) > 10_000:
                self._forget_quiet(now)
        user.tokens = min(self._burst, user.tokens + (now - user.updated) * self._rate)
        user.updated = now
        if user.tokens >= self._burst:
            user.noticed = False  # quiet long enough: a new episode may get a new notice
        if user.tokens >= 1.0:
            user.tokens -= 1.0
            return "pass"
        self.dropped += 1
        if user.noticed:
            return "drop"
        user.noticed = True
        return "drop_and_notify"

    def _forget_quiet(self, now: float) -> None:
        quiet = [uid for uid, u in self._users.items() if u.tokens + (now - u.updated) * self._rate >= self._burst]
        for uid in quiet:
            del self._users[uid]


class NoticeThrottle:
    """At most one notice per subject per `period` seconds."""

    def __init__(self, period: float = NOTICE_PERIOD, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._period = period
        self._monotonic = monotonic
        self._last: dict[Hashable, float] = {}

    def allow(self, subject: Hashable) -> bool:
        """True (and remember it) unless a notice about this subject went out less than `period` ago."""
        now = self._monotonic()
        last = self._last.get(subject)
        if last is not None and now - last < self._period:
            return False
        self._last[subject] = now
        return True


async def guard_update(update: Update, context: BotContext) -> None:
    """Group -1: drop a flooding user's update before any handler sees it."""
    user = update.effective_user
    guard: FloodGuard | None = context.bot_data.flood_guard
    if user is None or guard is None:
        return
    verdict = guard.verdict(update, user.id)
    if verdict == "pass":
        return
    if verdict == "drop_and_notify":
        await _notify(context.application, update)
    raise ApplicationHandlerStop


async def _notify(app: Application, update: Update) -> None:  # type: ignore[type-arg]
    """The one notice of a flooding episode, ahead of the replies already queued for the chat."""
    user, chat = update.effective_user, update.effective_chat
    if user is None:
        return
    log.warning("user %s is flooding the bot; their updates are ignored for a while", user.id)
    services = app.bot_data.services
    if chat is None or chat.type != "private" or services is None:
        return
    try:
        language = await services.users.language(user.id, user.language_code)
        await app.bot.send_message(chat.id, text(language, "flood.notice"), rate_limit_args=URGENT)
    except TelegramError as error:
        log.info("could not send the flood notice to %s: %s", user.id, error.message)


def register(app: Application) -> None:
    """Install the guard ahead of every other handler (group -1); organizers and staff are never slowed."""
    roles = roles_of(app)
    settings = app.bot_data.settings
    burst, per_second = BURST, PER_SECOND
    if settings is not None:
        burst, per_second = float(settings.telegram.flood_burst), settings.telegram.flood_per_minute / 60.0
    app.bot_data.flood_guard = FloodGuard(
        lambda user_id: roles.allows(user_id, (ADMIN, STAFF)), burst=burst, per_second=per_second
    )
    app.bot_data.misuse_notices = NoticeThrottle()

    def judge_on_arrival(update: object) -> None:
        guard = app.bot_data.flood_guard
        if isinstance(update, Update) and guard is not None and guard.arrived(update) == "drop_and_notify":
            app.create_task(_notify(app, update), name="flood-notice")

    processor = app.update_processor
    if isinstance(processor, UserOrderedProcessor):
        processor.on_arrival(judge_on_arrival)
    app.add_handler(TypeHandler(Update, guard_update), group=-1)  # type: ignore[arg-type]
