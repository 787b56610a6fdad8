"""Organizer actions on a broadcast: send, schedule, approve/reject, cancel/stop, call list, resend; /broadcasts."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, sentence_time, text
from bot.services import Services
from bot.services.broadcasts import Decision, Outcome, personal_message
from bot.telegram.context import BotContext
from bot.telegram.jobs import schedule_broadcast, unschedule_broadcast
from bot.telegram.roles import ADMIN, roles_of
from handlers.broadcast_views import (
    BC_APPROVE,
    BC_CALL_LIST,
    BC_CANCEL,
    BC_REJECT,
    BC_RESEND,
    BC_SCHEDULE,
    BC_SEND,
    BC_STOP,
    approval_keyboard,
    open_list,
    preview_keyboard,
    summary_text,
)
from handlers.common import answer_quietly, language_of, typed_format
from storage.broadcast_models import Broadcast

log = logging.getLogger(__name__)


def _broadcast_id(update: Update, context: BotContext) -> tuple[CallbackQuery, int]:
    query = update.callback_query
    assert query is not None and context.match is not None
    return query, int(context.match["number"])


async def on_send(update: Update, context: BotContext) -> None:
    """Send now (BC_SEND) on a preview."""
    query, number = _broadcast_id(update, context)
    outcome = await context.services.broadcasts.send_now(number, query.from_user.id)
    await _settle(query, context, await language_of(update, context), outcome)


async def on_approve(update: Update, context: BotContext) -> None:
    """Approve (BC_APPROVE) another organizer's broadcast."""
    query, number = _broadcast_id(update, context)
    outcome = await context.services.broadcasts.approve(number, query.from_user.id)
    await _settle(query, context, await language_of(update, context), outcome)


async def on_resend(update: Update, context: BotContext) -> None:
    """Resend to the deliveries left unknown (BC_RESEND) on a report."""
    query, number = _broadcast_id(update, context)
    outcome = await context.services.broadcasts.resend_unknown(number, query.from_user.id)
    await _settle(query, context, await language_of(update, context), outcome)


async def on_schedule(update: Update, context: BotContext) -> None:
    """Schedule (BC_SCHEDULE): ask when."""
    query, number = _broadcast_id(update, context)
    language, user_id = await language_of(update, context), query.from_user.id
    allowed = await context.services.broadcasts.submittable(number, user_id)
    if allowed.decision is not Decision.QUEUED:
        await _refuse(query, language, allowed)
        return
    await answer_quietly(query)
    await _close_buttons(query)
    await context.services.pending.put(user_id, "broadcast.time", {"id": str(number)})
    await context.bot.send_message(
        user_id, text(language, "broadcast.ask_time", format=typed_format(context, language))
    )


async def on_cancel(update: Update, context: BotContext) -> None:
    """Cancel (BC_CANCEL) a preview or an open broadcast, or stop one being sent (BC_STOP)."""
    query, number = _broadcast_id(update, context)
    await _cancel(query, context, await language_of(update, context), number, rejected=False)


async def on_reject(update: Update, context: BotContext) -> None:
    """Reject (BC_REJECT) another organizer's broadcast: cancelled, and its author is told."""
    query, number = _broadcast_id(update, context)
    await _cancel(query, context, await language_of(update, context), number, rejected=True)


async def on_call_list(update: Update, context: BotContext) -> None:
    """The unreached recipients as XLSX (BC_CALL_LIST)."""
    query, number = _broadcast_id(update, context)
    await answer_quietly(query)
    await _send_call_list(context, query.from_user.id, await language_of(update, context), number)


