"""Rendering of the organizer's broadcast messages and keyboards from the catalogue (no service calls here)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Markup, text
from bot.services.broadcasts import AUDIENCES, AudienceSize, Report
from bot.services.delivery import Progress
from storage.broadcast_models import Audience, Broadcast

PREFIX = "bc"
AUDIENCE_CODES: dict[str, Audience] = {
    "all": "all",
    "att": "attending",
    "una": "unanswered",
    "dec": "declined",
    "agy": "agencies",
}
_CODE_OF: dict[str, str] = {audience: code for code, audience in AUDIENCE_CODES.items()}


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=f"{PREFIX}:{data}")


def audience_keyboard(language: str, sizes: dict[Audience, int]) -> InlineKeyboardMarkup:
    """One button per audience with its size."""
    rows = [
        [
            _button(
                text(language, f"broadcast.audience_button.{audience}", count=sizes.get(audience, 0)),
                f"aud:{_CODE_OF[audience]}",
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
        [_button(f"{'☑️' if name in chosen else '⬜'} {name} ({count})", f"ag:{index}")]
        for index, (name, count) in enumerate(agencies)
    ]
    rows.append(
        [
            _button(text(language, "broadcast.button.agencies_done"), "agok"),
            _button(text(language, "broadcast.button.cancel"), "quit"),
        ]
    )
    return InlineKeyboardMarkup(rows)


def skip_english_keyboard(language: str) -> InlineKeyboardMarkup:
    """Skip the English version."""
    return InlineKeyboardMarkup([[_button(text(language, "button.skip"), "noen")]])


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
                _button(text(language, "broadcast.button.send_now"), f"send:{broadcast_id}"),
                _button(text(language, "broadcast.button.schedule"), f"sched:{broadcast_id}"),
            ],
            [_button(text(language, "broadcast.button.cancel"), f"cancel:{broadcast_id}")],
        ]
    )


def approval_keyboard(language: str, broadcast_id: int) -> InlineKeyboardMarkup:
    """Approve / Reject for the second organizer."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text(language, "broadcast.button.approve"), f"ok:{broadcast_id}"),
                _button(text(language, "broadcast.button.reject"), f"no:{broadcast_id}"),
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
    return InlineKeyboardMarkup([[_button(text(language, "broadcast.button.stop"), f"stop:{broadcast_id}")]])


def report_text(language: str, report: Report) -> str:
    """The end-of-broadcast report."""
    reasons = "".join(
        text(language, "broadcast.report_reason", error=error or "?", count=count)
        for error, count in report.failure_reasons
    )
    state = "cancelled" if report.broadcast.status == "cancelled" else "done"
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
                    text(language, "broadcast.button.unreached", count=report.unreached), f"xlsx:{report.broadcast.id}"
                )
            ]
        )
    if report.count("unknown"):
        rows.append(
            [
                _button(
                    text(language, "broadcast.button.resend_unknown", count=report.count("unknown")),
                    f"resend:{report.broadcast.id}",
                )
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def open_list(
    language: str, broadcasts: Sequence[Broadcast], describe_time: object
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The organizer's list of open broadcasts with a cancel button each."""
    if not broadcasts:
        return text(language, "broadcast.list_empty"), None
    lines = [text(language, "broadcast.list_header")]
    for b in broadcasts:
        when = f" — {describe_time(b.scheduled_for)}" if b.scheduled_for else ""  # type: ignore[operator]
        lines.append(
            text(
                language,
                "broadcast.list_line",
                id=b.id,
                state=text(language, f"broadcast.list_state.{b.status}"),
                audience=Markup(audience_label(language, b.audience, b.agencies)),
                when=when,
            )
        )
    buttons = [
        [_button(text(language, "broadcast.button.cancel_numbered", id=b.id), f"cancel:{b.id}")] for b in broadcasts
    ]
    return "\n".join(lines), InlineKeyboardMarkup(buttons)
