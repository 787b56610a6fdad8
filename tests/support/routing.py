"""Feed one update straight into the running Application and see everything it caused.

`Application.process_update` runs the matching handler (and the error handler) to the end before it returns, so the
emulator's records right after it are complete: "nothing else was sent" is an exact check, with no sleep and no
polling. The user's message and the bot message a press comes from are stored in the emulator as usual.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler

from bot.sandbox.emulator import BotApiEmulator, SentMessage, simulate
from bot.sandbox.emulator.payloads import message_json, user_json
from bot.sandbox.emulator.records import CallbackAnswer
from bot.telegram import flood

_UPDATE_IDS = itertools.count(10_000_000)


@dataclass(frozen=True)
class Effect:
    """What one update made the bot do: new messages (in every chat) and answers to button presses."""

    messages: list[SentMessage]
    answers: list[CallbackAnswer]
    error_messages: list[SentMessage]

    def only_reply(self, chat_id: int) -> SentMessage:
        """The single message sent, asserting it went to chat_id and nothing else happened."""
        assert not self.answers, f"unexpected button answers {self.answers!r}"
        assert len(self.messages) == 1, f"expected exactly one reply, got {[m.plain_text for m in self.messages]!r}"
        assert self.messages[0].chat_id == chat_id
        return self.messages[0]

    def only_answer(self) -> CallbackAnswer:
        """The single button answer, asserting no message was sent anywhere."""
        assert not self.messages, f"unexpected messages {[m.plain_text for m in self.messages]!r}"
        assert len(self.answers) == 1, f"expected exactly one answer, got {self.answers!r}"
        return self.answers[0]


class Direct:
    """Sends updates to the Application directly and reports their effect."""

    def __init__(self, app: Application, emu: BotApiEmulator, error_text: str) -> None:
        self.app = app
        self.emu = emu
        self._error_text = error_text

    async def _run(self, kind: str, payload: dict[str, Any]) -> Effect:
        seen = {(m.chat_id, m.message_id) for m in self.emu.all_messages()}
        answers_before = len(self.emu.callback_answers)
        update = Update.de_json({"update_id": next(_UPDATE_IDS), kind: payload}, self.app.bot)
        await self.app.process_update(update)
        messages = [m for m in self.emu.all_messages() if (m.chat_id, m.message_id) not in seen]
        return Effect(
            messages,
            self.emu.callback_answers[answers_before:],
            [m for m in messages if m.plain_text == self._error_text],
        )

    def message_update(self, user_id: int, text: str, *, kind: str = "message") -> Update:
        """An Update carrying a new (or, kind="edited_message", edited) text message from the user."""
        return Update.de_json(
            {"update_id": next(_UPDATE_IDS), kind: self._message_payload(user_id, text)}, self.app.bot
        )

    def _message_payload(self, user_id: int, text: str) -> dict[str, Any]:
        state = self.emu.state
        with state.lock:
            entities = simulate._command_entities(text)
            stored = simulate._user_message(state, user_id, None, text=text, plain_text=text, entities=entities)
            return message_json(state, stored)

    async def text(self, user_id: int, text: str, *, kind: str = "message") -> Effect:
        """The user sends (or edits to) a text or a command."""
        return await self._run(kind, self._message_payload(user_id, text))

    async def press(self, user_id: int, data: str, message_id: int | None = None) -> Effect:
        """The user presses a button with this callback data (on message_id, else on a fresh bot message)."""
        if message_id is None:
            message_id = (await self.app.bot.send_message(user_id, "…")).message_id
        return await self._run("callback_query", self.press_payload(user_id, data, message_id))

    def press_update(self, user_id: int, data: str, message_id: int) -> Update:
        """The Update of a press, not delivered (for check_update)."""
        payload = self.press_payload(user_id, data, message_id)
        return Update.de_json({"update_id": next(_UPDATE_IDS), "callback_query": payload}, self.app.bot)

    def press_payload(self, user_id: int, data: str, message_id: int) -> dict[str, Any]:
        """A callback_query payload; the message may carry other buttons (an old or forged press)."""
        state = self.emu.state
        with state.lock:
            stored = state.chat(user_id).messages[message_id]
            query_id = state.new_callback_query(user_id, user_id, message_id, data)
            return {
                "id": query_id,
                "from": user_json(state.user(user_id)),
                "message": message_json(state, stored),
                "chat_instance": "1",
                "data": data,
            }


def selected_handlers(app: Application, update: Update) -> list[BaseHandler[Any, Any, Any]]:
    """The handler each group would run for this update, as Application.process_update picks it.

    The per-user flood guard (group -1, bot/telegram/flood.py) is left out: it runs for every update and only ever drops one.
    """
    chosen = []
    for group in sorted(app.handlers):
        for handler in app.handlers[group]:
            if getattr(handler, "callback", None) is flood.guard_update:
                continue
            check = handler.check_update(update)
            if check is not None and check is not False:
                chosen.append(handler)
                break
    return chosen
