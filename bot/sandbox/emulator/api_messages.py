"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bot.sandbox.emulator.html_check import EntityParseError, parse_html, trim_text
from bot.sandbox.emulator.params import ApiError, Params, bad_request, validate_reply_markup
from bot.sandbox.emulator.payloads import message_json
from bot.sandbox.emulator.records import ChatRecord, StoredMessage
from bot.sandbox.emulator.state import SandboxState

JSONDict = dict[str, Any]
Handler = Callable[[SandboxState, Params], Any]

MAX_TEXT = 4096
MAX_CAPTION = 1024
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


def resolve_chat(state: SandboxState, p: Params, *, for_sending: bool = True) -> ChatRecord:
    """The target chat: 400 if unknown, 403 if the user blocked the bot (when sending)."""
    chat_id = p.chat_id()
    chat = state.chats.get(chat_id) if isinstance(chat_id, int) else None
    if chat is None:
        raise bad_request("chat not found")
    if for_sending and chat.type == "private" and state.users[chat.chat_id].blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat


def format_text(state: SandboxState, p: Params, text: str, parse_mode: str | None) -> tuple[str, list[JSONDict]]:
    """Plain text + entities after applying parse_mode (or explicit entities) and trimming."""
    mode = (parse_mode or "").strip()
    if mode.upper() == "HTML":
        try:
            plain, entities = parse_html(text, strict_ampersand=state.knobs.strict_ampersand)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    elif mode and mode not in ("Markdown", "MarkdownV2"):
        raise bad_request("unsupported parse_mode")
    else:
        # Markdown modes are not interpreted by the sandbox; explicit entities are taken as sent.
        plain = text
        explicit = p.json("entities") or p.json("caption_entities")
        entities = list(explicit) if isinstance(explicit, list) else []
    return trim_text(plain, entities)


def formatted(state: SandboxState, p: Params, field: str, value: str | None, parse_mode: str | None) -> JSONDict:
    """The content fields of a message text (field "text") or a caption (field "caption") after parse_mode:
    {field: value, plain_text, entities, parse_mode}. As Telegram: a text must not be empty and has at most
    4096 characters, a caption (none is empty) at most 1024."""
    plain, entities = format_text(state, p, value or "", parse_mode)
    if field == "text":
        if not plain:
            raise bad_request("message text is empty")
        if len(plain) > MAX_TEXT:
            raise bad_request("message is too long")
    elif len(plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return {field: value, "plain_text": plain, "entities": entities, "parse_mode": parse_mode}


def flood_check(state: SandboxState, chat: ChatRecord, *, count_global: bool = True, paid: bool = False) -> None:
    """Raise 429 with retry_after when limits are on and this send exceeds a bucket (paid: the paid overall limit)."""
    if paid:
        state.stats.paid += 1  # what Telegram would charge 0.1 Star for
    if not state.knobs.limits:
        return
    now = time.monotonic()
    is_group = chat.type != "private"
    if count_global:
        retry = state.flood.acquire(chat.chat_id, is_group, now, paid=paid)
    else:
        retry = state.flood.acquire_chat_only(chat.chat_id, is_group, now)
    if retry is not None:
        raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})


def _reply_to(p: Params, chat: ChatRecord) -> int | None:
    """Validated reply target from reply_parameters or reply_to_message_id."""
    params = p.json("reply_parameters") or {}
    message_id = params.get("message_id") if isinstance(params, dict) else None
    allow = bool(params.get("allow_sending_without_reply")) if isinstance(params, dict) else False
    if message_id is None:
        message_id = p.int("reply_to_message_id")
        allow = p.bool("allow_sending_without_reply")
    if message_id is None:
        return None
    target = chat.messages.get(int(message_id))
    if target is None or target.deleted:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return int(message_id)


def new_bot_message(state: SandboxState, chat: ChatRecord, p: Params, method: str, **fields: Any) -> JSONDict:
    """Flood-check, store and render a new message from the bot."""
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup JSON object"))
    reply_to = _reply_to(p, chat)
    flood_check(state, chat, paid=p.bool("allow_paid_broadcast"))
    msg = StoredMessage(
        message_id=chat.allocate_message_id(),
        chat_id=chat.chat_id,
        date=int(time.time()),
        from_bot=True,
        sender_id=state.bot_id,
        method=method,
        reply_markup=markup,
        reply_to_message_id=reply_to,
        disable_notification=p.bool("disable_notification"),
        protect_content=p.bool("protect_content"),
        **fields,
    )
    if markup is not None and ("keyboard" in markup or markup.get("remove_keyboard")):
        chat.reply_keyboard = None if markup.get("remove_keyboard") else markup
    state.store_message(msg)
    return message_json(state, msg)


def send_message(state: SandboxState, p: Params) -> JSONDict:
    """sendMessage."""
    with state.lock:
        chat = resolve_chat(state, p)
        content = formatted(state, p, "text", p.str("text") or "", p.str("parse_mode"))
        preview = p.json("link_preview_options")
        return new_bot_message(
            state,
            chat,
            p,
            "sendMessage",
            link_preview_options=preview if isinstance(preview, dict) else None,
            **content,
        )


def editable(state: SandboxState, p: Params) -> tuple[ChatRecord, StoredMessage]:
    """The bot message an edit method addresses."""
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = resolve_chat(state, p)
    message_id = p.int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    msg = chat.messages.get(message_id)
    if msg is None or msg.deleted:
        raise bad_request("message to edit not found")
    if not msg.from_bot:
        raise bad_request("message can't be edited")
    return chat, msg


