"""The Application's rate limiter: every reply draws from the bot-wide `SendBudget` as an interactive request.

Telegram allows a bot about 30 messages a second in all and about one a second in one chat. Interactive replies,
broadcasts and reminders take from the same `SendBudget` (bot/services/send_budget.py); replies go first. Unlike
AIORateLimiter (PTB issue #3689), a 429 delays only the request that got it (its chat is paused for the time Telegram
asked, and the budget backs off) instead of pausing every request. Edits count towards their chat's limit only;
button answers and other calls that send no message are never queued.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.services.send_budget import SendBudget, SendClass

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
EDIT_ENDPOINTS = frozenset(
    {"editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia", "editMessageLiveLocation"}
)


URGENT = "urgent"
"""rate_limit_args=URGENT: this message jumps its chat's queue (it still waits for the chat's limit)."""


def chat_of(data: dict[str, Any]) -> int | None:
    """The numeric chat a request goes to (None for @channel names, inline messages and requests without one)."""
    chat_id = data.get("chat_id")
    if isinstance(chat_id, int):
        return chat_id
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        return int(chat_id)
    return None


def retry_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait, as seconds."""
    wait = getattr(error, "_retry_after", None) or error.retry_after  # PTB 22 warns on the public attribute
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class SharedBudgetRateLimiter(BaseRateLimiter[int | str]):
    """Paces replies through the shared budget (interactive class); retries a request Telegram answered with 429."""

    def __init__(self, budget: SendBudget, max_retries: int = 3) -> None:
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
        rate_limit_args: int | str | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Wait for the budget (messages and edits), send, and retry this one request after a 429."""
        urgent = rate_limit_args == URGENT
        retries = rate_limit_args if isinstance(rate_limit_args, int) else self._max_retries
        chat_id = chat_of(data)
        new_message = endpoint in MESSAGE_ENDPOINTS
        paced = new_message or (endpoint in EDIT_ENDPOINTS and chat_id is not None)
        for attempt in range(retries + 1):
            if paced:
                await self._budget.take(chat_id, SendClass.INTERACTIVE, new_message=new_message, urgent=urgent)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = retry_seconds(error)
                log.info("%s got 429; retrying in %.1f s", endpoint, seconds)
                self._budget.rate_limited(chat_id, seconds)
                if not paced or chat_id is None:
                    await asyncio.sleep(seconds + 0.1)
        raise AssertionError("unreachable")
