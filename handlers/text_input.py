"""Routes a typed text to the flow whose question the user is answering (see BotData.text_routes)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.context import BotContext, TextRoute
from bot.i18n import text
from bot.services.pending import area_of
from handlers.common import language_of


def add_route(app: Application, area: str, route: TextRoute) -> None:
    """Send texts typed while a question of this area is pending to route."""
    app.bot_data.text_routes[area] = route


async def on_text(update: Update, context: BotContext) -> None:
    """Dispatch by the pending question's area, else hint at the buttons."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    pending = await context.services.pending.get(update.effective_user.id)
    route = context.bot_data.text_routes.get(area_of(pending.kind)) if pending else None
    if route is None:
        await message.reply_text(text(await language_of(update, context), "fallback.text"))
        return
    await route(update, context)


def register(app: Application) -> None:
    """Add the one handler for plain text in private chats."""
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, on_text))