async def on_time_typed(update: Update, context: BotContext, language: str, broadcast_id: int) -> None:
    """The organizer typed when to send."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    when = context.services.broadcasts.parse_time(message.text)
    if when is None:
        await message.reply_text(text(language, "broadcast.bad_time", format=typed_format(context, language)))
        return
    outcome = await context.services.broadcasts.schedule(broadcast_id, update.effective_user.id, when)
    if outcome.decision is Decision.IN_PAST:
        now = sentence_time(language, context.services.clock.now(), context.services.event.timezone)
        await message.reply_text(text(language, "broadcast.time_past", now=now))
        return
    refusal = _REFUSALS.get(outcome.decision)
    if refusal:
        await context.services.pending.clear(update.effective_user.id)
        await message.reply_text(text(language, refusal, id=broadcast_id))
        return
    await context.services.pending.clear(update.effective_user.id)
    await _announce(context, update.effective_user.id, update.effective_user.full_name, language, outcome)


_REFUSALS = {
    Decision.SAME_PERSON: "broadcast.same_person",
    Decision.NOT_AUTHOR: "broadcast.not_author",
    Decision.NOTHING_TO_RESEND: "broadcast.nothing_to_resend",
    Decision.ALREADY_RESENT: "broadcast.already_resent",
    Decision.WRONG_STATE: "broadcast.not_open",
    Decision.NOT_FOUND: "broadcast.not_open",
}


async def _refuse(query: CallbackQuery, language: str, outcome: Outcome) -> None:
    """An alert saying why the press changed nothing."""
    number = outcome.broadcast.id if outcome.broadcast else 0
    await answer_quietly(query, text(language, _REFUSALS[outcome.decision], id=number), alert=True)


async def _settle(query: CallbackQuery, context: BotContext, language: str, outcome: Outcome) -> None:
    """Answer the press (a late answer is only logged) and tell what became of the broadcast."""
    if outcome.decision in _REFUSALS:
        await _refuse(query, language, outcome)
        return
    await answer_quietly(query)
    await _close_buttons(query)
    await _announce(context, query.from_user.id, query.from_user.full_name, language, outcome)


async def _announce(context: BotContext, user_id: int, user_name: str, language: str, outcome: Outcome) -> None:
    """Queue/schedule side effects and the confirmation; approval requests to the other organizers."""
    broadcast = outcome.broadcast
    assert broadcast is not None
    services = context.services
    if outcome.decision is Decision.QUEUED and context.bot_data.delivery is not None:
        context.bot_data.delivery.wake()
    if outcome.decision is Decision.SCHEDULED:
        schedule_broadcast(context.application, broadcast)
    if outcome.decision is Decision.AWAITING_APPROVAL:
        await _request_approval(context, user_id, user_name, broadcast.id)
        await context.bot.send_message(user_id, text(language, "broadcast.awaiting_approval", id=broadcast.id))
        return
    if broadcast.approved_by == user_id and broadcast.created_by != user_id:
        await context.bot.send_message(user_id, text(language, "broadcast.approved", id=broadcast.id))
        creator_language = await services.users.language(broadcast.created_by, None)
        await _tell(
            context,
            broadcast.created_by,
            text(creator_language, "broadcast.approved_notice", id=broadcast.id, approver=user_name),
        )
    if outcome.decision is Decision.SCHEDULED:
        assert broadcast.scheduled_for is not None
        reply = text(
            language,
            "broadcast.scheduled",
            id=broadcast.id,
            when=sentence_time(language, broadcast.scheduled_for, services.event.timezone),
        )
    elif outcome.queue_position:
        reply = text(language, "broadcast.queued_behind", id=broadcast.id, position=outcome.queue_position)
    else:
        reply = text(language, "broadcast.queued", id=broadcast.id)
    await context.bot.send_message(user_id, reply)


async def _request_approval(context: BotContext, creator_id: int, creator_name: str, broadcast_id: int) -> None:
    """Show every other organizer the same preview with Approve / Reject."""
    services = context.services
    broadcast = await services.broadcasts.get(broadcast_id)
    assert broadcast is not None
    asked = 0
    for organizer_id in sorted(roles_of(context.application).members(ADMIN) - {creator_id}):
        language = await services.users.language(organizer_id, None)
        when = (
            text(
                language,
                "broadcast.approval_when",
                when=sentence_time(language, broadcast.scheduled_for, services.event.timezone),
            )
            if broadcast.scheduled_for
            else ""
        )
        try:
            await context.bot.send_message(
                organizer_id,
                text(language, "broadcast.approval_request", id=broadcast_id, creator=creator_name, when=Markup(when)),
            )
            await show_preview(
                context.bot, services, organizer_id, language, broadcast, approval_keyboard(language, broadcast_id)
            )
            asked += 1
        except TelegramError as error:
            log.info("approval request not delivered to organizer %s: %s", organizer_id, error.message)
    if not asked:
        await context.bot.send_message(
            creator_id, text(await services.users.language(creator_id, None), "broadcast.no_approver", id=broadcast_id)
        )


async def show_preview(
    bot: Bot,
    services: Services,
    chat_id: int,
    language: str,
    broadcast: Broadcast,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """The message exactly as the first recipient will see it (and the English version), then the summary."""
    name, recipient_language = await services.broadcasts.preview_recipient(broadcast)
    languages = ["vi", "en"] if broadcast.text_en else [recipient_language]
    for shown in languages:
        await bot.send_message(chat_id, personal_message(broadcast, name, shown))
    size = await services.broadcasts.audience_size(broadcast.audience, broadcast.agencies)
    summary = text(language, "broadcast.preview_intro") + summary_text(
        language, broadcast, size, services.broadcasts.requires_approval
    )
    await bot.send_message(chat_id, summary, reply_markup=keyboard or preview_keyboard(language, broadcast.id))


async def _cancel(
    query: CallbackQuery, context: BotContext, language: str, broadcast_id: int, *, rejected: bool
) -> None:
    outcome = await context.services.broadcasts.cancel(broadcast_id, query.from_user.id)
    if outcome.decision is not Decision.CANCELLED or outcome.broadcast is None:
        await answer_quietly(query, text(language, "broadcast.not_open"), alert=True)
        return
    if context.bot_data.delivery is not None:
        context.bot_data.delivery.cancel(broadcast_id)
    unschedule_broadcast(context.application, broadcast_id)
    await answer_quietly(query)
    await _close_buttons(query)
    await context.bot.send_message(query.from_user.id, text(language, "broadcast.cancelled", id=broadcast_id))
    creator = outcome.broadcast.created_by
    if rejected and creator != query.from_user.id:
        creator_language = await context.services.users.language(creator, None)
        await _tell(
            context,
            creator,
            text(creator_language, "broadcast.rejected_notice", id=broadcast_id, actor=query.from_user.full_name),
        )


async def _send_call_list(context: BotContext, chat_id: int, language: str, broadcast_id: int) -> None:
    """The unreached recipients with phone numbers, as an XLSX document."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"chua-nhan-thong-bao-{broadcast_id}.xlsx"
        count = await context.services.broadcasts.export_unreached(broadcast_id, path, chat_id)
        await context.bot.send_document(
            chat_id,
            path.read_bytes(),
            filename=path.name,
            caption=text(language, "broadcast.unreached_caption", count=count, id=broadcast_id),
        )


