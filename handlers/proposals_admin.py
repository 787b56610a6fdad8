"""Organizers' /proposals: counts, browsing by topic, statuses, merges and official answers sent to delegates."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from re import Match

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, plain, sentence_time, text
from bot.services.proposal_review import ASK_ANSWER, ASK_MERGE, PENDING_AREA, ReviewOutcome, ReviewResult
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import CODE, ID, Button
from handlers.common import answer_quietly, edit_quietly, language_of
from handlers.proposals import category_label
from handlers.text_input import add_route
from storage.proposal_models import ProposalRow

log = logging.getLogger(__name__)

_TOP_AGENCIES = 10
_STATUS_BUTTONS = ("received", "reviewing", "selected")
# Every button of /proposals (this module owns the "pa:" formats); organizers only.
PA_SUMMARY = Button("pa:s")
PA_LIST = Button("pa:l:{code}:{page}", code=CODE, page=r"[0-9]{1,4}")
PA_OPEN = Button("pa:o:{number}", number=ID)
PA_STATUS = Button("pa:st:{number}:{status}", number=ID, status="|".join(_STATUS_BUTTONS))
PA_ANSWER = Button("pa:an:{number}", number=ID)
PA_MERGE = Button("pa:mg:{number}", number=ID)
PA_SEND = Button("pa:sd:{number}", number=ID)
PA_FILE = Button("pa:f:{number}", number=ID)
PA_CANCEL = Button("pa:x")


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


async def _summary(context: BotContext, language: str) -> tuple[str, InlineKeyboardMarkup]:
    summary = await context.services.proposal_review.summary()
    settings = context.services.settings.proposals
    categories = "\n".join(
        text(language, "padmin.count_line", label=c.label(language), count=summary.by_category.get(c.code, 0))
        for c in settings.categories
    )
    statuses = "\n".join(
        text(language, "padmin.count_line", label=Markup(text(language, f"proposal.status_{s}")), count=n)
        for s, n in sorted(summary.by_status.items())
    )
    agencies = "\n".join(
        text(language, "padmin.count_line", label=a, count=n) for a, n in summary.by_agency[:_TOP_AGENCIES]
    )
    body = text(
        language,
        "padmin.summary",
        total=summary.total,
        categories=Markup(categories),
        statuses=Markup(statuses or "—"),
        agencies=Markup(agencies or "—"),
    )
    rows = [
        [_button(f"{c.label(language)} ({summary.by_category.get(c.code, 0)})", PA_LIST.data(code=c.code, page=0))]
        for c in settings.categories
    ]
    return body, InlineKeyboardMarkup(rows)


async def _page(context: BotContext, language: str, code: str, page: int) -> tuple[str, InlineKeyboardMarkup]:
    rows, pages = await context.services.proposal_review.page(code, page)
    page = min(max(page, 0), pages - 1)
    items = "\n\n".join(
        text(
            language,
            "padmin.list_item",
            number=r.proposal.id,
            full_name=r.delegate.full_name,
            agency=r.delegate.agency,
            status=Markup(text(language, f"proposal.status_{r.proposal.status}")),
            text=r.proposal.text[:150] + ("…" if len(r.proposal.text) > 150 else ""),
        )
        for r in rows
    )
    body = (
        text(language, "padmin.list", category=category_label(context, language, code), page=page + 1, pages=pages)
        + "\n\n"
        + (items or text(language, "padmin.list_empty"))
    )
    buttons = [
        [
            _button(
                plain(language, "padmin.button_open", number=r.proposal.id, full_name=r.delegate.full_name)[:60],
                PA_OPEN.data(number=r.proposal.id),
            )
        ]
        for r in rows
    ]
    nav = [_button("◀️", PA_LIST.data(code=code, page=page - 1))] if page > 0 else []
    nav += [_button("▶️", PA_LIST.data(code=code, page=page + 1))] if page + 1 < pages else []
    buttons += [nav] if nav else []
    buttons.append([_button(text(language, "padmin.button_back"), PA_SUMMARY.data())])
    return body, InlineKeyboardMarkup(buttons)


def _detail(context: BotContext, language: str, row: ProposalRow) -> tuple[str, InlineKeyboardMarkup | None]:
    p, d = row.proposal, row.delegate
    status = (
        text(language, "proposal.status_withdrawn") if p.withdrawn else text(language, f"proposal.status_{p.status}")
    )
    if p.merged_into:
        status = text(language, "proposal.status_merged_into", into=p.merged_into)
    body = text(
        language,
        "padmin.detail",
        number=p.id,
        category=category_label(context, language, p.category),
        full_name=d.full_name,
        position=d.position,
        agency=d.agency,
        status=Markup(status),
        text=p.text[:3000],
        sent_at=sentence_time(language, p.created_at, context.services.event.timezone),
    )
    if p.answer:
        body += "\n\n" + text(language, "padmin.detail_answer", answer=p.answer[:800])
    if p.withdrawn:
        return body, None
    rows = [
        [
            _button(text(language, f"proposal.status_{s}"), PA_STATUS.data(number=p.id, status=s))
            for s in _STATUS_BUTTONS
        ],
        [
            _button(text(language, "padmin.button_answer"), PA_ANSWER.data(number=p.id)),
            _button(text(language, "padmin.button_merge"), PA_MERGE.data(number=p.id)),
        ],
    ]
    if p.attachment:
        rows.append([_button(text(language, "padmin.button_file"), PA_FILE.data(number=p.id))])
    rows.append([_button(text(language, "padmin.button_back"), PA_LIST.data(code=p.category, page=0))])
    return body, InlineKeyboardMarkup(rows)


async def proposals(update: Update, context: BotContext) -> None:
    """/proposals (organizers only: others get the unknown-command reply, see bot/telegram/roles.py)."""
    message = update.effective_message
    assert message is not None
    body, keyboard = await _summary(context, await language_of(update, context))
    await message.reply_text(body, reply_markup=keyboard)


async def on_summary(update: Update, context: BotContext) -> None:
    """Back to the counts (PA_SUMMARY)."""
    query = update.callback_query
    assert query is not None
    await answer_quietly(query)
    view = await _summary(context, await language_of(update, context))
    await edit_quietly(query.message, context, query.from_user.id, None, *view)  # type: ignore[arg-type]


async def on_list(update: Update, context: BotContext) -> None:
    """One page of a topic (PA_LIST)."""
    query = update.callback_query
    assert query is not None and context.match is not None
    await answer_quietly(query)
    language = await language_of(update, context)
    view = await _page(context, language, context.match["code"], int(context.match["page"]))
    await edit_quietly(query.message, context, query.from_user.id, None, *view)  # type: ignore[arg-type]


async def on_cancel(update: Update, context: BotContext) -> None:
    """Cancel a typed answer or merge (PA_CANCEL)."""
    query = update.callback_query
    assert query is not None
    await context.services.proposal_review.cancel(query.from_user.id)
    await answer_quietly(query, text(await language_of(update, context), "input.cancelled"))


Act = Callable[[BotContext, CallbackQuery, str, ProposalRow, Match[str]], Awaitable[None]]


def _on_proposal(act: Act) -> Callable[[Update, BotContext], Awaitable[None]]:
    """A button acting on one proposal: "not found" alert if it is gone, else act on it."""

    async def handle(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None and context.match is not None
        language = await language_of(update, context)
        row = await context.services.proposal_review.detail(int(context.match["number"]))
        if row is None:
            await answer_quietly(query, text(language, "padmin.not_found"), alert=True)
            return
        await answer_quietly(query)
        await act(context, query, language, row, context.match)

    return handle


async def _open(context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, _: Match[str]) -> None:
    body, keyboard = _detail(context, language, row)
    await context.bot.send_message(query.from_user.id, body, reply_markup=keyboard)


async def _status(context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, m: Match[str]) -> None:
    result = await context.services.proposal_review.set_status(query.from_user.id, row.proposal.id, m["status"])
    await _after(context, query.from_user.id, language, result, query.message)


async def _ask_answer(
    context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, _: Match[str]
) -> None:
    result = await context.services.proposal_review.begin(query.from_user.id, row.proposal.id, ASK_ANSWER)
    await _after(context, query.from_user.id, language, result)


async def _ask_merge(context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, _: Match[str]) -> None:
    result = await context.services.proposal_review.begin(query.from_user.id, row.proposal.id, ASK_MERGE)
    await _after(context, query.from_user.id, language, result)


async def _send(context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, _: Match[str]) -> None:
    result = await context.services.proposal_review.send_answer(query.from_user.id, row.proposal.id)
    await _deliver(context, query.from_user.id, language, result)


async def _file(context: BotContext, query: CallbackQuery, language: str, row: ProposalRow, _: Match[str]) -> None:
    a = row.proposal.attachment
    if a is not None:
        send = context.bot.send_photo if a.kind == "photo" else context.bot.send_document
        caption = text(language, "padmin.attachment_caption", number=row.proposal.id)
        await send(query.from_user.id, a.file_id, caption=caption)


_ON_PROPOSAL: tuple[tuple[Button, Act], ...] = (
    (PA_OPEN, _open),
    (PA_STATUS, _status),
    (PA_ANSWER, _ask_answer),
    (PA_MERGE, _ask_merge),
    (PA_SEND, _send),
    (PA_FILE, _file),
)


async def _after(
    context: BotContext, chat_id: int, language: str, result: ReviewResult, message: object = None
) -> None:
    """Reply to a status change, a question, a preview or a refusal."""
    o, row = result.outcome, result.row
    if o is ReviewOutcome.OK and row is not None:
        body, keyboard = _detail(context, language, row)
        if message is not None:
            await edit_quietly(message, context, chat_id, None, body, keyboard)  # type: ignore[arg-type]
        status = text(language, f"proposal.status_{row.proposal.status}")
        if row.proposal.merged_into:
            status = text(language, "proposal.status_merged_into", into=row.proposal.merged_into)
        await context.bot.send_message(
            chat_id, text(language, "padmin.status_set", number=row.proposal.id, status=Markup(status))
        )
    elif o in (ReviewOutcome.ASK_ANSWER, ReviewOutcome.ASK_MERGE) and row is not None:
        key = "padmin.ask_answer" if o is ReviewOutcome.ASK_ANSWER else "padmin.ask_merge"
        await context.bot.send_message(
            chat_id,
            text(language, key, number=row.proposal.id, full_name=row.delegate.full_name, limit=result.limit),
            reply_markup=InlineKeyboardMarkup([[_button(text(language, "button.cancel"), PA_CANCEL.data())]]),
        )
    elif o is ReviewOutcome.PREVIEW_ANSWER and row is not None:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    _button(text(language, "padmin.button_send"), PA_SEND.data(number=row.proposal.id)),
                    _button(text(language, "button.cancel"), PA_CANCEL.data()),
                ]
            ]
        )
        await context.bot.send_message(
            chat_id,
            text(
                language,
                "padmin.answer_preview",
                number=row.proposal.id,
                full_name=row.delegate.full_name,
                answer=result.answer,
            ),
            reply_markup=keyboard,
        )
    elif o is ReviewOutcome.TOO_LONG:
        await context.bot.send_message(
            chat_id, text(language, "input.too_long", count=result.count, limit=result.limit)
        )
    elif o is ReviewOutcome.TARGET_MERGED and result.target is not None:
        await context.bot.send_message(
            chat_id,
            text(language, "padmin.target_merged", number=result.target.id, into=result.target.merged_into or "?"),
        )
    else:
        keys = {ReviewOutcome.EMPTY: "input.empty", ReviewOutcome.BAD_TARGET: "padmin.bad_target"}
        await context.bot.send_message(chat_id, text(language, keys.get(o, "padmin.not_found")))


async def _deliver(context: BotContext, chat_id: int, language: str, result: ReviewResult) -> None:
    """Send a stored official answer to the delegate's chat in their language, and tell the organizer."""
    row = result.row
    if result.outcome is not ReviewOutcome.OK or row is None:
        await context.bot.send_message(chat_id, text(language, "padmin.not_found"))
        return
    p, d = row.proposal, row.delegate
    delivered = False
    if d.telegram_user_id:
        theirs = await context.services.users.language(d.telegram_user_id, None)
        notice = text(
            theirs,
            "proposal.answer_delivered",
            number=p.id,
            category=category_label(context, theirs, p.category),
            text=p.text[:300] + ("…" if len(p.text) > 300 else ""),
            answer=result.answer,
        )
        try:
            await context.bot.send_message(d.telegram_user_id, notice)
            delivered = True
        except TelegramError as error:
            log.warning("answer to proposal %s not delivered: %s", p.id, error.message)
    key = "padmin.answer_sent" if delivered else "padmin.answer_not_delivered"
    await context.bot.send_message(chat_id, text(language, key, number=p.id, full_name=d.full_name))


async def on_text(update: Update, context: BotContext) -> None:
    """An organizer's typed answer or merge target."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language = await language_of(update, context)
    result = await context.services.proposal_review.submit_text(update.effective_user.id, message.text)
    await _after(context, message.chat_id, language, result)


def register(app: Application) -> None:
    """Add /proposals, its buttons and the organizers' text route (organizers only)."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("proposals", proposals, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(PA_SUMMARY, on_summary, ADMIN))
    app.add_handler(roles.button(PA_LIST, on_list, ADMIN))
    app.add_handler(roles.button(PA_CANCEL, on_cancel, ADMIN))
    for button, act in _ON_PROPOSAL:
        app.add_handler(roles.button(button, _on_proposal(act), ADMIN))
    add_route(app, PENDING_AREA, on_text, ADMIN)
