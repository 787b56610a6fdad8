"""Rendering of the organizer's broadcast messages and keyboards from the catalogue (no service calls here)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Markup, sentence_time, text
from bot.services.broadcasts import AUDIENCES, AudienceSize, Report
from bot.services.delivery import Progress
from bot.telegram.routing import ID, Button
from storage.broadcast_models import Audience, Broadcast

AUDIENCE_CODES: dict[str, Audience] = {
    "all": "all",
    "att": "attending",
    "una": "unanswered",
    "dec": "declined",
    "agy": "agencies",
}
_CODE_OF: dict[str, str] = {audience: code for code, audience in AUDIENCE_CODES.items()}


# Every broadcast button (this module owns the "bc:" formats; handlers/broadcast*.py route them, organizers only).
BC_AUDIENCE = Button("bc:aud:{code}", code="|".join(AUDIENCE_CODES))
BC_AGENCY = Button("bc:ag:{index}", index=r"[0-9]{1,4}")
BC_AGENCIES_DONE = Button("bc:agok")
BC_SKIP_ENGLISH = Button("bc:noen")
BC_QUIT = Button("bc:quit")
BC_SEND = Button("bc:send:{number}", number=ID)
BC_SCHEDULE = Button("bc:sched:{number}", number=ID)
BC_CANCEL = Button("bc:cancel:{number}", number=ID)
BC_APPROVE = Button("bc:ok:{number}", number=ID)
BC_REJECT = Button("bc:no:{number}", number=ID)
BC_STOP = Button("bc:stop:{number}", number=ID)
BC_CALL_LIST = Button("bc:xlsx:{number}", number=ID)
BC_RESEND = Button("bc:resend:{number}", number=ID)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def audience_keyboard(language: str, sizes: dict[Audience, int]) -> InlineKeyboardMarkup:
    """One button per audience with its size."""
    rows = [
        [
            _button(
                text(language, f"broadcast.audience_button.{audience}", count=sizes.get(audience, 0)),
                BC_AUDIENCE.data(code=_CODE_OF[audience]),
            )
        ]
        for audience in AUDIENCES
    ]
    return InlineKeyboardMarkup(rows)


def agencies_keyboard(
    language: str, agencies: Sequence[tuple[str, int]], chosen: Sequence[str]
) -> InlineKeyboardMarkup:
    """Toggle buttons for agencies (by index) and Done."""
    rows = [
        [_button(f"{'☑️' if name in chosen else '⬜'} {name} ({count})", BC_AGENCY.data(index=index))]
        for index, (name, count) in enumerate(agencies)
    ]
    rows.append(
        [
            _button(text(language, "broadcast.button.agencies_done"), BC_AGENCIES_DONE.data()),
            _button(text(language, "broadcast.button.cancel"), BC_QUIT.data()),
        ]
    )
    return InlineKeyboardMarkup(rows)


def skip_english_keyboard(language: str) -> InlineKeyboardMarkup:
    """Skip the English version."""
    return InlineKeyboardMarkup([[_button(text(language, "button.skip"), BC_SKIP_ENGLISH.data())]])


def audience_label(language: str, audience: Audience, agencies: Sequence[str]) -> str:
    """The audience in words (escaped)."""
    return text(language, f"broadcast.audience.{audience}", agencies=", ".join(agencies))


def summary_text(language: str, broadcast: Broadcast, size: AudienceSize, needs_approval: bool) -> str:
    """What the preview's buttons act on: number, audience, recipient counts."""
    summary = text(
        language,
        "broadcast.summary",
        id=broadcast.id,
        audience=Markup(audience_label(language, broadcast.audience, broadcast.agencies)),
        total=size.total,
        linked=size.linked,
        unlinked=size.total - size.linked,
    )
    return summary + (text(language, "broadcast.needs_approval") if needs_approval else "")


