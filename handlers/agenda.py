"""/agenda for delegates; /agenda_publish for organizers, with the notice offered as a broadcast.

The notice is an agenda broadcast (`agenda_version`): after each attending delegate's notice, the delivery engine
brings their pinned agenda message up to date (bot/services/agenda_pins.py).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, plain, text
from bot.services import Services
from bot.services.agenda import (
    AgendaChange,
    AgendaFileError,
    agenda_messages,
    fit_lines,
    parse_agenda_bytes,
    parse_agenda_text,
    units,
    visible_length,
)
from bot.services.agenda_pins import Unpaced
from bot.services.broadcasts import TEXT_LIMIT
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, roles_of
from bot.telegram.routing import ID, Button
from bot.telegram.sender import TelegramSender
from handlers.broadcast_actions import show_preview
from handlers.common import answer_quietly, language_of
from handlers.text_input import add_file_route, add_route
from storage.broadcast_models import AgendaItem

AREA = "agenda"
AGENDA_FILE_LIMIT = 512 * 1024
# The one agenda button: tell the attending delegates what changed in this version (organizers only).
AGENDA_NOTIFY = Button("ag:notify:{version}", version=ID)


def notice_text(language: str, version: int, change: AgendaChange) -> str:
    """The plain change notice for delegates, cut to a broadcast's length with "… and N more changes"."""

    def render(shown: list[str], hidden: int) -> str:
        more = [plain(language, "agenda.notice_more", count=hidden)] if hidden else []
        return plain(language, "agenda.notice", version=version, changes="\n".join(shown + more))

    return fit_lines(render, change_lines(language, change), TEXT_LIMIT, units)


def change_lines(language: str, change: AgendaChange) -> list[str]:
    """One plain line per change (escaped later by whoever renders them)."""
    return (
        [
            plain(
                language, "agenda.change_moved", title=before.title, before=before.time or "—", after=after.time or "—"
            )
            for before, after in change.moved
        ]
        + [" ".join(plain(language, "agenda.change_added", time=i.time, title=i.title).split()) for i in change.added]
        + [
            " ".join(plain(language, "agenda.change_removed", time=i.time, title=i.title).split())
            for i in change.removed
        ]
    )


async def agenda_command(update: Update, context: BotContext) -> None:
    """Show the current agenda."""
    assert update.effective_message is not None
    language = await language_of(update, context)
    current = await context.services.agenda.current()
    for part in agenda_messages(language, current, context.services.event.timezone):
        await update.effective_message.reply_text(part)


async def publish_command(update: Update, context: BotContext) -> None:
    """Ask the organizer to type the agenda."""
    assert update.effective_user is not None and update.effective_message is not None
    language = await language_of(update, context)
    await context.services.pending.put(update.effective_user.id, "agenda.text", {})
    await update.effective_message.reply_text(text(language, "agenda.ask"))


async def on_text(update: Update, context: BotContext) -> None:
    """The typed agenda."""
    language = await language_of(update, context)
    message = update.effective_message
    if message is None or message.text is None:
        return
    await _publish(update, context, language, lambda: parse_agenda_text(message.text or ""))


async def on_file(update: Update, context: BotContext) -> None:
    """An agenda file (.txt, .md, .toml, .xlsx) sent instead of typing."""
    language = await language_of(update, context)
    message = update.effective_message
    if message is None:
        return
    document = message.document
    if document is None:
        await message.reply_text(text(language, "agenda.bad", reason=".txt / .toml / .xlsx"))
        return
    if (document.file_size or 0) > AGENDA_FILE_LIMIT:
        await message.reply_text(
            text(
                language, "agenda.file_too_big", size=(document.file_size or 0) // 1024, limit=AGENDA_FILE_LIMIT // 1024
            )
        )
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    await _publish(update, context, language, lambda: parse_agenda_bytes(data, document.file_name or "agenda.txt"))


