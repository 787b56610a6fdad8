"""Sends reminders with inline buttons over their own telegram.Bot (no AIORateLimiter), paced by the caller."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.services.delivery import SendKind, SendOutcome
from bot.services.reminder_run import Buttons


def markup(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    """Inline keyboard from ((label, callback data), …) rows."""
    if not buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in buttons])


class ReminderSender:
    """One send attempt, Telegram's errors turned into a SendOutcome (RetryAfter, unreachable, timed out …)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._started = False

    async def close(self) -> None:
        """Close the HTTP client if it was opened."""
        if self._started:
            await self._bot.shutdown()
            self._started = False

    async def send(self, chat_id: int, html: str, buttons: Buttons | None) -> SendOutcome:
        """Try once."""
        try:
            if not self._started:
                await self._bot.initialize()
                self._started = True
            message = await self._bot.send_message(chat_id, html, parse_mode=ParseMode.HTML,
                                                   reply_markup=markup(buttons))
        except RetryAfter as error:
            wait = getattr(error, "_retry_after", None) or error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return SendOutcome(SendKind.RETRY_AFTER, retry_after=seconds, error=error.message)
        except Forbidden as error:
            return SendOutcome(SendKind.UNREACHABLE, error=error.message)
        except TimedOut as error:
            return SendOutcome(SendKind.TIMED_OUT, error=error.message or "timed out")
        except BadRequest as error:
            kind = SendKind.UNREACHABLE if "chat not found" in error.message.lower() else SendKind.FAILED
            return SendOutcome(kind, error=error.message)
        except NetworkError as error:
            return SendOutcome(SendKind.NETWORK, error=error.message)
        except TelegramError as error:
            return SendOutcome(SendKind.FAILED, error=error.message)
        return SendOutcome(SendKind.SENT, message_id=message.message_id)