def apply_edit(
    state: SandboxState, chat: ChatRecord, msg: StoredMessage, changes: dict[str, Any], markup: JSONDict | None
) -> JSONDict:
    """Reject no-op edits like Telegram, else apply them and render the message."""
    new_state = {k: changes.get(k, getattr(msg, k)) for k in ("plain_text", "entities", "document")}
    if (
        new_state["plain_text"] == msg.plain_text
        and new_state["entities"] == msg.entities
        and new_state["document"] == msg.document
        and markup == msg.inline_markup
    ):
        raise bad_request(NOT_MODIFIED)
    flood_check(state, chat, count_global=False)
    for key, value in changes.items():
        setattr(msg, key, value)
    if markup is not None or msg.inline_markup is not None:
        # Telegram drops an inline keyboard that the edit does not repeat.
        msg.reply_markup = markup
    msg.edit_count += 1
    msg.edit_date = int(time.time())
    state.stats.edited += 1
    return message_json(state, msg)


def inline_markup_param(p: Params) -> JSONDict | None:
    """reply_markup of an edit: must be an inline keyboard."""
    markup = validate_reply_markup(p.json("reply_markup", "reply keyboard markup JSON object"))
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _edit_content(state: SandboxState, p: Params, field: str) -> JSONDict:
    """editMessageText (field "text") and editMessageCaption ("caption"): a message with text gets a new text, one
    with a file a new caption, each checked as when sent (formatted); the keyboard as in every edit (apply_edit:
    an edit that changes nothing is "message is not modified")."""
    with state.lock:
        chat, msg = editable(state, p)
        if (msg.text if field == "text" else msg.document) is None:
            raise bad_request(f"there is no {field} in the message to edit")
        changes = formatted(state, p, field, p.str(field) or "", p.str("parse_mode"))
        return apply_edit(state, chat, msg, changes, inline_markup_param(p))


def edit_message_text(state: SandboxState, p: Params) -> JSONDict:
    """editMessageText."""
    return _edit_content(state, p, "text")


def edit_message_caption(state: SandboxState, p: Params) -> JSONDict:
    """editMessageCaption."""
    return _edit_content(state, p, "caption")


def edit_message_reply_markup(state: SandboxState, p: Params) -> JSONDict:
    """editMessageReplyMarkup."""
    with state.lock:
        chat, msg = editable(state, p)
        return apply_edit(state, chat, msg, {}, inline_markup_param(p))


def delete_message(state: SandboxState, p: Params) -> bool:
    """deleteMessage (the bot may delete its own and the user's messages in a private chat)."""
    with state.lock:
        chat = resolve_chat(state, p, for_sending=False)
        message_id = p.int("message_id")
        msg = chat.messages.get(message_id) if message_id is not None else None
        if msg is None or msg.deleted:
            raise bad_request("message to delete not found")
        msg.deleted = True
        _unpin(chat, msg)
        state.stats.deleted += 1
        return True


def _unpin(chat: ChatRecord, msg: StoredMessage) -> None:
    if msg.pinned:
        msg.pinned = False
        chat.pinned_message_ids.remove(msg.message_id)


def _pin_target(state: SandboxState, p: Params, *, required: bool) -> tuple[ChatRecord, StoredMessage | None]:
    """The chat and the message a pin/unpin call names (private chats: anyone may pin; groups: admins only)."""
    chat = resolve_chat(state, p)
    if chat.type != "private":
        # The sandbox's bot is never an administrator of a group.
        raise bad_request("not enough rights to manage pinned messages in the chat")
    message_id = p.int("message_id")
    if message_id is None:
        if required:
            raise bad_request("message identifier is not specified")
        return chat, None
    msg = chat.messages.get(message_id)
    if msg is None or msg.deleted:
        raise bad_request(f"message to {'pin' if required else 'unpin'} not found")
    return chat, msg


def pin_chat_message(state: SandboxState, p: Params) -> bool:
    """pinChatMessage: adds the message to the chat's pinned messages (getChat shows the latest sent as pinned).

    In a private chat either side's message can be pinned; disable_notification is recorded (Telegram never notifies
    in private chats anyway). The "pinned" service message Telegram shows is not stored as a bot message.
    """
    with state.lock:
        chat, msg = _pin_target(state, p, required=True)
        assert msg is not None
        msg.pinned_silently = p.bool("disable_notification")
        if not msg.pinned:
            msg.pinned = True
            chat.pinned_message_ids.append(msg.message_id)
        state.stats.pinned += 1
        return True


def unpin_chat_message(state: SandboxState, p: Params) -> bool:
    """unpinChatMessage: that message, or without message_id the most recent pinned one (by sending date)."""
    with state.lock:
        chat, msg = _pin_target(state, p, required=False)
        if msg is None:
            latest = chat.most_recent_pinned()
            msg = chat.messages[latest] if latest is not None else None
        if msg is not None:
            _unpin(chat, msg)
        return True


def unpin_all_chat_messages(state: SandboxState, p: Params) -> bool:
    """unpinAllChatMessages."""
    with state.lock:
        chat, _ = _pin_target(state, p, required=False)
        for message_id in list(chat.pinned_message_ids):
            _unpin(chat, chat.messages[message_id])
        return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "unpinAllChatMessages": unpin_all_chat_messages,
}
SENDING_METHODS = frozenset({"sendMessage"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
