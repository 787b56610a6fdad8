"""Questions to the presidium: /question (topic, text, may the name be read out), /questions (approved ones, with
support), the moderators' queue (/moderate: approve, merge, reject with a reason, open/close) and the presidium's
ordered list (/presidium: answered → next)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.services.questions import QuestionOutcome, QuestionResult
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, MODERATOR, roles_of
from bot.telegram.routing import CODE, ID, Button
from handlers.common import answer_quietly, edit_quietly, fitting, language_of
from handlers.text_input import add_route
from storage.day_models import Question, RankedQuestion
from storage.models import Delegate

AREA = "q"
ASK_TEXT = "q.text"
ASK_NAME = "q.name"
ASK_REASON = "q.reason"
MODERATORS = (ADMIN, MODERATOR)
TOPIC = Button("q:t:{topic}", topic=CODE)
READ_NAME = Button("q:n:{read}", read="[01]")
CANCEL = Button("q:x")
SUPPORT = Button("q:s:{id}", id=ID)
APPROVE = Button("q:a:{id}", id=ID)
REJECT = Button("q:r:{id}", id=ID)
MERGE = Button("q:m:{id}", id=ID)
MERGE_INTO = Button("q:mi:{id}:{into}", id=ID, into=ID)
ANSWERED = Button("q:d:{id}", id=ID)
REFRESH = Button("q:p")
WINDOW = Button("q:w:{open}", open="[01]")
_SHOWN = 10


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label[:60], callback_data=data)


def _who(language: str, question: Question, delegate: Delegate) -> str:
    key = "question.who_named" if question.read_name else "question.who_unnamed"
    return text(language, key, full_name=delegate.full_name, agency=delegate.agency or "—")


async def _reply(context: BotContext, chat_id: int, language: str, result: QuestionResult) -> None:
    """Say what a delegate's step needs."""
    o, send, service = result.outcome, context.bot.send_message, context.services.questions
    if o is QuestionOutcome.ASK_TOPIC:
        rows = [[_button(t.label(language), TOPIC.data(topic=t.code))] for t in service.topics]
        rows.append([_button(text(language, "button.cancel"), CANCEL.data())])
        limit = service.settings.question_max_length
        await send(chat_id, text(language, "question.ask_topic", limit=limit), reply_markup=InlineKeyboardMarkup(rows))
    elif o is QuestionOutcome.SENT and result.question is not None:
        await send(chat_id, text(language, "question.sent", number=result.question.id))
    elif o is QuestionOutcome.TOO_SOON:
        await send(chat_id, text(language, "question.too_soon", seconds=result.wait_seconds))
    elif o is QuestionOutcome.CAP:
        await send(chat_id, text(language, "question.cap", limit=result.limit))
    elif o is QuestionOutcome.TOO_LONG:
        await send(chat_id, text(language, "input.too_long", count=result.count, limit=result.limit))
    elif o is QuestionOutcome.NOT_LINKED:
        await send(chat_id, text(language, "rsvp.not_linked"))
    else:
        await send(chat_id, text(language, f"question.{o.value}"))


async def question_command(update: Update, context: BotContext) -> None:
    """/question."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    language = await language_of(update, context)
    await _reply(context, chat.id, language, await context.services.questions.start(user.id))


async def on_topic(update: Update, context: BotContext) -> None:
    """q:t:<topic> — ask for the text."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    service = context.services.questions
    result = await service.start(user.id)
    await answer_quietly(query)
    if result.outcome is not QuestionOutcome.ASK_TOPIC:
        await _reply(context, user.id, language, result)
        return
    topic = context.match["topic"]
    await context.services.pending.put(user.id, ASK_TEXT, {"topic": topic})
    await context.bot.send_message(
        user.id,
        text(
            language,
            "question.ask_text",
            topic=service.topic_label(topic, language),
            limit=service.settings.question_max_length,
        ),
    )


