"""The Application's HTTP client, with the one place that handles "message is not modified" for every edit."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

# As many connections as ApplicationBuilder gives its own default client (replies run concurrently).
CONNECTION_POOL_SIZE = 256


def is_not_modified(error: BadRequest) -> bool:
    """The refusal of an edit that would change nothing. Only the description tells it apart (a plain 400):
    Telegram says "message is not modified: …" (PTB strips "Bad Request: " and capitalises), other Bot API
    servers pass the MTProto name MESSAGE_NOT_MODIFIED; both are read."""
    return "not modified" in error.message.lower().replace("_", " ")


class BotRequest(HTTPXRequest):
    """HTTPXRequest where an edit that changes nothing succeeds (returns True, like an inline message's edit).

    A fast double tap edits the same keyboard twice; the second edit is refused with "message is not modified".
    What the user sees is already right, so no handler should fail on it: every edit the bot's Application makes
    (edit_message_text, edit_message_reply_markup, edit_message_caption, …, also through CallbackQuery and
    Message shortcuts) goes through here.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("connection_pool_size", CONNECTION_POOL_SIZE)
        super().__init__(**kwargs)

    async def post(self, url: str, request_data: RequestData | None = None, **kwargs: Any) -> Any:
        """Post; an edit refused as "not modified" is a success."""
        try:
            return await super().post(url, request_data, **kwargs)
        except BadRequest as error:
            if url.rsplit("/", 1)[-1].startswith("edit") and is_not_modified(error):
                log.info("edit changed nothing (%s)", url.rsplit("/", 1)[-1])
                return True
            raise
