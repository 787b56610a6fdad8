"""What the hall screen shows (issue 11): delegates present / expected, total and by agency, and the questions the
moderators approved, in the presidium's order; and the page's secret path (configured, or made once and kept).

The page itself is `bot/hall_screen.py` (tornado, in the bot's process); this module knows nothing of HTTP. A
question's asker is shown only when the delegate agreed to have their name read out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.config import HallScreenSettings
from bot.services.checkins import Attendance, CheckinService
from bot.services.questions import QuestionService
from storage.db import Database
from storage.models import Event

PATH_KEY = "hall_screen_path:{event}"
SHOWN_QUESTIONS = 10


@dataclass(frozen=True)
class ScreenQuestion:
    """One approved question as the hall sees it."""

    number: int
    topic: str  # the topic's Vietnamese name
    text: str
    name: str | None  # the asker's name and agency, only when the delegate agreed to be named
    agency: str | None
    support: int  # delegates who support it, plus the questions merged into it


@dataclass(frozen=True)
class HallSnapshot:
    """Everything the page shows at one moment."""

    event_name: str
    attendance: Attendance
    questions: tuple[ScreenQuestion, ...]
    waiting: int  # approved questions beyond those shown
    at: datetime


class HallScreenService:
    """Read-only figures for the hall screen and the secret part of its address."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        event: Event,
        settings: HallScreenSettings,
        checkins: CheckinService,
        questions: QuestionService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.settings = settings
        self._checkins = checkins
        self._questions = questions

    async def path(self) -> str:
        """The configured path, else a random one (secrets.token_urlsafe(24): 32 characters) made once and kept."""
        if self.settings.path:
            return self.settings.path
        key = PATH_KEY.format(event=self._event.id)
        async with self._db.transaction() as uow:
            path = await uow.meta.get(key)
            if not path:
                path = secrets.token_urlsafe(24)
                await uow.meta.put(key, path)
        return path

    async def url(self) -> str:
        """The address the hall's computer opens (public_url, else http://<listen>), ending in "/"."""
        base = self.settings.public_url or f"http://{self.settings.listen}"
        return f"{base}/{await self.path()}/"

    async def snapshot(self) -> HallSnapshot:
        """Present / expected by agency and the approved questions in the presidium's order."""
        attendance = await self._checkins.attendance()
        ranked = await self._questions.ranked()
        shown = tuple(
            ScreenQuestion(
                number=r.question.id,
                topic=self._questions.topic_label(r.question.topic, "vi"),
                text=r.question.text,
                name=r.delegate.full_name if r.question.read_name else None,
                agency=(r.delegate.agency or "—") if r.question.read_name else None,
                support=r.support + r.merged,
            )
            for r in ranked[:SHOWN_QUESTIONS]
        )
        return HallSnapshot(
            self._event.name, attendance, shown, max(0, len(ranked) - SHOWN_QUESTIONS), self._clock.now()
        )
