"""One send budget for the whole bot, and the Application's rate limiter that draws from it.

Telegram allows a bot about 30 messages a second in all. Interactive replies, broadcasts and reminders take from
the same `Pacer`, so together they stay under that limit. Unlike AIORateLimiter (PTB issue #3689), a 429 delays
only the request that got it instead of pausing every request, and edits, button answers and other calls that send
no new message are not queued behind a broadcast.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.services.sending import Pacer

log = logging.getLogger(__name__)

MESSAGE_ENDPOINTS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendAnimation",
        "sendSticker",
        "sendMediaGroup",
        "sendLocation",
        "sendContact",
        "sendPoll",
        "sendVenue",
        "sendVideoNote",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait, as seconds."""
    wait = getattr(error, "_retry_after", None) or error.retry_after  # PTB 22 warns on the public attribute
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class SharedBudgetRateLimiter(BaseRateLimiter[int]):
    """Paces new messages through the shared budget; retries a request Telegram answered with 429."""

    def __init__(self, budget: Pacer, max_retries: int = 3) -> None:
        self._budget = budget
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Wait for budget (new messages only), send, and retry this one request after a 429."""
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            if endpoint in MESSAGE_ENDPOINTS:
                await self._budget.take()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                log.info("%s got 429; retrying in %.1f s", endpoint, retry_seconds(error))
                await asyncio.sleep(retry_seconds(error) + 0.1)
        raise AssertionError("unreachable")
