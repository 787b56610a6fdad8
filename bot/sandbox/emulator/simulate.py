"""What simulated users do: send text, commands and contacts, press buttons, block the bot."""

from __future__ import annotations

import time
from typing import Any

from bot.sandbox.emulator.html_check import utf16_len
from bot.sandbox.emulator.payloads import message_json, user_json
from bot.sandbox.emulator.records import StoredFile, StoredMessage
from bot.sandbox.emulator.state import SandboxState

JSONDict = dict[str, Any]


def _command_entities(text: str) -> list[JSONDict]:
    """bot_command entity for a leading /command, as Telegram's clients produce."""
    if not text.startswith("/") or len(text) < 2:
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def _user_message(state: SandboxState, user_id: int, chat_id: int | None, **fields: Any) -> StoredMessage:
    """Store a message from a user in their private chat (or the given group)."""
    with state.lock:
        user = state.user(user_id)
        if user.blocked:
            # Writing to a blocked bot needs "Restart" first, which unblocks it.
            set_blocked(state, user_id, False)
        chat = state.chat(chat_id if chat_id is not None else user_id)
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None  # the client hides a one-time keyboard once the user answers
        msg = StoredMessage(
            message_id=chat.allocate_message_id(),
            chat_id=chat.chat_id,
            date=int(time.time()),
            from_bot=False,
            sender_id=user_id,
            **fields,
        )
        return state.store_message(msg)


def send_text(
    state: SandboxState,
    user_id: int,
    text: str,
    *,
    chat_id: int | None = None,
    reply_to_message_id: int | None = None,
) -> int:
    """The user sends a text message; returns its message_id."""
    with state.lock:
        entities = _command_entities(text)
        msg = _user_message(
            state,
            user_id,
            chat_id,
            text=text,
            plain_text=text,
            entities=entities,
            reply_to_message_id=reply_to_message_id,
        )
        payload = message_json(state, msg)
        state.push_update("message", payload)
        return msg.message_id


def send_document(
    state: SandboxState,
    user_id: int,
    file_name: str,
    data: bytes,
    *,
    caption: str | None = None,
    mime_type: str | None = None,
) -> int:
    """The user sends a file; the bot can getFile and download it like a real one. Returns message_id."""
    with state.lock:
        file_id, unique_id = state.new_file_ids()
        state.files[file_id] = StoredFile(file_id, unique_id, file_name, mime_type, data)
        document: JSONDict = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": file_name,
            "file_size": len(data),
        }
        if mime_type:
            document["mime_type"] = mime_type
        msg = _user_message(
            state, user_id, None, media_kind="document", document=document, caption=caption, plain_text=caption or ""
        )
        state.push_update("message", message_json(state, msg))
        return msg.message_id


def share_contact(
    state: SandboxState,
    user_id: int,
    phone_number: str,
    contact_user_id: int | None,
    first_name: str | None,
    last_name: str | None = None,
) -> int:
    """The user shares a contact (their own by default, as a request_contact button does)."""
    with state.lock:
        user = state.user(user_id)
        contact: JSONDict = {"phone_number": phone_number, "first_name": first_name or user.first_name}
        if last_name is not None or (first_name is None and user.last_name):
            contact["last_name"] = last_name if last_name is not None else user.last_name
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        msg = _user_message(state, user_id, None, method="contact", contact=contact)
        state.push_update("message", message_json(state, msg))
        return msg.message_id


def _inline_buttons(markup: JSONDict | None) -> list[JSONDict]:
    """Every button of an inline keyboard."""
    if not markup:
        return []
    return [b for row in markup.get("inline_keyboard", []) for b in row if isinstance(b, dict)]


def press_button(state: SandboxState, user_id: int, message_id: int, callback_data: str) -> str:
    """The user presses an inline button; returns the callback query id."""
    with state.lock:
        user = state.user(user_id)
        chat = state.chat(user_id)
        msg = chat.messages.get(message_id)
        if msg is None or not msg.from_bot or msg.deleted:
            raise LookupError(f"chat {user_id} has no bot message {message_id} (deleted or never sent)")
        buttons = _inline_buttons(msg.inline_markup)
        if not any(b.get("callback_data") == callback_data for b in buttons):
            raise LookupError(
                f"message {message_id} in chat {user_id} has no inline button with callback_data "
                f"{callback_data!r}; it has {[b.get('callback_data') for b in buttons]!r}"
            )
        query_id = state.new_callback_query(user_id, chat.chat_id, message_id, callback_data)
        payload = {
            "id": query_id,
            "from": user_json(user),
            "message": message_json(state, msg),
            "chat_instance": str(-(abs(chat.chat_id) * 7919 + state.bot_id) % 10**19),
            "data": callback_data,
        }
        state.push_update("callback_query", payload)
        return query_id


def press_button_by_text(state: SandboxState, user_id: int, message_id: int, text_substring: str) -> str:
    """Press the first inline button whose text contains text_substring."""
    with state.lock:
        msg = state.chat(user_id).messages.get(message_id)
        buttons = _inline_buttons(msg.inline_markup if msg and not msg.deleted else None)
        for button in buttons:
            if text_substring in str(button.get("text", "")) and "callback_data" in button:
                return press_button(state, user_id, message_id, str(button["callback_data"]))
        raise LookupError(
            f"message {message_id} in chat {user_id} has no inline button containing "
            f"{text_substring!r}; it has {[b.get('text') for b in buttons]!r}"
        )


def set_blocked(state: SandboxState, user_id: int, blocked: bool) -> None:
    """Block or unblock the bot; Telegram tells the bot with a my_chat_member update."""
    with state.lock:
        user = state.user(user_id)
        if user.blocked == blocked:
            return
        user.blocked = blocked
        chat = state.chat(user_id)
        bot = {"id": state.bot_id, "is_bot": True, "first_name": state.bot_first_name, "username": state.bot_username}
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        payload: JSONDict = {
            "chat": {"id": chat.chat_id, "type": "private", "first_name": user.first_name},
            "from": user_json(user),
            "date": int(time.time()),
            "old_chat_member": {"user": bot, "status": old},
            "new_chat_member": {"user": bot, "status": new},
        }
        if old == "kicked":
            payload["old_chat_member"]["until_date"] = 0
        if new == "kicked":
            payload["new_chat_member"]["until_date"] = 0
        state.push_update("my_chat_member", payload)


def delete_for_user(state: SandboxState, user_id: int, message_id: int) -> None:
    """The user deletes a message in their private chat with the bot (for both sides); the bot is not told."""
    with state.lock:
        chat = state.chat(user_id)
        msg = chat.messages.get(message_id)
        if msg is None or msg.deleted:
            raise LookupError(f"no message {message_id} in chat {user_id}")
        msg.deleted = True
        if msg.pinned:
            msg.pinned = False
            chat.pinned_message_ids.remove(message_id)
