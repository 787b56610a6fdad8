"""BotApiEmulator: a local Telegram Bot API over real HTTP, with simulated users, for tests and demos."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable
from types import TracebackType
from typing import Any, TypeVar

from bot.sandbox import simulate
from bot.sandbox.limits import FloodSettings
from bot.sandbox.records import CallbackAnswer, RequestRecord, SentMessage, UserRecord
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import Knobs, SandboxState

__all__ = ["BotApiEmulator", "CallbackAnswer", "RequestRecord", "SentMessage"]

T = TypeVar("T")
_SELF = object()  # share_contact default: the sender's own contact
DEFAULT_TOKEN = "123456789:AAH-sandbox-token-000000000000000"


class _Knob:
    """Attribute that reads/writes a field of the shared Knobs under the state lock."""

    def __set_name__(self, owner: type, name: str) -> None:
        """Remember the knob's name."""
        self.name = name

    def __get__(self, obj: "BotApiEmulator | None", owner: type) -> Any:
        """Current value."""
        if obj is None:
            return self
        with obj.state.lock:
            return getattr(obj.state.knobs, self.name)

    def __set__(self, obj: "BotApiEmulator", value: Any) -> None:
        """Change the knob; takes effect for the next request."""
        with obj.state.lock:
            setattr(obj.state.knobs, self.name, value)


