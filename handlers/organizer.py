"""Organizer commands; to anyone else they look exactly like unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.i18n import text
from handlers.common import language_of


async def stats(update: Update, context: BotContext) -> None:
    """Answer counts for organizers."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    language = await language_of(update, context)
    if not context.services.is_organizer(update.effective_user.id):
        await message.reply_text(text(language, "unknown_command"))
        return
    summary = await context.services.rsvp.summary()
    await message.reply_text(text(
        language, "organizer.stats", event_name=context.services.event.name, total=summary.total,
        linked=summary.linked, attending=summary.attending, declined=summary.declined,
        substitute=summary.substitute, unanswered=summary.unanswered,
    ))


def register(app: Application) -> None:
    """Add the organizer commands."""
    app.add_handler(CommandHandler("stats", stats, filters=filters.ChatType.PRIVATE))
