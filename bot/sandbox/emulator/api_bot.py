"""Bot API methods about the bot itself: getMe, commands, webhook, callback answers, chats, files."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.sandbox.emulator.api_messages import resolve_chat
from bot.sandbox.emulator.params import ApiError, Params, bad_request
from bot.sandbox.emulator.payloads import bot_user_json, chat_full_info_json
from bot.sandbox.emulator.records import CallbackAnswer
from bot.sandbox.emulator.state import SandboxState

JSONDict = dict[str, Any]
Handler = Callable[[SandboxState, Params], Any]

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile: bots may download files up to 20 MB
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


@dataclass(frozen=True)
class Described:
    """A successful result that Telegram sends with a human description (e.g. "Webhook was set")."""

    result: Any
    description: str


def get_me(state: SandboxState, p: Params) -> JSONDict:
    """getMe."""
    return bot_user_json(state, full=True)


def _scope_key(state: SandboxState, p: Params) -> tuple[str, str | None]:
    """(scope type, language_code) key of the command tables; chat scopes append :chat_id."""
    scope = p.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = str(scope["type"])
    if kind not in (
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    ):
        raise bad_request("wrong BotCommandScope type specified")
    if "chat_id" in scope:
        kind = f"{kind}:{scope['chat_id']}"
    language = p.str("language_code") or None
    if language is not None and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return kind, language


def set_my_commands(state: SandboxState, p: Params) -> bool:
    """setMyCommands."""
    commands = p.json("commands", "commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    cleaned: list[JSONDict] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command = str(item.get("command", "")).removeprefix("/")
        description = str(item.get("description", ""))
        if not _COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description must be non-empty")
        cleaned.append({"command": command, "description": description})
    with state.lock:
        key = _scope_key(state, p)
        if cleaned:
            state.commands[key] = cleaned
        else:
            state.commands.pop(key, None)
    return True


def get_my_commands(state: SandboxState, p: Params) -> list[JSONDict]:
    """getMyCommands."""
    with state.lock:
        return [dict(c) for c in state.commands.get(_scope_key(state, p), [])]


def delete_my_commands(state: SandboxState, p: Params) -> bool:
    """deleteMyCommands."""
    with state.lock:
        state.commands.pop(_scope_key(state, p), None)
    return True


def set_webhook(state: SandboxState, p: Params) -> Described:
    """setWebhook (the sandbox accepts plain http URLs, e.g. on 127.0.0.1)."""
    url = (p.str("url") or "").strip()
    secret = p.str("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    allowed = p.json("allowed_updates")
    with state.lock:
        if p.bool("drop_pending_updates"):
            state.drop_updates()
        if not url:
            was_set = bool(state.webhook.url)
            state.webhook.url = ""
            return Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")
        was = state.webhook.url
        state.webhook.url = url
        state.webhook.secret_token = secret
        state.webhook.max_connections = p.int("max_connections", 40) or 40
        if isinstance(allowed, list):
            state.allowed_updates = [str(a) for a in allowed]
        state.webhook.last_error_date = None
        state.webhook.last_error_message = None
        listeners = list(state.listeners)
    for listener in listeners:
        listener()
    return Described(True, "Webhook is already set" if was == url else "Webhook was set")


def delete_webhook(state: SandboxState, p: Params) -> Described:
    """deleteWebhook."""
    with state.lock:
        if p.bool("drop_pending_updates"):
            state.drop_updates()
        was_set = bool(state.webhook.url)
        state.webhook.url = ""
        state.webhook.secret_token = None
    return Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")


def get_webhook_info(state: SandboxState, p: Params) -> JSONDict:
    """getWebhookInfo."""
    with state.lock:
        hook = state.webhook
        info: JSONDict = {
            "url": hook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates),
        }
        if hook.url:
            info["max_connections"] = hook.max_connections
            info["ip_address"] = "127.0.0.1"
            if state.allowed_updates:
                info["allowed_updates"] = list(state.allowed_updates)
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        return info


def ensure_no_webhook(state: SandboxState) -> None:
    """getUpdates is refused while a webhook is set."""
    with state.lock:
        if state.webhook.url:
            raise ApiError(409, WEBHOOK_CONFLICT)


def check_get_updates(state: SandboxState, p: Params) -> tuple[int | None, int, list[str] | None]:
    """Validate getUpdates; return (offset, limit, allowed_updates)."""
    ensure_no_webhook(state)
    limit = p.int("limit", 100) or 100
    allowed = p.json("allowed_updates")
    return p.int("offset"), max(1, min(limit, 100)), allowed if isinstance(allowed, list) else None


def answer_callback_query(state: SandboxState, p: Params) -> bool:
    """answerCallbackQuery: once per query, before it expires."""
    query_id = p.str("callback_query_id") or ""
    text = p.str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    with state.lock:
        query = state.callback_queries.get(query_id)
        too_old = query is not None and time.monotonic() - query.created > state.knobs.callback_query_ttl
        if query is None or query.answered or too_old:
            raise bad_request(QUERY_TOO_OLD)
        query.answered = True
        query.answered_at = time.monotonic()
        state.callback_answers.append(
            CallbackAnswer(query_id, text, p.bool("show_alert"), p.str("url"), p.int("cache_time", 0) or 0)
        )
    return True


def send_chat_action(state: SandboxState, p: Params) -> bool:
    """sendChatAction."""
    with state.lock:
        chat = resolve_chat(state, p)
        action = p.str("action") or ""
        if action not in _ACTIONS:
            raise bad_request("wrong parameter action in request")
        state.chat_actions.append((chat.chat_id, action))
    return True


def get_chat(state: SandboxState, p: Params) -> JSONDict:
    """getChat."""
    with state.lock:
        return chat_full_info_json(state, resolve_chat(state, p, for_sending=False))


def get_file(state: SandboxState, p: Params) -> JSONDict:
    """getFile: files the bot uploaded can be downloaded again from base_file_url; bots may download files up to
    20 MB only ("Bad Request: file is too big" above that, as Telegram answers)."""
    with state.lock:
        stored = state.files.get(p.str("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": f"documents/{stored.file_unique_id}",
        }


def close_or_log_out(state: SandboxState, p: Params) -> bool:
    """close / logOut: accepted, nothing else happens in the sandbox."""
    return True


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "getChat": get_chat,
    "getFile": get_file,
    "close": close_or_log_out,
    "logOut": close_or_log_out,
}
