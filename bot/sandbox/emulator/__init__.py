"""BotApiEmulator: a local Telegram Bot API over real HTTP, with simulated users, for tests and demos."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from bot.sandbox.emulator import simulate
from bot.sandbox.emulator.limits import FloodSettings
from bot.sandbox.emulator.observe import SandboxObserver
from bot.sandbox.emulator.records import CallbackAnswer, RequestRecord, SentMessage, UserRecord
from bot.sandbox.emulator.server import SandboxServer
from bot.sandbox.emulator.state import Knobs, SandboxState

__all__ = ["BotApiEmulator", "CallbackAnswer", "RequestRecord", "SentMessage"]

_SELF = object()  # share_contact default: the sender's own contact
_DEEP_LINK_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
DEFAULT_TOKEN = "123456789:AAH-sandbox-token-000000000000000"


class _Knob:
    """Attribute that reads/writes a field of the shared Knobs under the state lock."""

    def __set_name__(self, owner: type, name: str) -> None:
        """Remember the knob's name."""
        self.name = name

    def __get__(self, obj: BotApiEmulator | None, owner: type) -> Any:
        """Current value."""
        if obj is None:
            return self
        with obj.state.lock:
            return getattr(obj.state.knobs, self.name)

    def __set__(self, obj: BotApiEmulator, value: Any) -> None:
        """Change the knob; takes effect for the next request."""
        with obj.state.lock:
            setattr(obj.state.knobs, self.name, value)


class BotApiEmulator(SandboxObserver):
    """Runs the sandbox Bot API in a background thread and lets tests act as Telegram users."""

    latency = _Knob()
    timeout_rate = _Knob()
    timeout_delay = _Knob()
    error_rate = _Knob()
    limits = _Knob()
    callback_query_ttl = _Knob()
    strict_ampersand = _Knob()
    webhook_retry_delay = _Knob()
    method_latency = _Knob()
    flood_rate = _Knob()
    flood_retry_after = _Knob()
    unreachable = _Knob()
    error_wording = _Knob()

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
        global_burst: float | None = None,
        per_chat_rate: float = 1.0,
        per_chat_burst: float = 3.0,
        group_per_minute: float = 20.0,
        callback_query_ttl: float = 15.0,
        strict_ampersand: bool = True,
    ) -> None:
        """Configure the emulator; nothing runs until start()."""
        knobs = Knobs(
            latency=latency,
            timeout_rate=timeout_rate,
            timeout_delay=timeout_delay,
            error_rate=error_rate,
            limits=limits,
            callback_query_ttl=callback_query_ttl,
            strict_ampersand=strict_ampersand,
        )
        flood = FloodSettings(global_rate, global_burst, per_chat_rate, per_chat_burst, group_per_minute)
        self.token = token
        self.state = SandboxState(token, bot_username, bot_first_name, knobs, flood, seed)
        self._server: SandboxServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._start_error: BaseException | None = None

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> BotApiEmulator:
        """Start serving on 127.0.0.1 (free port) in a background thread; returns once listening."""
        if self._thread is not None:
            return self
        from bot.sandbox.emulator.control import control_routes

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

    def __enter__(self) -> BotApiEmulator:
        """Start on entering a with block."""
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop on leaving a with block."""
        self.stop()

    async def __aenter__(self) -> BotApiEmulator:
        """Start on entering an async with block."""
        return self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
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
    def add_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
    ) -> None:
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
        """The user sends "/command payload"; a /start payload must be one a t.me deep link can carry."""
        name = command.removeprefix("/")
        if name == "start" and payload is not None and not _DEEP_LINK_PAYLOAD.fullmatch(payload):
            raise ValueError(
                f"deep-link payload {payload!r} cannot come from a t.me link: Telegram allows "
                "1-64 characters of A-Z a-z 0-9 _ -"
            )
        return self.send_text(user_id, f"/{name} {payload}" if payload else f"/{name}")

    def send_document(
        self, user_id: int, file_name: str, data: bytes, *, caption: str | None = None, mime_type: str | None = None
    ) -> int:
        """The user sends a file the bot can download (getFile); returns message_id."""
        return simulate.send_document(self.state, user_id, file_name, data, caption=caption, mime_type=mime_type)

    def share_contact(
        self, user_id: int, phone_number: str, contact_user_id: Any = _SELF, first_name: str | None = None
    ) -> int:
        """The user shares a contact (their own by default; None means a contact without user_id)."""
        contact_id = user_id if contact_user_id is _SELF else contact_user_id
        return simulate.share_contact(self.state, user_id, phone_number, contact_id, first_name)

    @contextmanager
    def together(self) -> Iterator[None]:
        """What users do inside reaches the bot in one getUpdates answer, as a burst does (no suspension inside)."""
        with self.state.lock:
            yield

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

    def delete_for_user(self, user_id: int, message_id: int) -> None:
        """The user deletes a message of their chat with the bot for both sides (Telegram sends the bot no update)."""
        simulate.delete_for_user(self.state, user_id, message_id)
