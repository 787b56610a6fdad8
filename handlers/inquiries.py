"""Practical questions (issue 18): FAQ buttons under /help and "Hỏi Ban Tổ chức" — a delegate's question goes to
admins and staff, one of them answers with one tap + text, the delegate gets the answer in their language; /inquiries
is the queue (who answered and when); one tap turns an answered question into an FAQ entry, to which the board can
add the English version (without it English readers see the Vietnamese with a note); /faq lets admins remove one
(confirmed, audited) and hide a config file's entry (handlers/faq_config.py)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, plain, sentence_time, text
from bot.services.inquiries import MAX_ANSWER, MAX_QUESTION, Inquiry, InquiryResult, Outcome
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, STAFF, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, edit_quietly, fitting, language_of
from handlers.faq_config import send_config_list
from handlers.text_input import add_route

AREA, ANSWER_AREA = "ask", "askr"
ASK_TEXT, ANSWER_TEXT = "ask.text", "askr.text"
BOARD = (ADMIN, STAFF)


async def _pressed(update: Update, context: BotContext) -> tuple[CallbackQuery, int, str, int]:
    """A button with an id: answered at once; (the press, who pressed, their language, the id)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and context.match is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    return query, user.id, language, int(context.match["id"])


async def _ask_for(context: BotContext, user_id: int, kind: str, data: dict[str, str], prompt: str) -> None:
    """The next text this person types is the answer to prompt (a pending input of this kind)."""
    await context.services.pending.put(user_id, kind, data)
    await context.bot.send_message(user_id, prompt)


async def _typed(update: Update, context: BotContext, kind: str) -> tuple[Message, User, str, int] | None:
    """A typed answer to a prompt of this kind: (the message, its author, their language, the id it is about); None
    (the fallback hint given) when they are not answering that prompt."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    language = await language_of(update, context)
    pending = await context.services.pending.get(user.id)
    if pending is None or pending.kind != kind:
        await message.reply_text(text(language, "fallback.text"))
        return None
    return message, user, language, int(pending.data["id"])


# /help's keyboard: one button per FAQ entry (c = from the config by position, s = stored from an answered question)
FAQ_SHOW = Button("faq:{kind}:{id}", kind="[cs]", id=ID)
ASK = Button("ask:new")


async def faq_keyboard(context: BotContext, language: str) -> InlineKeyboardMarkup:
    """The FAQ questions, then "Hỏi Ban Tổ chức"."""
    rows = [
        [InlineKeyboardButton(faq.entry.question_in(language), callback_data=FAQ_SHOW.data(kind="c", id=faq.index))]
        for faq in await context.services.inquiries.config_faq()  # those an admin hid (/faq) left out
    ]
    rows += [
        [InlineKeyboardButton(entry.question_in(language)[:60], callback_data=FAQ_SHOW.data(kind="s", id=entry.id))]
        for entry in await context.services.inquiries.faq()
    ]
    rows.append([InlineKeyboardButton(text(language, "ask.button"), callback_data=ASK.data())])
    return InlineKeyboardMarkup(rows)


async def on_faq(update: Update, context: BotContext) -> None:
    """An FAQ button: the answer in the reader's language."""
    _, user_id, language, index = await _pressed(update, context)
    assert context.match is not None
    if context.match["kind"] == "c":
        entry = await context.services.inquiries.config_faq_entry(index)
        if entry is None:  # hidden by an admin since, or no longer in the config
            return
        question, answer = entry.question_in(language), entry.answer_in(language)
    else:
        stored = await context.services.inquiries.faq_entry(index)
        if stored is None:
            return
        question, answer = stored.question_in(language), stored.answer_in(language)
        if language != "vi" and stored.vietnamese_only:
            answer += "\n\n" + plain(language, "faq.vietnamese_only")
    await context.bot.send_message(user_id, text(language, "faq.answer", question=question, answer=answer))


async def _start_asking(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    language = await language_of(update, context)
    if not await context.services.inquiries.may_ask(user.id):
        await context.bot.send_message(user.id, text(language, "rsvp.not_linked"))
        return
    await _ask_for(context, user.id, ASK_TEXT, {}, text(language, "ask.prompt", limit=MAX_QUESTION))


async def ask_command(update: Update, context: BotContext) -> None:
    """/ask: a practical question to the board."""
    await _start_asking(update, context)


async def on_ask(update: Update, context: BotContext) -> None:
    """The "Hỏi Ban Tổ chức" button under /help."""
    assert update.callback_query is not None
    await answer_quietly(update.callback_query)
    await _start_asking(update, context)


# The board's buttons under a new question and in the queue (admins and staff)
ANSWER = Button("ask:ans:{id}", id=ID)
TO_FAQ = Button("ask:faq:{id}", id=ID)


def _answer_row(language: str, inquiry_id: int) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            text(language, "ask.answer_button", number=inquiry_id), callback_data=ANSWER.data(id=inquiry_id)
        )
    ]