async def _publish(update: Update, context: BotContext, language: str, parse: Callable[[], list[AgendaItem]]) -> None:
    """Publish the parsed agenda, show what changed and offer to tell the attending delegates."""
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    try:
        items = parse()
    except AgendaFileError as error:
        reason = text(language, f"agenda_error.{error.reason}", **error.detail)
        await message.reply_text(text(language, "agenda.bad", reason=Markup(reason)))
        return
    await context.services.pending.clear(update.effective_user.id)
    published = await context.services.agenda.publish(items, f"telegram:{update.effective_user.id}")
    if published.unchanged:
        await message.reply_text(text(language, "agenda.unchanged", version=published.version.version))
        return
    reply = [text(language, "agenda.published", version=published.version.version, count=len(items))]
    keyboard = None
    changes: list[str] = []
    if published.previous is None:
        reply.append(text(language, "agenda.first"))
        keyboard = _notify_keyboard(language, published.version.version, "agenda.button.send_first")
    elif published.change.empty:
        reply.append(text(language, "agenda.no_changes", previous=published.previous.version))
    else:
        reply.append(text(language, "agenda.changes_header", previous=published.previous.version))
        changes = [escape(line) for line in change_lines(language, published.change)]
        keyboard = _notify_keyboard(language, published.version.version, "agenda.button.notify")

    def render(shown: list[str], hidden: int) -> str:
        more = [text(language, "agenda.changes_more", count=hidden)] if hidden else []
        return "\n".join(reply + shown + more)

    await message.reply_text(
        fit_lines(render, changes, MessageLimit.MAX_TEXT_LENGTH, visible_length), reply_markup=keyboard
    )


async def pin_agenda(bot: Bot, services: Services, chat_id: int, delegate_id: int, language: str) -> None:
    """After "Tham dự": the current agenda pinned silently at the top of the chat (edited if pinned before)."""
    await services.agenda_pins.refresh(TelegramSender(bot), Unpaced(), delegate_id, chat_id, language)


async def unpin_agenda(bot: Bot, services: Services, delegate_id: int) -> None:
    """No longer attending: the agenda message is unpinned (it stays in the chat) and no longer updated."""
    await services.agenda_pins.unpin(TelegramSender(bot), delegate_id)


def _notify_keyboard(language: str, version: int, label: str) -> InlineKeyboardMarkup:
    """The one button under a published version: tell the attending delegates (and update their pinned agenda)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, label), callback_data=AGENDA_NOTIFY.data(version=version))]]
    )


async def on_notify(update: Update, context: BotContext) -> None:
    """Draft a broadcast of the change to attending delegates and show its preview (Send / Schedule / Cancel)."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    current = await context.services.agenda.current()
    if current is None or current.version != int(context.match["version"]):
        await answer_quietly(query, text(language, "broadcast.not_open"), alert=True)
        return
    await answer_quietly(query)
    published_change = await context.services.agenda.change_of(current.version)
    if current.version == 1:  # the first version: no changes to list, the agenda itself is pinned
        texts = {lang: plain(lang, "agenda.notice_first", version=current.version) for lang in ("vi", "en")}
    else:
        texts = {lang: notice_text(lang, current.version, published_change) for lang in ("vi", "en")}
    # An agenda notice: after each delegate's notice the delivery engine updates their pinned agenda.
    draft = await context.services.broadcasts.create_draft(
        query.from_user.id, "attending", (), texts["vi"], texts["en"], agenda_version=current.version
    )
    await show_preview(context.bot, context.services, query.from_user.id, language, draft)


def register(app: Application) -> None:
    """Add /agenda, /agenda_publish, the notify button and the typed-agenda route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("agenda", agenda_command, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("agenda_publish", publish_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(AGENDA_NOTIFY, on_notify, ADMIN))
    add_route(app, AREA, on_text, ADMIN)
    add_file_route(app, AREA, on_file, ADMIN)