def preview_keyboard(language: str, broadcast_id: int) -> InlineKeyboardMarkup:
    """Send now / Schedule / Cancel."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text(language, "broadcast.button.send_now"), BC_SEND.data(number=broadcast_id)),
                _button(text(language, "broadcast.button.schedule"), BC_SCHEDULE.data(number=broadcast_id)),
            ],
            [_button(text(language, "broadcast.button.cancel"), BC_CANCEL.data(number=broadcast_id))],
        ]
    )


def approval_keyboard(language: str, broadcast_id: int) -> InlineKeyboardMarkup:
    """Approve / Reject for the second organizer."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text(language, "broadcast.button.approve"), BC_APPROVE.data(number=broadcast_id)),
                _button(text(language, "broadcast.button.reject"), BC_REJECT.data(number=broadcast_id)),
            ]
        ]
    )


def progress_text(language: str, broadcast: Broadcast, progress: Progress) -> str:
    """The progress card."""
    eta = progress.eta_seconds
    eta_text = (
        text(language, "broadcast.eta_unknown")
        if eta is None
        else text(language, "broadcast.eta_seconds", seconds=round(eta))
    )
    return text(
        language,
        "broadcast.progress",
        id=broadcast.id,
        sent=progress.sent,
        total=progress.total,
        failed=progress.failed,
        left=progress.left,
        rate=f"{progress.rate:.1f}",
        eta=eta_text,
    )


def stop_keyboard(language: str, broadcast_id: int) -> InlineKeyboardMarkup:
    """Cancel while sending."""
    return InlineKeyboardMarkup([[_button(text(language, "broadcast.button.stop"), BC_STOP.data(number=broadcast_id))]])


def report_text(language: str, report: Report) -> str:
    """The end-of-broadcast report."""
    reasons = "".join(
        text(language, "broadcast.report_reason", error=error or "?", count=count)
        for error, count in report.failure_reasons
    )
    state = "cancelled" if report.broadcast.status == "cancelled" else "done"
    if report.broadcast.agenda_version is not None:
        reasons += text(
            language,
            "broadcast.report_pins",
            edited=report.pins.get("edited", 0),
            pinned=report.pins.get("pinned", 0),
            failed=report.pins.get("failed", 0),
        )
    return text(
        language,
        "broadcast.report",
        id=report.broadcast.id,
        state=text(language, f"broadcast.state.{state}"),
        total=report.total,
        sent=report.count("sent"),
        unreachable=report.count("unreachable"),
        never_linked=report.count("never_linked"),
        failed=report.count("failed"),
        unknown=report.count("unknown"),
        cancelled=report.count("cancelled"),
        reasons=Markup(reasons),
    )


def report_keyboard(language: str, report: Report) -> InlineKeyboardMarkup | None:
    """Call list (XLSX) and, when some deliveries are unknown, a one-tap resend to them."""
    rows = []
    if report.unreached:
        rows.append(
            [
                _button(
                    text(language, "broadcast.button.unreached", count=report.unreached),
                    BC_CALL_LIST.data(number=report.broadcast.id),
                )
            ]
        )
    if report.count("unknown"):
        rows.append(
            [
                _button(
                    text(language, "broadcast.button.resend_unknown", count=report.count("unknown")),
                    BC_RESEND.data(number=report.broadcast.id),
                )
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def open_list(language: str, broadcasts: Sequence[Broadcast], timezone: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The organizer's list of open broadcasts with a cancel button each."""
    if not broadcasts:
        return text(language, "broadcast.list_empty"), None
    lines = [text(language, "broadcast.list_header")]
    for b in broadcasts:
        when = (
            text(language, "broadcast.list_when", when=sentence_time(language, b.scheduled_for, timezone))
            if b.scheduled_for
            else ""
        )
        lines.append(
            text(
                language,
                "broadcast.list_line",
                id=b.id,
                state=text(language, f"broadcast.list_state.{b.status}"),
                audience=Markup(audience_label(language, b.audience, b.agencies)),
                when=Markup(when),
            )
        )
    buttons = [
        [_button(text(language, "broadcast.button.cancel_numbered", id=b.id), BC_CANCEL.data(number=b.id))]
        for b in broadcasts
    ]
    return "\n".join(lines), InlineKeyboardMarkup(buttons)