def answer_keyboard(language: str, inquiry: Inquiry) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([_answer_row(language, inquiry.id)])


def faq_button(language: str, inquiry: Inquiry) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, "ask.faq_button"), callback_data=TO_FAQ.data(id=inquiry.id))]]
    )


def _problem(language: str, result: InquiryResult) -> str | None:
    if result.outcome is Outcome.EMPTY:
        return text(language, "input.empty")
    if result.outcome is Outcome.TOO_LONG:
        return text(language, "input.too_long", count=result.count, limit=result.limit)
    return None


async def on_text(update: Update, context: BotContext) -> None:
    """The delegate's question: stored, then every admin and staff member gets it with an answer button."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    language = await language_of(update, context)
    services = context.services
    result = await services.inquiries.ask(user.id, message.text)
    problem = _problem(language, result)
    if problem:
        await message.reply_text(problem)
        return
    if result.outcome is Outcome.NOT_LINKED:
        await services.pending.clear(user.id)
        await message.reply_text(text(language, "rsvp.not_linked"))
        return
    if result.outcome is Outcome.TOO_SOON:
        await message.reply_text(text(language, "ask.too_soon", seconds=result.wait_seconds))
        return
    await services.pending.clear(user.id)
    await message.reply_text(text(language, "ask.sent"))
    inquiry = result.inquiry
    assert inquiry is not None
    roles = roles_of(context.application)
    for member in sorted(roles.members(ADMIN) | roles.members(STAFF)):
        lang = await services.users.language(member, None)
        await context.bot.send_message(
            member,
            text(
                lang, "ask.new", number=inquiry.id, name=inquiry.full_name, agency=inquiry.agency, question=inquiry.text
            ),
            reply_markup=answer_keyboard(lang, inquiry),
        )


def _already(context: BotContext, language: str, inquiry: Inquiry) -> str:
    assert inquiry.answered_at is not None
    event = context.services.event
    return text(
        language,
        "ask.already",
        number=inquiry.id,
        by=inquiry.answered_by or "",
        at=sentence_time(language, inquiry.answered_at, event.timezone),
    )


async def on_answer_button(update: Update, context: BotContext) -> None:
    """One tap on "Giải đáp": the next text is the answer."""
    _, user_id, language, inquiry_id = await _pressed(update, context)
    inquiry = await context.services.inquiries.get(inquiry_id)
    if inquiry is None:
        await context.bot.send_message(user_id, text(language, "ask.not_found"))
        return
    if inquiry.answered_at is not None:
        await context.bot.send_message(user_id, _already(context, language, inquiry))
        return
    prompt = text(
        language,
        "ask.answer_prompt",
        number=inquiry.id,
        name=inquiry.full_name,
        limit=MAX_ANSWER,
        question=inquiry.text,
    )
    await _ask_for(context, user_id, ANSWER_TEXT, {"id": str(inquiry.id)}, prompt)


async def on_answer_text(update: Update, context: BotContext) -> None:
    """The board's answer: recorded (first one counts), delivered to the delegate in their language."""
    typed = await _typed(update, context, ANSWER_TEXT)
    if typed is None:
        return
    message, user, language, inquiry_id = typed
    services = context.services
    result = await services.inquiries.answer(inquiry_id, user.id, user.full_name, message.text or "")
    problem = _problem(language, result)
    if problem:
        await message.reply_text(problem)
        return
    await services.pending.clear(user.id)
    inquiry = result.inquiry
    if result.outcome is Outcome.NOT_FOUND or inquiry is None:
        await message.reply_text(text(language, "ask.not_found"))
        return
    if result.outcome is Outcome.ALREADY:
        await message.reply_text(_already(context, language, inquiry))
        return
    reader = await services.users.language(inquiry.user_id, None)
    await context.bot.send_message(
        inquiry.user_id,
        text(reader, "ask.delivered", name=inquiry.full_name, question=inquiry.text, answer=inquiry.answer or ""),
    )
    await message.reply_text(
        text(language, "ask.answered", number=inquiry.id, name=inquiry.full_name),
        reply_markup=faq_button(language, inquiry),
    )


