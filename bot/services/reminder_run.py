"""Running one reminder: claim each recipient (at most once), send the personal text paced, report to organizers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram.constants import MessageLimit

from bot.i18n import Markup, sentence_time, text
from bot.i18n.times import duration
from bot.services.delivery import SendKind
from bot.services.reminders import ReminderService, parse_offset
from bot.services.send_budget import Lane
from bot.services.sending import Buttons, Sender
from bot.services.venue import VenuePin
from storage.db import Database
from storage.reminder_models import Reminder, ReminderRecipient, ReminderResult

log = logging.getLogger(__name__)

LATE_AFTER = timedelta(minutes=5)
BATCH = 8  # sends in flight at most (each claimed just before it goes): what a crash can leave unknown
RETRY_AFTER_LIMIT = 10


@dataclass(frozen=True)
class RunReport:
    """What one run did, for the organizers' summary."""

    reminder: Reminder
    skipped: bool = False
    late: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    unlinked: int = 0
    rollups: int = 0


AttendanceCard = Callable[[int, str], Awaitable[tuple[bytes, str] | None]]
"""(delegate id, language) -> (check-in QR PNG, seat), for the attendance reminders."""


class ReminderRunner:
    """Sends due reminders through the broadcast engine's Sender, as bulk in the bot-wide budget (its own lane).

    With a card function, attendance reminders go out as the delegate's check-in QR with the reminder as its caption
    (and the seat, when the roster has one); a reminder too long for a caption is sent as text, then the QR.
    """

    def __init__(
        self,
        service: ReminderService,
        db: Database,
        sender: Sender,
        lane: Lane,
        organizers: Sequence[int],
        *,
        answer_buttons: Callable[[str, int], Buttons],
        card: AttendanceCard | None = None,
        venue: VenuePin | None = None,
    ) -> None:
        """answer_buttons(language, delegate id): the card's answer buttons (handlers/views.py owns their format)."""
        self._answer_buttons = answer_buttons
        self._service = service
        self._db = db
        self._sender = sender
        self._lane = lane
        self._organizers = tuple(sorted(organizers))
        self._card = card
        self._venue = venue

    def now(self) -> datetime:
        """The current time from the service's clock."""
        return self._service.clock_now()

    async def run_due(self, now: datetime) -> list[RunReport]:
        """Run every scheduled reminder whose time has come (the sweep and catch-up after downtime)."""
        return [r for r in [await self.run(rem.key, now) for rem in await self._service.due(now)] if r]

    async def run(self, key: str, now: datetime, *, force: bool = False) -> RunReport | None:
        """Send one reminder to whoever has not had it; None when it is not scheduled (or paused, unless forced)."""
        reminder = await self._service.get(key)
        allowed = ("scheduled", "paused") if force else ("scheduled",)
        if reminder is None or reminder.status not in allowed:
            return None
        if not self._service.is_useful(reminder, now):
            await self._finish(reminder, "skipped", now, late=False)
            log.info("reminder %s skipped: no longer useful at %s", key, now.isoformat())
            return RunReport(reminder, skipped=True)
        late = not force and now > reminder.due_at + LATE_AFTER
        if late:
            log.warning("reminder %s is late: due %s, sent %s", key, reminder.due_at.isoformat(), now.isoformat())
        recipients, unlinked = await self._service.recipients(reminder)
        async with self._db.read() as uow:
            done = await uow.reminder_deliveries.delivered_to(reminder.id)
        recipients = [p for p in recipients if f"d:{p.delegate_id}" not in done]  # (an earlier run's, before a stop)
        for start in range(0, len(recipients), BATCH):
            await self._send_batch(reminder, recipients[start : start + BATCH])
        rollups = await self._rollups(reminder) if reminder.kind == "rsvp" else 0
        await self._finish(reminder, "sent", now, late=late)
        async with self._db.read() as uow:
            counts = await uow.reminder_deliveries.counts(reminder.id)
        report = RunReport(reminder, late=late, counts=counts, unlinked=unlinked, rollups=rollups)
        await self._summary(report)
        return report

    async def _send_batch(self, reminder: Reminder, batch: Sequence[ReminderRecipient]) -> None:
        """Claim each recipient in its own committed transaction just before its send (after the lane's token) and
        record each result as soon as it is known: a crash leaves 'sending' only the sends in flight (≤ BATCH)."""
        tasks = []
        for person in batch:
            html, buttons = self.personal(reminder, person)
            photo = None
            if reminder.kind == "attendance" and self._card is not None:
                card = await self._card(person.delegate_id, person.language)
                if card is not None:
                    photo, seat = card
                    if seat:
                        html += "\n" + text(person.language, "checkin.seat_line", seat=seat)
            await self._lane.take(person.chat_id)
            async with self._db.transaction() as uow:
                row = await uow.reminder_deliveries.claim(
                    reminder.id, f"d:{person.delegate_id}", person.delegate_id, person.chat_id, self._service_now()
                )
            if row is None:
                continue  # another run claimed them meanwhile
            venue = self._venue if reminder.kind == "attendance" else None
            tasks.append(asyncio.create_task(self._send_and_record(row, person.chat_id, html, buttons, photo, venue)))
        await asyncio.gather(*tasks)

    async def _send_and_record(
        self,
        row: int,
        chat_id: int,
        html: str,
        buttons: Buttons | None,
        photo: bytes | None,
        venue: VenuePin | None,
    ) -> None:
        result = await self._deliver(row, chat_id, html, buttons, photo, venue)
        async with self._db.transaction() as uow:
            await uow.reminder_deliveries.record([result], self._service_now())

    async def _deliver(
        self,
        row: int,
        chat_id: int,
        html: str,
        buttons: Buttons | None,
        photo: bytes | None = None,
        venue: VenuePin | None = None,
    ) -> ReminderResult:
        """One recipient: wait and retry on RetryAfter; TimedOut is 'unknown' and never resent."""
        caption_fits = _utf16_len(html) <= MessageLimit.CAPTION_LENGTH
        for _ in range(RETRY_AFTER_LIMIT):
            if photo is not None and caption_fits:
                outcome = await self._sender.send_photo(chat_id, photo, html)  # type: ignore[attr-defined]
            else:
                outcome = await self._sender.send(chat_id, html, buttons)
                if photo is not None and outcome.kind is SendKind.SENT:
                    await self._lane.take(chat_id)
                    await self._sender.send_photo(chat_id, photo, "")  # type: ignore[attr-defined]
            if outcome.kind is not SendKind.RETRY_AFTER:
                break
            self._lane.rate_limited(chat_id, outcome.retry_after)
            await self._lane.take(chat_id)
        if venue is not None and outcome.kind is SendKind.SENT:
            await self._lane.take(chat_id)
            await self._sender.send_venue(  # type: ignore[attr-defined]
                chat_id, venue.latitude, venue.longitude, venue.title, venue.address
            )
        status = {SendKind.SENT: "sent", SendKind.UNREACHABLE: "unreachable", SendKind.TIMED_OUT: "unknown"}.get(
            outcome.kind, "failed"
        )
        return ReminderResult(row, status, outcome.message_id, outcome.error or None)  # type: ignore[arg-type]

    def personal(self, reminder: Reminder, person: ReminderRecipient) -> tuple[str, Buttons | None]:
        """The delegate's own text in their language, with the answer buttons on RSVP reminders."""
        event, lang = self._service.event, person.language
        when = {
            "rsvp_deadline": sentence_time(lang, event.rsvp_deadline, event.timezone),
            "starts_at": sentence_time(lang, event.starts_at, event.timezone),
            "proposals_deadline": sentence_time(lang, event.proposals_deadline, event.timezone),
        }
        if reminder.kind == "custom":
            return text(lang, "reminder.custom", full_name=person.full_name, body=reminder.text or ""), None
        if reminder.kind == "attendance":
            bring = self._service.settings.what_to_bring
            extra = text(lang, "reminder.bring", what=bring) if bring else ""
            return text(
                lang,
                "reminder.attendance",
                full_name=person.full_name,
                event_name=event.name,
                venue=event.venue,
                bring=Markup(extra),
                **when,
            ), None
        if reminder.kind == "proposals":
            return text(lang, "reminder.proposals", full_name=person.full_name, event_name=event.name, **when), None
        buttons = self._answer_buttons(lang, person.delegate_id)
        return text(lang, "reminder.rsvp", full_name=person.full_name, event_name=event.name, **when), buttons

    async def rollup_lines(self) -> list[tuple[int, str, int, int, list[str]]]:
        """(contact user id, agency, not answered, total, names not answered) per configured agency contact."""
        lines = []
        for agency, user_id in self._service.settings.agency_contacts:
            async with self._db.read() as uow:
                answers = await uow.reminders.agency_answers(self._service.event.id, agency)
            missing = [name for name, answered in answers if not answered]
            lines.append((user_id, agency, len(missing), len(answers), missing))
        return lines

    async def _rollups(self, reminder: Reminder) -> int:
        sent = 0
        for user_id, agency, missing, total, names in await self.rollup_lines():
            event, language = self._service.event, await self._language(user_id)
            deadline = sentence_time(language, event.rsvp_deadline, event.timezone)
            html = rollup_text(language, agency, missing, total, names, event_name=event.name, rsvp_deadline=deadline)
            sent += await self._send_once(reminder, f"c:{user_id}:{agency}", user_id, html)
        return sent

    async def _summary(self, report: RunReport) -> None:
        for organizer in self._organizers:
            html = summary_text(await self._language(organizer), report)
            await self._send_once(report.reminder, f"o:{organizer}", organizer, html)

    async def _language(self, user_id: int) -> str:
        """The recipient's chosen language, else their app's as last seen, else Vietnamese."""
        async with self._db.read() as uow:
            chosen, seen = await uow.users.languages(user_id)
        return chosen or seen or "vi"

    async def _send_once(self, reminder: Reminder, recipient: str, chat_id: int, html: str) -> int:
        async with self._db.transaction() as uow:
            row = await uow.reminder_deliveries.claim(reminder.id, recipient, None, chat_id, self._service_now())
        if row is None:
            return 0
        await self._lane.take(chat_id)
        result = await self._deliver(row, chat_id, html, None)
        async with self._db.transaction() as uow:
            await uow.reminder_deliveries.record([result], self._service_now())
        return int(result.status == "sent")

    async def _finish(self, reminder: Reminder, status: str, now: datetime, *, late: bool) -> None:
        async with self._db.transaction() as uow:
            await uow.reminders.set_status(reminder.id, status, sent_at=now if status == "sent" else None, late=late)
            await uow.audit.add(
                reminder.event_id, "system", f"reminder_{status}", now, subject=reminder.key, detail={"late": late}
            )

    def _service_now(self) -> datetime:
        return self._service.clock_now()


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def summary_text(language: str, report: RunReport) -> str:
    """The organizers' summary of a reminder run, in one organizer's language."""
    counts = report.counts
    return text(
        language,
        "reminder.summary",
        label=Markup(label(language, report.reminder)),
        late=Markup(text(language, "reminder.late") if report.late else ""),
        sent=counts.get("sent", 0),
        unreachable=counts.get("unreachable", 0),
        unknown=counts.get("unknown", 0),
        failed=counts.get("failed", 0),
        unlinked=report.unlinked,
    )


