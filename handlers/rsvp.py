"""Answer buttons on the invitation card and the short texts that follow them."""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import Application

from bot.i18n import contact_note, sentence_time, text
from bot.services.rsvp import PENDING_AREA, Choice, RsvpOutcome, RsvpResult
from bot.telegram.context import BotContext
from bot.telegram.roles import EVERYONE, roles_of
from handlers.agenda import pin_agenda, unpin_agenda
from handlers.calendar import send_calendar
from handlers.common import answer_first, answer_quietly, edit_quietly, language_of
from handlers.text_input import add_route
from handlers.views import RSVP_ANSWER, RSVP_SKIP, card_keyboard, card_text, skip_keyboard

_CHOICES: dict[str, Choice] = {"a": "attend", "d": "decline", "s": "substitute"}


async def on_answer(update: Update, context: BotContext) -> None:
    """Attend / Decline / Substitute pressed on a card (RSVP_ANSWER)."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None and context.match is not None
    choice = _CHOICES[context.match["choice"]]
    if choice != "attend":
        # Only "attend" shows a notice; the other presses are answered before any database work (bot/telegram/updates.py).
        await answer_first(query)
    language = await language_of(update, context)
    card_id = query.message.message_id if query.message else None
    delegate_id = int(context.match["delegate"])
    before = await context.services.rsvp.current(delegate_id)
    result = await context.services.rsvp.choose(update.effective_user.id, delegate_id, choice, card_id)
    was_attending = before is not None and before.status == "attending"
    # A second "Tham dự" (a double tap, a press redelivered after a restart) sends the calendar file no second time.
    await _reply_to_press(query, context, result, language, calendar=not was_attending)
    if was_attending and result.delegate is not None and result.rsvp is not None and not _attending(result):
        # The calendar entry sent after "Tham dự" is removed from the phone (same UID, METHOD:CANCEL).
        await send_calendar(query.get_bot(), context.services, query.from_user.id, result.delegate, language, "CANCEL")
        await unpin_agenda(query.get_bot(), context.services, result.delegate.id)


async def on_skip(update: Update, context: BotContext) -> None:
    """Skip pressed under the question about the reason (RSVP_SKIP): the card stays as it is."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None and context.match is not None
    await answer_first(query)
    language = await language_of(update, context)
    result = await context.services.rsvp.skip_reason(update.effective_user.id, int(context.match["delegate"]))
    await _reply_to_press(query, context, result, language, card_changed=False)


async def _reply_to_press(
    query: CallbackQuery,
    context: BotContext,
    result: RsvpResult,
    language: str,
    *,
    card_changed: bool = True,
    calendar: bool = True,
) -> None:
    """Answer the button press, refresh the card, and ask the next question if any (the calendar file after a new
    "attend")."""
    refusal = {RsvpOutcome.NOT_LINKED: "rsvp.not_linked", RsvpOutcome.NOT_YOURS: "rsvp.not_yours"}.get(result.outcome)
    if refusal:
        await answer_quietly(query, text(language, refusal), alert=True)
        return
    attended = result.outcome is RsvpOutcome.SAVED and result.rsvp is not None and result.rsvp.status == "attending"
    # Attending needs no extra message: a short notice plus the edited card say it (half the traffic for 800 people).
    await answer_quietly(query, text(language, "rsvp.attend_saved") if attended else None)
    event = context.services.event
    if result.outcome is RsvpOutcome.CLOSED:
        await query.get_bot().send_message(
            query.from_user.id,
            closed_text(context, language),
        )
    unchanged = result.outcome is RsvpOutcome.ASK_SUBSTITUTE_NAME or not card_changed
    if result.delegate is not None and query.message is not None and not unchanged:
        now = context.services.clock.now()
        await edit_quietly(
            query.message,
            context,
            query.from_user.id,
            None,  # type: ignore[arg-type]
            card_text(language, event, result.delegate, result.rsvp, now, context.services.settings.event.contact),
            card_keyboard(language, event, result.delegate, now, attending=_attending(result)),
        )
    if attended and calendar and result.delegate is not None:
        await send_calendar(query.get_bot(), context.services, query.from_user.id, result.delegate, language)
        await pin_agenda(query.get_bot(), context.services, query.from_user.id, result.delegate.id, language)
    if not attended:
        await _follow_up(query.from_user.id, context, result, language)