class BotApiEmulator:
    """Runs the sandbox Bot API in a background thread and lets tests act as Telegram users."""

    latency = _Knob()
    timeout_rate = _Knob()
    timeout_delay = _Knob()
    error_rate = _Knob()
    limits = _Knob()
    callback_query_ttl = _Knob()
    strict_ampersand = _Knob()
    webhook_retry_delay = _Knob()

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "hoinghi_sandbox_bot",
        bot_first_name: str = "Hội nghị",
        latency: float = 0.0,
        limits: bool = False,
        seed: int | None = 0,
        *,
        timeout_rate: float = 0.0,
        timeout_delay: float = 10.0,
        error_rate: float = 0.0,
        global_rate: float = 30.0,
        per_chat_rate: float = 1.0,
        per_chat_burst: float = 3.0,
        group_per_minute: float = 20.0,
        callback_query_ttl: float = 15.0,
        strict_ampersand: bool = True,
    ) -> None:
        """Configure the emulator; nothing runs until start()."""
        knobs = Knobs(
            latency=latency, timeout_rate=timeout_rate, timeout_delay=timeout_delay,
            error_rate=error_rate, limits=limits, callback_query_ttl=callback_query_ttl,
            strict_ampersand=strict_ampersand,
        )
        flood = FloodSettings(global_rate, None, per_chat_rate, per_chat_burst, group_per_minute)
        self.token = token
        self.state = SandboxState(token, bot_username, bot_first_name, knobs, flood, seed)
        self._server: SandboxServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._start_error: BaseException | None = None

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> "BotApiEmulator":
        """Start serving on 127.0.0.1 (free port) in a background thread; returns once listening."""
        if self._thread is not None:
            return self
        from bot.sandbox.control import control_routes

        self._server = SandboxServer(self.state, control_routes(self))
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="bot-api-sandbox", daemon=True)
        self._thread.start()
        if not ready.wait(10.0) or self._start_error is not None:
            self.stop()
            raise RuntimeError("Bot API sandbox failed to start") from self._start_error
        return self

    def _run(self, ready: threading.Event) -> None:
        """Thread body: own event loop, serve until stop()."""
        loop = asyncio.new_event_loop()
        self._loop = loop
        assert self._server is not None
        try:
            loop.run_until_complete(self._server.start())
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            self._start_error = exc
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def stop(self) -> None:
        """Stop the server and its thread; safe to call twice."""
        thread, loop, server = self._thread, self._loop, self._server
        if thread is None:
            return
        if loop is not None and not loop.is_closed() and server is not None:
            try:
                asyncio.run_coroutine_threadsafe(server.stop(), loop).result(timeout=5.0)
            except Exception:  # noqa: BLE001 - shutting down anyway
                pass
            try:
                loop.call_soon_threadsafe(loop.stop)
            except RuntimeError:
                pass
        thread.join(timeout=10.0)
        self._thread = None
        self._loop = None

    def __enter__(self) -> "BotApiEmulator":
        """Start on entering a with block."""
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Stop on leaving a with block."""
        self.stop()

    async def __aenter__(self) -> "BotApiEmulator":
        """Start on entering an async with block."""
        return self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Stop without blocking the caller's event loop."""
        await asyncio.to_thread(self.stop)

    @property
    def port(self) -> int:
        """The TCP port (after start())."""
        if self._server is None or not self._server.port:
            raise RuntimeError("emulator not started")
        return self._server.port

    @property
    def url(self) -> str:
        """Root URL of the server."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(); PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ApplicationBuilder().base_file_url()."""
        return f"{self.url}/file/bot"

    def application_builder(self) -> Any:
        """A PTB ApplicationBuilder already pointed at this sandbox (token, base_url, base_file_url)."""
        from telegram.ext import ApplicationBuilder

        return ApplicationBuilder().token(self.token).base_url(self.base_url).base_file_url(self.base_file_url)

    # ---- simulated users -------------------------------------------------------------------
    def add_user(self, user_id: int, first_name: str, last_name: str | None = None,
                 username: str | None = None, language_code: str | None = "vi") -> None:
        """Create a user who has a private chat with the bot (chat id == user id)."""
        self.state.add_user(UserRecord(user_id, first_name, last_name, username, language_code))

    def add_group(self, chat_id: int, title: str, chat_type: str = "group") -> None:
        """Create a group the bot is in (negative ids like Telegram's)."""
        self.state.add_group(chat_id, title, chat_type)

    def send_text(self, user_id: int, text: str, *, reply_to_message_id: int | None = None) -> int:
        """The user sends text (a leading /command gets a bot_command entity); returns message_id."""
        return simulate.send_text(self.state, user_id, text, reply_to_message_id=reply_to_message_id)

    def send_group_text(self, chat_id: int, user_id: int, text: str) -> int:
        """A user writes in a group; returns message_id."""
        return simulate.send_text(self.state, user_id, text, chat_id=chat_id)

    def send_command(self, user_id: int, command: str, payload: str | None = None) -> int:
        """The user sends "/command payload" (e.g. a deep link /start payload)."""
        text = "/" + command.removeprefix("/")
        return self.send_text(user_id, f"{text} {payload}" if payload else text)

    def share_contact(self, user_id: int, phone_number: str, contact_user_id: Any = _SELF,
                      first_name: str | None = None) -> int:
        """The user shares a contact (their own by default; None means a contact without user_id)."""
        contact_id = user_id if contact_user_id is _SELF else contact_user_id
        return simulate.share_contact(self.state, user_id, phone_number, contact_id, first_name)

    def press_button(self, user_id: int, message_id: int, callback_data: str) -> str:
        """Press an inline button; LookupError if that bot message has no such button now."""
        return simulate.press_button(self.state, user_id, message_id, callback_data)

    def press_button_by_text(self, user_id: int, message_id: int, button_text_substring: str) -> str:
        """Press the first inline button whose text contains the substring."""
        return simulate.press_button_by_text(self.state, user_id, message_id, button_text_substring)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them fail with 403 until unblock() or a new message."""
        simulate.set_blocked(self.state, user_id, True)

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot."""
        simulate.set_blocked(self.state, user_id, False)

    # ---- observing the bot -----------------------------------------------------------------
    def messages(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to the chat, in order, as it is now (deleted ones flagged)."""
        with self.state.lock:
            return [m.snapshot() for m in self.state.bot_messages(chat_id)]

    delivered = messages

    def all_messages(self) -> list[SentMessage]:
        """Every message the bot sent, in all chats, ordered by date then chat."""
        with self.state.lock:
            result = [m.snapshot() for chat in self.state.chats for m in self.state.bot_messages(chat)]
        return sorted(result, key=lambda m: (m.date, m.chat_id, m.message_id))

    def sent_count(self, chat_id: int) -> int:
        """How many messages the bot sent to the chat (deleted ones included)."""
        with self.state.lock:
            chat = self.state.chats.get(chat_id)
            return len(chat.bot_message_ids) if chat else 0

    def duplicates(self, chat_id: int, key: Callable[[SentMessage], Hashable] | None = None) -> dict[Hashable, int]:
        """Keys (plain_text by default) the bot delivered more than once to the chat, with counts."""
        keyfunc = key or (lambda m: m.plain_text)
        counts = Counter(keyfunc(m) for m in self.messages(chat_id))
        return {k: n for k, n in counts.items() if n > 1}

    def chats_with_messages(self) -> list[int]:
        """Ids of the chats that received at least one bot message."""
        with self.state.lock:
            return [cid for cid, chat in self.state.chats.items() if chat.bot_message_ids]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery call, in order."""
        with self.state.lock:
            return list(self.state.callback_answers)

    @property
    def my_commands(self) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
        """(scope type, language_code) -> commands, as set with setMyCommands."""
        with self.state.lock:
            return {k: [dict(c) for c in v] for k, v in self.state.commands.items()}

    @property
    def request_log(self) -> list[RequestRecord]:
        """Every Bot API request: (method, chat_id, status_code, timestamp)."""
        with self.state.lock:
            return list(self.state.request_log)

    @property
    def chat_actions(self) -> list[tuple[int, str]]:
        """(chat_id, action) for every sendChatAction."""
        with self.state.lock:
            return list(self.state.chat_actions)

    @property
    def webhook_url(self) -> str:
        """The webhook URL currently set ("" when polling)."""
        with self.state.lock:
            return self.state.webhook.url

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        with self.state.lock:
            return len(self.state.updates)

    def stats(self) -> dict[str, Any]:
        """Counters: requests, sent, edited, deleted, 429s, errors by code, injected faults."""
        return self.state.stats_dict()

    def reset_limits(self) -> None:
        """Refill every flood-control bucket."""
        with self.state.lock:
            self.state.flood.reset()

    # ---- waiting ---------------------------------------------------------------------------
    async def wait_for(self, condition: Callable[[], T | None | bool], timeout: float = 5.0, interval: float = 0.01) -> T:
        """Poll condition() until it returns something truthy; return it or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value  # type: ignore[return-value]
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition {condition!r} still false after {timeout} s")
            await asyncio.sleep(interval)

    async def wait_for_message(self, chat_id: int, predicate: Callable[[SentMessage], bool] | None = None,
                               *, since: int = 0, timeout: float = 5.0) -> SentMessage:
        """First bot message to the chat with index >= since that matches predicate."""

        def find() -> SentMessage | None:
            for message in self.messages(chat_id)[since:]:
                if predicate is None or predicate(message):
                    return message
            return None

        try:
            return await self.wait_for(find, timeout)
        except TimeoutError:
            got = self.messages(chat_id)
            dump = "\n".join(
                f"  [{i}] id={m.message_id} {m.method} {m.plain_text!r} buttons={m.button_texts()!r}"
                + (" (deleted)" if m.deleted else "")
                for i, m in enumerate(got)
            )
            errors = [r for r in self.request_log if r.status_code >= 400][-5:]
            raise TimeoutError(
                f"no matching bot message in chat {chat_id} (since index {since}) within {timeout} s; "
                f"chat has {len(got)} message(s):\n{dump or '  (none)'}\nlast API errors: {errors!r}"
            ) from None

    async def wait_for_callback_answer(self, callback_query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        """The bot's answer to a callback query, once it arrives."""
        return await self.wait_for(
            lambda: next((a for a in self.callback_answers if a.callback_query_id == callback_query_id), None),
            timeout,
        )
