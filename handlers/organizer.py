"""Organizer commands; to anyone else they look exactly like unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.i18n import text
from handlers.common import organizer_language


async def stats(update: Update, context: BotContext) -> None:
    """Answer counts for organizers."""
    message = update.effective_message
    language = await organizer_language(update, context)
    if language is None or message is None:
        return
    summary = await context.services.rsvp.summary()
    await message.reply_text(
        text(
            language,
            "organizer.stats",
            event_name=context.services.event.name,
            total=summary.total,
            linked=summary.linked,
            attending=summary.attending,
            declined=summary.declined,
            substitute=summary.substitute,
            unanswered=summary.unanswered,
        )
    )


def register(app: Application) -> None:
    """Add the organizer commands."""
    app.add_handler(CommandHandler("stats", stats, filters=filters.ChatType.PRIVATE))
