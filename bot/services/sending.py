"""What the delivery engine talks to: the Sender (Telegram side), the Notifier (organizers) and its Pacer."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from storage.broadcast_models import Broadcast


class SendKind(Enum):
    """How one send attempt ended."""

    SENT = "sent"
    RETRY_AFTER = "retry_after"
    UNREACHABLE = "unreachable"
    TIMED_OUT = "timed_out"
    NETWORK = "network"
    OFFLINE = "offline"  # no answer at all (connection refused/closed): nothing was delivered, Telegram is out of reach
    FAILED = "failed"


@dataclass(frozen=True)
class SendOutcome:
    """The result of one attempt, free of any Telegram types."""

    kind: SendKind
    message_id: int | None = None
    retry_after: float = 0.0
    error: str = ""


Buttons = tuple[tuple[tuple[str, str], ...], ...]
"""Inline keyboard rows of (label, callback data), free of Telegram types."""


class Sender(Protocol):
    """Sends one HTML message to one chat (implemented over a telegram.Bot without a rate limiter)."""

    async def send(self, chat_id: int, html: str, buttons: Buttons | None = None) -> SendOutcome:
        """Try once and report how it went (never raises for Telegram errors)."""
        ...


class MediaSender(Sender, Protocol):
    """A Sender that also sends a photo (uploaded) or a document (by file_id) with an HTML caption."""

    async def send_photo(self, chat_id: int, photo: bytes, caption: str) -> SendOutcome:
        """Upload one photo; try once."""
        ...

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> SendOutcome:
        """Send a document already on Telegram's servers by file_id; try once."""
        ...


@dataclass(frozen=True)
class Progress:
    """What the organizer's progress card shows."""

    total: int
    sent: int
    failed: int
    left: int
    rate: float

    @property
    def eta_seconds(self) -> float | None:
        """Seconds until the end at the current rate (None before the rate is known)."""
        return self.left / self.rate if self.rate > 0 else None


class Notifier(Protocol):
    """Tells organizers how a broadcast goes (implemented by the Telegram layer)."""

    async def started(self, broadcast: Broadcast, progress: Progress) -> None:
        """A broadcast began (or resumed) sending."""
        ...

    async def progress(self, broadcast: Broadcast, progress: Progress) -> None:
        """Periodic update while sending."""
        ...

    async def finished(self, broadcast: Broadcast) -> None:
        """The broadcast ended (done or cancelled); the report is in the database."""
        ...


class Pacer:
    """A token bucket that spaces sends at `rate` per second and can be paused by a RetryAfter.

    Its capacity of 2 lets one send that was held up (a database commit, a busy event loop) catch up, so short
    stalls do not lower the average rate, while any one second still carries at most rate + 1 sends.
    Waiters queue on a lock in arrival order and only the first one sleeps: hundreds of replies waiting for the
    budget at once must not all wake up thirty times a second (that herd once saturated the CPU of the demo).
    """

    CAPACITY = 2.0

    def __init__(
        self,
        rate: float,
        monotonic: Callable[[], float] = time.monotonic,
        *,
        shared: Pacer | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._rate = rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._shared = shared
        self._tokens = 1.0
        self._updated = monotonic()
        self._paused_until = 0.0
        self._queue = asyncio.Lock()

    async def take(self) -> None:
        """Wait for the next free slot (of this pacer, then of the shared budget it draws from, if any)."""
        async with self._queue:
            while True:
                now = self._monotonic()
                if now < self._paused_until:
                    await self._sleep(self._paused_until - now)
                    continue
                self._tokens = min(self.CAPACITY, self._tokens + (now - self._updated) * self._rate)
                self._updated = now
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    break
                await self._sleep((1.0 - self._tokens) / self._rate)
        if self._shared is not None:
            await self._shared.take()

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram asked us to wait)."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)
        self._tokens = 0.0
        self._updated = self._paused_until