async def on_text(update: Update, context: BotContext) -> None:
    """The question's text (delegates), or a rejection reason (moderators)."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None and message.text is not None
    language = await language_of(update, context)
    services = context.services
    pending = await services.pending.get(user.id)
    if pending is not None and pending.kind == ASK_REASON:
        if not roles_of(context.application).allows(user.id, MODERATORS):
            await services.pending.clear(user.id)
            await message.reply_text(text(language, "fallback.text"))
            return
        await services.pending.clear(user.id)
        await _moderated(context, user.id, language, int(pending.data["id"]), "rejected", reason=message.text)
        return
    if pending is None or pending.kind != ASK_TEXT:
        await message.reply_text(text(language, "fallback.text"))
        return
    refusal = services.questions.check_text(message.text)
    if refusal is not None:
        await _reply(context, user.id, language, refusal)
        return
    await services.pending.put(user.id, ASK_NAME, {"topic": pending.data["topic"], "text": message.text.strip()})
    keyboard = InlineKeyboardMarkup(
        [
            [_button(text(language, "question.button_named"), READ_NAME.data(read=1))],
            [_button(text(language, "question.button_unnamed"), READ_NAME.data(read=0))],
            [_button(text(language, "button.cancel"), CANCEL.data())],
        ]
    )
    await message.reply_text(text(language, "question.ask_name"), reply_markup=keyboard)


async def on_read_name(update: Update, context: BotContext) -> None:
    """q:n:<0|1> — send the question."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    services = context.services
    pending = await services.pending.get(user.id)
    if pending is None or pending.kind != ASK_NAME:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    await answer_quietly(query)
    result = await services.questions.submit(
        user.id, pending.data["topic"], pending.data["text"], context.match["read"] == "1"
    )
    if result.outcome in (
        QuestionOutcome.SENT,
        QuestionOutcome.CLOSED,
        QuestionOutcome.CAP,
        QuestionOutcome.NOT_LINKED,
    ):
        await services.pending.clear(user.id)
    await _reply(context, user.id, language, result)


async def on_cancel(update: Update, context: BotContext) -> None:
    """q:x."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await context.services.pending.clear(user.id)
    await answer_quietly(query, text(await language_of(update, context), "input.cancelled"))


# Delegates: the approved questions and support ---------------------------------------------------------------------


def _ranked_lines(language: str, ranked: list[RankedQuestion], topic_label: object) -> list[str]:
    """One entry per approved question (the first _SHOWN), to be cut to one message by `_listing`."""
    lines = []
    for place, r in enumerate(ranked[:_SHOWN], start=1):
        lines.append(
            text(
                language,
                "question.ranked_line",
                place=place,
                number=r.question.id,
                support=r.support,
                merged=r.merged,
                topic=topic_label(r.question.topic, language),  # type: ignore[operator]
                text=r.question.text,
            )
        )
    return lines


def _listing(language: str, lines: list[str], total: int, render: Callable[[Markup], str]) -> tuple[str, int]:
    """render(the questions that fit in one message, then "… and N more"), and how many are shown: questions are
    up to `question_max_length` (500 by default, 2000 at most) and ten of them exceed Telegram's 4096 characters."""

    def body(shown: Sequence[str], _: int) -> str:
        more = [text(language, "question.more", count=total - len(shown))] if total > len(shown) else []
        return render(Markup("\n\n".join([*shown, *more])))

    shown = fitting(body, lines)
    return body(lines[:shown], 0), shown


async def questions_command(update: Update, context: BotContext) -> None:
    """/questions: the approved questions in the presidium's order, with a support button for each."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = await language_of(update, context)
    service = context.services.questions
    ranked = await service.ranked()
    if not ranked:
        await message.reply_text(text(language, "question.none_approved"))
        return
    supported = await service.supported_by(user.id)
    body, shown = _listing(
        language,
        _ranked_lines(language, ranked, service.topic_label),
        len(ranked),
        lambda lines: text(language, "question.approved_list", lines=lines),
    )
    rows = [
        [_button(text(language, "question.button_support", number=r.question.id), SUPPORT.data(id=r.question.id))]
        for r in ranked[:shown]
        if r.question.id not in supported and r.delegate.telegram_user_id != user.id
    ]
    await message.reply_text(body, reply_markup=InlineKeyboardMarkup(rows) if rows else None)


async def on_support(update: Update, context: BotContext) -> None:
    """q:s:<id> — one support per delegate per question."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    result = await context.services.questions.support(user.id, int(context.match["id"]))
    number = result.question.id if result.question else context.match["id"]
    key = {
        QuestionOutcome.SUPPORTED: "question.supported",
        QuestionOutcome.ALREADY_SUPPORTED: "question.already_supported",
        QuestionOutcome.OWN: "question.own",
        QuestionOutcome.NOT_LINKED: "rsvp.not_linked",
    }.get(result.outcome, "question.not_found")
    await answer_quietly(
        query, text(language, key, number=number, count=result.count), alert=key != "question.supported"
    )


