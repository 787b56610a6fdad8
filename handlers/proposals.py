"""Delegates' proposals: /proposal and the card button, typed text and attachments, /myproposals with edit and withdraw."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from re import Match

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, format_local_date, sentence_time, text
from bot.services.proposals import PENDING_AREA, ProposalOutcome, ProposalResult, ProposalService, editable, handled_at
from bot.telegram.context import BotContext
from bot.telegram.roles import EVERYONE, roles_of
from bot.telegram.routing import CODE, ID, Button
from handlers.common import answer_quietly, edit_quietly, language_of
from handlers.text_input import add_file_route, add_route
from storage.proposal_models import Attachment, Proposal, ProposalDraft

log = logging.getLogger(__name__)

# Every button of the delegate's proposal flow (this module owns the "prop:" formats).
PROPOSAL_NEW = Button("prop:new")
PROPOSAL_CATEGORY = Button("prop:cat:{code}", code=CODE)
PROPOSAL_CHANGE_CATEGORY = Button("prop:chg")
PROPOSAL_CONFIRM = Button("prop:ok")
PROPOSAL_DISCARD = Button("prop:x")
PROPOSAL_EDIT = Button("prop:ed:{number}", number=ID)
PROPOSAL_WITHDRAW = Button("prop:wd:{number}", number=ID)
PROPOSAL_WITHDRAW_YES = Button("prop:wdok:{number}", number=ID)
PROPOSAL_KEEP = Button("prop:keep")
PROPOSAL_PAGE = Button("prop:list:{page}", page=r"[0-9]{1,4}")
_SHOWN_TEXT = 3500  # what fits in one message with the frame around it
_PAGE_ITEMS = 10  # proposals per /myproposals page at most (two buttons each)
_PAGE_BUDGET = 3800  # HTML of one page, in UTF-16 units: safely under Telegram's limit after parsing
assert _PAGE_BUDGET < MessageLimit.MAX_TEXT_LENGTH


def category_label(context: BotContext, language: str, code: str) -> str:
    """A topic's name in the reader's language (the code itself if no longer configured)."""
    category = context.services.settings.proposals.category(code)
    return category.label(language) if category else code


def _deadline(context: BotContext, language: str) -> str:
    event = context.services.event
    return sentence_time(language, event.proposals_deadline, event.timezone)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _categories_keyboard(context: BotContext, language: str) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(c.label(language), callback_data=PROPOSAL_CATEGORY.data(code=c.code))]
        for c in context.services.settings.proposals.categories
    ]
    rows.append([InlineKeyboardButton(text(language, "button.cancel"), callback_data=PROPOSAL_DISCARD.data())])
    return InlineKeyboardMarkup(rows)


def _preview_keyboard(language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(text(language, "proposal.button_send"), callback_data=PROPOSAL_CONFIRM.data())],
            [
                InlineKeyboardButton(
                    text(language, "proposal.button_category"), callback_data=PROPOSAL_CHANGE_CATEGORY.data()
                ),
                InlineKeyboardButton(text(language, "button.cancel"), callback_data=PROPOSAL_DISCARD.data()),
            ],
        ]
    )


def _attachment_line(language: str, attachment: Attachment | None) -> str:
    if attachment is None:
        return ""
    return text(
        language, "proposal.attachment_line", name=attachment.name or attachment.kind, size=_mb(attachment.size)
    )


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_TEXT else value[:_SHOWN_TEXT] + "…"


def _draft_view(
    context: BotContext, language: str, draft: ProposalDraft, limit: int
) -> tuple[str, InlineKeyboardMarkup]:
    """The preview of a complete draft, or the question for its text."""
    category = category_label(context, language, draft.category)
    if draft.step == "preview":
        body = text(
            language,
            "proposal.preview",
            category=category,
            text=_shown(draft.text),
            attachment=Markup(_attachment_line(language, draft.attachment)),
        )
        return body, _preview_keyboard(language)
    mb = _mb(context.services.settings.proposals.max_attachment_bytes)
    body = text(
        language,
        "proposal.ask_text",
        category=category,
        limit=limit,
        size=mb,
        attachment=Markup(_attachment_line(language, draft.attachment)),
    )
    if draft.text:
        body += text(language, "proposal.current_text", count=len(draft.text), text=_shown(draft.text))
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, "button.cancel"), callback_data=PROPOSAL_DISCARD.data())]]
    )
    return body, keyboard


async def reply(context: BotContext, chat_id: int, language: str, result: ProposalResult) -> None:
    """Say what the outcome needs (in a new message)."""
    o, send = result.outcome, context.bot.send_message
    if o is ProposalOutcome.ASK_CATEGORY:
        await send(
            chat_id,
            text(language, "proposal.ask_category", limit=result.limit, deadline=_deadline(context, language)),
            reply_markup=_categories_keyboard(context, language),
        )
    elif o in (ProposalOutcome.ASK_TEXT, ProposalOutcome.PREVIEW, ProposalOutcome.HAS_DRAFT) and result.draft:
        body, keyboard = _draft_view(context, language, result.draft, result.limit)
        if o is ProposalOutcome.HAS_DRAFT:
            body = text(language, "proposal.draft_resumed") + "\n\n" + body
        if o is ProposalOutcome.ASK_TEXT and result.proposal is not None:
            body = text(language, "proposal.editing", number=result.proposal.id) + "\n\n" + body
        await send(chat_id, body, reply_markup=keyboard)
    elif o in (ProposalOutcome.SAVED, ProposalOutcome.UPDATED) and result.proposal:
        key = "proposal.saved" if o is ProposalOutcome.SAVED else "proposal.updated"
        await send(
            chat_id,
            text(
                language,
                key,
                number=result.proposal.id,
                deadline=_deadline(context, language),
                category=category_label(context, language, result.proposal.category),
            ),
        )
    elif o is ProposalOutcome.CONFIRM_WITHDRAW and result.proposal:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        text(language, "proposal.button_withdraw_yes"),
                        callback_data=PROPOSAL_WITHDRAW_YES.data(number=result.proposal.id),
                    ),
                    InlineKeyboardButton(text(language, "button.cancel"), callback_data=PROPOSAL_KEEP.data()),
                ]
            ]
        )
        await send(
            chat_id,
            text(
                language,
                "proposal.confirm_withdraw",
                number=result.proposal.id,
                text=_shown(result.proposal.text)[:300],
            ),
            reply_markup=keyboard,
        )
    elif o is ProposalOutcome.LOCKED and result.proposal:
        await send(chat_id, locked_text(context, language, result.proposal))
    elif o is ProposalOutcome.WITHDRAWN and result.proposal:
        await send(chat_id, text(language, "proposal.withdrawn", number=result.proposal.id))
    elif o is ProposalOutcome.TOO_LONG:
        await send(chat_id, text(language, "proposal.too_long", count=result.count, limit=result.limit))
    elif o is ProposalOutcome.TOO_BIG:
        key = "proposal.too_big" if result.limit else "proposal.no_attachments"
        await send(chat_id, text(language, key, size=_mb(result.count), limit=_mb(result.limit)))
    else:
        await send(chat_id, text(language, _NOTICES.get(o, "proposal.no_draft"), deadline=_deadline(context, language)))


_NOTICES = {
    ProposalOutcome.CLOSED: "proposal.closed",
    ProposalOutcome.NOT_LINKED: "rsvp.not_linked",
    ProposalOutcome.EMPTY: "input.empty",
    ProposalOutcome.DISCARDED: "proposal.discarded",
    ProposalOutcome.NOT_YOURS: "proposal.not_yours",
    ProposalOutcome.UNKNOWN_CATEGORY: "proposal.no_draft",
}
_ALERTS = {
    ProposalOutcome.NOT_YOURS: "proposal.not_yours",
    ProposalOutcome.NO_DRAFT: "proposal.no_draft",
    ProposalOutcome.UNKNOWN_CATEGORY: "proposal.no_draft",
    ProposalOutcome.NOT_LINKED: "rsvp.not_linked",
}


def locked_text(context: BotContext, language: str, proposal: Proposal) -> str:
    """Why a handled proposal can no longer be edited or withdrawn, with the date it was handled."""
    date = format_local_date(handled_at(proposal), context.services.event.timezone)
    if proposal.status == "answered":
        return text(language, "proposal.locked_answered", number=proposal.id, date=date)
    status = text(language, f"proposal.status_{proposal.status}")
    return text(language, "proposal.locked", number=proposal.id, date=date, status=Markup(status))


async def new_proposal(update: Update, context: BotContext) -> None:
    """/proposal: resume a draft or choose a topic."""
    assert update.effective_user is not None and update.effective_chat is not None
    language = await language_of(update, context)
    await reply(
        context, update.effective_chat.id, language, await context.services.proposals.start(update.effective_user.id)
    )


async def my_proposals(update: Update, context: BotContext) -> None:
    """/myproposals: the delegate's own proposals, page by page, with edit and withdraw buttons until the deadline."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    language = await language_of(update, context)
    body, keyboard = await _list_view(context, language, update.effective_user.id, 0)
    await message.reply_text(body, reply_markup=keyboard)


