"""Read-only views of the sandbox for tests: messages the bot sent, answers, counters, waiting helpers."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from bot.sandbox.emulator.records import CallbackAnswer, RequestRecord, SentMessage
from bot.sandbox.emulator.state import SandboxState

T = TypeVar("T")


class SandboxObserver:
    """Mixin of BotApiEmulator: everything a test asserts on. Needs `self.state`."""

    state: SandboxState

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

    def pinned_message(self, chat_id: int) -> SentMessage | None:
        """The chat's pinned message as getChat shows it (the most recent by sending date), or None."""
        with self.state.lock:
            chat = self.state.chats.get(chat_id)
            latest = chat.most_recent_pinned() if chat else None
            return chat.messages[latest].snapshot() if chat and latest is not None else None

    def pinned_messages(self, chat_id: int) -> list[SentMessage]:
        """Every message pinned in the chat now, in sending order."""
        with self.state.lock:
            chat = self.state.chats.get(chat_id)
            ids = sorted(chat.pinned_message_ids) if chat else []
            return [chat.messages[i].snapshot() for i in ids] if chat else []

    def chats_with_messages(self) -> list[int]:
        """Ids of the chats that received at least one bot message."""
        with self.state.lock:
            return [cid for cid, chat in self.state.chats.items() if chat.bot_message_ids]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery call, in order."""
        with self.state.lock:
            return list(self.state.callback_answers)

    def current_reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The reply keyboard the user sees now (None after ReplyKeyboardRemove or a one-time answer)."""
        with self.state.lock:
            chat = self.state.chats.get(chat_id)
            return dict(chat.reply_keyboard) if chat and chat.reply_keyboard else None

    def callback_delays(self) -> list[float]:
        """Seconds from each press to its (accepted) answer, for the presses answered."""
        with self.state.lock:
            return [
                q.answered_at - q.created for q in self.state.callback_queries.values() if q.answered_at is not None
            ]

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of callback queries the bot has not answered (the user's button keeps spinning)."""
        with self.state.lock:
            return [q.query_id for q in self.state.callback_queries.values() if not q.answered]

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

    def in_progress(self, method: str) -> int:
        """How many calls of `method` the emulator has received and not yet answered."""
        with self.state.lock:
            return self.state.stats.in_progress[method]

    def stats(self) -> dict[str, Any]:
        """Counters: requests, sent, edited, deleted, 429s, errors by code, injected faults."""
        return self.state.stats_dict()

    def reset_limits(self) -> None:
        """Refill every flood-control bucket."""
        with self.state.lock:
            self.state.flood.reset()

    # ---- waiting ---------------------------------------------------------------------------
    async def wait_for(
        self, condition: Callable[[], T | None | bool], timeout: float = 5.0, interval: float = 0.01
    ) -> T:
        """Poll condition() until it returns something truthy; return it or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value  # type: ignore[return-value]
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition {condition!r} still false after {timeout} s")
            await asyncio.sleep(interval)

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until the bot has fetched every update and made no request (getUpdates aside) for `quiet` seconds.

        Tests check "nothing (more) arrives" against the request log once the bot is idle, not after a fixed sleep.
        """
        deadline = time.monotonic() + timeout
        seen, since = -1, time.monotonic()
        while True:
            with self.state.lock:
                count = sum(1 for r in self.state.request_log if r.method != "getUpdates")
                pending = len(self.state.updates)
            now = time.monotonic()
            if count != seen or pending:
                seen, since = count, now
            elif now - since >= quiet:
                return
            if now >= deadline:
                raise TimeoutError(f"the bot was still busy after {timeout} s ({pending} update(s) not fetched)")
            await asyncio.sleep(0.02)

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[SentMessage], bool] | None = None,
        *,
        since: int = 0,
        timeout: float = 5.0,
    ) -> SentMessage:
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
