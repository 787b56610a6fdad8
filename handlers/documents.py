"""/documents: delegates get the published meeting documents (sent by file_id); organizers add documents (sent to
the bot once), publish them and send them to every delegate who will attend through the broadcast outbox."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.services.broadcasts import Decision
from bot.services.documents import DocumentOutcome
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, language_of
from handlers.text_input import add_file_route, add_route

AREA = "doc"
ASK_FILE = "doc.file"
ADD = Button("doc:add")
PUBLISH = Button("doc:p:{id}:{on}", id=ID, on="[01]")
SEND = Button("doc:b:{id}", id=ID)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


async def documents_for_delegates(update: Update, context: BotContext) -> None:
    """/documents: every published document, by file_id (nothing is uploaded again)."""
    chat = update.effective_chat
    assert chat is not None
    language = await language_of(update, context)
    documents = await context.services.documents.published()
    if not documents:
        await context.bot.send_message(chat.id, text(language, "documents.none"))
        return
    await context.bot.send_message(chat.id, text(language, "documents.intro", count=len(documents)))
    for document in documents:
        await context.bot.send_document(
            chat.id, document.file_id, caption=text(language, "documents.caption", title=document.title)
        )


async def documents_for_admins(update: Update, context: BotContext) -> None:
    """/documents (organizers): the list with publish / send buttons, and "add"."""
    user = update.effective_user
    assert user is not None
    await _show(context, user.id, await language_of(update, context))


async def _show(context: BotContext, chat_id: int, language: str) -> None:
    documents = await context.services.documents.all()
    rows = []
    lines = []
    for number, d in enumerate(documents, start=1):
        state = text(language, "documents.published" if d.published else "documents.unpublished")
        lines.append(
            text(
                language,
                "documents.line",
                number=number,
                title=d.title,
                file_name=d.file_name,
                size=_mb(d.file_size),
                state=state,
            )
        )
        toggle = "documents.button_unpublish" if d.published else "documents.button_publish"
        rows.append(
            [
                InlineKeyboardButton(
                    text(language, toggle, number=number),
                    callback_data=PUBLISH.data(id=d.id, on=0 if d.published else 1),
                ),
                InlineKeyboardButton(
                    text(language, "documents.button_send", number=number), callback_data=SEND.data(id=d.id)
                ),
            ]
        )
    rows.append([InlineKeyboardButton(text(language, "documents.button_add"), callback_data=ADD.data())])
    await context.bot.send_message(
        chat_id,
        text(
            language,
            "documents.admin",
            lines=Markup("\n".join(lines) or "—"),
            limit=context.services.documents.max_mb,
        ),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def on_add(update: Update, context: BotContext) -> None:
    """doc:add — wait for the file."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    await context.services.pending.put(user.id, ASK_FILE, {})
    await context.bot.send_message(
        user.id, text(language, "documents.ask_file", limit=context.services.documents.max_mb)
    )


async def on_file(update: Update, context: BotContext) -> None:
    """The organizer's file: refused when too big or of another type, else kept by file_id."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = await language_of(update, context)
    document = message.document
    if document is None:
        await message.reply_text(text(language, "documents.not_a_document"))
        return
    result = await context.services.documents.add(
        user.id, message.caption or "", document.file_name or "tai-lieu", document.file_id, document.file_size or 0
    )
    if result.outcome is not DocumentOutcome.ADDED:
        await message.reply_text(
            text(
                language, f"documents.{result.outcome.value}", limit=result.limit_mb, size=_mb(document.file_size or 0)
            )
        )
        return
    await context.services.pending.clear(user.id)
    assert result.document is not None
    await message.reply_text(text(language, "documents.added", title=result.document.title))
    await _show(context, user.id, language)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text while a file is awaited."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    await message.reply_text(text(language, "documents.not_a_document"))


async def on_publish(update: Update, context: BotContext) -> None:
    """doc:p:<id>:<0|1>."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    result = await context.services.documents.set_published(
        int(context.match["id"]), context.match["on"] == "1", user.id
    )
    if result.outcome is DocumentOutcome.NOT_FOUND:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    await answer_quietly(query)
    await _show(context, user.id, language)


async def on_send(update: Update, context: BotContext) -> None:
    """doc:b:<id> — queue the document to every delegate who will attend (the outbox sends it by file_id)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    document = await context.services.documents.get(int(context.match["id"]))
    if document is None:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    await answer_quietly(query)
    # The bot's own framing in each recipient's language (the title is the organizer's, as typed).
    captions = {lang: text(lang, "documents.broadcast_caption", title=document.title) for lang in ("vi", "en")}
    result = await context.services.documents.broadcast(document.id, user.id, captions["vi"], captions["en"])
    if result.outcome is not DocumentOutcome.DONE or result.broadcast is None:
        await context.bot.send_message(
            user.id,
            text(language, f"documents.{result.outcome.value}", limit=result.limit_mb, size=_mb(document.file_size)),
        )
        return
    decision = result.broadcast.decision
    broadcast_id = result.broadcast.broadcast.id if result.broadcast.broadcast else 0
    key = "documents.queued" if decision is Decision.QUEUED else "documents.awaiting_approval"
    await context.bot.send_message(user.id, text(language, key, title=document.title, number=broadcast_id))
    delivery = context.bot_data.delivery
    if delivery is not None:
        delivery.wake()


def register(app: Application) -> None:
    """Organizers' /documents first, then everyone's; the buttons and the file route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("documents", documents_for_admins, filters=roles.command(ADMIN)))
    app.add_handler(CommandHandler("documents", documents_for_delegates, filters=roles.command(EVERYONE)))
    app.add_handler(roles.button(ADD, on_add, ADMIN))
    app.add_handler(roles.button(PUBLISH, on_publish, ADMIN))
    app.add_handler(roles.button(SEND, on_send, ADMIN))
    add_file_route(app, AREA, on_file, ADMIN)
    add_route(app, AREA, on_text, ADMIN)