# Moderators -----------------------------------------------------------------------------------------------------------


async def moderate_command(update: Update, context: BotContext) -> None:
    """/moderate: the window and the first question waiting."""
    user = update.effective_user
    assert user is not None
    await _show_queue(context, user.id, await language_of(update, context))


async def _show_queue(context: BotContext, chat_id: int, language: str) -> None:
    services = context.services
    is_open = await services.questions.is_open()
    pending = await services.questions.pending()
    window = [
        _button(
            text(language, "question.button_close" if is_open else "question.button_open"),
            WINDOW.data(open=0 if is_open else 1),
        )
    ]
    if not pending:
        await context.bot.send_message(
            chat_id,
            text(language, "question.queue_empty", state=text(language, f"question.state_{int(is_open)}")),
            reply_markup=InlineKeyboardMarkup([window]),
        )
        return
    question, delegate = pending[0]
    keyboard = InlineKeyboardMarkup(
        [
            [
                _button(text(language, "question.button_approve"), APPROVE.data(id=question.id)),
                _button(text(language, "question.button_merge"), MERGE.data(id=question.id)),
            ],
            [_button(text(language, "question.button_reject"), REJECT.data(id=question.id))],
            window,
        ]
    )
    await context.bot.send_message(
        chat_id,
        text(
            language,
            "question.queue_card",
            waiting=len(pending),
            state=text(language, f"question.state_{int(is_open)}"),
            number=question.id,
            topic=services.questions.topic_label(question.topic, language),
            who=_who(language, question, delegate),
            text=question.text,
        ),
        reply_markup=keyboard,
    )


async def _moderated(
    context: BotContext,
    moderator_id: int,
    language: str,
    question_id: int,
    status: str,
    *,
    reason: str = "",
    into: int = 0,
) -> None:
    """Apply a decision, tell the asker when it is rejected, then show the next question."""
    services = context.services
    result = await services.questions.moderate(moderator_id, question_id, status, reason=reason, into=into)  # type: ignore[arg-type]
    if result.outcome is not QuestionOutcome.DONE or result.question is None:
        await context.bot.send_message(moderator_id, text(language, "question.wrong_state", number=question_id))
        return
    await context.bot.send_message(
        moderator_id, text(language, f"question.done_{status}", number=question_id, into=into, reason=reason)
    )
    delegate = result.delegate
    if status == "rejected" and delegate is not None and delegate.telegram_user_id is not None:
        asker = delegate.telegram_user_id
        asker_language = await services.users.language(asker, None)
        try:
            await context.bot.send_message(
                asker,
                text(
                    asker_language, "question.rejected_notice", number=question_id, reason=result.question.reason or "—"
                ),
            )
        except TelegramError:
            pass  # the asker blocked the bot; the decision stands
    if status != "answered":
        await _show_queue(context, moderator_id, language)