async def list_command(update: Update, context: BotContext) -> None:
    """/broadcasts: what awaits approval, is scheduled, queued or sending — each with a cancel button."""
    language = await language_of(update, context)
    assert update.effective_message is not None
    service = context.services.broadcasts
    body, keyboard = open_list(language, await service.open_broadcasts(), context.services.event.timezone)
    await update.effective_message.reply_text(body, reply_markup=keyboard)


async def _close_buttons(query: CallbackQuery) -> None:
    try:
        await query.edit_message_reply_markup(None)
    except TelegramError as error:
        log.info("buttons not removed: %s", error.message)


async def _tell(context: BotContext, chat_id: int, message: str) -> None:
    try:
        await context.bot.send_message(chat_id, message)
    except TelegramError as error:
        log.info("organizer %s not told: %s", chat_id, error.message)


def register(app: Application) -> None:
    """Add the broadcast action buttons and /broadcasts."""
    roles = roles_of(app)
    for button, handler in (
        (BC_SEND, on_send),
        (BC_SCHEDULE, on_schedule),
        (BC_CANCEL, on_cancel),
        (BC_STOP, on_cancel),
        (BC_APPROVE, on_approve),
        (BC_REJECT, on_reject),
        (BC_CALL_LIST, on_call_list),
        (BC_RESEND, on_resend),
    ):
        app.add_handler(roles.button(button, handler, ADMIN))
    app.add_handler(CommandHandler("broadcasts", list_command, filters=roles.command(ADMIN)))