async def on_to_faq(update: Update, context: BotContext) -> None:
    """One tap: the answered question becomes an FAQ entry."""
    _, user_id, language, inquiry_id = await _pressed(update, context)
    result = await context.services.inquiries.to_faq(inquiry_id)
    key = {Outcome.SAVED: "ask.faq_added", Outcome.ALREADY: "ask.faq_already"}.get(result.outcome, "ask.not_found")
    number = result.inquiry.id if result.inquiry else 0
    faq_id = result.inquiry.faq_id if result.inquiry else None
    keyboard = _english_keyboard(language, faq_id) if result.outcome is Outcome.SAVED and faq_id else None
    await context.bot.send_message(user_id, text(language, key, number=number), reply_markup=keyboard)


# FAQ entries made from answers, managed by the board: the English version (admins and staff), removal (admins).
FAQ_EN = Button("faqm:en:{id}", id=ID)
FAQ_REMOVE = Button("faqm:del:{id}", id=ID)
FAQ_REMOVE_YES = Button("faqm:rm:{id}", id=ID)
FAQ_REMOVE_NO = Button("faqm:keep:{id}", id=ID)
FAQ_EN_AREA, FAQ_EN_TEXT = "faqen", "faqen.text"


def _english_button(language: str, faq_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text(language, "faq.english_button", number=faq_id), callback_data=FAQ_EN.data(id=faq_id)
    )


def _english_keyboard(language: str, faq_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_english_button(language, faq_id)]])


async def faq_command(update: Update, context: BotContext) -> None:
    """/faq (admins): the entries made from answers, each with its English version button and a remove button; then
    the config file's entries, each with a hide (or show again) button (handlers/faq_config.py)."""
    user = update.effective_user
    assert user is not None
    language = await language_of(update, context)
    await _stored_list(context, user.id, language)
    await send_config_list(context, user.id, language)


async def _stored_list(context: BotContext, user_id: int, language: str) -> None:
    entries = await context.services.inquiries.faq()
    if not entries:
        await context.bot.send_message(user_id, text(language, "faq.list_empty"))
        return
    lines = [
        text(
            language,
            "faq.list_line",
            number=entry.id,
            question=entry.question,
            english=Markup(text(language, "faq.list_vi_only")) if entry.vietnamese_only else entry.question_en or "",
        )
        for entry in entries
    ]
    buttons = [
        [
            _english_button(language, entry.id),
            InlineKeyboardButton(
                text(language, "faq.remove_button", number=entry.id), callback_data=FAQ_REMOVE.data(id=entry.id)
            ),
        ]
        for entry in entries
    ]
    await context.bot.send_message(
        user_id,
        text(language, "faq.list", count=len(entries), lines=Markup("".join(lines))),
        reply_markup=InlineKeyboardMarkup(buttons),
    )


async def on_english(update: Update, context: BotContext) -> None:
    """One tap: the next text is the entry's English version (first line the question, then the answer)."""
    _, user_id, language, faq_id = await _pressed(update, context)
    entry = await context.services.inquiries.faq_entry(faq_id)
    if entry is None:
        await context.bot.send_message(user_id, text(language, "faq.not_found"))
        return
    prompt = text(language, "faq.english_prompt", number=entry.id, question=entry.question, answer=entry.answer)
    await _ask_for(context, user_id, FAQ_EN_TEXT, {"id": str(entry.id)}, prompt)


async def on_english_text(update: Update, context: BotContext) -> None:
    """The typed English version: stored and shown as English readers will see it."""
    typed = await _typed(update, context, FAQ_EN_TEXT)
    if typed is None:
        return
    message, user, language, faq_id = typed
    services = context.services
    result = await services.inquiries.faq_english(faq_id, message.text or "", user.id)
    if result.outcome is Outcome.EMPTY:
        await message.reply_text(text(language, "faq.english_bad"))
        return
    if result.outcome is Outcome.TOO_LONG:
        await message.reply_text(text(language, "input.too_long", count=result.count, limit=result.limit))
        return
    await services.pending.clear(user.id)
    entry = result.entry
    if result.outcome is Outcome.NOT_FOUND or entry is None:
        await message.reply_text(text(language, "faq.not_found"))
        return
    await message.reply_text(
        text(
            language,
            "faq.english_saved",
            number=entry.id,
            question=entry.question_en or "",
            answer=entry.answer_en or "",
        )
    )