async def on_decision(update: Update, context: BotContext) -> None:
    """q:a / q:r / q:m / q:mi — approve, ask for a reason, list merge targets, merge."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    question_id = int(context.match["id"])
    data = query.data or ""
    await answer_quietly(query)
    if data.startswith("q:a:"):
        await _moderated(context, user.id, language, question_id, "approved")
    elif data.startswith("q:r:"):
        await context.services.pending.put(user.id, ASK_REASON, {"id": str(question_id)})
        await context.bot.send_message(user.id, text(language, "question.ask_reason", number=question_id))
    elif data.startswith("q:mi:"):
        await _moderated(context, user.id, language, question_id, "merged", into=int(context.match["into"]))
    else:
        ranked = [r for r in await context.services.questions.ranked() if r.question.id != question_id]
        if not ranked:
            await context.bot.send_message(user.id, text(language, "question.nothing_to_merge"))
            return
        rows = [
            [_button(f"{r.question.id}. {r.question.text}", MERGE_INTO.data(id=question_id, into=r.question.id))]
            for r in ranked[:_SHOWN]
        ]
        await context.bot.send_message(
            user.id, text(language, "question.ask_merge", number=question_id), reply_markup=InlineKeyboardMarkup(rows)
        )


async def on_window(update: Update, context: BotContext) -> None:
    """q:w:<0|1> (admins) — open or close the questions."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    await context.services.questions.set_open(context.match["open"] == "1", user.id)
    is_open = await context.services.questions.is_open()
    await answer_quietly(query, text(language, f"question.state_{int(is_open)}"))
    await _show_queue(context, user.id, language)


# The presidium ----------------------------------------------------------------------------------------------------------


def _presidium(context: BotContext, language: str, ranked: list[RankedQuestion]) -> tuple[str, InlineKeyboardMarkup]:
    service = context.services.questions
    rows = [[_button(text(language, "question.button_refresh"), REFRESH.data())]]
    if not ranked:
        return text(language, "question.presidium_empty"), InlineKeyboardMarkup(rows)
    top = ranked[0]
    rows.insert(
        0, [_button(text(language, "question.button_next", number=top.question.id), ANSWERED.data(id=top.question.id))]
    )
    body, _ = _listing(
        language,
        _ranked_lines(language, ranked[1:], service.topic_label),
        len(ranked) - 1,
        lambda lines: text(
            language,
            "question.presidium",
            number=top.question.id,
            topic=service.topic_label(top.question.topic, language),
            who=_who(language, top.question, top.delegate),
            text=top.question.text,
            support=top.support,
            merged=top.merged,
            waiting=len(ranked) - 1,
            lines=lines or "—",
        ),
    )
    return body, InlineKeyboardMarkup(rows)


async def presidium_command(update: Update, context: BotContext) -> None:
    """/presidium: the approved questions in order; the first one is to be read out now."""
    user = update.effective_user
    assert user is not None
    language = await language_of(update, context)
    body, keyboard = _presidium(context, language, await context.services.questions.ranked())
    await context.bot.send_message(user.id, body, reply_markup=keyboard)


async def on_presidium(update: Update, context: BotContext) -> None:
    """q:d:<id> marks the question answered in the hall and shows the next; q:p refreshes."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    services = context.services
    if (query.data or "").startswith("q:d:"):
        result = await services.questions.moderate(user.id, int(context.match["id"]), "answered")
        if result.outcome is not QuestionOutcome.DONE:
            await answer_quietly(query, text(language, "question.wrong_state", number=context.match["id"]), alert=True)
            return
    await answer_quietly(query)
    body, keyboard = _presidium(context, language, await services.questions.ranked())
    await edit_quietly(query.message, context, user.id, None, body, keyboard)  # type: ignore[arg-type]


def register(app: Application) -> None:
    """Add the delegates', moderators' and presidium's commands, buttons and the typed-text route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("question", question_command, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("questions", questions_command, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("moderate", moderate_command, filters=roles.command(*MODERATORS)))
    app.add_handler(CommandHandler("presidium", presidium_command, filters=roles.command(*MODERATORS)))
    for button, callback in ((TOPIC, on_topic), (READ_NAME, on_read_name), (CANCEL, on_cancel), (SUPPORT, on_support)):
        app.add_handler(roles.button(button, callback, EVERYONE))
    for button in (APPROVE, REJECT, MERGE, MERGE_INTO):
        app.add_handler(roles.button(button, on_decision, *MODERATORS))
    app.add_handler(roles.button(ANSWERED, on_presidium, *MODERATORS))
    app.add_handler(roles.button(REFRESH, on_presidium, *MODERATORS))
    app.add_handler(roles.button(WINDOW, on_window, ADMIN))
    add_route(app, AREA, on_text)
