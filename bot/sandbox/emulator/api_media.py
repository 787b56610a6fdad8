"""Bot API methods that send files (document, photo, audio, ...) and copy or forward messages."""

from __future__ import annotations

import copy
import mimetypes
from collections.abc import Callable
from functools import partial
from typing import Any

from bot.sandbox.emulator.api_messages import (
    apply_edit,
    editable,
    formatted,
    inline_markup_param,
    new_bot_message,
    resolve_chat,
)
from bot.sandbox.emulator.params import ApiError, Params, UploadedFile, bad_request
from bot.sandbox.emulator.payloads import bot_user_json, message_json, user_json
from bot.sandbox.emulator.records import StoredFile, StoredMessage
from bot.sandbox.emulator.state import SandboxState

JSONDict = dict[str, Any]
Handler = Callable[[SandboxState, Params], Any]

MAX_UPLOAD = 50 * 1024 * 1024
MEDIA_KINDS = ("document", "photo", "audio", "video", "voice", "animation")
_EXTRA_FIELDS: dict[str, JSONDict] = {
    "photo": {"width": 1280, "height": 960},
    "audio": {"duration": 0},
    "video": {"width": 1280, "height": 720, "duration": 0},
    "voice": {"duration": 0},
    "animation": {"width": 480, "height": 360, "duration": 0},
}


def media_json(kind: str, stored: StoredFile) -> Any:
    """The Document/PhotoSize list/Audio/... object for an uploaded file."""
    data: JSONDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": len(stored.data)}
    data.update(_EXTRA_FIELDS.get(kind, {}))
    if kind == "photo":
        return [data]  # Telegram returns several sizes; one is enough for a sandbox
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def _store_upload(state: SandboxState, upload: UploadedFile) -> StoredFile:
    """Keep an uploaded file under a new file_id."""
    if len(upload.body) > MAX_UPLOAD:
        raise ApiError(413, "Request Entity Too Large")
    if not upload.body:
        raise bad_request("file must be non-empty")
    file_id, unique_id = state.new_file_ids()
    mime = upload.content_type or mimetypes.guess_type(upload.filename or "")[0]
    stored = StoredFile(file_id, unique_id, upload.filename, mime, upload.body)
    state.files[file_id] = stored
    return stored


def file_from_params(state: SandboxState, p: Params, kind: str) -> StoredFile:
    """The file of a send call: an uploaded part, attach://name, or a file_id sent before."""
    value = p.str(kind)
    upload = p.files.get(kind)
    if value and value.startswith("attach://"):
        upload = p.files.get(value.removeprefix("attach://"))
    if upload is not None:
        return _store_upload(state, upload)
    if not value:
        raise bad_request(f"there is no {kind} in the request")
    known = state.files.get(value)
    if known is not None:
        return known
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    raise bad_request("wrong file identifier/HTTP URL specified")


def send_media(kind: str, state: SandboxState, p: Params) -> JSONDict:
    """sendDocument, sendPhoto, sendAudio, sendVideo, sendVoice, sendAnimation."""
    with state.lock:
        chat = resolve_chat(state, p)
        content = formatted(state, p, "caption", p.str("caption"), p.str("parse_mode"))
        stored = file_from_params(state, p, kind)
        return new_bot_message(
            state,
            chat,
            p,
            "send" + kind.capitalize(),
            **content,
            media_kind=kind,
            document=media_json(kind, stored),
            document_bytes=stored.data,
        )


def _source_message(state: SandboxState, p: Params) -> StoredMessage:
    """The message copyMessage/forwardMessage takes from from_chat_id."""
    from_chat = resolve_chat(state, Params({"chat_id": p.values.get("from_chat_id")}), for_sending=False)
    message_id = p.int("message_id")
    source = from_chat.messages.get(message_id) if message_id is not None else None
    if source is None or source.deleted:
        raise bad_request("message to copy not found")
    return source


def _content_of(source: StoredMessage) -> dict[str, Any]:
    """Fields that carry a message's content."""
    names = (
        "text",
        "plain_text",
        "entities",
        "parse_mode",
        "caption",
        "media_kind",
        "document",
        "document_bytes",
        "contact",
    )
    return {name: copy.deepcopy(getattr(source, name)) for name in names}


