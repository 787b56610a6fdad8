"""/audit (admins): the last 20 actions of organizers and staff (who, what, when); the whole log as XLSX via /export."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, format_local, text
from bot.services.exports import AUDIT_LABELS
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, STAFF, roles_of
from handlers.common import language_of
from handlers.exports import EXPORT_FILE

SHOWN = 20


def actor_label(language: str, actor: str) -> str:
    """ "telegram:900001" → the account id; "cli" → the server's command line."""
    if actor.startswith("telegram:"):
        return text(language, "audit.actor_telegram", id=actor.removeprefix("telegram:"))
    return text(language, "audit.actor_cli") if actor == "cli" else actor


async def audit(update: Update, context: BotContext) -> None:
    """The latest organizer actions, newest first, with a button for the full log."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    roles = roles_of(context.application)
    organizers = roles.members(ADMIN) | roles.members(STAFF)
    entries = await context.services.statistics.recent_actions(organizers, SHOWN)
    zone = context.services.event.timezone
    lines = [
        text(
            language,
            "audit.line",
            at=format_local(e.at, zone),
            actor=actor_label(language, e.actor),
            action=AUDIT_LABELS.get(e.action, e.action) if language == "vi" else e.action.replace("_", " "),
            subject=f" ({e.subject})" if e.subject else "",
        )
        for e in entries
    ]
    body = text(
        language, "audit.header", count=len(entries), lines=Markup("\n".join(lines) or text(language, "audit.empty"))
    )
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, "audit.button_full"), callback_data=EXPORT_FILE.data(kind="audit"))]]
    )
    await message.reply_text(body, reply_markup=keyboard)


def register(app: Application) -> None:
    """/audit for admins (anyone else: the unknown-command reply)."""
    app.add_handler(CommandHandler("audit", audit, filters=roles_of(app).command(ADMIN)))
