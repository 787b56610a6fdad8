"""Organizer broadcasts: audiences, drafts, approval, scheduling, cancelling, reports and personal rendering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import BroadcastSettings
from bot.config_parse import typed_moment
from bot.i18n import format_local, text
from bot.services.cleaning import normalise
from bot.services.tabular import write_table
from storage.broadcast_models import OPEN_STATUSES, Audience, Broadcast, DeliveryStatus, UnreachedRow
from storage.db import Database
from storage.models import Event
from storage.repositories import UnitOfWork

TEXT_LIMIT = 3500  # leaves room for the greeting under Telegram's 4096 characters
AUDIENCES: tuple[Audience, ...] = ("all", "attending", "unanswered", "declined", "agencies")
UNREACHED_HEADERS = (
    "Mã / Code",
    "Họ và tên / Full name",
    "Chức vụ / Position",
    "Cơ quan / Agency",
    "Số điện thoại / Phone",
    "Tình trạng / Status",
    "Chi tiết / Detail",
)
_STATUS_LABEL: dict[str, str] = {
    "unreachable": "Đã chặn bot / Blocked the bot",
    "never_linked": "Chưa kết nối Telegram / Never linked",
    "failed": "Lỗi gửi / Failed",
    "unknown": "Chưa rõ / Unknown",
}


def personal_message(broadcast: Broadcast, full_name: str, language: str) -> str:
    """The message one delegate receives: a formal greeting and the text in their language (Vietnamese otherwise)."""
    if language == "en" and broadcast.text_en:
        return text("en", "broadcast.message", full_name=full_name, body=broadcast.text_en)
    return text("vi", "broadcast.message", full_name=full_name, body=broadcast.text_vi)


class Decision(Enum):
    """What became of an organizer's request about a broadcast."""

    QUEUED = "queued"
    SCHEDULED = "scheduled"
    AWAITING_APPROVAL = "awaiting_approval"
    CANCELLED = "cancelled"
    NOT_FOUND = "not_found"
    WRONG_STATE = "wrong_state"
    SAME_PERSON = "same_person"
    NOT_AUTHOR = "not_author"
    IN_PAST = "in_past"
    NOTHING_TO_RESEND = "nothing_to_resend"
    ALREADY_RESENT = "already_resent"


@dataclass(frozen=True)
class Outcome:
    """A decision with the broadcast it concerns and its place in the queue."""

    decision: Decision
    broadcast: Broadcast | None = None
    queue_position: int = 0


@dataclass(frozen=True)
class AudienceSize:
    """How many delegates an audience has, and how many of them can be reached on Telegram."""

    total: int
    linked: int


@dataclass(frozen=True)
class Report:
    """The end-of-broadcast figures for organizers."""

    broadcast: Broadcast
    counts: dict[DeliveryStatus, int]
    failure_reasons: list[tuple[str, int]]
    pins: dict[str, int] = field(default_factory=dict)  # an agenda notice: pinned agendas pinned / edited / failed

    def count(self, status: DeliveryStatus) -> int:
        """Rows in one state."""
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        """Every recipient."""
        return sum(self.counts.values())

    @property
    def unreached(self) -> int:
        """Recipients staff should call."""
        return sum(self.count(s) for s in ("unreachable", "never_linked", "failed", "unknown"))


def _people(broadcast: Broadcast, approver: int | None) -> dict[str, object]:
    """Who wrote, submitted and approved a broadcast, for the audit log."""
    return {"author": broadcast.created_by, "submitter": broadcast.submitted_by, "approver": approver}