def copy_message(state: SandboxState, p: Params) -> JSONDict:
    """copyMessage: same content, no link to the original; returns a MessageId."""
    with state.lock:
        chat = resolve_chat(state, p)
        source = _source_message(state, p)
        content = _content_of(source)
        if p.has("caption") and source.document is not None:
            content.update(formatted(state, p, "caption", p.str("caption"), p.str("parse_mode")))
        message = new_bot_message(state, chat, p, "copyMessage", **content)
        return {"message_id": message["message_id"]}


def forward_message(state: SandboxState, p: Params) -> JSONDict:
    """forwardMessage: same content with forward_origin pointing at the original sender."""
    with state.lock:
        chat = resolve_chat(state, p)
        source = _source_message(state, p)
        sender = bot_user_json(state) if source.from_bot else user_json(state.users[source.sender_id])
        message = new_bot_message(state, chat, p, "forwardMessage", **_content_of(source))
        stored = chat.messages[message["message_id"]]
        origin = {"type": "user", "sender_user": sender, "date": source.date}
        stored.forward_origin = origin
        return message_json(state, stored)


def send_venue(state: SandboxState, p: Params) -> JSONDict:
    """sendVenue: chat_id, latitude, longitude, title, address (required); foursquare_*/google_place_* optional.

    Returns a Message with ``venue`` (and its ``location``), as Telegram does.
    """
    with state.lock:
        chat = resolve_chat(state, p)
        latitude, longitude = p.float("latitude"), p.float("longitude")
        if latitude is None or not -90 <= latitude <= 90:
            raise bad_request("wrong latitude specified")
        if longitude is None or not -180 <= longitude <= 180:
            raise bad_request("wrong longitude specified")
        title, address = (p.str("title") or "").strip(), (p.str("address") or "").strip()
        if not title:
            raise bad_request("venue title is empty")
        if not address:
            raise bad_request("venue address is empty")
        venue: JSONDict = {
            "location": {"latitude": latitude, "longitude": longitude},
            "title": title,
            "address": address,
        }
        for name in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if p.str(name):
                venue[name] = p.str(name)
        return new_bot_message(state, chat, p, "sendVenue", plain_text=f"{title}\n{address}", venue=venue)


# InputMedia types editMessageMedia accepts (Bot API: animation, document, audio, photo, video).
EDITABLE_KINDS = ("animation", "document", "audio", "photo", "video")


def edit_message_media(state: SandboxState, p: Params) -> JSONDict:
    """editMessageMedia: chat_id + message_id, media (InputMedia JSON: type, media, caption, parse_mode), reply_markup.

    As Telegram: only a message that has media can get new media; the new file is an upload named by
    ``attach://<name>`` or a file_id sent before; the caption is the InputMedia's (none: the caption is removed); an
    edit that changes neither file, caption nor keyboard is "message is not modified". Returns the edited Message.
    """
    with state.lock:
        chat, msg = editable(state, p)
        if msg.media_kind is None or msg.document is None:
            raise bad_request("there is no media in the message to edit")
        media = p.json("media", "InputMedia")
        if not isinstance(media, dict) or not media.get("media"):
            raise bad_request("can't parse InputMedia: media is not specified")
        kind = media.get("type")
        if kind not in EDITABLE_KINDS:
            raise bad_request("can't parse InputMedia: unsupported media type")
        stored = file_from_params(state, Params({kind: media["media"]}, p.files), kind)
        inner = Params({"caption_entities": media.get("caption_entities")})
        changes = {
            "media_kind": kind,
            "document": media_json(kind, stored),
            "document_bytes": stored.data,
            **formatted(state, inner, "caption", media.get("caption"), media.get("parse_mode")),
        }
        return apply_edit(state, chat, msg, changes, inline_markup_param(p))


HANDLERS: dict[str, Handler] = {
    "editMessageMedia": edit_message_media,
    "sendVenue": send_venue,
    **{"send" + kind.capitalize(): partial(send_media, kind) for kind in MEDIA_KINDS},
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
}
SENDING_METHODS = frozenset(HANDLERS) - {"editMessageMedia"}
EDIT_METHODS = frozenset({"editMessageMedia"})
