"""The meeting as a calendar file (.ics) for a delegate's phone, and the notice when its time or venue changes.

One entry per delegate and conference: its UID never changes, so a newer file (higher SEQUENCE) replaces the entry
in the phone's calendar instead of adding a second one. The sequence is the number of changes of the meeting's
title, time or venue seen between starts of the bot (a fingerprint of them is kept in ``meta``); a change notice is
sent once per sequence to attending delegates: each one is claimed (a ``calendar_notices`` row, committed) before it
is sent, so a crash mid-notice resends it to nobody who had it (the one in flight becomes 'unknown'); ``notified``
is written after the last one. The organizer sees how the latest change's notice went (``summary``, /calendar) and
may resend it, once, to the delegates whose notice is 'unknown' (``resend_unknown``, confirmed and audited): each
resend is claimed like the notice, so nobody it reached ('sent') gets it again and nobody gets a third copy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Literal
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import EventSettings
from bot.i18n import plain
from storage.db import Database
from storage.models import Delegate, Event
from storage.phone_repositories import NoticeStatus
from storage.repositories import UnitOfWork

Method = Literal["PUBLISH", "CANCEL"]
_KEY = "calendar.{event}"
UID_DOMAIN = "hoinghi-delegate-bot"


@dataclass(frozen=True)
class CalendarState:
    """What the calendar entries say now and how many times that changed."""

    sequence: int
    notified: int
    starts_at: datetime
    venue: str


@dataclass(frozen=True)
class CalendarChange:
    """The meeting moved (time or venue) since the last start: what it was before."""

    sequence: int
    old_starts_at: datetime
    old_venue: str


@dataclass(frozen=True)
class NoticeSummary:
    """How the notice of the latest change went (the organizer's /calendar)."""

    sequence: int  # 0: the meeting has not changed since the calendar files were first sent
    finished: bool  # the notice went through every attending delegate
    starts_at: datetime
    venue: str
    counts: dict[str, int] = field(default_factory=dict)  # by status: sent, unreachable, failed, unknown, sending
    resendable: int = 0  # 'unknown', never resent and still attending
    asked: int = 0  # resend asked, not yet sent (still attending)
    resent: int = 0  # resend claimed (sent or attempted)
    unknown_attending: int = 0  # 'unknown' and still attending, resent or not: none → nothing to resend

    @property
    def refusal(self) -> Resend:
        """Why there is no resend to offer: nobody attending is unknown, or every such one was resent before."""
        return Resend.ALREADY if self.unknown_attending else Resend.NOTHING


class Resend(Enum):
    """What the organizer's "resend to unknown" did."""

    QUEUED = "queued"
    NOTHING = "nothing"  # no attending delegate's notice of this change is unknown
    ALREADY = "already"  # every attending unknown one was resent (or asked) before
    STALE = "stale"  # the meeting changed again since: a newer notice replaces this one


@dataclass(frozen=True)
class ResendOutcome:
    """The answer to one confirmed tap; `number` numbers the resend job (the how-many-th resend of this change)."""

    decision: Resend
    sequence: int
    count: int = 0
    number: int = 0


@dataclass(frozen=True)
class Attendee:
    """An attending delegate with a Telegram chat and the language to write in."""

    delegate: Delegate
    user_id: int
    language: str


def uid_of(event: Event, delegate_id: int) -> str:
    """The entry's UID: stable per delegate and conference."""
    return f"{event.code}-{delegate_id}@{UID_DOMAIN}"


def _fingerprint(event: Event, settings: EventSettings) -> str:
    parts = (event.name, event.venue, settings.venue_address, event.starts_at.isoformat(), settings.ends.isoformat())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class CalendarService:
    """Builds .ics files and keeps the sequence of the meeting's changes."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: EventSettings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._settings = settings

    async def sync(self) -> CalendarChange | None:
        """At start-up: compare the configured meeting with the last one seen; a change raises the sequence."""
        key = _KEY.format(event=self._event.id)
        now = _fingerprint(self._event, self._settings)
        async with self._db.transaction() as uow:
            raw = await uow.meta.get(key)
            stored = json.loads(raw) if raw else None
            change = None
            if stored is None:
                state: dict[str, object] = {"fingerprint": now, "sequence": 0, "notified": 0}
            elif stored["fingerprint"] == now:
                return None
            else:
                sequence = int(stored["sequence"]) + 1
                state = {**stored, "fingerprint": now, "sequence": sequence}
                change = CalendarChange(sequence, datetime.fromisoformat(stored["starts_at"]), str(stored["venue"]))
            state.update(starts_at=self._event.starts_at.isoformat(), venue=self._event.venue)
            await uow.meta.put(key, json.dumps(state))
        return change

    async def state(self) -> CalendarState:
        """The current sequence and the last one whose notice went out."""
        async with self._db.read() as uow:
            raw = await uow.meta.get(_KEY.format(event=self._event.id))
        stored = json.loads(raw) if raw else {}
        return CalendarState(
            int(stored.get("sequence", 0)),
            int(stored.get("notified", 0)),
            datetime.fromisoformat(stored["starts_at"]) if "starts_at" in stored else self._event.starts_at,
            str(stored.get("venue", self._event.venue)),
        )

    async def pending_change(self) -> CalendarChange | None:
        """A change whose notice has not gone out yet (e.g. the bot stopped while sending it)."""
        async with self._db.read() as uow:
            raw = await uow.meta.get(_KEY.format(event=self._event.id))
        stored = json.loads(raw) if raw else None
        if stored is None or int(stored["sequence"]) <= int(stored["notified"]):
            return None
        return _change(stored)

    async def pending_resend(self) -> CalendarChange | None:
        """The latest change, when the organizer asked to resend its notice to some delegates not yet claimed."""
        async with self._db.read() as uow:
            raw = await uow.meta.get(_KEY.format(event=self._event.id))
            stored = json.loads(raw) if raw else None
            if stored is None or int(stored["sequence"]) == 0:
                return None
            if not await uow.calendar_notices.resend_asked(self._event.id, int(stored["sequence"])):
                return None
        return _change(stored)

    async def summary(self) -> NoticeSummary:
        """How the notice of the latest change went, with what can still be resent."""
        state = await self.state()
        if state.sequence == 0:
            return NoticeSummary(0, True, state.starts_at, state.venue)
        async with self._db.read() as uow:
            notices = uow.calendar_notices
            counts = await notices.counts(self._event.id, state.sequence)
            resends = await notices.resend_counts(self._event.id, state.sequence)
            unknown = await self._unknown_attending(uow, state.sequence)
        return NoticeSummary(
            state.sequence,
            state.notified >= state.sequence,
            state.starts_at,
            state.venue,
            counts,
            resendable=sum(1 for resend in unknown.values() if resend is None),
            asked=sum(1 for resend in unknown.values() if resend == "asked"),
            resent=resends.get("done", 0),
            unknown_attending=len(unknown),
        )

    async def _unknown_attending(self, uow: UnitOfWork, sequence: int) -> dict[int, str | None]:
        """Attending delegates whose notice of change ``sequence`` is 'unknown', with their resend (None: never)."""
        unknown = await uow.calendar_notices.unknown(self._event.id, sequence)
        attending = {attendee.delegate.id for attendee in await self._attendees(uow)}
        return {delegate: resend for delegate, resend in unknown.items() if delegate in attending}

    async def resend_unknown(self, sequence: int, actor: int) -> ResendOutcome:
        """Ask to send the notice of change ``sequence`` once more to the attending delegates whose notice is
        'unknown' and was never resent (the organizer's confirmed tap). One transaction: a double tap asks nobody
        twice. Audited as ``calendar_resend_unknown``."""
        async with self._db.transaction() as uow:
            raw = await uow.meta.get(_KEY.format(event=self._event.id))
            current = int(json.loads(raw)["sequence"]) if raw else 0
            if current != sequence:
                return ResendOutcome(Resend.STALE, current)
            unknown = await self._unknown_attending(uow, sequence)
            never = sorted(delegate for delegate, resend in unknown.items() if resend is None)
            count = await uow.calendar_notices.ask_resend(self._event.id, sequence, never)
            if count == 0:
                return ResendOutcome(Resend.ALREADY if unknown else Resend.NOTHING, sequence)
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "calendar_resend_unknown",
                self._clock.now(),
                subject=str(sequence),
                detail={"recipients": count},
            )
            number = await uow.audit.count(self._event.id, "calendar_resend_unknown", str(sequence))
        return ResendOutcome(Resend.QUEUED, sequence, count, number)

    async def resend_targets(self, sequence: int) -> tuple[set[int], int]:
        """Delegates whose resend of change ``sequence`` is asked, not yet claimed, and who still attend; and how
        many asked ones were taken back in the same transaction because their delegate no longer attends (declined
        or withdrawn since): they are not waiting any more, and make no resend job at the next start-up."""
        async with self._db.transaction() as uow:
            asked = await uow.calendar_notices.resend_asked(self._event.id, sequence)
            attending = {attendee.delegate.id for attendee in await self._attendees(uow)}
            withdrawn = await uow.calendar_notices.withdraw_resend(self._event.id, sequence, sorted(asked - attending))
        return asked & attending, withdrawn

    async def claim_resend(self, sequence: int, delegate_id: int, chat_id: int) -> bool:
        """Claim one asked resend right before sending it (committed); False if it was claimed before."""
        async with self._db.transaction() as uow:
            return await uow.calendar_notices.claim_resend(
                self._event.id, sequence, delegate_id, chat_id, self._clock.now()
            )

    async def remember_old(self, change: CalendarChange) -> None:
        """Keep what the meeting was before, so a notice interrupted by a restart still says what changed."""
        key = _KEY.format(event=self._event.id)
        async with self._db.transaction() as uow:
            stored = json.loads(await uow.meta.get(key) or "{}")
            stored.update(old_starts_at=change.old_starts_at.isoformat(), old_venue=change.old_venue)
            await uow.meta.put(key, json.dumps(stored))

    async def mark_notified(self, sequence: int) -> None:
        """The notice for ``sequence`` went to everyone."""
        key = _KEY.format(event=self._event.id)
        async with self._db.transaction() as uow:
            stored = json.loads(await uow.meta.get(key) or "{}")
            stored["notified"] = max(sequence, int(stored.get("notified", 0)))
            await uow.meta.put(key, json.dumps(stored))

    async def notified_delegates(self, sequence: int) -> set[int]:
        """Delegates whose notice of this change was claimed (sent, attempted or in flight at a crash)."""
        async with self._db.read() as uow:
            return await uow.calendar_notices.delegates(self._event.id, sequence)

    async def claim_notice(self, sequence: int, delegate_id: int, chat_id: int) -> bool:
        """Claim one delegate's notice of a change before sending it (committed); False if claimed before."""
        async with self._db.transaction() as uow:
            return await uow.calendar_notices.claim(self._event.id, sequence, delegate_id, chat_id, self._clock.now())

    async def finish_notice(
        self, sequence: int, delegate_id: int, status: NoticeStatus, message_id: int | None, error: str | None
    ) -> None:
        """Record how one claimed notice went."""
        async with self._db.transaction() as uow:
            await uow.calendar_notices.finish(
                self._event.id, sequence, delegate_id, status, message_id, error, self._clock.now()
            )

    async def interrupt_notices(self) -> int:
        """At start-up: notices a crash left 'sending' become 'unknown' (maybe delivered, never resent)."""
        async with self._db.transaction() as uow:
            return await uow.calendar_notices.interrupt(self._event.id, self._clock.now())

    async def notice_counts(self, sequence: int) -> dict[str, int]:
        """How the notices of one change went, by status."""
        async with self._db.read() as uow:
            return await uow.calendar_notices.counts(self._event.id, sequence)

    async def attendee(self, user_id: int) -> Delegate | None:
        """The delegate linked to this Telegram account (None if not linked)."""
        async with self._db.read() as uow:
            return await uow.delegates.by_user(self._event.id, user_id)

    async def attendees(self) -> list[Attendee]:
        """Attending delegates who have a Telegram chat with the bot, with their language."""
        async with self._db.read() as uow:
            return await self._attendees(uow)

    async def _attendees(self, uow: UnitOfWork) -> list[Attendee]:
        result: list[Attendee] = []
        for answer in await uow.rsvps.answers(self._event.id):
            user_id = answer.delegate.telegram_user_id
            if answer.rsvp is None or answer.rsvp.status != "attending" or user_id is None:
                continue
            chosen, seen = await uow.users.languages(user_id)
            result.append(Attendee(answer.delegate, user_id, chosen or seen or "vi"))
        return result

    async def file_for(self, delegate: Delegate, language: str, method: Method = "PUBLISH") -> bytes:
        """The .ics file for a delegate at the current sequence."""
        return ics_file(
            self._event, self._settings, delegate.id, language, (await self.state()).sequence, self._clock.now(), method
        )


def _change(stored: dict[str, object]) -> CalendarChange:
    """The latest change as kept in ``meta``: its sequence and what the meeting was before it."""
    return CalendarChange(
        int(str(stored["sequence"])),
        datetime.fromisoformat(str(stored.get("old_starts_at", stored["starts_at"]))),
        str(stored.get("old_venue", stored["venue"])),
    )


def ics_file(
    event: Event,
    settings: EventSettings,
    delegate_id: int,
    language: str,
    sequence: int,
    now: datetime,
    method: Method = "PUBLISH",
) -> bytes:
    """One VEVENT with a VALARM the day before, times in the conference's zone (with its VTIMEZONE)."""
    from icalendar import Alarm, Calendar
    from icalendar import Event as VEvent

    zone = ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Ban To chuc//hoinghi-delegate-bot//VI")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    entry = VEvent()
    entry.add("uid", uid_of(event, delegate_id))
    entry.add("sequence", sequence)
    entry.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", settings.ends.astimezone(zone))
    entry.add("summary", event.name)
    location = f"{event.venue}, {settings.venue_address}" if settings.venue_address else event.venue
    entry.add("location", location)
    if settings.has_map:
        entry.add("geo", (settings.venue_latitude, settings.venue_longitude))
    contact = settings.contact
    description = plain(language, "calendar.description", event_name=event.name)
    if contact is not None:
        description += "\n" + plain(language, "calendar.contact", name=contact.name, phone=contact.phone)
    entry.add("description", description)
    entry.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if method == "PUBLISH":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-1))
        alarm.add("description", plain(language, "calendar.alarm", event_name=event.name))
        entry.add_component(alarm)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