async def _list_view(
    context: BotContext, language: str, user_id: int, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of /myproposals (the page number is clamped); the not-linked or empty notice as text only."""
    delegate, proposals = await context.services.proposals.mine(user_id)
    if delegate is None:
        return text(language, "rsvp.not_linked"), None
    if not proposals:
        return text(language, "proposal.list_empty", deadline=_deadline(context, language)), None
    open_ = context.services.proposals.is_open()
    items = [_list_item(context, language, p) for p in proposals]
    footer = text(
        language, "proposal.list_open" if open_ else "proposal.list_closed", deadline=_deadline(context, language)
    )

    def body(chunk: list[str], number: int, pages: int) -> str:
        header = text(language, "proposal.list_header", count=len(proposals))
        if pages > 1:
            header += "\n" + text(language, "proposal.list_page", page=number, pages=pages)
        return header + "\n\n" + "\n\n".join(chunk) + "\n\n" + footer

    bounds = _paginate(items, lambda chunk: _utf16_len(body(chunk, len(items), len(items))) <= _PAGE_BUDGET)
    page = min(max(page, 0), len(bounds) - 1)
    first, last = bounds[page]
    rows = [
        [
            InlineKeyboardButton(
                text(language, "proposal.button_edit", number=p.id), callback_data=PROPOSAL_EDIT.data(number=p.id)
            ),
            InlineKeyboardButton(
                text(language, "proposal.button_withdraw", number=p.id),
                callback_data=PROPOSAL_WITHDRAW.data(number=p.id),
            ),
        ]
        for p in proposals[first:last]
        if open_ and editable(p)
    ]
    nav = (
        [InlineKeyboardButton(text(language, "proposal.button_prev"), callback_data=PROPOSAL_PAGE.data(page=page - 1))]
        if page > 0
        else []
    )
    nav += (
        [InlineKeyboardButton(text(language, "proposal.button_next"), callback_data=PROPOSAL_PAGE.data(page=page + 1))]
        if page + 1 < len(bounds)
        else []
    )
    rows += [nav] if nav else []
    return body(items[first:last], page + 1, len(bounds)), InlineKeyboardMarkup(rows) if rows else None


def _paginate(items: list[str], fits: Callable[[list[str]], bool]) -> list[tuple[int, int]]:
    """Split items into pages of at most _PAGE_ITEMS that fit (a page always holds at least one item)."""
    bounds: list[tuple[int, int]] = []
    first = 0
    while first < len(items):
        last = first + 1
        while last < len(items) and last - first < _PAGE_ITEMS and fits(items[first : last + 1]):
            last += 1
        bounds.append((first, last))
        first = last
    return bounds


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def _list_item(context: BotContext, language: str, p: Proposal) -> str:
    status = (
        text(language, "proposal.status_withdrawn") if p.withdrawn else text(language, f"proposal.status_{p.status}")
    )
    item = text(
        language,
        "proposal.list_item",
        number=p.id,
        category=category_label(context, language, p.category),
        status=Markup(status),
        text=p.text if len(p.text) <= 200 else p.text[:200] + "…",
    )
    if p.answer:
        item += "\n" + text(
            language, "proposal.list_answer", answer=p.answer if len(p.answer) <= 300 else p.answer[:300] + "…"
        )
    return item


async def on_page(update: Update, context: BotContext) -> None:
    """Previous / next page of /myproposals (PROPOSAL_PAGE)."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None and context.match is not None
    language, user_id = await language_of(update, context), update.effective_user.id
    await answer_quietly(query)
    body, keyboard = await _list_view(context, language, user_id, int(context.match["page"]))
    if isinstance(query.message, Message):
        await edit_quietly(query.message, context, user_id, None, body, keyboard)
    else:  # too old to edit: show the page as a new message
        await context.bot.send_message(user_id, body, reply_markup=keyboard)


async def on_change_category(update: Update, context: BotContext) -> None:
    """Change topic on the preview (PROPOSAL_CHANGE_CATEGORY): ask for the topic again."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    language, service = await language_of(update, context), context.services.proposals
    await answer_quietly(query)
    result = ProposalResult(ProposalOutcome.ASK_CATEGORY, limit=service.settings.max_length)
    await reply(context, update.effective_user.id, language, result)


async def on_keep(update: Update, context: BotContext) -> None:
    """Cancel on the withdraw confirmation (PROPOSAL_KEEP)."""
    assert update.callback_query is not None
    await answer_quietly(update.callback_query, text(await language_of(update, context), "input.cancelled"))


def _step(call: Callable[[ProposalService, int, Match[str]], Awaitable[ProposalResult]], *, done: bool) -> Handler:
    """A button that calls the service and replies; done=True removes the keyboard of the finished step."""

    async def handle(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None and update.effective_user is not None and context.match is not None
        language, user_id = await language_of(update, context), update.effective_user.id
        result = await call(context.services.proposals, user_id, context.match)
        if result.outcome is ProposalOutcome.LOCKED and result.proposal is not None:
            await answer_quietly(query, locked_text(context, language, result.proposal), alert=True)
            return
        if result.outcome in _ALERTS:
            await answer_quietly(query, text(language, _ALERTS[result.outcome]), alert=True)
            return
        await answer_quietly(query)
        if done and query.message is not None:
            await _drop_keyboard(query.message)
        await reply(context, user_id, language, result)

    return handle


Handler = Callable[[Update, BotContext], Awaitable[None]]
# Button -> (what the service does, whether the pressed keyboard is finished with).
_STEPS: tuple[tuple[Button, Handler], ...] = (
    (PROPOSAL_NEW, _step(lambda s, user, m: s.start(user), done=False)),
    (PROPOSAL_CATEGORY, _step(lambda s, user, m: s.choose_category(user, m["code"]), done=True)),
    (PROPOSAL_CONFIRM, _step(lambda s, user, m: s.confirm(user), done=True)),
    (PROPOSAL_DISCARD, _step(lambda s, user, m: s.discard(user), done=True)),
    (PROPOSAL_EDIT, _step(lambda s, user, m: s.begin_edit(user, int(m["number"])), done=False)),
    (PROPOSAL_WITHDRAW, _step(lambda s, user, m: s.withdraw(user, int(m["number"]), confirmed=False), done=False)),
    (PROPOSAL_WITHDRAW_YES, _step(lambda s, user, m: s.withdraw(user, int(m["number"]), confirmed=True), done=True)),
)


async def _drop_keyboard(message: object) -> None:
    """Remove the buttons of a message whose step is done (ignored if it cannot be edited)."""
    try:
        await message.edit_reply_markup(None)  # type: ignore[attr-defined]
    except TelegramError as error:
        log.info("buttons not removed: %s", error.message)


async def on_text(update: Update, context: BotContext) -> None:
    """Text typed while a proposal is being written."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language = await language_of(update, context)
    await reply(
        context,
        message.chat_id,
        language,
        await context.services.proposals.submit_text(update.effective_user.id, message.text),
    )


async def on_attachment(update: Update, context: BotContext) -> None:
    """A photo or document sent while a proposal is being written: attach it."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    language = await language_of(update, context)
    attachment = _attachment_of(message)
    if attachment is None:
        await message.reply_text(text(language, "fallback.text"))
        return
    result = await context.services.proposals.attach(update.effective_user.id, attachment, message.caption)
    await reply(context, message.chat_id, language, result)


def _attachment_of(message: Message) -> Attachment | None:
    if message.photo:
        largest = message.photo[-1]
        return Attachment("photo", largest.file_id, "photo.jpg", largest.file_size or 0)
    if message.document is not None:
        doc = message.document
        return Attachment("document", doc.file_id, (doc.file_name or "document")[:100], doc.file_size or 0)
    return None


def register(app: Application) -> None:
    """Add the proposal commands, buttons, text route and attachment handler."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("proposal", new_proposal, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("myproposals", my_proposals, filters=roles.command(EVERYONE)))
    for button, handler in _STEPS:
        app.add_handler(roles.button(button, handler, EVERYONE))
    app.add_handler(roles.button(PROPOSAL_PAGE, on_page, EVERYONE))
    app.add_handler(roles.button(PROPOSAL_CHANGE_CATEGORY, on_change_category, EVERYONE))
    app.add_handler(roles.button(PROPOSAL_KEEP, on_keep, EVERYONE))
    add_route(app, PENDING_AREA, on_text)
    add_file_route(app, PENDING_AREA, on_attachment)
