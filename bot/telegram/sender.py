"""The broadcast Sender over its own telegram.Bot: no AIORateLimiter, so broadcasts never queue interactive replies."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.services.delivery import SendKind, SendOutcome
from bot.services.sending import Buttons
from bot.telegram.request import ShardedRequest, shared_tls


def markup(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    """Inline keyboard from ((label, callback data), …) rows."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons]
    )


def broadcast_bot(settings: Settings) -> Bot:
    """A second Bot with the same token and endpoints, a connection pool sized for the sends in flight."""
    timeout = settings.broadcast.send_timeout
    request = ShardedRequest(
        connection_pool_size=settings.broadcast.max_in_flight + 2,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
    )
    return Bot(
        settings.telegram.token,
        base_url=settings.telegram.base_url,
        base_file_url=settings.telegram.base_file_url,
        request=request,
        get_updates_request=HTTPXRequest(**shared_tls({"connection_pool_size": 1})),  # never polls
    )


# A 400 that means the person cannot be reached (never started the bot, deleted account): Telegram's wording and the
# MTProto names other Bot API servers pass on. Anything else stays 'failed'; both are final, neither is resent.
NO_SUCH_CHAT = ("chat not found", "user not found", "peer id invalid", "chat id invalid", "user id invalid")


# PTB raises TimedOut for every httpx timeout; these two happen before the request is sent (PTB keeps the cause).
NOT_SENT = (httpx.ConnectTimeout, httpx.PoolTimeout)


def no_such_chat(error: BadRequest) -> bool:
    """Whether a 400 says the chat does not exist for this bot (see NO_SUCH_CHAT)."""
    description = error.message.lower().replace("_", " ")
    return any(words in description for words in NO_SUCH_CHAT)


class TelegramSender:
    """Sends one HTML message and turns Telegram's exceptions into a SendOutcome."""

    def __init__(self, bot: Bot, *, paid: bool = False) -> None:
        self._bot = bot
        self._paid = paid

    @property
    def _paid_flag(self) -> bool | None:
        """allow_paid_broadcast for each call: True when paid, else left out of the request."""
        return True if self._paid else None

    def paid(self) -> TelegramSender:
        """The same bot, sending with allow_paid_broadcast (Telegram charges Stars above the free limit)."""
        return TelegramSender(self._bot, paid=True)

    async def start(self) -> None:
        """Open the HTTP client (PTB also calls getMe once)."""
        await self._bot.initialize()

    async def close(self) -> None:
        """Close the HTTP client."""
        await self._bot.shutdown()

    async def send(self, chat_id: int, html: str, buttons: Buttons | None = None) -> SendOutcome:
        """Try once."""
        return await self._attempt(
            self._bot.send_message(
                chat_id,
                html,
                parse_mode=ParseMode.HTML,
                reply_markup=markup(buttons),
                allow_paid_broadcast=self._paid_flag,
            )
        )

    async def send_photo(self, chat_id: int, photo: bytes, caption: str) -> SendOutcome:
        """Upload one photo with an HTML caption; try once."""
        return await self._attempt(
            self._bot.send_photo(
                chat_id,
                photo,
                caption=caption,
                parse_mode=ParseMode.HTML,
                filename="qr.png",
                allow_paid_broadcast=self._paid_flag,
            )
        )

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> SendOutcome:
        """Send a stored document by file_id (no upload); try once."""
        return await self._attempt(
            self._bot.send_document(
                chat_id,
                file_id,
                caption=caption or None,
                parse_mode=ParseMode.HTML,
                allow_paid_broadcast=self._paid_flag,
            )
        )

    async def upload_document(self, chat_id: int, data: bytes, filename: str, caption: str) -> SendOutcome:
        """Upload one small file made for this person (e.g. a calendar .ics); try once."""
        return await self._attempt(
            self._bot.send_document(
                chat_id, data, filename=filename, caption=caption or None, parse_mode=ParseMode.HTML
            )
        )

    async def send_venue(
        self, chat_id: int, latitude: float, longitude: float, title: str, address: str
    ) -> SendOutcome:
        """A map pin of the venue; try once."""
        return await self._attempt(self._bot.send_venue(chat_id, latitude, longitude, title, address))

    async def send_silently(self, chat_id: int, html: str) -> SendOutcome:
        """A message without a notification sound (e.g. the agenda about to be pinned); try once."""
        return await self._attempt(
            self._bot.send_message(chat_id, html, parse_mode=ParseMode.HTML, disable_notification=True)
        )

    async def edit_text(self, chat_id: int, message_id: int, html: str) -> SendOutcome:
        """Edit one of the bot's messages in place; try once."""
        return await self._attempt(
            self._bot.edit_message_text(html, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML)
        )

    async def pin(self, chat_id: int, message_id: int) -> SendOutcome:
        """Pin a message silently; try once."""
        return await self._attempt(self._bot.pin_chat_message(chat_id, message_id, disable_notification=True))

    async def unpin(self, chat_id: int, message_id: int) -> SendOutcome:
        """Unpin a message; try once."""
        return await self._attempt(self._bot.unpin_chat_message(chat_id, message_id))

    async def _attempt(self, call: Awaitable[Message | bool]) -> SendOutcome:
        """Await one Bot API call and turn Telegram's exceptions into a SendOutcome."""
        try:
            message = await call
        except RetryAfter as error:
            # PTB 22 keeps a timedelta; the public attribute warns about its future type.
            wait = getattr(error, "_retry_after", None) or error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return SendOutcome(SendKind.RETRY_AFTER, retry_after=seconds, error=error.message)
        except Forbidden as error:
            return SendOutcome(SendKind.UNREACHABLE, error=error.message)
        except TimedOut as error:
            if isinstance(error.__cause__, NOT_SENT):
                # No connection was made (or none was free): the request never left, so it is safe to try again;
                # only a timeout after sending can mean "delivered, answer lost" ('unknown').
                return SendOutcome(SendKind.NETWORK, error=error.message or "not sent")
            return SendOutcome(SendKind.TIMED_OUT, error=error.message or "timed out")
        except BadRequest as error:
            kind = SendKind.UNREACHABLE if no_such_chat(error) else SendKind.FAILED
            return SendOutcome(kind, error=error.message)
        except NetworkError as error:
            # PTB wraps transport failures as "httpx.<Error>: …" (TimedOut was caught above): no HTTP answer came.
            offline = error.message.startswith("httpx.")
            return SendOutcome(SendKind.OFFLINE if offline else SendKind.NETWORK, error=error.message)
        except TelegramError as error:
            return SendOutcome(SendKind.FAILED, error=error.message)
        return SendOutcome(SendKind.SENT, message_id=message.message_id if isinstance(message, Message) else None)
