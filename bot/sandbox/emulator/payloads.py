"""Bot API JSON shapes (User, Chat, Message, ...) built from the sandbox's records."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from bot.sandbox.emulator.records import ChatRecord, StoredMessage, UserRecord

if TYPE_CHECKING:
    from bot.sandbox.emulator.state import SandboxState

JSONDict = dict[str, Any]


def user_json(user: UserRecord) -> JSONDict:
    """A User object for a simulated (human) user."""
    data: JSONDict = {"id": user.user_id, "is_bot": False, "first_name": user.first_name}
    if user.last_name:
        data["last_name"] = user.last_name
    if user.username:
        data["username"] = user.username
    if user.language_code:
        data["language_code"] = user.language_code
    return data


def bot_user_json(state: SandboxState, full: bool = False) -> JSONDict:
    """The bot's own User object; full=True adds the getMe-only fields."""
    data: JSONDict = {
        "id": state.bot_id,
        "is_bot": True,
        "first_name": state.bot_first_name,
        "username": state.bot_username,
    }
    if full:
        data.update(
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
    return data


def chat_json(state: SandboxState, chat: ChatRecord) -> JSONDict:
    """A Chat object as embedded in messages."""
    if chat.type == "private":
        user = state.users[chat.chat_id]
        data: JSONDict = {"id": chat.chat_id, "type": "private", "first_name": user.first_name}
        if user.last_name:
            data["last_name"] = user.last_name
        if user.username:
            data["username"] = user.username
        return data
    return {"id": chat.chat_id, "type": chat.type, "title": chat.title or ""}


def chat_full_info_json(state: SandboxState, chat: ChatRecord) -> JSONDict:
    """A ChatFullInfo object, the result of getChat."""
    data = chat_json(state, chat)
    data.update(
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types={
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    )
    pinned = chat.most_recent_pinned()
    if pinned is not None:
        data["pinned_message"] = message_json(state, chat.messages[pinned], with_reply=False)
    return data


def message_json(state: SandboxState, msg: StoredMessage, with_reply: bool = True) -> JSONDict:
    """A Message object reflecting the message's current stored state."""
    chat = state.chats[msg.chat_id]
    sender = bot_user_json(state) if msg.from_bot else user_json(state.users[msg.sender_id])
    data: JSONDict = {
        "message_id": msg.message_id,
        "from": sender,
        "chat": chat_json(state, chat),
        "date": msg.date,
    }
    if msg.edit_date is not None:
        data["edit_date"] = msg.edit_date
    if with_reply and msg.reply_to_message_id is not None:
        replied = chat.messages.get(msg.reply_to_message_id)
        if replied is not None and not replied.deleted:
            data["reply_to_message"] = message_json(state, replied, with_reply=False)
    if msg.forward_origin is not None:
        data["forward_origin"] = copy.deepcopy(msg.forward_origin)
    if msg.document is not None:
        data[msg.media_kind or "document"] = copy.deepcopy(msg.document)
        if msg.caption is not None:
            data["caption"] = msg.plain_text
            if msg.entities:
                data["caption_entities"] = copy.deepcopy(msg.entities)
    elif msg.contact is not None:
        data["contact"] = dict(msg.contact)
    elif msg.venue is not None:
        data["venue"] = copy.deepcopy(msg.venue)
        data["location"] = copy.deepcopy(msg.venue["location"])
    elif msg.text is not None:
        data["text"] = msg.plain_text
        if msg.entities:
            data["entities"] = copy.deepcopy(msg.entities)
    if msg.protect_content:
        data["has_protected_content"] = True
    if msg.inline_markup is not None:
        data["reply_markup"] = copy.deepcopy(msg.inline_markup)
    return data