async def on_remove(update: Update, context: BotContext) -> None:
    """The remove button: ask to confirm (Remove / Keep)."""
    _, user_id, language, faq_id = await _pressed(update, context)
    entry = await context.services.inquiries.faq_entry(faq_id)
    if entry is None:
        await context.bot.send_message(user_id, text(language, "faq.not_found"))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text(language, "faq.remove_yes"), callback_data=FAQ_REMOVE_YES.data(id=entry.id)),
                InlineKeyboardButton(text(language, "faq.remove_no"), callback_data=FAQ_REMOVE_NO.data(id=entry.id)),
            ]
        ]
    )
    await context.bot.send_message(
        user_id, text(language, "faq.remove_confirm", number=entry.id, question=entry.question), reply_markup=keyboard
    )


async def on_remove_confirmed(update: Update, context: BotContext) -> None:
    """Confirmed: the entry leaves /help (audited); the confirmation message says so."""
    query, user_id, language, faq_id = await _pressed(update, context)
    result = await context.services.inquiries.remove_faq(faq_id, user_id)
    key = "faq.removed" if result.outcome is Outcome.SAVED else "faq.not_found"
    await edit_quietly(query.message, context, user_id, None, text(language, key, number=faq_id))  # type: ignore[arg-type]


async def on_remove_cancelled(update: Update, context: BotContext) -> None:
    """Kept: nothing changes."""
    query, user_id, language, faq_id = await _pressed(update, context)
    await edit_quietly(query.message, context, user_id, None, text(language, "faq.kept", number=faq_id))  # type: ignore[arg-type]


async def inquiries_command(update: Update, context: BotContext) -> None:
    """/inquiries: unanswered questions first (with answer buttons), then the latest answered with who and when."""
    user = update.effective_user
    assert user is not None
    language = await language_of(update, context)
    items, open_count = await context.services.inquiries.queue()
    zone = context.services.event.timezone
    lines: list[str] = []
    buttons: list[list[InlineKeyboardButton] | None] = []  # one entry per line: the answer button of an open one
    for item in items:
        if item.answered_at is None:
            at = sentence_time(language, item.asked_at, zone)
            lines.append(
                text(
                    language,
                    "ask.queue_open",
                    number=item.id,
                    name=item.full_name,
                    agency=item.agency,
                    at=at,
                    question=item.text,
                )
            )
            buttons.append(_answer_row(language, item.id))
        else:
            at = sentence_time(language, item.answered_at, zone)
            lines.append(
                text(
                    language,
                    "ask.queue_answered",
                    number=item.id,
                    name=item.full_name,
                    agency=item.agency,
                    question=item.text,
                    by=item.answered_by or "",
                    at=at,
                )
            )
            buttons.append(None)

    def render(shown: Sequence[str], hidden: int) -> str:
        # 15 questions of up to 500 characters pass Telegram's 4096: as many as fit, then "… and N more".
        more = [text(language, "question.more", count=hidden)] if hidden else []
        body = Markup("\n\n".join([*shown, *more])) if shown or more else text(language, "ask.queue_empty")
        return text(language, "ask.queue", open=open_count, lines=Markup(body))

    shown = fitting(render, lines)
    rows = [row for row in buttons[:shown] if row is not None]
    await context.bot.send_message(
        user.id, render(lines[:shown], len(lines) - shown), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """/ask and the FAQ buttons for anybody (the service refuses a person not on the roster); the rest for the board."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("ask", ask_command, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("inquiries", inquiries_command, filters=roles.command(*BOARD)))
    app.add_handler(roles.button(FAQ_SHOW, on_faq, EVERYONE))
    app.add_handler(roles.button(ASK, on_ask, EVERYONE))
    app.add_handler(roles.button(ANSWER, on_answer_button, *BOARD))
    app.add_handler(roles.button(TO_FAQ, on_to_faq, *BOARD))
    add_route(app, AREA, on_text)
    add_route(app, ANSWER_AREA, on_answer_text, *BOARD)
    app.add_handler(CommandHandler("faq", faq_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(FAQ_EN, on_english, *BOARD))
    app.add_handler(roles.button(FAQ_REMOVE, on_remove, ADMIN))
    app.add_handler(roles.button(FAQ_REMOVE_YES, on_remove_confirmed, ADMIN))
    app.add_handler(roles.button(FAQ_REMOVE_NO, on_remove_cancelled, ADMIN))
    add_route(app, FAQ_EN_AREA, on_english_text, *BOARD)
