"""Flood control like Telegram's: token buckets overall, per private chat and per group."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class TokenBucket:
    """A token bucket: `capacity` tokens, refilled at `rate` tokens per second."""

    rate: float
    capacity: float
    tokens: float
    updated: float

    @classmethod
    def full(cls, rate: float, capacity: float, now: float) -> TokenBucket:
        """A bucket that starts full."""
        return cls(rate=rate, capacity=capacity, tokens=capacity, updated=now)

    def _refill(self, now: float) -> None:
        """Add the tokens earned since the last look."""
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        self._refill(now)
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate if self.rate > 0 else math.inf

    def take(self, now: float) -> None:
        """Consume one token (call only after wait_time() returned 0)."""
        self._refill(now)
        self.tokens -= 1.0


@dataclass(frozen=True)
class FloodSettings:
    """Rates of the flood control; defaults follow Telegram's published limits."""

    global_rate: float = 30.0
    global_burst: float | None = None
    per_chat_rate: float = 1.0
    per_chat_burst: float = 3.0
    group_per_minute: float = 20.0
    paid_rate: float = 1000.0  # allow_paid_broadcast: up to 1000 messages/s, paid in Stars (per-chat limits still hold)


class FloodControl:
    """Decides whether a message-sending request is allowed now or must retry later."""

    def __init__(self, settings: FloodSettings) -> None:
        """Create empty buckets for the given settings."""
        self.settings = settings
        self._global: TokenBucket | None = None
        self._paid: TokenBucket | None = None
        self._chats: dict[int, TokenBucket] = {}

    def _bucket_for(self, chat_id: int, is_group: bool, now: float) -> TokenBucket:
        """The bucket of one chat, created full on first use."""
        bucket = self._chats.get(chat_id)
        if bucket is None:
            s = self.settings
            if is_group:
                bucket = TokenBucket.full(s.group_per_minute / 60.0, s.group_per_minute, now)
            else:
                bucket = TokenBucket.full(s.per_chat_rate, s.per_chat_burst, now)
            self._chats[chat_id] = bucket
        return bucket

    def acquire(self, chat_id: int, is_group: bool, now: float, *, paid: bool = False) -> int | None:
        """Take a token from every bucket involved, or return retry_after seconds (taking nothing).

        A paid broadcast message (allow_paid_broadcast) counts towards the paid limit instead of the free one.
        """
        s = self.settings
        if self._global is None:
            self._global = TokenBucket.full(s.global_rate, s.global_burst or s.global_rate, now)
        if self._paid is None:
            self._paid = TokenBucket.full(s.paid_rate, s.paid_rate, now)
        overall = self._paid if paid else self._global
        chat_bucket = self._bucket_for(chat_id, is_group, now)
        wait = max(overall.wait_time(now), chat_bucket.wait_time(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        overall.take(now)
        chat_bucket.take(now)
        return None

    def acquire_chat_only(self, chat_id: int, is_group: bool, now: float) -> int | None:
        """Like acquire() but only the chat's bucket counts (used for edits)."""
        chat_bucket = self._bucket_for(chat_id, is_group, now)
        wait = chat_bucket.wait_time(now)
        if wait > 0:
            return max(1, math.ceil(wait))
        chat_bucket.take(now)
        return None

    def reset(self) -> None:
        """Forget all buckets (everything starts full again)."""
        self._global = None
        self._paid = None
        self._chats.clear()