class BroadcastService:
    """Everything organizers do with broadcasts; the delivery engine does the sending."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: BroadcastSettings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._settings = settings

    @property
    def requires_approval(self) -> bool:
        """Whether the two-person rule is on."""
        return self._settings.require_approval

    async def agencies(self) -> list[tuple[str, int]]:
        """Agencies on the roster with their delegate counts."""
        async with self._db.read() as uow:
            return await uow.broadcasts.agencies(self._event.id)

    async def audience_size(self, audience: Audience, agencies: Sequence[str] = ()) -> AudienceSize:
        """Recipients of an audience now."""
        async with self._db.read() as uow:
            recipients = await uow.broadcasts.recipients(self._event.id, audience, agencies)
        return AudienceSize(len(recipients), sum(1 for _, chat, _ in recipients if chat))

    async def create_draft(
        self,
        actor: int,
        audience: Audience,
        agencies: Sequence[str],
        text_vi: str,
        text_en: str | None,
        *,
        agenda_version: int | None = None,
    ) -> Broadcast:
        """Store a draft to preview (texts pass through the one input cleaner; the handler refused empty ones).

        With agenda_version it is an agenda notice: after each recipient's notice the delivery engine updates their
        pinned agenda (bot/services/agenda_pins.py).
        """
        text_vi = normalise(text_vi)
        text_en = normalise(text_en) or None if text_en is not None else None
        async with self._db.transaction() as uow:
            draft = await uow.broadcasts.create(
                self._event.id,
                actor,
                audience,
                agencies,
                text_vi,
                text_en,
                self._clock.now(),
                agenda_version=agenda_version,
            )
            await self._audit(uow, actor, "broadcast_draft", draft, audience=audience, agencies=list(agencies))
            return draft

    async def get(self, broadcast_id: int) -> Broadcast | None:
        """One broadcast of this event."""
        async with self._db.read() as uow:
            return await uow.broadcasts.get(self._event.id, broadcast_id)

    async def preview_recipient(self, broadcast: Broadcast) -> tuple[str, str]:
        """(full name, language) of the first recipient, for a preview exactly as delegates see it."""
        async with self._db.read() as uow:
            recipients = await uow.broadcasts.recipients(self._event.id, broadcast.audience, broadcast.agencies)
            first = await uow.delegates.get(self._event.id, recipients[0][0]) if recipients else None
        return (first.full_name, recipients[0][2]) if first else ("…", "vi")

    async def send_now(self, broadcast_id: int, actor: int) -> Outcome:
        """Queue a draft at once, or ask a second organizer first when the two-person rule is on."""
        return await self._submit(broadcast_id, actor, None)

    async def schedule(self, broadcast_id: int, actor: int, when: datetime) -> Outcome:
        """Send a draft at a later time (after approval when the two-person rule is on)."""
        if when <= self._clock.now():
            return Outcome(Decision.IN_PAST, await self.get(broadcast_id))
        return await self._submit(broadcast_id, actor, when)

    async def submittable(self, broadcast_id: int, actor: int) -> Outcome:
        """Whether actor may submit this draft now (only its author may): the refusal, or QUEUED meaning "yes"."""
        broadcast = await self.get(broadcast_id)
        if broadcast is None:
            return Outcome(Decision.NOT_FOUND)
        if broadcast.status != "draft":
            return Outcome(Decision.WRONG_STATE, broadcast)
        if broadcast.created_by != actor:
            return Outcome(Decision.NOT_AUTHOR, broadcast)
        return Outcome(Decision.QUEUED, broadcast)

    async def approve(self, broadcast_id: int, approver: int) -> Outcome:
        """A second organizer approves: the broadcast is queued or scheduled.

        The approver must differ from the author and from whoever submitted the draft (the two-person rule).
        """
        async with self._db.transaction() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            if broadcast is None:
                return Outcome(Decision.NOT_FOUND)
            if broadcast.status != "awaiting_approval":
                return Outcome(Decision.WRONG_STATE, broadcast)
            if approver in (broadcast.created_by, broadcast.submitted_by):
                return Outcome(Decision.SAME_PERSON, broadcast)
            await uow.broadcasts.set_approver(broadcast_id, approver)
            await self._audit(uow, approver, "broadcast_approved", broadcast, **_people(broadcast, approver))
            approved = await uow.broadcasts.get(self._event.id, broadcast_id)
            assert approved is not None
            return await self._release(uow, approved, approver)

    async def cancel(self, broadcast_id: int, actor: int) -> Outcome:
        """Cancel a draft, a request for approval, a scheduled or a queued broadcast, or stop one that is sending."""
        async with self._db.transaction() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            if broadcast is None:
                return Outcome(Decision.NOT_FOUND)
            if broadcast.status not in OPEN_STATUSES:
                return Outcome(Decision.WRONG_STATE, broadcast)
            now = self._clock.now()
            await uow.broadcasts.set_status(broadcast_id, "cancelled", now)
            left = await uow.deliveries.cancel_pending(broadcast_id, now)
            action = (
                "broadcast_rejected"
                if broadcast.status == "awaiting_approval" and actor != broadcast.created_by
                else "broadcast_cancelled"
            )
            await self._audit(uow, actor, action, broadcast, was=broadcast.status, not_sent=left)
            return Outcome(Decision.CANCELLED, await uow.broadcasts.get(self._event.id, broadcast_id))

    async def release_due(self, broadcast_id: int) -> Outcome:
        """A scheduled broadcast's time has come: queue it (no-op in any other state)."""
        async with self._db.transaction() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            if broadcast is None or broadcast.status != "scheduled":
                return Outcome(Decision.WRONG_STATE, broadcast)
            return await self._enqueue(uow, broadcast, "system")

    async def scheduled(self) -> list[Broadcast]:
        """Broadcasts waiting for their time."""
        async with self._db.read() as uow:
            return await uow.broadcasts.with_status(self._event.id, ("scheduled",))

    async def open_broadcasts(self) -> list[Broadcast]:
        """Broadcasts awaiting approval, scheduled, queued or sending."""
        async with self._db.read() as uow:
            return await uow.broadcasts.with_status(
                self._event.id, ("awaiting_approval", "scheduled", "queued", "sending")
            )

    async def recent(self, limit: int = 20) -> list[Broadcast]:
        """The newest broadcasts, newest first."""
        async with self._db.read() as uow:
            return await uow.broadcasts.recent(self._event.id, limit)

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        """Remember the progress card."""
        async with self._db.transaction() as uow:
            await uow.broadcasts.set_progress_message(broadcast_id, message_id)

    async def report(self, broadcast_id: int) -> Report | None:
        """Counts by outcome and the reasons of failures."""
        async with self._db.read() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            if broadcast is None:
                return None
            pins = await uow.agenda_pins.outcomes_of(self._event.id, broadcast_id) if broadcast.agenda_version else {}
            return Report(
                broadcast,
                await uow.deliveries.counts(broadcast_id),
                await uow.deliveries.failure_reasons(broadcast_id),
                pins,
            )

    async def unreached(self, broadcast_id: int) -> list[UnreachedRow]:
        """Recipients who did not surely get the message."""
        async with self._db.read() as uow:
            if await uow.broadcasts.get(self._event.id, broadcast_id) is None:
                return []
            return await uow.deliveries.unreached(broadcast_id)

    async def export_unreached(self, broadcast_id: int, out: Path, actor: int) -> int:
        """Write the unreached recipients with their phone numbers (.xlsx or .csv); return the row count."""
        rows = [
            (
                r.code,
                r.full_name,
                r.position,
                r.agency,
                r.phone or "",
                _STATUS_LABEL.get(r.status, r.status),
                r.error or "",
            )
            for r in await self.unreached(broadcast_id)
        ]
        write_table(out, UNREACHED_HEADERS, rows, sheet_title="Chua nhan")
        async with self._db.transaction() as uow:
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "broadcast_export_unreached",
                self._clock.now(),
                subject=str(broadcast_id),
                detail={"rows": len(rows)},
            )
        return len(rows)

    async def resend_unknown(self, broadcast_id: int, actor: int) -> Outcome:
        """Queue the same message again for the recipients whose delivery is unknown (the organizer's explicit choice).

        Each of them gets at most one more copy per original: recipients already in a resend of this broadcast (in
        any state but 'cancelled', i.e. a resend that was queued, sent or attempted) are left out, and when that
        leaves no one the answer is ALREADY_RESENT with the latest resend. The check and the new resend are one
        transaction (BEGIN IMMEDIATE), so a double tap or a later press of the same report cannot queue it twice.
        """
        async with self._db.transaction() as uow:
            original = await uow.broadcasts.get(self._event.id, broadcast_id)
            if original is None:
                return Outcome(Decision.NOT_FOUND)
            if original.status in OPEN_STATUSES:
                return Outcome(Decision.WRONG_STATE, original)
            unknown = set(await uow.deliveries.delegates_with_status(broadcast_id, "unknown"))
            if not unknown:
                return Outcome(Decision.NOTHING_TO_RESEND, original)
            unknown -= set(await uow.deliveries.delegates_in_resends_of(broadcast_id))
            if not unknown:
                resends = await uow.broadcasts.resends_of(self._event.id, broadcast_id)
                return Outcome(Decision.ALREADY_RESENT, resends[-1] if resends else original)
            now = self._clock.now()
            resend = await uow.broadcasts.create(
                self._event.id,
                actor,
                "resend",
                (),
                original.text_vi,
                original.text_en,
                now,
                resend_of=original.id,
                agenda_version=original.agenda_version,
            )
            everyone = await uow.broadcasts.recipients(self._event.id, "all", ())
            await uow.deliveries.add_many(resend.id, [r for r in everyone if r[0] in unknown], now)
            await uow.broadcasts.set_status(resend.id, "queued", now)
            await self._audit(
                uow, actor, "broadcast_resend_unknown", resend, original=original.id, recipients=len(unknown)
            )
            return Outcome(
                Decision.QUEUED,
                await uow.broadcasts.get(self._event.id, resend.id),
                await uow.broadcasts.queue_position(self._event.id, resend.id),
            )

    def parse_time(self, raw: str) -> datetime | None:
        """When to send, as an organizer typed it (event time zone; a time alone is today); None if unreadable."""
        return typed_moment(raw, ZoneInfo(self._event.timezone), self._clock.now())

    def time_example(self) -> str:
        """A sample time to type: the next full hour after an hour from now."""
        moment = self._clock.now() + timedelta(hours=1)
        return format_local(moment.replace(minute=0), self._event.timezone)

    def describe_time(self, moment: datetime) -> str:
        """A moment as organizers read it (event time zone)."""
        return format_local(moment, self._event.timezone)

    async def _submit(self, broadcast_id: int, actor: int, when: datetime | None) -> Outcome:
        async with self._db.transaction() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            if broadcast is None:
                return Outcome(Decision.NOT_FOUND)
            if broadcast.status != "draft":
                return Outcome(Decision.WRONG_STATE, broadcast)
            if broadcast.created_by != actor:  # an old preview or forged button: only the author submits
                return Outcome(Decision.NOT_AUTHOR, broadcast)
            await uow.broadcasts.set_schedule(broadcast_id, when)
            await uow.broadcasts.set_submitter(broadcast_id, actor)
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id)
            assert broadcast is not None
            if self._settings.require_approval:
                await uow.broadcasts.set_status(broadcast_id, "awaiting_approval", self._clock.now())
                await self._audit(
                    uow,
                    actor,
                    "broadcast_submitted",
                    broadcast,
                    scheduled_for=when.isoformat() if when else None,
                    **_people(broadcast, None),
                )
                return Outcome(Decision.AWAITING_APPROVAL, await uow.broadcasts.get(self._event.id, broadcast_id))
            return await self._release(uow, broadcast, actor)

    async def _release(self, uow: UnitOfWork, broadcast: Broadcast, actor: int) -> Outcome:
        """Schedule a broadcast whose time is in the future, otherwise queue it now."""
        if broadcast.scheduled_for is not None and broadcast.scheduled_for > self._clock.now():
            await uow.broadcasts.set_status(broadcast.id, "scheduled", self._clock.now())
            await self._audit(
                uow, actor, "broadcast_scheduled", broadcast, scheduled_for=broadcast.scheduled_for.isoformat()
            )
            return Outcome(Decision.SCHEDULED, await uow.broadcasts.get(self._event.id, broadcast.id))
        return await self._enqueue(uow, broadcast, actor)

    async def _enqueue(self, uow: UnitOfWork, broadcast: Broadcast, actor: int | str) -> Outcome:
        """Resolve the audience and write one delivery row per recipient with the queued broadcast (one transaction)."""
        now = self._clock.now()
        recipients = await uow.broadcasts.recipients(self._event.id, broadcast.audience, broadcast.agencies)
        await uow.deliveries.add_many(broadcast.id, recipients, now)
        await uow.broadcasts.set_status(broadcast.id, "queued", now)
        await self._audit(
            uow,
            actor,
            "broadcast_queued",
            broadcast,
            **_people(broadcast, broadcast.approved_by),
            audience=broadcast.audience,
            agencies=list(broadcast.agencies),
            recipients=len(recipients),
            linked=sum(1 for _, chat, _ in recipients if chat),
        )
        return Outcome(
            Decision.QUEUED,
            await uow.broadcasts.get(self._event.id, broadcast.id),
            await uow.broadcasts.queue_position(self._event.id, broadcast.id),
        )

    async def _audit(
        self, uow: UnitOfWork, actor: int | str, action: str, broadcast: Broadcast, **detail: object
    ) -> None:
        who = actor if isinstance(actor, str) else f"telegram:{actor}"
        await uow.audit.add(self._event.id, who, action, self._clock.now(), subject=str(broadcast.id), detail=detail)
