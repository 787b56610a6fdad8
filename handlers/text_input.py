"""Routes typed text, photos and documents to the flow whose question the user is answering (BotData routes)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.i18n import text
from bot.services.pending import area_of
from bot.telegram.context import BotContext, TextRoute
from bot.telegram.roles import EVERYONE, roles_of
from bot.telegram.routing import PRIVATE
from handlers.common import language_of


def add_route(app: Application, area: str, route: TextRoute, *roles: str) -> None:
    """Send texts typed while a question of this area is pending to route, for users holding one of roles.

    roles default to everyone; anyone else (a role removed since the question was asked) gets the hint for typed
    text, exactly as if nothing were pending.
    """
    roles_of(app)  # fail early if roles are not built yet
    app.bot_data.text_routes[area] = (route, roles or (EVERYONE,))


# The file route used when no question of an area that takes files is pending (an admin sending a roster).
ANY_AREA = "*"


def add_file_route(app: Application, area: str, route: TextRoute, *roles: str) -> None:
    """Send photos and documents sent while a question of this area is pending to route (roles as add_route).

    area ANY_AREA: files sent while nothing (or nothing that takes files) is pending, by users holding one of roles.
    """
    app.bot_data.file_routes[area] = (route, roles or (EVERYONE,))


async def _dispatch(update: Update, context: BotContext, routes: dict[str, tuple[TextRoute, tuple[str, ...]]]) -> None:
    """Dispatch by the pending question's area, else hint at the buttons."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    pending = await context.services.pending.get(update.effective_user.id)
    found = routes.get(area_of(pending.kind)) if pending else None
    roles = roles_of(context.application)
    if found is None or not roles.allows(update.effective_user.id, found[1]):
        found = routes.get(ANY_AREA)
    if found is None or not roles.allows(update.effective_user.id, found[1]):
        await message.reply_text(text(await language_of(update, context), "fallback.text"))
        return
    await found[0](update, context)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text."""
    await _dispatch(update, context, context.bot_data.text_routes)


async def on_file(update: Update, context: BotContext) -> None:
    """A photo or a document."""
    await _dispatch(update, context, context.bot_data.file_routes)


def register(app: Application) -> None:
    """Add the handlers for plain text and for files in private chats (new messages only)."""
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(MessageHandler(PRIVATE & (filters.PHOTO | filters.Document.ALL), on_file))
