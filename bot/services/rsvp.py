"""Delegates' answers: attend, decline with a reason, or send a substitute."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from bot.clock import Clock
from bot.services.cleaning import Problem, clean_input
from storage.db import Database
from storage.models import Delegate, Event, Rsvp
from storage.repositories import UnitOfWork

REASON_LIMIT = 500
NAME_LIMIT = 120
POSITION_LIMIT = 120

Choice = Literal["attend", "decline", "substitute"]
PENDING_AREA = "rsvp"
_ASK_REASON = "rsvp.decline_reason"
_ASK_SUB_NAME = "rsvp.substitute_name"
_ASK_SUB_POSITION = "rsvp.substitute_position"


class RsvpOutcome(Enum):
    """What happened to an answer, and so what the bot says next."""

    SAVED = "saved"
    ASK_REASON = "ask_reason"
    ASK_SUBSTITUTE_NAME = "ask_substitute_name"
    ASK_SUBSTITUTE_POSITION = "ask_substitute_position"
    CLOSED = "closed"
    NOT_LINKED = "not_linked"
    NOT_YOURS = "not_yours"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    NOTHING_PENDING = "nothing_pending"


@dataclass(frozen=True)
class RsvpResult:
    """The outcome with what the reply needs."""

    outcome: RsvpOutcome
    delegate: Delegate | None = None
    rsvp: Rsvp | None = None
    limit: int = 0
    count: int = 0
    substitute_name: str = ""
    card_message_id: int | None = None


@dataclass(frozen=True)
class RsvpSummary:
    """Counts of answers for organizers."""

    total: int
    linked: int
    attending: int
    declined: int
    substitute: int

    @property
    def unanswered(self) -> int:
        """Delegates who have not answered."""
        return self.total - self.attending - self.declined - self.substitute


class RsvpService:
    """Record and change answers until the RSVP deadline."""

    def __init__(self, db: Database, clock: Clock, event: Event) -> None:
        self._db = db
        self._clock = clock
        self._event = event

    def is_open(self) -> bool:
        """Whether answers can still be given or changed."""
        return self._clock.now() <= self._event.rsvp_deadline

    async def current(self, delegate_id: int) -> Rsvp | None:
        """A delegate's answer."""
        async with self._db.read() as uow:
            return await uow.rsvps.get(delegate_id)

    async def choose(
        self, user_id: int, delegate_id: int, choice: Choice, card_message_id: int | None = None
    ) -> RsvpResult:
        """Handle a press of Attend, Decline or Send a substitute on a delegate's card."""
        card = {"card": str(card_message_id)} if card_message_id else {}
        async with self._db.transaction() as uow:
            delegate, refusal = await self._owned(uow, user_id, delegate_id)
            if refusal:
                return refusal
            assert delegate is not None
            now = self._clock.now()
            if choice == "attend":
                await uow.pending.clear(self._event.id, user_id)
                current = await uow.rsvps.get(delegate.id)
                if current is not None and current.status == "attending":
                    # a second press (a double tap, an update redelivered after a restart): the answer stands as given
                    return RsvpResult(RsvpOutcome.SAVED, delegate, current)
                rsvp = await uow.rsvps.save(delegate.id, "attending", now)
                await self._audit(uow, user_id, delegate, "rsvp_attending")
                return RsvpResult(RsvpOutcome.SAVED, delegate, rsvp)
            if choice == "decline":
                current = await uow.rsvps.get(delegate.id)
                if current is not None and current.status == "declined":
                    # a second press (a double tap, an update redelivered after a restart): the reason given stays
                    return RsvpResult(RsvpOutcome.SAVED, delegate, current)
                rsvp = await uow.rsvps.save(delegate.id, "declined", now)
                await uow.pending.put(self._event.id, user_id, _ASK_REASON, card, now)
                await self._audit(uow, user_id, delegate, "rsvp_declined")
                return RsvpResult(RsvpOutcome.ASK_REASON, delegate, rsvp, limit=REASON_LIMIT)
            await uow.pending.put(self._event.id, user_id, _ASK_SUB_NAME, card, now)
            return RsvpResult(
                RsvpOutcome.ASK_SUBSTITUTE_NAME, delegate, await uow.rsvps.get(delegate.id), limit=NAME_LIMIT
            )

    async def skip_reason(self, user_id: int, delegate_id: int) -> RsvpResult:
        """The delegate declines without giving a reason."""
        async with self._db.transaction() as uow:
            delegate, refusal = await self._owned(uow, user_id, delegate_id)
            if refusal:
                return refusal
            assert delegate is not None
            await uow.pending.clear(self._event.id, user_id)
            return RsvpResult(RsvpOutcome.SAVED, delegate, await uow.rsvps.get(delegate.id))

    async def submit_text(self, user_id: int, raw: str) -> RsvpResult:
        """Take the text a delegate typed in answer to a pending question."""
        async with self._db.transaction() as uow:
            pending = await uow.pending.get(self._event.id, user_id)
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            if pending is None or delegate is None or not pending.kind.startswith(f"{PENDING_AREA}."):
                return RsvpResult(RsvpOutcome.NOTHING_PENDING, delegate)
            if not self.is_open():
                await uow.pending.clear(self._event.id, user_id)
                return RsvpResult(RsvpOutcome.CLOSED, delegate, await uow.rsvps.get(delegate.id))
            limit = {_ASK_REASON: REASON_LIMIT, _ASK_SUB_NAME: NAME_LIMIT}.get(pending.kind, POSITION_LIMIT)
            cleaned = clean_input(raw, limit, multiline=False)
            value = cleaned.text
            if cleaned.problem is Problem.EMPTY:
                return RsvpResult(RsvpOutcome.EMPTY, delegate, limit=limit)
            if cleaned.problem is Problem.TOO_LONG:
                return RsvpResult(RsvpOutcome.TOO_LONG, delegate, limit=limit, count=len(value))
            return await self._apply(uow, user_id, delegate, pending.kind, pending.data, value)

    async def cancel(self, user_id: int) -> bool:
        """Drop a pending question; return whether there was one."""
        async with self._db.transaction() as uow:
            had = await uow.pending.get(self._event.id, user_id) is not None
            await uow.pending.clear(self._event.id, user_id)
            return had

    async def summary(self) -> RsvpSummary:
        """Counts for the organizers."""
        async with self._db.read() as uow:
            answers = await uow.rsvps.answers(self._event.id)
        statuses = [a.rsvp.status for a in answers if a.rsvp]
        return RsvpSummary(
            total=len(answers),
            linked=sum(1 for a in answers if a.delegate.telegram_user_id),
            attending=statuses.count("attending"),
            declined=statuses.count("declined"),
            substitute=statuses.count("substitute"),
        )

    async def _apply(
        self, uow: UnitOfWork, user_id: int, delegate: Delegate, kind: str, data: dict[str, str], value: str
    ) -> RsvpResult:
        now = self._clock.now()
        card = int(data["card"]) if data.get("card") else None
        if kind == _ASK_REASON:
            await uow.pending.clear(self._event.id, user_id)
            rsvp = await uow.rsvps.save(delegate.id, "declined", now, decline_reason=value)
            return RsvpResult(RsvpOutcome.SAVED, delegate, rsvp, card_message_id=card)
        if kind == _ASK_SUB_NAME:
            await uow.pending.put(self._event.id, user_id, _ASK_SUB_POSITION, {**data, "name": value}, now)
            return RsvpResult(
                RsvpOutcome.ASK_SUBSTITUTE_POSITION, delegate, limit=POSITION_LIMIT, substitute_name=value
            )
        await uow.pending.clear(self._event.id, user_id)
        rsvp = await uow.rsvps.save(
            delegate.id, "substitute", now, substitute_name=data.get("name", ""), substitute_position=value
        )
        await self._audit(uow, user_id, delegate, "rsvp_substitute")
        return RsvpResult(RsvpOutcome.SAVED, delegate, rsvp, card_message_id=card)

    async def _owned(
        self, uow: UnitOfWork, user_id: int, delegate_id: int
    ) -> tuple[Delegate | None, RsvpResult | None]:
        delegate = await uow.delegates.by_user(self._event.id, user_id)
        if delegate is None:
            return None, RsvpResult(RsvpOutcome.NOT_LINKED)
        if delegate.id != delegate_id:
            return delegate, RsvpResult(RsvpOutcome.NOT_YOURS, delegate)
        if not self.is_open():
            await uow.pending.clear(self._event.id, user_id)
            return delegate, RsvpResult(RsvpOutcome.CLOSED, delegate, await uow.rsvps.get(delegate.id))
        return delegate, None

    async def _audit(self, uow: UnitOfWork, user_id: int, delegate: Delegate, action: str) -> None:
        await uow.audit.add(self._event.id, f"telegram:{user_id}", action, self._clock.now(), subject=delegate.code)
