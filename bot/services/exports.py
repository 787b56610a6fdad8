"""Tables for organizers: personal links and answers."""

from __future__ import annotations

from pathlib import Path

from bot.i18n import format_local
from bot.services.invitations import deep_link
from bot.services.tabular import ExcelText, write_table
from storage.db import Database
from storage.models import DelegateAnswer, Event

INVITE_HEADERS = (
    "Mã / Code",
    "Họ và tên / Full name",
    "Chức vụ / Position",
    "Phòng / Department",
    "Cơ quan / Agency",
    "Số điện thoại / Phone",
    "Link cá nhân / Personal link",
)
RSVP_HEADERS = (
    "Mã / Code",
    "Họ và tên / Full name",
    "Chức vụ / Position",
    "Phòng / Department",
    "Cơ quan / Agency",
    "Số điện thoại / Phone",
    "Đã kết nối / Linked",
    "Trả lời / Answer",
    "Lý do vắng / Reason",
    "Người dự thay / Substitute",
    "Chức vụ người thay / Substitute position",
    "Thời điểm / Answered at",
)
LINKED, NOT_LINKED = "Có / Yes", "Chưa / No"
_STATUS_LABEL = {
    "attending": "Tham dự / Attending",
    "declined": "Vắng mặt / Declined",
    "substitute": "Cử người dự thay / Substitute",
    None: "Chưa trả lời / No answer",
}


class ExportService:
    """Writes the event's tables as CSV or XLSX."""

    def __init__(self, db: Database, event: Event) -> None:
        self._db = db
        self._event = event

    async def _answers(self) -> list[DelegateAnswer]:
        async with self._db.read() as uow:
            return await uow.rsvps.answers(self._event.id)

    async def export_invites(self, out: Path, bot_username: str) -> int:
        """Write every delegate's personal link; return the row count."""
        rows = [
            (
                a.delegate.code,
                a.delegate.full_name,
                a.delegate.position,
                a.delegate.department,
                a.delegate.agency,
                ExcelText(a.delegate.phone or ""),
                deep_link(bot_username, a.token) if a.token else "",
            )
            for a in await self._answers()
        ]
        write_table(out, INVITE_HEADERS, rows, sheet_title="Giay moi")
        return len(rows)

    async def export_rsvps(self, out: Path) -> int:
        """Write every delegate's answer; return the row count."""
        rows = []
        for a in await self._answers():
            r = a.rsvp
            rows.append(
                (
                    a.delegate.code,
                    a.delegate.full_name,
                    a.delegate.position,
                    a.delegate.department,
                    a.delegate.agency,
                    ExcelText(a.delegate.phone or ""),
                    LINKED if a.delegate.telegram_user_id else NOT_LINKED,
                    _STATUS_LABEL[r.status if r else None],
                    (r.decline_reason or "") if r else "",
                    (r.substitute_name or "") if r else "",
                    (r.substitute_position or "") if r else "",
                    format_local(r.answered_at, self._event.timezone) if r else "",
                )
            )
        write_table(out, RSVP_HEADERS, rows, sheet_title="Tra loi")
        return len(rows)
