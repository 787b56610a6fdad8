"""Optional HTTP control interface under /_sandbox/ for demos and manual poking (curl)."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import TYPE_CHECKING, Any

import tornado.web

if TYPE_CHECKING:
    from bot.sandbox.emulator import BotApiEmulator

JSONDict = dict[str, Any]


class _ControlHandler(tornado.web.RequestHandler):
    """Base: JSON in, JSON out."""

    def initialize(self, emulator: BotApiEmulator) -> None:
        """Attach the emulator."""
        self.emu = emulator

    def body(self) -> JSONDict:
        """The request's JSON body (or form fields)."""
        if self.request.body and self.request.headers.get("Content-Type", "").startswith("application/json"):
            data = json.loads(self.request.body)
            return data if isinstance(data, dict) else {}
        return {k: self.get_argument(k) for k in self.request.arguments}

    def reply(self, data: Any, status: int = 200) -> None:
        """Send JSON."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, ensure_ascii=False, default=str))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as JSON."""
        exc = kwargs.get("exc_info", (None, None))[1]
        self.reply({"ok": False, "error": str(exc) if exc else self._reason}, status_code)


class UsersHandler(_ControlHandler):
    """POST /_sandbox/users {user_id, first_name, ...}: add a user."""

    def post(self) -> None:
        """Add a user."""
        data = self.body()
        self.emu.add_user(
            int(data["user_id"]),
            str(data["first_name"]),
            data.get("last_name"),
            data.get("username"),
            data.get("language_code", "vi"),
        )
        self.reply({"ok": True})


class UserActionHandler(_ControlHandler):
    """POST /_sandbox/users/{id}/{text|command|contact|press|block|unblock}."""

    def post(self, user_id: str, action: str) -> None:
        """Perform one user action."""
        uid, data = int(user_id), self.body()
        try:
            if action == "text":
                result: Any = self.emu.send_text(uid, str(data["text"]))
            elif action == "command":
                result = self.emu.send_command(uid, str(data["command"]), data.get("payload"))
            elif action == "contact":
                result = self.emu.share_contact(uid, str(data["phone_number"]))
            elif action == "press":
                message_id = int(data["message_id"])
                if "callback_data" in data:
                    result = self.emu.press_button(uid, message_id, str(data["callback_data"]))
                else:
                    result = self.emu.press_button_by_text(uid, message_id, str(data["text"]))
            elif action in ("block", "unblock"):
                getattr(self.emu, action)(uid)
                result = True
            else:
                raise tornado.web.HTTPError(404)
        except LookupError as exc:
            self.reply({"ok": False, "error": str(exc)}, 404)
            return
        self.reply({"ok": True, "result": result})


class ChatMessagesHandler(_ControlHandler):
    """GET /_sandbox/chats/{id}/messages: what the bot sent there."""

    def get(self, chat_id: str) -> None:
        """List the chat's bot messages."""
        messages = []
        for message in self.emu.messages(int(chat_id)):
            item = dataclasses.asdict(message)
            item["document_bytes"] = len(message.document_bytes) if message.document_bytes else None
            messages.append(item)
        self.reply({"ok": True, "result": messages})


class StatsHandler(_ControlHandler):
    """GET /_sandbox/stats: counters."""

    def get(self) -> None:
        """Return emu.stats()."""
        self.reply({"ok": True, "result": self.emu.stats()})


class PressesHandler(_ControlHandler):
    """POST /_sandbox/presses {"presses": [[user_id, message_id, callback_data], …]}: every press at once (a burst
    from another process); returns [[callback query id, time.time() of the press], …] in the same order."""

    def post(self) -> None:
        """Press each button."""
        pressed = []
        try:
            for user_id, message_id, callback_data in self.body()["presses"]:
                pressed.append([self.emu.press_button(int(user_id), int(message_id), str(callback_data)), time.time()])
        except LookupError as exc:
            self.reply({"ok": False, "error": str(exc)}, 404)
            return
        self.reply({"ok": True, "result": pressed})


class LogHandler(_ControlHandler):
    """GET /_sandbox/log?requests=N&answers=M: the request log from index N ([method, chat_id, status, time.time()])
    and the callback answers from index M, so a bench in another process times what the emulator recorded."""

    def get(self) -> None:
        """The two logs' tails."""
        requests = self.emu.request_log[int(self.get_argument("requests", "0")) :]
        answers = self.emu.callback_answers[int(self.get_argument("answers", "0")) :]
        self.reply(
            {
                "ok": True,
                "result": {
                    "requests": [list(r) for r in requests],
                    "answers": [dataclasses.asdict(a) for a in answers],
                },
            }
        )


def control_routes(emulator: BotApiEmulator) -> list[tuple[str, type, JSONDict]]:
    """tornado routes of the control interface."""
    args = {"emulator": emulator}
    return [
        (r"/_sandbox/users/?", UsersHandler, args),
        (r"/_sandbox/users/(-?\d+)/([a-z]+)/?", UserActionHandler, args),
        (r"/_sandbox/chats/(-?\d+)/messages/?", ChatMessagesHandler, args),
        (r"/_sandbox/stats/?", StatsHandler, args),
        (r"/_sandbox/presses/?", PressesHandler, args),
        (r"/_sandbox/log/?", LogHandler, args),
    ]
