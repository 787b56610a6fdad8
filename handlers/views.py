"""Rendering of cards and keyboards from the catalogue (no service calls here)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import ContactPerson, Markup, sentence_time, text
from storage.models import Delegate, Event, Rsvp

ANSWER_PREFIX = "rsvp"


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


def card_keyboard(language: str, event: Event, delegate: Delegate, now: datetime) -> InlineKeyboardMarkup | None:
    """Attend / Decline / Substitute until the RSVP deadline, Send a proposal until the proposals deadline."""
    rows = (
        []
        if now > event.rsvp_deadline
        else [
            [
                InlineKeyboardButton(text(language, "button.attend"), callback_data=f"{ANSWER_PREFIX}:a:{delegate.id}"),
                InlineKeyboardButton(
                    text(language, "button.decline"), callback_data=f"{ANSWER_PREFIX}:d:{delegate.id}"
                ),
            ],
            [
                InlineKeyboardButton(
                    text(language, "button.substitute"), callback_data=f"{ANSWER_PREFIX}:s:{delegate.id}"
                )
            ],
        ]
    )
    if now <= event.proposals_deadline:
        rows.append([InlineKeyboardButton(text(language, "proposal.button_new"), callback_data="prop:new")])
    return InlineKeyboardMarkup(rows) if rows else None


def skip_keyboard(language: str, delegate: Delegate) -> InlineKeyboardMarkup:
    """A Skip button under the question about the reason."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(language, "button.skip"), callback_data=f"{ANSWER_PREFIX}:k:{delegate.id}")]]
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
                InlineKeyboardButton("🇻🇳 Tiếng Việt", callback_data="lang:vi"),
                InlineKeyboardButton("🇬🇧 English", callback_data="lang:en"),
            ]
        ]
    )