async def _follow_up(chat_id: int, context: BotContext, result: RsvpResult, language: str) -> None:
    """The next sentence after an answer step."""
    delegate = result.delegate
    if result.outcome is RsvpOutcome.ASK_REASON and delegate is not None:
        await context.bot.send_message(
            chat_id,
            text(language, "rsvp.ask_reason", limit=result.limit),
            reply_markup=skip_keyboard(language, delegate),
        )
    elif result.outcome is RsvpOutcome.ASK_SUBSTITUTE_NAME:
        await context.bot.send_message(chat_id, text(language, "rsvp.ask_substitute_name", limit=result.limit))
    elif result.outcome is RsvpOutcome.ASK_SUBSTITUTE_POSITION:
        await context.bot.send_message(
            chat_id, text(language, "rsvp.ask_substitute_position", name=result.substitute_name, limit=result.limit)
        )
    elif result.outcome is RsvpOutcome.TOO_LONG:
        await context.bot.send_message(
            chat_id, text(language, "input.too_long", count=result.count, limit=result.limit)
        )
    elif result.outcome is RsvpOutcome.EMPTY:
        await context.bot.send_message(chat_id, text(language, "input.empty"))
    elif result.outcome is RsvpOutcome.SAVED and result.rsvp is not None:
        await context.bot.send_message(chat_id, _saved_text(language, result))


def closed_text(context: BotContext, language: str) -> str:
    """ "Thời hạn xác nhận tham dự đã kết thúc lúc …; liên hệ Ban Tổ chức (đồng chí …)"."""
    event = context.services.event
    return text(
        language,
        "rsvp.closed",
        rsvp_deadline=sentence_time(language, event.rsvp_deadline, event.timezone),
        contact=contact_note(language, context.services.settings.event.contact),
    )


def _attending(result: RsvpResult) -> bool:
    return result.rsvp is not None and result.rsvp.status == "attending"


def _saved_text(language: str, result: RsvpResult) -> str:
    rsvp = result.rsvp
    assert rsvp is not None
    if rsvp.status == "attending":
        return text(language, "rsvp.attend_saved")
    if rsvp.status == "declined":
        return text(language, "rsvp.decline_saved")
    return text(
        language, "rsvp.substitute_saved", name=rsvp.substitute_name or "", position=rsvp.substitute_position or ""
    )


async def on_text(update: Update, context: BotContext) -> None:
    """Text typed while an RSVP question (reason, substitute) is pending."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language = await language_of(update, context)
    result = await context.services.rsvp.submit_text(update.effective_user.id, message.text)
    if result.outcome is RsvpOutcome.NOTHING_PENDING:
        await message.reply_text(text(language, "fallback.text"))
        return
    if result.outcome is RsvpOutcome.CLOSED:
        event = context.services.event
        await message.reply_text(closed_text(context, language))
        return
    if result.outcome is RsvpOutcome.SAVED and result.delegate is not None and result.card_message_id:
        event, now = context.services.event, context.services.clock.now()
        await edit_quietly(
            None,
            context,
            message.chat_id,
            result.card_message_id,
            card_text(language, event, result.delegate, result.rsvp, now, context.services.settings.event.contact),
            card_keyboard(language, event, result.delegate, now, attending=_attending(result)),
        )
    await _follow_up(message.chat_id, context, result, language)


def register(app: Application) -> None:
    """Add the answer handlers (anybody may press; the service refuses presses on someone else's card)."""
    roles = roles_of(app)
    app.add_handler(roles.button(RSVP_ANSWER, on_answer, EVERYONE))
    app.add_handler(roles.button(RSVP_SKIP, on_skip, EVERYONE))
    add_route(app, PENDING_AREA, on_text)
