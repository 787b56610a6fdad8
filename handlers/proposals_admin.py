"""Organizers' /proposals: counts, browsing by topic, statuses, merges and official answers sent to delegates."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.i18n import Markup, plain, sentence_time, text
from bot.services.proposal_review import ASK_ANSWER, ASK_MERGE, PENDING_AREA, ReviewOutcome, ReviewResult
from handlers.common import answer_quietly, edit_quietly, language_of, organizer_language
from handlers.proposals import category_label
from handlers.text_input import add_route
from storage.proposal_models import ProposalRow

log = logging.getLogger(__name__)

PREFIX = "pa"
_TOP_AGENCIES = 10
_STATUS_BUTTONS = ("received", "reviewing", "selected")


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
        [_button(f"{c.label(language)} ({summary.by_category.get(c.code, 0)})", f"{PREFIX}:l:{c.code}:0")]
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
                f"{PREFIX}:o:{r.proposal.id}",
            )
        ]
        for r in rows
    ]
    nav = [_button("◀️", f"{PREFIX}:l:{code}:{page - 1}")] if page > 0 else []
    nav += [_button("▶️", f"{PREFIX}:l:{code}:{page + 1}")] if page + 1 < pages else []
    buttons += [nav] if nav else []
    buttons.append([_button(text(language, "padmin.button_back"), f"{PREFIX}:s")])
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
        [_button(text(language, f"proposal.status_{s}"), f"{PREFIX}:st:{p.id}:{s}") for s in _STATUS_BUTTONS],
        [
            _button(text(language, "padmin.button_answer"), f"{PREFIX}:an:{p.id}"),
            _button(text(language, "padmin.button_merge"), f"{PREFIX}:mg:{p.id}"),
        ],
    ]
    if p.attachment:
        rows.append([_button(text(language, "padmin.button_file"), f"{PREFIX}:f:{p.id}")])
    rows.append([_button(text(language, "padmin.button_back"), f"{PREFIX}:l:{p.category}:0")])
    return body, InlineKeyboardMarkup(rows)


async def proposals(update: Update, context: BotContext) -> None:
    """/proposals for organizers; an unknown command to anyone else."""
    message = update.effective_message
    language = await organizer_language(update, context)
    if language is None or message is None:
        return
    body, keyboard = await _summary(context, language)
    await message.reply_text(body, reply_markup=keyboard)


async def on_button(update: Update, context: BotContext) -> None:
    """Every pa:… button (organizers only)."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    language = await language_of(update, context)
    parts, user_id = (query.data or "").split(":"), update.effective_user.id
    if not context.services.is_organizer(user_id) or len(parts) < 2:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    review, action = context.services.proposal_review, parts[1]
    number = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
    if action in ("s", "l"):
        await answer_quietly(query)
        view = (
            await _summary(context, language)
            if action == "s"
            else await _page(
                context,
                language,
                parts[2] if len(parts) > 2 else "",
                int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else 0,
            )
        )
        await edit_quietly(query.message, context, user_id, None, *view)  # type: ignore[arg-type]
        return
    if action == "x":
        await review.cancel(user_id)
        await answer_quietly(query, text(language, "input.cancelled"))
        return
    row = await review.detail(number) if number else None
    if row is None:
        await answer_quietly(query, text(language, "padmin.not_found"), alert=True)
        return
    await answer_quietly(query)
    if action == "o":
        body, keyboard = _detail(context, language, row)
        await context.bot.send_message(user_id, body, reply_markup=keyboard)
    elif action == "st" and len(parts) > 3:
        await _after(context, user_id, language, await review.set_status(user_id, number, parts[3]), query.message)  # type: ignore[arg-type]
    elif action in ("an", "mg"):
        await _after(
            context, user_id, language, await review.begin(user_id, number, ASK_ANSWER if action == "an" else ASK_MERGE)
        )
    elif action == "sd":
        await _deliver(context, user_id, language, await review.send_answer(user_id, number))
    elif action == "f" and row.proposal.attachment:
        a = row.proposal.attachment
        send = context.bot.send_photo if a.kind == "photo" else context.bot.send_document
        await send(user_id, a.file_id, caption=f"#{row.proposal.id}")


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
            reply_markup=InlineKeyboardMarkup([[_button(text(language, "button.cancel"), f"{PREFIX}:x")]]),
        )
    elif o is ReviewOutcome.PREVIEW_ANSWER and row is not None:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    _button(text(language, "padmin.button_send"), f"{PREFIX}:sd:{row.proposal.id}"),
                    _button(text(language, "button.cancel"), f"{PREFIX}:x"),
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
    if not context.services.is_organizer(update.effective_user.id):
        await context.services.proposal_review.cancel(update.effective_user.id)
        await message.reply_text(text(language, "fallback.text"))
        return
    result = await context.services.proposal_review.submit_text(update.effective_user.id, message.text)
    await _after(context, message.chat_id, language, result)


def register(app: Application) -> None:
    """Add /proposals, its buttons and the organizers' text route."""
    app.add_handler(CommandHandler("proposals", proposals, filters=filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{PREFIX}:"))
    add_route(app, PENDING_AREA, on_text)
