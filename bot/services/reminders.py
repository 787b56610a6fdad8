"""Reminders scheduled from the event's own dates: the schedule, its control, and who would receive each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import ReminderSettings
from bot.config_parse import typed_moment
from bot.services.cleaning import normalise
from storage.db import Database
from storage.models import Event
from storage.reminder_models import Reminder, ReminderKind, ReminderRecipient

NOW_WORDS = ("ngay", "now", "bây giờ")
AUDIENCES = ("all", "unanswered", "attending", "declined")
_KIND_AUDIENCE = {"rsvp": "unanswered", "attendance": "attending", "proposals": "no_proposals"}
_UNIT = {"d": "days", "h": "hours", "m": "minutes"}
_OPEN = ("scheduled", "paused")
TEXT_LIMIT = 1500


def parse_offset(text: str) -> timedelta:
    """timedelta(days=7) from "7d" ("h" hours, "m" minutes)."""
    match = re.fullmatch(r"(\d+)([dhm])", text)
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return timedelta(**{_UNIT[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True)
class ReminderView:
    """A reminder with how many linked delegates would receive it now (and how many are not linked)."""

    reminder: Reminder
    recipients: int
    unlinked: int


class ReminderService:
    """Keeps the reminders table in step with the configuration and lets organizers steer it."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: ReminderSettings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.settings = settings

    def parse_when(self, raw: str) -> datetime | None:
        """When a one-off reminder goes, as an organizer typed it: now for "ngay"/"now"/"bây giờ", else a future
        local time (event time zone, a time alone is today); None when unreadable or past."""
        now = self._clock.now()
        if raw.strip().lower() in NOW_WORDS:
            return now
        due = typed_moment(raw, ZoneInfo(self._event.timezone), now)
        return due if due is not None and due > now else None

    def clock_now(self) -> datetime:
        """The current time from the injected clock."""
        return self._clock.now()

    @property
    def event(self) -> Event:
        """The conference the reminders belong to."""
        return self._event

    def anchor(self, kind: str) -> datetime | None:
        """The date a reminder kind counts back from, and after which it is no longer useful."""
        return {
            "rsvp": self._event.rsvp_deadline,
            "attendance": self._event.starts_at,
            "proposals": self._event.proposals_deadline,
        }.get(kind)

    def planned(self) -> dict[str, tuple[ReminderKind, str, datetime]]:
        """key -> (kind, offset, due time) as the configuration asks."""
        plan: dict[str, tuple[ReminderKind, str, datetime]] = {}
        if not self.settings.enabled:
            return plan
        offsets: tuple[tuple[ReminderKind, tuple[str, ...]], ...] = (
            ("rsvp", self.settings.rsvp_before),
            ("attendance", self.settings.attendance_before),
            ("proposals", self.settings.proposals_before),
        )
        for kind, texts in offsets:
            anchor = self.anchor(kind)
            assert anchor is not None
            for offset in texts:
                plan[f"{kind}:{offset}"] = (kind, offset, anchor - parse_offset(offset))
        return plan

    async def sync_schedule(self) -> list[Reminder]:
        """Add configured reminders, move unsent ones to the current dates, cancel ones no longer configured."""
        plan, now = self.planned(), self._clock.now()
        async with self._db.transaction() as uow:
            existing = {r.key: r for r in await uow.reminders.all(self._event.id)}
            for key, (kind, offset, due) in plan.items():
                current = existing.get(key)
                if current is None:
                    await uow.reminders.add(self._event.id, key, kind, offset, due, now)
                elif current.status in (*_OPEN, "skipped", "cancelled") and current.due_at != due:
                    status = "paused" if current.status == "paused" else "scheduled"
                    await uow.reminders.set_due(current.id, due, status)
                elif current.status == "cancelled":
                    await uow.reminders.set_due(current.id, due, "scheduled")
            for key, current in existing.items():
                if current.kind != "custom" and key not in plan and current.status in _OPEN:
                    await uow.reminders.set_status(current.id, "cancelled")
            await uow.reminder_deliveries.interrupt_in_flight(self._event.id, now)
            return await uow.reminders.all(self._event.id)

    async def all(self) -> list[Reminder]:
        """Every reminder, soonest first."""
        async with self._db.read() as uow:
            return await uow.reminders.all(self._event.id)

    async def get(self, key: str) -> Reminder | None:
        """One reminder by key."""
        async with self._db.read() as uow:
            return await uow.reminders.get(self._event.id, key)

    async def by_id(self, reminder_id: int) -> Reminder | None:
        """One reminder by id."""
        async with self._db.read() as uow:
            return await uow.reminders.by_id(self._event.id, reminder_id)

    async def scheduled(self) -> list[Reminder]:
        """Reminders waiting for their time (jobs are created for these)."""
        return [r for r in await self.all() if r.status == "scheduled"]

    async def due(self, now: datetime) -> list[Reminder]:
        """Scheduled reminders whose time has come."""
        return [r for r in await self.scheduled() if r.due_at <= now]

    def is_useful(self, reminder: Reminder, now: datetime) -> bool:
        """Whether sending still makes sense (no RSVP reminder after the RSVP deadline, etc.)."""
        anchor = self.anchor(reminder.kind)
        return anchor is None or now < anchor

    def audience_of(self, reminder: Reminder) -> str:
        """The audience a reminder goes to."""
        return _KIND_AUDIENCE.get(reminder.kind) or reminder.audience or "all"

    async def recipients(self, reminder: Reminder) -> tuple[list[ReminderRecipient], int]:
        """Linked delegates who would receive it now, and how many of its audience are not linked."""
        async with self._db.read() as uow:
            return await uow.reminders.recipients(self._event.id, self.audience_of(reminder))

    async def overview(self) -> list[ReminderView]:
        """What is scheduled, with counts, for /reminders."""
        views = []
        for reminder in await self.all():
            linked, unlinked = await self.recipients(reminder)
            views.append(ReminderView(reminder, len(linked), unlinked))
        return views

    async def pause(self, reminder_id: int, actor: int) -> Reminder | None:
        """Hold a scheduled reminder; None when it cannot be paused."""
        return await self._switch(reminder_id, actor, "scheduled", "paused")

    async def resume(self, reminder_id: int, actor: int) -> Reminder | None:
        """Let a paused reminder run again (at once if its time has passed); None when not paused."""
        return await self._switch(reminder_id, actor, "paused", "scheduled")

    async def add_custom(self, actor: int, audience: str, body: str, due_at: datetime) -> Reminder:
        """A one-off reminder with the organizer's own text for an audience."""
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}")
        body = normalise(body)  # the one input cleaner (the handler refused empty and too long texts)
        async with self._db.transaction() as uow:
            number = await uow.reminders.next_custom_number(self._event.id)
            reminder = await uow.reminders.add(
                self._event.id,
                f"custom:{number}",
                "custom",
                None,
                due_at,
                self._clock.now(),
                audience=audience,
                text=body,
                created_by=actor,
            )
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "reminder_added",
                self._clock.now(),
                subject=reminder.key,
                detail={"audience": audience},
            )
            return reminder

    async def _switch(self, reminder_id: int, actor: int, before: str, after: str) -> Reminder | None:
        async with self._db.transaction() as uow:
            reminder = await uow.reminders.by_id(self._event.id, reminder_id)
            if reminder is None or reminder.status != before:
                return None
            await uow.reminders.set_status(reminder.id, after)
            await uow.audit.add(
                self._event.id, f"telegram:{actor}", f"reminder_{after}", self._clock.now(), subject=reminder.key
            )
            return await uow.reminders.by_id(self._event.id, reminder_id)
