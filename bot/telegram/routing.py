"""How updates reach handlers: the update types the bot asks for, new private messages, and button formats.

- `ALLOWED_UPDATES` is the one list of update types, used by `run` (polling and webhook), the sandbox and the tests.
  Edited messages are not asked for, and `PRIVATE` (the filter every message handler uses) takes new messages only:
  an edited old message must never be taken as the answer to the question pending now.
- `Button` is one callback-data format: it builds the data a keyboard puts on a button and holds the compiled
  pattern, with named groups, that routes the press. Define an area's `Button`s next to the keyboards that use them
  (one module owns each format), register them with `Roles.button` (bot/telegram/roles.py) and read the values in the
  handler through ``context.match["name"]`` — never by splitting the data by hand. A press that matches no
  registered pattern (an old keyboard, a forged press, someone without the role) reaches the one stale-button
  handler in handlers/fallback.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from telegram import Update
from telegram.ext import CallbackQueryHandler, filters

ALLOWED_UPDATES: Final = ("message", "callback_query", "my_chat_member")

PRIVATE: Final = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE

# Reusable field patterns.
ID: Final = r"[0-9]{1,12}"
CODE: Final = r"[a-z0-9_-]{1,20}"

_FIELD = re.compile(r"\{([a-z_]+)\}")
_MAX_DATA_BYTES: Final = 64


class Button:
    """One callback-data format, e.g. ``Button("rsvp:{choice}:{delegate}", choice="[ads]", delegate=ID)``.

    `data(...)` builds the string for a keyboard (checked against the pattern and Telegram's 64 bytes); `pattern`
    is the compiled ``^…$`` regex with one named group per field, for CallbackQueryHandler.
    """

    def __init__(self, template: str, **fields: str) -> None:
        names = _FIELD.findall(template)
        if sorted(names) != sorted(fields) or len(set(names)) != len(names):
            raise ValueError(f"{template!r}: give one pattern per field, got {sorted(fields)}")
        parts, last = [], 0
        for match in _FIELD.finditer(template):
            parts.append(re.escape(template[last : match.start()]))
            parts.append(f"(?P<{match.group(1)}>{fields[match.group(1)]})")
            last = match.end()
        parts.append(re.escape(template[last:]))
        self.template = template
        self.pattern = re.compile("^" + "".join(parts) + "$")

    def data(self, **values: object) -> str:
        """The callback data for these values; ValueError if it would not route back here."""
        data = self.template.format(**values)
        if not self.pattern.match(data) or len(data.encode()) > _MAX_DATA_BYTES:
            raise ValueError(f"callback data {data!r} does not fit {self.template!r} (or exceeds 64 bytes)")
        return data

    def __repr__(self) -> str:
        return f"Button({self.template!r})"


class ButtonHandler(CallbackQueryHandler[Any, Any]):
    """A CallbackQueryHandler for one `Button`, optionally only for users a gate allows.

    A press the gate refuses is not this handler's: it falls through to the stale-button handler, so a refusal
    looks exactly like an unknown button.
    """

    def __init__(
        self, button: Button, callback: Any, allowed: Callable[[int | None], bool] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(callback, pattern=button.pattern, **kwargs)
        self.button = button
        self.allowed = allowed

    def check_update(self, update: object) -> bool | object | None:
        """Match the pattern, then the gate on the presser."""
        result = super().check_update(update)
        if not result or self.allowed is None:
            return result
        assert isinstance(update, Update)
        user = update.effective_user
        return result if self.allowed(user.id if user else None) else None
