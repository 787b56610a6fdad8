"""The Application's HTTP client, with the one place that handles "message is not modified" for every edit."""

from __future__ import annotations

import asyncio
import functools
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.telegram.logging_setup import NetworkErrorLog

log = logging.getLogger(__name__)

# As many connections as ApplicationBuilder gives its own default client (replies run concurrently).
CONNECTION_POOL_SIZE = 256


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings every HTTP client of the bot uses (httpx's own default: certificates verified against its CA
    bundle), built once per process: loading the CA bundle costs ~20 ms of CPU, and an Application has four clients."""
    return httpx.create_ssl_context()


def shared_tls(kwargs: dict[str, Any]) -> dict[str, Any]:
    """HTTPXRequest keyword arguments with the shared TLS context (see tls_context)."""
    httpx_kwargs = dict(kwargs.get("httpx_kwargs") or {})
    httpx_kwargs.setdefault("verify", tls_context())
    return {**kwargs, "httpx_kwargs": httpx_kwargs}


def is_not_modified(error: BadRequest) -> bool:
    """The refusal of an edit that would change nothing. Only the description tells it apart (a plain 400):
    Telegram says "message is not modified: …" (PTB strips "Bad Request: " and capitalises), other Bot API
    servers pass the MTProto name MESSAGE_NOT_MODIFIED; both are read."""
    return "not modified" in error.message.lower().replace("_", " ")


# Connections per httpx client. httpcore 1.0's pool walks its connections several times on every request it queues or
# finishes, and its idle clean-up is quadratic (encode/httpcore#1035): one pool of 256 connections cost ~11 ms of CPU
# per request under a burst of 200, sixteen pools of 16 ~0.9 ms (bench/README.md, "HTTP client").
SHARD_CONNECTIONS = 16


class ShardedRequest(BaseRequest):
    """HTTPXRequest spread over several small connection pools: each request goes to the pool with the fewest
    requests in flight, so the pools together hold connection_pool_size connections, as one HTTPXRequest would."""

    def __init__(self, connection_pool_size: int = CONNECTION_POOL_SIZE, **kwargs: Any) -> None:
        count = -(-connection_pool_size // SHARD_CONNECTIONS)
        size = -(-connection_pool_size // count)
        self.shards = tuple(HTTPXRequest(connection_pool_size=size, **shared_tls(kwargs)) for _ in range(count))
        self._in_flight = [0] * count

    @property
    def read_timeout(self) -> float | None:
        """The read timeout every shard was given."""
        return self.shards[0].read_timeout

    async def initialize(self) -> None:
        """Open every shard's client."""
        for shard in self.shards:
            await shard.initialize()

    async def shutdown(self) -> None:
        """Close every shard's client."""
        results = await asyncio.gather(*(shard.shutdown() for shard in self.shards), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One request through the least busy shard."""
        index = self._in_flight.index(min(self._in_flight))
        self._in_flight[index] += 1
        try:
            return await self.shards[index].do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        finally:
            self._in_flight[index] -= 1


class BotRequest(ShardedRequest):
    """The Application's client, where an edit that changes nothing succeeds (returns True, like an inline message's
    edit).

    A fast double tap edits the same keyboard twice; the second edit is refused with "message is not modified".
    What the user sees is already right, so no handler should fail on it: every edit the bot's Application makes
    (edit_message_text, edit_message_reply_markup, edit_message_caption, …, also through CallbackQuery and
    Message shortcuts) goes through here.
    """

    async def post(self, url: str, request_data: RequestData | None = None, **kwargs: Any) -> Any:
        """Post; an edit refused as "not modified" is a success."""
        try:
            return await super().post(url, request_data, **kwargs)
        except BadRequest as error:
            if url.rsplit("/", 1)[-1].startswith("edit") and is_not_modified(error):
                log.info("edit changed nothing (%s)", url.rsplit("/", 1)[-1])
                return True
            raise


POLL_RETRY_CAP = 2.0  # seconds between two polls at most while Telegram cannot be reached


class PollingRequest(HTTPXRequest):
    """The getUpdates client: while Telegram cannot be reached it polls again at most POLL_RETRY_CAP seconds apart,
    so the bot answers as soon as Telegram answers again.

    python-telegram-bot's polling loop waits 1, 1.5, 2.25 … up to 30 s between polls after network errors: after a
    60 s outage the bot stayed silent 15 s more (tests/test_telegram_faults.py, soak). Here a transport error (no
    HTTP answer at all) is logged once through NetworkErrorLog, waited out with our own back-off (0.25 s doubling,
    capped), then raised as TimedOut, after which the loop polls again at once. Errors Telegram answered (5xx, 409,
    401 …) are not transport errors and keep python-telegram-bot's handling.
    """

    def __init__(
        self,
        *,
        on_error: Callable[[TelegramError], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(**shared_tls(kwargs))
        self._on_error = on_error if on_error is not None else NetworkErrorLog()
        self._sleep = sleep
        self._failures = 0

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """One getUpdates call; a transport error becomes TimedOut after a capped wait."""
        try:
            answer = await super().do_request(*args, **kwargs)
        except (TimedOut, BadRequest):
            raise  # a timed-out long poll is polled again at once already
        except NetworkError as error:
            self._failures += 1
            self._on_error(error)
            await self._sleep(min(POLL_RETRY_CAP, 0.25 * 2 ** min(self._failures - 1, 8)))
            raise TimedOut(f"Telegram unreachable ({error.message}); polling again") from error
        self._failures = 0
        return answer
