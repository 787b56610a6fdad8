"""/export (admins): the conference's files as documents in the chat — the same files as `delegate-bot export …`."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import plain, text
from bot.services.exports import ExportKind, UnknownBroadcast
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, language_of

log = logging.getLogger(__name__)

# Telegram: bots send documents up to 50 MB (sendDocument); a larger file is refused before it is uploaded.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# exp:<kind> sends a file (exp:dlv lists the broadcasts); exp:dlv:<id> sends one broadcast's deliveries.
EXPORT_FILE = Button(
    "exp:{kind}",
    kind="rsvps|proposals|nominations|dlv|invitations|invitations_pdf|report|audit|checkins|questions|tasks",
)
EXPORT_DELIVERIES = Button("exp:dlv:{id}", id=ID)
_MENU: tuple[ExportKind, ...] = (
    "rsvps",
    "proposals",
    "nominations",
    "deliveries",
    "invitations",
    "invitations_pdf",
    "report",
    "audit",
    "checkins",
    "questions",
    "tasks",
)


def menu_keyboard(language: str) -> InlineKeyboardMarkup:
    """One button per file, two per row."""
    buttons = [
        InlineKeyboardButton(
            text(language, f"export.button.{kind}"),
            callback_data=EXPORT_FILE.data(kind="dlv" if kind == "deliveries" else kind),
        )
        for kind in _MENU
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def export_command(update: Update, context: BotContext) -> None:
    """Show the menu of files."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    await message.reply_text(text(language, "export.menu"), reply_markup=menu_keyboard(language))


async def on_file(update: Update, context: BotContext) -> None:
    """Send the file asked for (for deliveries: the list of broadcasts to choose from)."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    code = context.match["kind"]
    if code == "dlv":
        await answer_quietly(query)
        await _choose_broadcast(update, context, language)
        return
    await answer_quietly(query, text(language, "export.preparing"))
    await send_export(update, context, language, cast(ExportKind, code))


async def on_deliveries(update: Update, context: BotContext) -> None:
    """Send one broadcast's deliveries."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    await answer_quietly(query, text(language, "export.preparing"))
    await send_export(update, context, language, "deliveries", broadcast_id=int(context.match["id"]))


async def _choose_broadcast(update: Update, context: BotContext, language: str) -> None:
    message = update.effective_message
    assert message is not None
    recent = await context.services.broadcasts.recent(10)
    if not recent:
        await message.reply_text(text(language, "export.no_broadcasts"))
        return
    rows = [
        [
            InlineKeyboardButton(
                plain(language, "export.broadcast_button", id=b.id, text=_excerpt(b.text_vi)),  # a label: not HTML
                callback_data=EXPORT_DELIVERIES.data(id=b.id),
            )
        ]
        for b in recent
    ]
    await message.reply_text(text(language, "export.choose_broadcast"), reply_markup=InlineKeyboardMarkup(rows))


def _excerpt(value: str, limit: int = 30) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


async def send_export(
    update: Update, context: BotContext, language: str, kind: ExportKind, *, broadcast_id: int | None = None
) -> None:
    """Write the file in a private temporary folder, send it as a document, and delete it."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    services = context.services
    with tempfile.TemporaryDirectory(prefix="export-") as folder:
        try:
            written = await services.exports.write(
                kind,
                Path(folder),
                actor=f"telegram:{user.id}",
                broadcast_id=broadcast_id,
                bot_username=context.bot_data.bot_username,
            )
        except UnknownBroadcast:
            await message.reply_text(text(language, "export.unknown_broadcast"))
            return
        if written.size > MAX_DOCUMENT_BYTES:
            await message.reply_text(
                text(
                    language,
                    "export.too_large",
                    name=written.name,
                    size=f"{written.size / 1024 / 1024:.1f}",
                    limit=MAX_DOCUMENT_BYTES // 1024 // 1024,
                    command=cli_command(kind, broadcast_id),
                )
            )
            return
        with written.path.open("rb") as handle:
            await message.reply_document(
                handle,
                filename=written.name,
                caption=text(language, f"export.caption.{kind}", count=written.rows),
            )


def cli_command(kind: ExportKind, broadcast_id: int | None) -> str:
    """The server command that writes the same file."""
    if kind == "invitations_pdf":
        return "delegate-bot invites print"
    if kind == "deliveries":
        return f"delegate-bot export deliveries --broadcast {broadcast_id}"
    return f"delegate-bot export {kind}"


def register(app: Application) -> None:
    """Add /export and its buttons: admins only (files hold personal data)."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("export", export_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(EXPORT_FILE, on_file, ADMIN))
    app.add_handler(roles.button(EXPORT_DELIVERIES, on_deliveries, ADMIN))
