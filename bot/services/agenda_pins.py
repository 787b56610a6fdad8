"""The agenda pinned in each attending delegate's chat, kept at the latest version (issue 18).

A delegate who answers "Tham dự" gets the current agenda as one message, pinned silently. An agenda notice (a
broadcast made by the organizer's "notify" button after publishing a version, `broadcasts.agenda_version`) is sent by
the delivery engine through the outbox like any broadcast; right after a recipient's notice it calls `refresh`
here, which edits that delegate's pinned message in place (editMessageText) to the latest version, or — when there
is none yet or Telegram says it is gone — sends a new one and pins it. Every outcome is one `agenda_pins` row
(message id, version, pinned / edited / failed, the broadcast), which the broadcast's report counts. The notice and
the pin update share the recipient's claimed delivery row, so a crash never repeats them for everyone.

A copy is pinned only once its message id is recorded (sent → recorded 'failed' "not pinned yet" → pinned →
recorded 'pinned'), and a copy that cannot be edited is unpinned before its replacement is sent: a crash at any point
leaves at most one pinned agenda in the chat. One delegate's updates run one at a time, so two at once (e.g. "Tham dự"
and an agenda notice) do not both pin a copy. A crash between sending a copy and recording it leaves that copy in the
chat unpinned (the Bot API has no idempotency key to find it again); the next refresh sends and pins another
(tests/test_agenda_pin_crash.py kills the bot at both points).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.clock import Clock
from bot.services.agenda import pinned_text
from bot.services.sending import SendKind, SendOutcome
from storage.db import Database
from storage.models import Event
from storage.pause import pause_point
from storage.phone_repositories import AgendaPin, PinOutcome

log = logging.getLogger(__name__)
RETRIES = 5
# Only a 400's description tells these refusals apart: Telegram's words and the MTProto names other Bot API servers
# pass instead (read like bot/telegram/request.py's is_not_modified: lower case, "_" as a space).
_MISSING = ("message to edit not found", "message id invalid")
_UNEDITABLE = ("message can't be edited", "message edit time expired", "message author required")
_SAME = ("not modified",)  # "message is not modified: …" / MESSAGE_NOT_MODIFIED
_NOT_THERE = ("message to unpin not found", "message id invalid")
NOT_PINNED_YET = "not pinned yet"  # the error of the row recorded between sending a copy and pinning it


class PinSender(Protocol):
    """The Bot API calls the pinned agenda needs (implemented by bot/telegram/sender.py's TelegramSender)."""

    async def send_silently(self, chat_id: int, html: str) -> SendOutcome:
        """sendMessage with disable_notification; try once."""
        ...

    async def edit_text(self, chat_id: int, message_id: int, html: str) -> SendOutcome:
        """editMessageText; try once."""
        ...

    async def pin(self, chat_id: int, message_id: int) -> SendOutcome:
        """pinChatMessage with disable_notification; try once."""
        ...

    async def unpin(self, chat_id: int, message_id: int) -> SendOutcome:
        """unpinChatMessage; try once."""
        ...


class Pacing(Protocol):
    """A send-budget lane (bot/services/send_budget.py Lane): wait for a chat's turn, back off after a 429."""

    async def take(self, chat_id: int | None = None) -> None:
        """Wait for this chat's next slot."""
        ...

    def rate_limited(self, chat_id: int | None, seconds: float) -> None:
        """Telegram asked this chat to wait."""
        ...


class Unpaced:
    """No pacing of our own (the Application's rate limiter paces interactive replies)."""

    async def take(self, chat_id: int | None = None) -> None:
        """Nothing to wait for."""

    def rate_limited(self, chat_id: int | None, seconds: float) -> None:
        """The Application's limiter already waited."""


@dataclass(frozen=True)
class PinResult:
    """What happened to one delegate's pinned agenda."""

    outcome: PinOutcome | None  # None: no agenda published yet, nothing to pin
    message_id: int | None = None
    error: str | None = None


class AgendaPinService:
    """Keeps the pinned agenda message of each attending delegate at the latest version."""

    def __init__(self, db: Database, clock: Clock, event: Event) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        # One update of a delegate's pinned agenda at a time ("Tham dự" and an agenda notice may meet): the second
        # reads what the first recorded and edits that copy instead of pinning a second one.
        self._locks: dict[int, asyncio.Lock] = {}

    async def refresh(
        self,
        sender: PinSender,
        pacing: Pacing,
        delegate_id: int,
        chat_id: int,
        language: str,
        broadcast_id: int | None = None,
    ) -> PinResult:
        """Edit the delegate's pinned agenda to the latest version, or send and pin a new one; record the outcome."""
        async with self._locks.setdefault(delegate_id, asyncio.Lock()):
            return await self._refresh(sender, pacing, delegate_id, chat_id, language, broadcast_id)

    async def _refresh(
        self,
        sender: PinSender,
        pacing: Pacing,
        delegate_id: int,
        chat_id: int,
        language: str,
        broadcast_id: int | None,
    ) -> PinResult:
        async with self._db.read() as uow:
            agenda = await uow.agenda.latest(self._event.id)
            pin = await uow.agenda_pins.get(self._event.id, delegate_id)
        if agenda is None:
            return PinResult(None)
        html = pinned_text(language, agenda, self._event.timezone)
        result: PinResult | None = None
        if pin is not None and pin.message_id is not None and pin.chat_id == chat_id:
            edited = await _try(pacing, chat_id, lambda: sender.edit_text(chat_id, pin.message_id or 0, html))
            if edited.kind is SendKind.SENT or _says(edited.error, _SAME):
                result = PinResult("edited", pin.message_id)
                if pin.outcome == "failed":  # sent earlier but the pin itself failed: pin it now
                    pinned = await _try(pacing, chat_id, lambda: sender.pin(chat_id, pin.message_id or 0), paced=False)
                    if pinned.kind is not SendKind.SENT:
                        result = PinResult("failed", pin.message_id, pinned.error or pinned.kind.value)
            elif cannot_edit(edited.error):
                # Still in the chat, perhaps still pinned: unpin it before a new copy is pinned in its place.
                old_id = pin.message_id
                unpinned = await _try(pacing, chat_id, lambda: sender.unpin(chat_id, old_id), paced=False)
                if unpinned.kind is not SendKind.SENT and not unpin_target_missing(unpinned.error):
                    result = PinResult("failed", old_id, unpinned.error or unpinned.kind.value)
            elif not edit_target_missing(edited.error):
                result = PinResult("failed", pin.message_id, edited.error or edited.kind.value)
        if result is None:
            result = await self._send_and_pin(sender, pacing, delegate_id, chat_id, html, pin, broadcast_id)
        version = agenda.version if result.outcome != "failed" else (pin.version if pin else 0)
        await self._record(delegate_id, chat_id, result, version, broadcast_id)
        return result

    async def _send_and_pin(
        self,
        sender: PinSender,
        pacing: Pacing,
        delegate_id: int,
        chat_id: int,
        html: str,
        old: AgendaPin | None,
        broadcast_id: int | None,
    ) -> PinResult:
        sent = await _try(pacing, chat_id, lambda: sender.send_silently(chat_id, html))
        if sent.kind is not SendKind.SENT or sent.message_id is None:
            return PinResult("failed", old.message_id if old else None, sent.error or sent.kind.value)
        message_id = sent.message_id
        await pause_point("agenda_pin.sent")  # tests only: a kill between sending the copy and recording it
        # Recorded before it is pinned: a crash from here on leaves a row that names the copy, and the next refresh
        # edits that same message and pins it (pinning twice is harmless) — never a second pinned copy.
        unpinned = PinResult("failed", message_id, NOT_PINNED_YET)
        await self._record(delegate_id, chat_id, unpinned, old.version if old else 0, broadcast_id)
        pinned = await _try(pacing, chat_id, lambda: sender.pin(chat_id, message_id), paced=False)
        if pinned.kind is not SendKind.SENT:
            # The agenda is in the chat, only not at the top: the next update edits this message and pins it again.
            return PinResult("failed", message_id, pinned.error or pinned.kind.value)
        await pause_point("agenda_pin.pinned")  # tests only: a kill between pinning the copy and recording it
        return PinResult("pinned", message_id)

    async def _record(
        self, delegate_id: int, chat_id: int, result: PinResult, version: int, broadcast_id: int | None
    ) -> None:
        async with self._db.transaction() as uow:
            assert result.outcome is not None
            await uow.agenda_pins.put(
                self._event.id,
                AgendaPin(
                    delegate_id,
                    chat_id,
                    result.message_id,
                    version,
                    result.outcome,
                    broadcast_id,
                    result.error,
                    self._clock.now(),
                ),
            )

    async def unpin(self, sender: PinSender, delegate_id: int) -> bool:
        """The delegate no longer attends: unpin the agenda message (it stays in the chat) and forget it."""
        async with self._locks.setdefault(delegate_id, asyncio.Lock()):
            return await self._unpin(sender, delegate_id)

    async def _unpin(self, sender: PinSender, delegate_id: int) -> bool:
        async with self._db.read() as uow:
            pin = await uow.agenda_pins.get(self._event.id, delegate_id)
        if pin is None:
            return False
        if pin.message_id is not None:
            outcome = await sender.unpin(pin.chat_id, pin.message_id)
            if outcome.kind is not SendKind.SENT:
                log.info("agenda of delegate %s not unpinned: %s", delegate_id, outcome.error)
        async with self._db.transaction() as uow:
            await uow.agenda_pins.remove(self._event.id, delegate_id)
        return True

    async def pin_of(self, delegate_id: int) -> AgendaPin | None:
        """The delegate's pinned agenda row, if any."""
        async with self._db.read() as uow:
            return await uow.agenda_pins.get(self._event.id, delegate_id)


def _says(error: str, wordings: tuple[str, ...]) -> bool:
    """Whether a refusal's description is one of these (either wording: "message to edit not found" or
    MESSAGE_ID_INVALID)."""
    description = error.lower().replace("_", " ")
    return any(words in description for words in wordings)


def edit_target_missing(error: str) -> bool:
    """An edit refused because the message is gone (a new copy is sent and pinned)."""
    return _says(error, _MISSING)


def cannot_edit(error: str) -> bool:
    """An edit refused for a message that is still there (unpinned before a new copy is pinned)."""
    return _says(error, _UNEDITABLE)


def unpin_target_missing(error: str) -> bool:
    """An unpin refused because the message is gone: nothing is left pinned."""
    return _says(error, _NOT_THERE)


async def _try(
    pacing: Pacing, chat_id: int, call: Callable[[], Awaitable[SendOutcome]], *, paced: bool = True
) -> SendOutcome:
    """One request, waiting for the chat's turn (an edit counts like a message) and again after each 429."""
    outcome = SendOutcome(SendKind.FAILED, error="not tried")
    for _ in range(RETRIES):
        if paced:
            await pacing.take(chat_id)
        outcome = await call()
        if outcome.kind is not SendKind.RETRY_AFTER:
            return outcome
        pacing.rate_limited(chat_id, outcome.retry_after)
        paced = True
    return outcome
