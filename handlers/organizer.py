"""Organizer and staff commands; to anyone else they look exactly like unknown commands (bot/roles.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.i18n import text
from bot.roles import ADMIN, STAFF, roles_of
from handlers.common import language_of


async def stats(update: Update, context: BotContext) -> None:
    """Answer counts for organizers and staff."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
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
    """Add the organizer commands (gated: anyone else gets the unknown-command reply from handlers/fallback.py)."""
    app.add_handler(CommandHandler("stats", stats, filters=roles_of(app).command(ADMIN, STAFF)))
