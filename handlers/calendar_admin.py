"""/calendar (admins): how the notice of the latest change of the meeting's time or venue went, and one confirmed
tap to resend it to the delegates whose notice is 'unknown' — never to anyone it reached, at most once each (like a
broadcast's "resend to unknown"; audited). The notices themselves are sent by handlers/calendar.py's jobs."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, sentence_time, text
from bot.services.calendar import NoticeSummary, Resend
from bot.telegram.context import BotContext
from bot.telegram.jobs import schedule_calendar_resend
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, edit_quietly, language_of

CAL_RESEND = Button("calr:ask:{sequence}", sequence=ID)
CAL_RESEND_YES = Button("calr:yes:{sequence}", sequence=ID)
CAL_RESEND_NO = Button("calr:no:{sequence}", sequence=ID)


def summary_text(language: str, summary: NoticeSummary, timezone: str) -> str:
    """The counts of the latest change's notice (sent, not delivered, errors, unknown) and its resends."""
    starts_at = sentence_time(language, summary.starts_at, timezone)
    if summary.sequence == 0:
        return text(language, "calendar.admin_unchanged", starts_at=starts_at, venue=summary.venue)
    counts = summary.counts
    sending = counts.get("sending", 0)
    progress = (
        text(language, "calendar.admin_done")
        if summary.finished and not sending
        else text(language, "calendar.admin_sending", sending=sending)
    )
    resends = (
        text(language, "calendar.admin_resends", resent=summary.resent, asked=summary.asked)
        if summary.resent or summary.asked
        else ""
    )
    return text(
        language,
        "calendar.admin_summary",
        sequence=summary.sequence,
        starts_at=starts_at,
        venue=summary.venue,
        progress=Markup(progress),
        sent=counts.get("sent", 0),
        unreachable=counts.get("unreachable", 0),
        failed=counts.get("failed", 0),
        unknown=counts.get("unknown", 0),
        resends=Markup(resends),
    )


async def calendar_command(update: Update, context: BotContext) -> None:
    """/calendar: the latest change notice's results, with "resend to N unknown" when there are such."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    summary = await context.services.calendar.summary()
    keyboard = None
    if summary.resendable:
        label = text(language, "calendar.button.resend_unknown", count=summary.resendable)
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=CAL_RESEND.data(sequence=summary.sequence))]]
        )
    await message.reply_text(summary_text(language, summary, context.services.event.timezone), reply_markup=keyboard)


async def on_resend(update: Update, context: BotContext) -> None:
    """The resend button: ask to confirm (Resend / Do not resend)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and context.match is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    sequence = int(context.match["sequence"])
    summary = await context.services.calendar.summary()
    if summary.sequence != sequence:
        await context.bot.send_message(user.id, text(language, "calendar.resend_stale", sequence=summary.sequence))
        return
    if not summary.resendable:
        key = "calendar.resend_already" if summary.refusal is Resend.ALREADY else "calendar.resend_nothing"
        await context.bot.send_message(user.id, text(language, key))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    text(language, "calendar.resend_yes"), callback_data=CAL_RESEND_YES.data(sequence=sequence)
                ),
                InlineKeyboardButton(
                    text(language, "calendar.resend_no"), callback_data=CAL_RESEND_NO.data(sequence=sequence)
                ),
            ]
        ]
    )
    await context.bot.send_message(
        user.id,
        text(language, "calendar.resend_confirm", sequence=sequence, count=summary.resendable),
        reply_markup=keyboard,
    )


async def on_resend_confirmed(update: Update, context: BotContext) -> None:
    """Confirmed: the unknown ones are asked for (one transaction, audited) and the resend job starts."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and context.match is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    outcome = await context.services.calendar.resend_unknown(int(context.match["sequence"]), user.id)
    if outcome.decision is Resend.QUEUED:
        schedule_calendar_resend(context.application, outcome.sequence, outcome.number)
    reply = {
        Resend.QUEUED: text(language, "calendar.resend_queued", sequence=outcome.sequence, count=outcome.count),
        Resend.NOTHING: text(language, "calendar.resend_nothing"),
        Resend.ALREADY: text(language, "calendar.resend_already"),
        Resend.STALE: text(language, "calendar.resend_stale", sequence=outcome.sequence),
    }[outcome.decision]
    await edit_quietly(query.message, context, user.id, None, reply)  # type: ignore[arg-type]


async def on_resend_cancelled(update: Update, context: BotContext) -> None:
    """Not resent: nothing changes."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    await edit_quietly(query.message, context, user.id, None, text(language, "calendar.resend_cancelled"))  # type: ignore[arg-type]


def register(app: Application) -> None:  # type: ignore[type-arg]
    """/calendar and its resend buttons, for admins (anyone else: the unknown-command reply, the stale-button alert)."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("calendar", calendar_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(CAL_RESEND, on_resend, ADMIN))
    app.add_handler(roles.button(CAL_RESEND_YES, on_resend_confirmed, ADMIN))
    app.add_handler(roles.button(CAL_RESEND_NO, on_resend_cancelled, ADMIN))
