"""Whatever no other handler took: unknown commands, stale buttons, stickers and the like."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.i18n import text
from bot.telegram.context import BotContext
from bot.telegram.routing import PRIVATE
from handlers.common import answer_quietly, language_of

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not know."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text(await language_of(update, context), "unknown_command"))


async def other_message(update: Update, context: BotContext) -> None:
    """A photo, sticker, voice note… in a private chat."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text(await language_of(update, context), "fallback.text"))


async def unknown_button(update: Update, context: BotContext) -> None:
    """The one stale-button handler: every press no registered Button pattern took (old or forged data, or a
    button of a role the presser does not hold)."""
    assert update.callback_query is not None
    await answer_quietly(update.callback_query, text(await language_of(update, context), "rsvp.stale"), alert=True)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure (never the token) and tell the user politely."""
    # PTB strips "Bad Request: " and capitalises: the text arrives as "Query is too old and response timeout…".
    description = context.error.message.lower().replace("_", " ") if isinstance(context.error, BadRequest) else ""
    if "query is too old" in description or "query id invalid" in description:  # Telegram's / MTProto's wording
        # The press was answered too late to show a notice; what it did is already stored.
        log.info("a button press was answered too late")
        return
    if isinstance(context.error, NetworkError | Forbidden) and not isinstance(context.error, BadRequest):
        # The network or a blocked chat, not a bug: one line, no traceback.
        log.warning("Telegram error while handling an update: %s", context.error.message)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == "private":
        try:
            language = await language_of(update, context)
            await context.bot.send_message(update.effective_chat.id, text(language, "error.generic"))
        except Exception:  # noqa: BLE001 - the error handler must never raise
            log.exception("could not tell the user about an error")


def register(app: Application) -> None:
    """Add the catch-all handlers; register this module last."""
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL, other_message))
    app.add_handler(CallbackQueryHandler(unknown_button))
    app.add_error_handler(on_error)  # type: ignore[arg-type]