def rollup_text(
    language: str,
    agency: str,
    missing: int,
    total: int,
    names: Sequence[str],
    limit: int = MessageLimit.MAX_TEXT_LENGTH,
    *,
    event_name: str = "",
    rsvp_deadline: str = "",
) -> str:
    """An agency's roll-up: as many missing names as fit in one message, then "… and N others".

    Measured on the HTML (never shorter than the text Telegram counts after parsing) in UTF-16 units.
    """

    def render(shown: int) -> str:
        listed = ", ".join(names[:shown]) or "—"
        if shown < len(names):
            listed = Markup(text(language, "reminder.rollup_more", names=listed, rest=len(names) - shown))
        return text(
            language,
            "reminder.rollup",
            agency=agency,
            missing=missing,
            total=total,
            names=listed,
            event_name=event_name,
            rsvp_deadline=rsvp_deadline,
        )

    full = render(len(names))
    if _utf16_len(full) <= limit:
        return full
    low, high = 0, len(names) - 1  # the longest prefix that fits (the length grows with each name added)
    while low < high:
        middle = (low + high + 1) // 2
        if _utf16_len(render(middle)) <= limit:
            low = middle
        else:
            high = middle - 1
    return render(low)


def label(language: str, reminder: Reminder) -> str:
    """ "Nhắc xác nhận tham dự, 7 ngày trước hạn xác nhận" — how a reminder is named to organizers (HTML-safe)."""
    if reminder.kind == "custom":
        return text(language, "reminder.label.custom", number=reminder.key.split(":")[-1])
    offset = duration(language, parse_offset(reminder.offset_text)) if reminder.offset_text else ""
    return text(language, f"reminder.label.{reminder.kind}", offset=offset)
