"""Rendering of cards and keyboards from the catalogue (no service calls here)."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import ContactPerson, Markup, sentence_time, text
from bot.services.sending import Buttons
from bot.telegram.routing import ID, Button
from handlers.proposals import PROPOSAL_NEW
from storage.models import Delegate, Event, Rsvp

# The invitation card's buttons (the formats this module owns; handlers/rsvp.py and handlers/account.py route them).
RSVP_ANSWER = Button("rsvp:{choice}:{delegate}", choice="[ads]", delegate=ID)
RSVP_SKIP = Button("rsvp:k:{delegate}", delegate=ID)
LANGUAGE = Button("lang:{language}", language="vi|en")


def answer_label(language: str, rsvp: Rsvp | None) -> str:
    """One line describing an answer (escaped, ready for HTML)."""
    if rsvp is None:
        return text(language, "answer.none")
    if rsvp.status == "attending":
        return text(language, "answer.attending")
    if rsvp.status == "declined":
        if rsvp.decline_reason:
            return text(language, "answer.declined_reason", reason=rsvp.decline_reason)
        return text(language, "answer.declined")
    return text(language, "answer.substitute", name=rsvp.substitute_name or "", position=rsvp.substitute_position or "")


def match_line(language: str, number: int, delegate: Delegate, extra: str = "") -> str:
    """One numbered search match with what tells namesakes apart (position, department, agency), escaped."""
    return text(
        language,
        "match.line",
        number=number,
        full_name=delegate.full_name,
        designation=designation(delegate),
        extra=Markup(extra),
    )


def match_button(number: int, delegate: Delegate, data: str, mark: str = "") -> InlineKeyboardButton:
    """The button for a numbered match: "3. Nguyễn Văn An — Sở Nội vụ" (cut to fit a phone's width)."""
    label = f"{number}. {mark}{delegate.full_name}" + (f" — {delegate.agency}" if delegate.agency else "")
    return InlineKeyboardButton(label[:60], callback_data=data)


def designation(delegate: Delegate) -> str:
    """ ", Trưởng phòng Tổ chức cán bộ, Sở Nội vụ" — the formal tail after the name."""
    role = " ".join(part for part in (delegate.position, delegate.department) if part)
    parts = [part for part in (role, delegate.agency) if part]
    return ", " + ", ".join(parts) if parts else ""


def card_text(
    language: str,
    event: Event,
    delegate: Delegate,
    rsvp: Rsvp | None,
    now: datetime,
    contact: ContactPerson | None = None,
) -> str:
    """The invitation card's text (the card confirms attendance; the official paper is the invitation)."""
    deadline = sentence_time(language, event.rsvp_deadline, event.timezone)
    answer = Markup(answer_label(language, rsvp))
    if now > event.rsvp_deadline:
        status = text(language, "card.closed", rsvp_deadline=deadline, answer=answer)
    elif rsvp is None:
        status = text(language, "card.ask", rsvp_deadline=deadline)
    else:
        status = text(language, "card.answered", rsvp_deadline=deadline, answer=answer)
    return text(
        language,
        "card.body",
        full_name=delegate.full_name,
        designation=designation(delegate),
        event_name=event.name,
        starts_at=sentence_time(language, event.starts_at, event.timezone),
        venue=event.venue,
        contact=Markup(text(language, "card.contact", name=contact.name, phone=contact.phone) if contact else ""),
        status=Markup(status),
    )


CALENDAR = Button("cal:ics")  # the meeting as an .ics file (handlers/calendar.py)
CHECKIN_QR = Button("ci:qr")  # the delegate's own check-in QR (handlers/checkin.py)
CHECKIN_BUTTON_DAYS = 3  # the card shows the check-in code button from 3 days before the conference


def card_keyboard(
    language: str, event: Event, delegate: Delegate, now: datetime, *, attending: bool = False
) -> InlineKeyboardMarkup | None:
    """Attend / Decline / Substitute until the RSVP deadline, Send a proposal until the proposals deadline, the
    calendar file for an attending delegate until the start."""
    answers = () if now > event.rsvp_deadline else answer_buttons(language, delegate.id)
    rows = [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in answers]
    if now <= event.proposals_deadline:
        rows.append([InlineKeyboardButton(text(language, "proposal.button_new"), callback_data=PROPOSAL_NEW.data())])
    if attending and now < event.starts_at:
        rows.append([InlineKeyboardButton(text(language, "calendar.button"), callback_data=CALENDAR.data())])
    if now.date() >= (event.starts_at - timedelta(days=CHECKIN_BUTTON_DAYS)).date():
        rows.append([InlineKeyboardButton(text(language, "checkin.button_qr"), callback_data=CHECKIN_QR.data())])
    return InlineKeyboardMarkup(rows) if rows else None


def answer_buttons(language: str, delegate_id: int) -> Buttons:
    """Attend / Decline on one row, Substitute below: on the card and on RSVP reminders (bot/telegram/jobs.py)."""
    return (
        (
            (text(language, "button.attend"), RSVP_ANSWER.data(choice="a", delegate=delegate_id)),
            (text(language, "button.decline"), RSVP_ANSWER.data(choice="d", delegate=delegate_id)),
        ),
        ((text(language, "button.substitute"), RSVP_ANSWER.data(choice="s", delegate=delegate_id)),),
    )


def skip_keyboard(language: str, delegate: Delegate) -> InlineKeyboardMarkup:
    """A Skip button under the question about the reason."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, "button.skip"), callback_data=RSVP_SKIP.data(delegate=delegate.id))]]
    )


def share_phone_keyboard(language: str) -> ReplyKeyboardMarkup:
    """A one-tap button that shares the user's own phone number."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(text(language, "button.share_phone"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def language_keyboard() -> InlineKeyboardMarkup:
    """Vietnamese / English choice."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("🇻🇳 Tiếng Việt", callback_data=LANGUAGE.data(language="vi")),
                InlineKeyboardButton("🇬🇧 English", callback_data=LANGUAGE.data(language="en")),
            ]
        ]
    )
