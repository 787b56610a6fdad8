"""Records kept by the Bot API sandbox: mutable internal rows and frozen snapshots for callers."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, NamedTuple

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class SentMessage:
    """Snapshot of one message the bot sent, in its current state after edits."""

    message_id: int
    chat_id: int
    date: int
    method: str
    text: str | None
    plain_text: str
    parse_mode: str | None
    reply_markup: JSONDict | None
    caption: str | None = None
    document_name: str | None = None
    document_bytes: bytes | None = None
    edit_count: int = 0
    reply_to_message_id: int | None = None
    entities: tuple[JSONDict, ...] = ()
    deleted: bool = False
    disable_notification: bool = False
    protect_content: bool = False
    edit_date: int | None = None
    link_preview_options: JSONDict | None = None
    venue: JSONDict | None = None
    pinned: bool = False
    pinned_silently: bool | None = None  # disable_notification of the pinChatMessage that pinned it (None: never)

    def _buttons(self) -> list[JSONDict]:
        """All buttons of the reply markup, row by row."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [b if isinstance(b, dict) else {"text": str(b)} for row in rows for b in row]

    def button_texts(self) -> list[str]:
        """Texts of all inline or reply keyboard buttons."""
        return [str(b.get("text", "")) for b in self._buttons()]

    def callback_datas(self) -> list[str]:
        """callback_data of every inline button that has one."""
        return [str(b["callback_data"]) for b in self._buttons() if "callback_data" in b]

    def button_data(self, text_substring: str) -> str:
        """callback_data of the first inline button whose text contains text_substring."""
        for button in self._buttons():
            if text_substring in str(button.get("text", "")) and "callback_data" in button:
                return str(button["callback_data"])
        raise LookupError(
            f"no inline button containing {text_substring!r} in message {self.message_id}; "
            f"buttons: {self.button_texts()!r}"
        )

    def has_inline_keyboard(self) -> bool:
        """Whether the message currently carries an inline keyboard."""
        return bool(self.reply_markup and self.reply_markup.get("inline_keyboard"))


@dataclass(frozen=True)
class CallbackAnswer:
    """One answerCallbackQuery call as the bot made it."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None = None
    cache_time: int = 0


class RequestRecord(NamedTuple):
    """One Bot API request: (method, chat_id, status_code, timestamp)."""

    method: str
    chat_id: int | str | None
    status_code: int
    timestamp: float


@dataclass
class UserRecord:
    """A simulated Telegram user."""

    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "vi"
    blocked: bool = False


@dataclass
class ChatRecord:
    """A chat the bot can talk to: a private chat (id == user id) or a group."""

    chat_id: int
    type: str
    title: str | None = None
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    reply_keyboard: JSONDict | None = None
    pinned_message_ids: list[int] = field(default_factory=list)  # pinned messages, in the order they were pinned

    def most_recent_pinned(self) -> int | None:
        """The pinned message with the latest sending date (what getChat's pinned_message shows), if any."""
        return max(self.pinned_message_ids, default=None)

    def allocate_message_id(self) -> int:
        """Next message id in this chat (shared by the user's and the bot's messages)."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class StoredMessage:
    """A message as the sandbox stores it (mutable: edits change it in place)."""

    message_id: int
    chat_id: int
    date: int
    from_bot: bool
    sender_id: int
    method: str = "sendMessage"
    text: str | None = None
    plain_text: str = ""
    entities: list[JSONDict] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    caption: str | None = None
    media_kind: str | None = None
    document: Any = None
    document_bytes: bytes | None = None
    contact: JSONDict | None = None
    venue: JSONDict | None = None
    edit_count: int = 0
    edit_date: int | None = None
    deleted: bool = False
    reply_to_message_id: int | None = None
    disable_notification: bool = False
    protect_content: bool = False
    link_preview_options: JSONDict | None = None
    forward_origin: JSONDict | None = None
    pinned: bool = False
    pinned_silently: bool | None = None  # set by pinChatMessage (its disable_notification); None: never pinned

    @property
    def inline_markup(self) -> JSONDict | None:
        """The reply markup if it is an inline keyboard (the only kind a Message carries)."""
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return self.reply_markup
        return None

    def snapshot(self) -> SentMessage:
        """Frozen copy for callers."""
        return SentMessage(
            message_id=self.message_id,
            chat_id=self.chat_id,
            date=self.date,
            method=self.method,
            text=self.text,
            plain_text=self.plain_text,
            parse_mode=self.parse_mode,
            reply_markup=copy.deepcopy(self.reply_markup),
            caption=self.caption,
            document_name=self.document.get("file_name") if isinstance(self.document, dict) else None,
            document_bytes=self.document_bytes,
            edit_count=self.edit_count,
            reply_to_message_id=self.reply_to_message_id,
            entities=tuple(copy.deepcopy(self.entities)),
            deleted=self.deleted,
            disable_notification=self.disable_notification,
            protect_content=self.protect_content,
            edit_date=self.edit_date,
            link_preview_options=copy.deepcopy(self.link_preview_options),
            venue=copy.deepcopy(self.venue),
            pinned=self.pinned,
            pinned_silently=self.pinned_silently,
        )


@dataclass
class CallbackQueryRecord:
    """A callback query a user created by pressing a button."""

    query_id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created: float
    answered: bool = False
    answered_at: float | None = None


@dataclass
class WebhookConfig:
    """The webhook the bot registered with setWebhook."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class StoredFile:
    """A file uploaded by the bot, addressable by file_id afterwards."""

    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    data: bytes
