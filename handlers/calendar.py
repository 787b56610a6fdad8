"""The meeting in the phone's calendar: the .ics file after "Tham dự", on the card's button, and the change notice."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.ext import Application, CallbackContext

from bot.i18n import Markup, sentence_time, text
from bot.services import Services
from bot.services.agenda import MAX_CAPTION, visible_length
from bot.services.calendar import Attendee, CalendarChange, Method
from bot.services.sending import SendKind
from bot.telegram.context import BotContext, BotData
from bot.telegram.roles import EVERYONE, roles_of
from bot.telegram.sender import TelegramSender
from handlers.common import answer_quietly, language_of
from handlers.views import CALENDAR
from storage.models import Delegate
from storage.phone_repositories import NoticeStatus

log = logging.getLogger(__name__)
FILE_NAME = "hoi-nghi.ics"


def caption(services: Services, language: str) -> str:
    """ "Lịch hội nghị …, khai mạc vào lúc …, tại …"."""
    event = services.event
    return text(
        language,
        "calendar.caption",
        event_name=event.name,
        starts_at=sentence_time(language, event.starts_at, event.timezone),
        venue=event.venue,
    )


async def send_calendar(
    bot: Bot, services: Services, chat_id: int, delegate: Delegate, language: str, method: Method = "PUBLISH"
) -> None:
    """The delegate's .ics file (PUBLISH to add or update the entry, CANCEL to remove it)."""
    data = await services.calendar.file_for(delegate, language, method)
    note = caption(services, language) if method == "PUBLISH" else text(language, "calendar.cancel_caption")
    await bot.send_document(chat_id, data, filename=FILE_NAME, caption=note)


async def on_button(update: Update, context: BotContext) -> None:
    """The card's "Add to my calendar" button."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    delegate = await context.services.calendar.attendee(update.effective_user.id)
    if delegate is None:
        await context.bot.send_message(update.effective_user.id, text(language, "rsvp.not_linked"))
        return
    await send_calendar(context.bot, context.services, update.effective_user.id, delegate, language)


def change_text(services: Services, language: str, delegate: Delegate, change: CalendarChange) -> str:
    """What moved, with the old and new time or venue; without the old ones if the caption would pass Telegram's
    1024 characters (a 120-character name, a 200-character conference name and two 200-character venues)."""
    event = services.event
    moved_time = change.old_starts_at != event.starts_at
    moved_venue = change.old_venue != event.venue
    new_time = sentence_time(language, event.starts_at, event.timezone)
    old_time = sentence_time(language, change.old_starts_at, event.timezone)

    def notice(with_old: bool) -> str:
        suffix = "" if with_old else "_only"
        lines = []
        if moved_time:
            lines.append(text(language, f"calendar.changed_time{suffix}", new=new_time, old=old_time))
        if moved_venue:
            lines.append(text(language, f"calendar.changed_venue{suffix}", new=event.venue, old=change.old_venue))
        return text(
            language,
            "calendar.changed",
            full_name=delegate.full_name,
            event_name=event.name,
            changes=Markup("\n".join(lines)),
        )

    full = notice(with_old=True)
    return full if visible_length(full) <= MAX_CAPTION else notice(with_old=False)


async def send_change_notices(context: CallbackContext) -> None:  # type: ignore[type-arg]
    """Job ``calendar:notice``: the change notice with the updated file to every attending delegate, paced.

    Each delegate's notice is claimed (committed) before it is sent, so after a crash the job, run again at start-up,
    sends only to the delegates not claimed yet; the one in flight at the crash was recorded 'unknown' at start-up
    (bot/telegram/jobs.py), never resent on its own.
    """
    data: BotData = context.application.bot_data
    services = data.services
    assert services is not None
    change = await services.calendar.pending_change()
    if change is None:
        return
    claimed = await services.calendar.notified_delegates(change.sequence)
    for attendee in await services.calendar.attendees():
        if attendee.delegate.id not in claimed:
            await _notify(data, attendee, change, resend=False)
    await services.calendar.mark_notified(change.sequence)
    counts = await services.calendar.notice_counts(change.sequence)
    log.info(
        "calendar change %d: notices %s", change.sequence, ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )


async def resend_change_notices(context: CallbackContext) -> None:  # type: ignore[type-arg]
    """Job ``calendar:resend:…``: the latest change's notice once more to the delegates the organizer's confirmed
    "resend to unknown" asked for (handlers/calendar_admin.py). Each is claimed (status 'sending', resend 'done')
    right before it is sent, so a crash or a second job sends it to nobody twice. An asked resend whose delegate no
    longer attends is taken back (not sent, not left waiting)."""
    data: BotData = context.application.bot_data
    services = data.services
    assert services is not None
    change = await services.calendar.pending_resend()
    if change is None:
        return
    asked, withdrawn = await services.calendar.resend_targets(change.sequence)
    if withdrawn:
        log.info("calendar change %d: %d asked resends taken back (no longer attending)", change.sequence, withdrawn)
    for attendee in await services.calendar.attendees():
        if attendee.delegate.id in asked:
            await _notify(data, attendee, change, resend=True)
    counts = await services.calendar.notice_counts(change.sequence)
    log.info(
        "calendar change %d resent: notices %s",
        change.sequence,
        ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
    )


async def _notify(data: BotData, attendee: Attendee, change: CalendarChange, *, resend: bool) -> None:
    """One delegate's notice: paced by the "calendar" lane, claimed when about to go, sent, its outcome recorded."""
    services = data.services
    assert services is not None and data.delivery_sender is not None
    sender: TelegramSender = data.delivery_sender
    lane = data.send_budget.lane("calendar")
    delegate_id, chat_id = attendee.delegate.id, attendee.user_id
    file = await services.calendar.file_for(attendee.delegate, attendee.language)
    note = change_text(services, attendee.language, attendee.delegate, change)
    # Claimed only when it is about to be sent (after the pacer let it go): a kill while waiting leaves nothing.
    await lane.take(chat_id)
    claim = services.calendar.claim_resend if resend else services.calendar.claim_notice
    if not await claim(change.sequence, delegate_id, chat_id):
        return
    for attempt in range(3):
        if attempt:
            await lane.take(chat_id)
        outcome = await sender.upload_document(chat_id, file, FILE_NAME, note)
        if outcome.kind is not SendKind.RETRY_AFTER:
            break
        lane.rate_limited(chat_id, outcome.retry_after)
    status = _STATUS.get(outcome.kind, "failed")
    error = None if status == "sent" else (outcome.error or outcome.kind.value)
    await services.calendar.finish_notice(change.sequence, delegate_id, status, outcome.message_id, error)


_STATUS: dict[SendKind, NoticeStatus] = {
    SendKind.SENT: "sent",
    SendKind.UNREACHABLE: "unreachable",
    SendKind.TIMED_OUT: "unknown",
}


def register(app: Application) -> None:  # type: ignore[type-arg]
    """The card's calendar button (anybody; an unlinked person is told to open their link)."""
    app.add_handler(roles_of(app).button(CALENDAR, on_button, EVERYONE))
