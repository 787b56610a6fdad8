"""The formal texts: what the board itself says to a delegate — no emoji here (tested in tests/test_catalogue.py).

The invitation card and everything on it, the reminders, the greeting of a broadcast and the board's answers.
Neutral emoji may stay on buttons and organizer screens. Add a key here when it is such a text.
"""

from __future__ import annotations

from typing import Final

FORMAL_KEYS: Final = frozenset(
    {
        # the invitation card (attendance confirmation) and the answers shown on it
        "card.body",
        "card.contact",
        "card.ask",
        "card.answered",
        "card.closed",
        "answer.none",
        "answer.attending",
        "answer.declined",
        "answer.declined_reason",
        "answer.substitute",
        "me.record",
        # the board's confirmations and directions to a delegate
        "contact.linked",
        "contact.no_match",
        "contact.taken",
        "contact.person",
        "rsvp.attend_saved",
        "calendar.caption",
        "calendar.changed",
        "calendar.cancel_caption",
        "ask.delivered",
        "ask.sent",
        "rsvp.decline_saved",
        "rsvp.substitute_saved",
        "rsvp.closed",
        "start.unlinked",
        "start.token_used",
        "start.account_taken",
        # reminders and agency roll-ups
        "reminder.rsvp",
        "reminder.attendance",
        "reminder.bring",
        "reminder.proposals",
        "reminder.custom",
        "reminder.rollup",
        "reminder.rollup_more",
        # broadcasts and the board's announcements and answers
        "broadcast.message",
        "agenda.notice",
        "agenda.notice_more",
        "agenda.change_added",
        "agenda.change_removed",
        "agenda.change_moved",
        "proposal.answer_delivered",
        "invite_pdf.contact",
        # how times are written in sentences
        "time.moment",
        # the printed invitation (PDF) — the committee's report is a formal document too
        "invite_pdf.title",
        "invite_pdf.salutation",
        "invite_pdf.body",
        "invite_pdf.time",
        "invite_pdf.venue",
        "invite_pdf.deadline",
        "invite_pdf.how_scan",
        "invite_pdf.how_link",
        "report.title",
        "report.subtitle",
        "report.intro",
        "report.closing",
    }
)
