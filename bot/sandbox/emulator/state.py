"""The sandbox's shared world: users, chats, messages, pending updates, counters. Thread-safe via one lock."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.emulator.limits import FloodControl, FloodSettings
from bot.sandbox.emulator.records import (
    CallbackAnswer,
    CallbackQueryRecord,
    ChatRecord,
    RequestRecord,
    StoredFile,
    StoredMessage,
    UserRecord,
    WebhookConfig,
)

JSONDict = dict[str, Any]

# Updates delivered when allowed_updates is empty / never set (Bot API default).
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class Knobs:
    """Fault-injection and timing knobs; mutable at run time (read under the state lock)."""

    latency: float = 0.0
    timeout_rate: float = 0.0
    timeout_delay: float = 10.0
    error_rate: float = 0.0
    limits: bool = False
    callback_query_ttl: float = 15.0
    strict_ampersand: bool = True
    webhook_retry_delay: float = 0.2
    # Per-method latency overriding `latency` (e.g. {"editMessageText": 2.0}: a slow card edit in a test).
    method_latency: dict[str, float] = field(default_factory=dict)
    # Faults from Telegram (tests/test_telegram_faults.py): a share of sends refused with 429 (retry_after seconds),
    # and the whole API unreachable (every connection closed without an answer) while `unreachable` is on.
    flood_rate: float = 0.0
    flood_retry_after: int = 1
    unreachable: bool = False
    # Another Bot API implementation words its errors otherwise: a description containing a key is replaced by its
    # value (error_code and parameters unchanged), so tests show the bot relies on codes, not on Telegram's wording.
    error_wording: dict[str, str] = field(default_factory=dict)


@dataclass
class Stats:
    """Counters for emu.stats()."""

    requests: int = 0
    sent: int = 0
    edited: int = 0
    deleted: int = 0
    pinned: int = 0  # pinChatMessage calls that succeeded
    rate_limited: int = 0
    paid: int = 0  # messages sent with allow_paid_broadcast
    injected_errors: int = 0
    injected_timeouts: int = 0
    errors: Counter[int] = field(default_factory=Counter)
    by_method: Counter[str] = field(default_factory=Counter)
    # Requests received and not yet answered, by method (a test stops the bot while one is surely in flight).
    in_progress: Counter[str] = field(default_factory=Counter)


class SandboxState:
    """Everything the emulated Bot API knows; every public method takes the lock."""

    def __init__(
        self,
        token: str,
        bot_username: str,
        bot_first_name: str,
        knobs: Knobs,
        flood: FloodSettings,
        seed: int | None,
    ) -> None:
        """Create an empty world for one bot."""
        self.lock = threading.RLock()
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.knobs = knobs
        self.flood = FloodControl(flood)
        self.rng = random.Random(seed)
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.updates: list[JSONDict] = []
        self.next_update_id = 1
        self.allowed_updates: list[str] = []
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self.commands: dict[tuple[str, str | None], list[JSONDict]] = {}
        self.webhook = WebhookConfig()
        self.files: dict[str, StoredFile] = {}
        self.stats = Stats()
        self.request_log: list[RequestRecord] = []
        self.chat_actions: list[tuple[int, str]] = []
        self._next_query = 1
        self._next_file = 1
        self.listeners: list[Callable[[], None]] = []

    # ---- users and chats -------------------------------------------------------------------
    def add_user(self, user: UserRecord) -> None:
        """Register a user and their private chat with the bot."""
        with self.lock:
            self.users[user.user_id] = user
            self.chats.setdefault(user.user_id, ChatRecord(chat_id=user.user_id, type="private"))

    def add_group(self, chat_id: int, title: str, chat_type: str = "group") -> None:
        """Register a group (or supergroup) the bot is a member of."""
        with self.lock:
            self.chats.setdefault(chat_id, ChatRecord(chat_id=chat_id, type=chat_type, title=title))

    def user(self, user_id: int) -> UserRecord:
        """A registered user, or LookupError."""
        try:
            return self.users[user_id]
        except KeyError:
            raise LookupError(f"no simulated user {user_id}; call add_user() first") from None

    def chat(self, chat_id: int) -> ChatRecord:
        """A registered chat, or LookupError."""
        try:
            return self.chats[chat_id]
        except KeyError:
            raise LookupError(f"no chat {chat_id} in the sandbox") from None

    # ---- messages --------------------------------------------------------------------------
    def store_message(self, msg: StoredMessage) -> StoredMessage:
        """Put a new message into its chat (the message id must come from the chat)."""
        with self.lock:
            chat = self.chats[msg.chat_id]
            chat.messages[msg.message_id] = msg
            if msg.from_bot:
                chat.bot_message_ids.append(msg.message_id)
                self.stats.sent += 1
            return msg

    def bot_messages(self, chat_id: int) -> list[StoredMessage]:
        """The bot's messages in one chat, in sending order (deleted ones included)."""
        with self.lock:
            chat = self.chats.get(chat_id)
            if chat is None:
                return []
            return [chat.messages[mid] for mid in chat.bot_message_ids]

    # ---- updates ---------------------------------------------------------------------------
    def push_update(self, kind: str, payload: JSONDict) -> int:
        """Queue a new update of the given kind and wake up whoever waits for updates."""
        with self.lock:
            update_id = self.next_update_id
            self.next_update_id += 1
            self.updates.append({"update_id": update_id, kind: payload})
            listeners = list(self.listeners)
        for listener in listeners:
            listener()
        return update_id

    def _allowed(self, update: JSONDict, allowed: list[str]) -> bool:
        """Whether an update passes the allowed_updates filter."""
        kind = next(k for k in update if k != "update_id")
        if not allowed:
            return kind not in _NOT_BY_DEFAULT
        return kind in allowed

    def take_updates(self, offset: int | None, limit: int, allowed: list[str] | None) -> list[JSONDict]:
        """getUpdates semantics: confirm everything below offset, return up to limit pending updates."""
        with self.lock:
            if allowed is not None:
                self.allowed_updates = list(allowed)
            if offset is not None and offset < 0:
                self.updates = self.updates[offset:]
            elif offset:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.updates = [u for u in self.updates if self._allowed(u, self.allowed_updates)]
            return [dict(u) for u in self.updates[:limit]]

    def confirm_update(self, update_id: int) -> None:
        """Forget one update (webhook delivery succeeded)."""
        with self.lock:
            self.updates = [u for u in self.updates if u["update_id"] != update_id]

    def drop_updates(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        with self.lock:
            self.updates.clear()

    # ---- callback queries and files --------------------------------------------------------
    def new_callback_query(self, user_id: int, chat_id: int, message_id: int, data: str) -> str:
        """Create and remember a callback query; return its id."""
        with self.lock:
            query_id = str(self.bot_id * 1000 + self._next_query)
            self._next_query += 1
            self.callback_queries[query_id] = CallbackQueryRecord(
                query_id, user_id, chat_id, message_id, data, time.monotonic()
            )
            return query_id

    def new_file_ids(self) -> tuple[str, str]:
        """A fresh (file_id, file_unique_id) pair in Telegram's style."""
        with self.lock:
            number = self._next_file
            self._next_file += 1
        return f"BQACAgIAAxkBAAIS{number:08d}sandbox", f"AgADsb{number:06d}"

    # ---- accounting ------------------------------------------------------------------------
    def log_request(self, method: str, chat_id: int | str | None, status: int) -> None:
        """Record one answered request and count errors."""
        with self.lock:
            self.request_log.append(RequestRecord(method, chat_id, status, time.time()))
            self.stats.requests += 1
            self.stats.by_method[method] += 1
            if status >= 400:
                self.stats.errors[status] += 1
            if status == 429:
                self.stats.rate_limited += 1

    def chance(self, probability: float) -> bool:
        """Seeded coin flip; draws nothing when probability is 0 so seeded runs stay comparable."""
        if probability <= 0:
            return False
        with self.lock:
            return self.rng.random() < probability

    def stats_dict(self) -> JSONDict:
        """Counters as a plain dict."""
        with self.lock:
            s = self.stats
            return {
                "requests": s.requests,
                "sent": s.sent,
                "edited": s.edited,
                "deleted": s.deleted,
                "pinned": s.pinned,
                "rate_limited": s.rate_limited,
                "429": s.rate_limited,
                "paid": s.paid,
                "errors": dict(s.errors),
                "injected_errors": s.injected_errors,
                "injected_timeouts": s.injected_timeouts,
                "by_method": dict(s.by_method),
                "pending_updates": len(self.updates),
            }
