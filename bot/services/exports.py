"""The organizers' files — one module for `/export` in the chat and `delegate-bot export …` on the server.

Every XLSX is written through bot.services.tabular (frozen bold header row, sized columns, text that looks like a
formula stored as text) with Vietnamese headers and real dates shown dd/mm/yyyy hh:mm in the event's time zone. File
names are Vietnamese without diacritics plus the date, e.g. ``tra-loi-giay-moi-2026-12-20.xlsx``. The invitations PDF
(bot.services.invitation_pdf) and the committee's report DOCX (bot.services.report_docx) are produced here too, so
the chat and the command line always give the same files.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import Settings
from bot.services.invitations import deep_link
from bot.services.nominations import CRITERIA, CRITERIA_LABELS, rank
from bot.services.tabular import ExcelText, Sheet, write_table, write_workbook
from storage.day_models import RankedQuestion
from storage.db import Database
from storage.files import PRIVATE_FILE
from storage.models import DelegateAnswer, Event
from storage.proposal_models import PROPOSAL_STATUSES, NominationRow, ProposalRow

if TYPE_CHECKING:
    from bot.services.questions import QuestionService

# Each kind is named once: the tables (XLSX, or CSV on the command line), then the other files.
TableKind = Literal["rsvps", "proposals", "nominations", "deliveries", "invitations", "audit", "checkins", "questions"]
ExportKind = Literal[TableKind, "invitations_pdf", "report", "tasks"]
TABLE_KINDS: tuple[TableKind, ...] = get_args(TableKind)
EXPORT_KINDS: tuple[ExportKind, ...] = get_args(ExportKind)

FILE_STEMS: dict[str, str] = {
    "rsvps": "tra-loi-giay-moi",
    "proposals": "y-kien-kien-nghi-theo-linh-vuc",
    "nominations": "de-xuat-bieu-duong",
    "deliveries": "ket-qua-gui-thong-bao-so-{broadcast}",
    "invitations": "duong-dan-giay-moi",
    "audit": "nhat-ky-thao-tac",
    "checkins": "diem-danh",
    "questions": "cau-hoi-doan-chu-tich",
    "invitations_pdf": "giay-moi",
    "report": "bao-cao-tong-hop-y-kien-kien-nghi",
    "tasks": "ke-hoach-cong-viec",
}
SUFFIXES: dict[str, str] = {"invitations_pdf": ".pdf", "report": ".docx"}

RSVP_LABELS: dict[str | None, str] = {
    "attending": "Tham dự",
    "declined": "Xin vắng mặt",
    "substitute": "Cử người dự thay",
    None: "Chưa xác nhận",
}
PROPOSAL_STATUS_LABELS: dict[str, str] = {
    "received": "Đã tiếp nhận",
    "reviewing": "Đang xem xét",
    "selected": "Đưa ra hội nghị",
    "answered": "Đã trả lời",
    "merged": "Đã gộp",
}
DELIVERY_LABELS: dict[str, str] = {
    "pending": "Chờ gửi",
    "sending": "Đang gửi",
    "sent": "Đã gửi",
    "failed": "Gửi lỗi",
    "unknown": "Chưa rõ (lỗi mạng)",
    "unreachable": "Không gửi được (đã chặn bot)",
    "never_linked": "Chưa kết nối",
    "cancelled": "Đã hủy",
}
AUDIT_LABELS: dict[str, str] = {
    "roster_imported": "Nhập danh sách đại biểu",
    "invite_reissued": "Cấp lại đường dẫn cá nhân",
    "delegate_withdrawn": "Rút đại biểu khỏi hội nghị",
    "delegate_restored": "Khôi phục đại biểu",
    "linked_by_token": "Đại biểu kết nối bằng đường dẫn",
    "linked_by_contact": "Đại biểu kết nối bằng số điện thoại",
    "link_refused_token_used": "Từ chối kết nối: đường dẫn đã dùng",
    "link_refused_phone_taken": "Từ chối kết nối: số điện thoại đã dùng",
    "rsvp_attending": "Xác nhận tham dự",
    "rsvp_declined": "Xin vắng mặt",
    "rsvp_substitute": "Cử người dự thay",
    "proposal_sent": "Gửi ý kiến",
    "proposal_edited": "Sửa ý kiến",
    "proposal_withdrawn": "Rút ý kiến",
    "proposal_received": "Đánh dấu ý kiến: đã tiếp nhận",
    "proposal_reviewing": "Đánh dấu ý kiến: đang xem xét",
    "proposal_selected": "Đánh dấu ý kiến: đưa ra hội nghị",
    "proposal_answered": "Trả lời ý kiến",
    "proposal_merged": "Tổng hợp chung ý kiến",
    "nomination_saved": "Đề xuất biểu dương",
    "broadcast_draft": "Soạn thông báo",
    "broadcast_submitted": "Trình duyệt thông báo",
    "broadcast_approved": "Duyệt thông báo",
    "broadcast_rejected": "Từ chối thông báo",
    "broadcast_scheduled": "Hẹn giờ thông báo",
    "broadcast_queued": "Gửi thông báo",
    "broadcast_cancelled": "Hủy thông báo",
    "broadcast_finished": "Gửi xong thông báo",
    "broadcast_resend_unknown": "Gửi lại thông báo chưa rõ kết quả",
    "broadcast_export_unreached": "Xuất danh sách chưa nhận thông báo",
    "agenda_published": "Công bố chương trình",
    "faq_english": "Thêm bản tiếng Anh của câu hỏi thường gặp",
    "faq_removed": "Gỡ câu hỏi thường gặp",
    "faq_config_hidden": "Ẩn câu hỏi thường gặp trong tệp cấu hình",
    "faq_config_shown": "Hiện lại câu hỏi thường gặp trong tệp cấu hình",
    "calendar_resend_unknown": "Gửi lại thông báo thay đổi lịch hội nghị chưa rõ kết quả",
    "reminder_added": "Thêm lời nhắc",
    "export": "Xuất tệp",
    "roster_upload_confirmed": "Nhập danh sách đại biểu (trong Telegram)",
    "document_added": "Thêm tài liệu hội nghị",
    "document_published": "Công bố tài liệu",
    "document_unpublished": "Thu hồi tài liệu",
    "questions_opened": "Mở nhận câu hỏi gửi Đoàn Chủ tịch",
    "questions_closed": "Đóng nhận câu hỏi gửi Đoàn Chủ tịch",
    "question_sent": "Gửi câu hỏi tới Đoàn Chủ tịch",
    "question_approved": "Chọn câu hỏi trình Đoàn Chủ tịch",
    "question_rejected": "Không chọn câu hỏi",
    "question_merged": "Tổng hợp chung câu hỏi",
    "question_answered": "Câu hỏi đã trả lời tại hội trường",
    "checked_in": "Điểm danh đại biểu",
    "checkin_undone": "Hủy điểm danh",
    "audit_actors_renamed": "Ghi lại người thực hiện dạng staff:<id> thành telegram:<id> (cùng tài khoản)",
}

PERSON_HEADERS = ("Mã đại biểu", "Họ và tên", "Chức vụ", "Phòng", "Cơ quan, đơn vị")
RSVP_HEADERS = (
    "STT",
    *PERSON_HEADERS,
    "Số điện thoại",
    "Đã kết nối Telegram",
    "Trả lời",
    "Lý do vắng mặt",
    "Người dự thay",
    "Chức vụ người dự thay",
    "Thời điểm trả lời",
)
AGENCY_HEADERS = (
    "Cơ quan, đơn vị",
    "Được mời",
    "Đã kết nối",
    "Tham dự",
    "Xin vắng mặt",
    "Cử người dự thay",
    "Chưa xác nhận",
)
INVITATION_HEADERS = (
    "STT",
    *PERSON_HEADERS,
    "Số điện thoại",
    "Thư điện tử",
    "Đã kết nối Telegram",
    "Đường dẫn cá nhân",
)
PROPOSAL_HEADERS = (
    "Số",
    *PERSON_HEADERS,
    "Nội dung ý kiến, kiến nghị",
    "Trạng thái",
    "Gộp vào ý kiến số",
    "Trả lời của Ban Tổ chức",
    "Tệp đính kèm",
    "Thời điểm gửi",
    "Cập nhật lần cuối",
)
DELIVERY_HEADERS = (
    "STT",
    *PERSON_HEADERS[:3],
    "Cơ quan, đơn vị",
    "Số điện thoại",
    "Ngôn ngữ",
    "Kết quả",
    "Lỗi",
    "Số lần gửi",
    "Cập nhật lúc",
)
AUDIT_HEADERS = ("STT", "Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Chi tiết")


@dataclass(frozen=True)
class ExportedFile:
    """A file written for an organizer: where it is, its name, what it holds and how many rows."""

    kind: ExportKind
    path: Path
    rows: int

    @property
    def name(self) -> str:
        """The file name shown in Telegram."""
        return self.path.name

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return self.path.stat().st_size


class UnknownBroadcast(LookupError):
    """The deliveries of a broadcast that does not exist (in this conference) were asked for."""


class ExportService:
    """Writes the conference's files (XLSX tables, the invitations PDF, the report DOCX)."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: Settings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._settings = settings
        self._zone = ZoneInfo(event.timezone)

    def file_name(self, kind: ExportKind, *, broadcast_id: int | None = None, csv: bool = False) -> str:
        """The Vietnamese file name with today's date in the event's time zone."""
        stem = FILE_STEMS[kind].format(broadcast=broadcast_id or 0)
        day = self._clock.now().astimezone(self._zone).strftime("%Y-%m-%d")
        return f"{stem}-{day}{'.csv' if csv else SUFFIXES.get(kind, '.xlsx')}"

    def _questions(self) -> QuestionService:
        from bot.services.questions import QuestionService

        day = self._settings.conference_day
        return QuestionService(self._db, self._clock, self._event, day, self._settings.proposals.categories)

    async def _conference_day(self, kind: str, out: Path) -> int:
        """The check-ins or the questions to the presidium (their services write them)."""
        from bot.services.checkins import CheckinService

        if kind == "checkins":
            return await CheckinService(self._db, self._clock, self._event).export(out)
        return await self._questions().export(out)

    async def annex_questions(self) -> list[tuple[str, RankedQuestion]]:
        """(topic label, question) of the questions to the presidium approved or answered in the hall, most supported first."""
        questions = self._questions()
        return [
            (questions.topic_label(r.question.topic, "vi"), r) for r in await questions.ranked(("approved", "answered"))
        ]

    async def write(
        self,
        kind: ExportKind,
        out: Path,
        *,
        actor: str,
        broadcast_id: int | None = None,
        agency: str | None = None,
        unlinked: bool = False,
        bot_username: str = "",
    ) -> ExportedFile:
        """Write one file to `out` (a folder gets the default name); personal data files are 0600."""
        out = Path(out)
        if out.is_dir():
            out = out / self.file_name(kind, broadcast_id=broadcast_id)
        if kind == "rsvps":
            rows = await self._rsvps(out, agency)
        elif kind == "proposals":
            rows = await self._proposals(out)
        elif kind == "nominations":
            rows = await self._nominations(out)
        elif kind == "deliveries":
            rows = await self._deliveries(out, broadcast_id)
        elif kind == "invitations":
            rows = await self._invitations(out, bot_username, agency, unlinked)
        elif kind == "audit":
            rows = await self._audit(out)
        elif kind in ("checkins", "questions"):
            rows = await self._conference_day(kind, out)
        elif kind == "invitations_pdf":
            from bot.services.invitation_pdf import write_invitations  # fpdf2 only when a PDF is asked for

            answers = self._select(await self._answers(), agency, unlinked)
            rows = await asyncio.to_thread(write_invitations, out, self._event, self._settings, answers, bot_username)
        elif kind == "tasks":
            from bot.services.tasks import TaskService
            from bot.services.tasks_file import export_plan

            rows = await export_plan(TaskService(self._db, self._clock, self._event, self._settings), out, "vi")
        else:
            from bot.services.report_docx import write_report  # python-docx only when a report is asked for

            rows = await write_report(out, self, self._settings)
        os.chmod(out, PRIVATE_FILE)
        async with self._db.transaction() as uow:
            await uow.audit.add(
                self._event.id,
                actor,
                "export",
                self._clock.now(),
                subject=kind,
                detail={"rows": rows, "file": out.name},
            )
        return ExportedFile(kind, out, rows)

    # ---- data the files (and the report) are made of ----

    async def _answers(self) -> list[DelegateAnswer]:
        async with self._db.read() as uow:
            return await uow.rsvps.answers(self._event.id)

    async def proposal_rows(self) -> list[ProposalRow]:
        """Live proposals with their authors, oldest first."""
        async with self._db.read() as uow:
            delegates = {d.id: d for d in await uow.delegates.all(self._event.id)}
            proposals = await uow.proposals.all(self._event.id)
        return [ProposalRow(p, delegates[p.delegate_id]) for p in proposals if p.delegate_id in delegates]

    async def nomination_rows(self) -> list[NominationRow]:
        """Every nomination with both people."""
        async with self._db.read() as uow:
            delegates = {d.id: d for d in await uow.delegates.all(self._event.id)}
            nominations = await uow.nominations.all(self._event.id)
        return [
            NominationRow(n, delegates[n.nominator_id], delegates[n.nominee_id])
            for n in nominations
            if n.nominator_id in delegates and n.nominee_id in delegates
        ]

    def local(self, moment: datetime | None) -> datetime | None:
        """A stored moment as the event's wall-clock time (Excel shows it dd/mm/yyyy hh:mm)."""
        return moment.astimezone(self._zone).replace(tzinfo=None) if moment else None

    def now(self) -> datetime:
        """The injected clock's time (the report is dated with it)."""
        return self._clock.now()

    @property
    def event(self) -> Event:
        """The conference these files belong to."""
        return self._event

    @staticmethod
    def _select(answers: list[DelegateAnswer], agency: str | None, unlinked: bool) -> list[DelegateAnswer]:
        if agency is not None:
            wanted = agency.strip().casefold()
            answers = [a for a in answers if a.delegate.agency.strip().casefold() == wanted]
        if unlinked:
            answers = [a for a in answers if a.delegate.telegram_user_id is None]
        return answers

    # ---- one writer per file ----

    async def _rsvps(self, out: Path, agency: str | None) -> int:
        answers = self._select(await self._answers(), agency, False)
        rows = []
        for number, a in enumerate(answers, start=1):
            d, r = a.delegate, a.rsvp
            rows.append(
                (
                    number,
                    d.code,
                    d.full_name,
                    d.position,
                    d.department,
                    d.agency,
                    ExcelText(d.phone or ""),
                    "Có" if d.telegram_user_id else "Chưa",
                    RSVP_LABELS[r.status if r else None],
                    (r.decline_reason or "") if r else "",
                    (r.substitute_name or "") if r else "",
                    (r.substitute_position or "") if r else "",
                    self.local(r.answered_at) if r else None,
                )
            )
        if out.suffix.lower() == ".csv":
            await _table(out, RSVP_HEADERS, rows)
            return len(rows)
        await _workbook(
            out, [Sheet("Trả lời", RSVP_HEADERS, rows), Sheet("Theo cơ quan", AGENCY_HEADERS, by_agency(answers))]
        )
        return len(rows)

    async def _invitations(self, out: Path, bot_username: str, agency: str | None, unlinked: bool) -> int:
        answers = self._select(await self._answers(), agency, unlinked)
        rows = [
            (
                number,
                a.delegate.code,
                a.delegate.full_name,
                a.delegate.position,
                a.delegate.department,
                a.delegate.agency,
                ExcelText(a.delegate.phone or ""),
                a.delegate.email or "",
                "Có" if a.delegate.telegram_user_id else "Chưa",
                deep_link(bot_username, a.token) if a.token and bot_username else "",
            )
            for number, a in enumerate(answers, start=1)
        ]
        if out.suffix.lower() == ".csv":
            await _table(out, INVITATION_HEADERS, rows)
        else:
            await _workbook(out, [Sheet("Giấy mời", INVITATION_HEADERS, rows)])
        return len(rows)

    def _proposal_line(self, row: ProposalRow) -> tuple[object, ...]:
        p, d = row.proposal, row.delegate
        attachment = f"{p.attachment.name or p.attachment.kind} ({p.attachment.size} B)" if p.attachment else ""
        return (
            p.id,
            d.code,
            d.full_name,
            d.position,
            d.department,
            d.agency,
            p.text,
            PROPOSAL_STATUS_LABELS[p.status],
            p.merged_into or "",
            p.answer or "",
            attachment,
            self.local(p.created_at),
            self.local(p.updated_at),
        )

    async def _proposals(self, out: Path) -> int:
        rows = await self.proposal_rows()
        categories = self._settings.proposals.categories
        summary: list[tuple[object, ...]] = []
        sheets: list[Sheet] = []
        for category in categories:
            mine = [row for row in rows if row.proposal.category == category.code]
            statuses = Counter(row.proposal.status for row in mine)
            summary.append((category.vi, len(mine), *(statuses.get(s, 0) for s in PROPOSAL_STATUSES)))
            sheets.append(Sheet(category.vi, PROPOSAL_HEADERS, [self._proposal_line(row) for row in mine]))
        known = {c.code for c in categories}
        stray = [row for row in rows if row.proposal.category not in known]
        if stray:
            sheets.append(Sheet("Khác (lĩnh vực cũ)", PROPOSAL_HEADERS, [self._proposal_line(r) for r in stray]))
        totals = Counter(row.proposal.status for row in rows)
        summary.append(("Tổng cộng", len(rows), *(totals.get(s, 0) for s in PROPOSAL_STATUSES)))
        headers = ("Lĩnh vực", "Tổng số", *(PROPOSAL_STATUS_LABELS[s] for s in PROPOSAL_STATUSES))
        agencies = Counter(row.delegate.agency or "—" for row in rows).most_common()
        await _workbook(
            out,
            [
                Sheet("Tổng hợp", headers, summary),
                Sheet("Theo cơ quan", ("Cơ quan, đơn vị", "Số ý kiến"), agencies),
                *sheets,
            ],
        )
        return len(rows)

    async def _nominations(self, out: Path) -> int:
        rows = await self.nomination_rows()
        ranking = rank(rows)
        labels = [CRITERIA_LABELS[c] for c in CRITERIA]
        rank_headers = ("Thứ tự", *PERSON_HEADERS[:3], "Cơ quan, đơn vị", "Số lượt đề xuất", *labels)
        ranked = [
            (
                i,
                r.nominee.code,
                r.nominee.full_name,
                r.nominee.position,
                r.nominee.agency,
                r.nominations,
                *(r.criteria.get(c, 0) for c in CRITERIA),
            )
            for i, r in enumerate(ranking, start=1)
        ]
        by_agency_rows = sorted(ranked, key=lambda line: (str(line[4]), int(str(line[0]))))
        detail_headers = (
            "Người được đề xuất",
            "Cơ quan người được đề xuất",
            "Người đề xuất",
            "Cơ quan người đề xuất",
            "Tiêu chí",
            "Lý do",
            "Thời điểm",
        )
        details = [
            (
                r.nominee.full_name,
                r.nominee.agency,
                r.nominator.full_name,
                r.nominator.agency,
                "; ".join(CRITERIA_LABELS[c] for c in r.nomination.criteria if c in CRITERIA_LABELS),
                r.nomination.justification,
                self.local(r.nomination.updated_at),
            )
            for r in rows
        ]
        await _workbook(
            out,
            [
                Sheet("Xếp thứ tự", rank_headers, ranked),
                Sheet("Theo cơ quan", rank_headers, by_agency_rows),
                Sheet("Chi tiết", detail_headers, details),
            ],
        )
        return len(rows)

    async def _deliveries(self, out: Path, broadcast_id: int | None) -> int:
        async with self._db.read() as uow:
            broadcast = await uow.broadcasts.get(self._event.id, broadcast_id or 0)
            if broadcast is None:
                raise UnknownBroadcast(broadcast_id)
            lines = await uow.console.deliveries(broadcast.id)
        rows = [
            (
                number,
                line.code,
                line.full_name,
                line.position,
                line.agency,
                ExcelText(line.phone or ""),
                "Tiếng Việt" if line.language == "vi" else "Tiếng Anh",
                DELIVERY_LABELS.get(line.status, line.status),
                line.error or "",
                line.attempts,
                self.local(line.updated_at),
            )
            for number, line in enumerate(lines, start=1)
        ]
        counts = Counter(line.status for line in lines)
        summary = [(DELIVERY_LABELS.get(status, status), count) for status, count in counts.most_common()]
        summary.append(("Tổng cộng", len(lines)))
        await _workbook(
            out,
            [
                Sheet(f"Thông báo số {broadcast.id}", DELIVERY_HEADERS, rows),
                Sheet("Tổng hợp", ("Kết quả", "Số người"), summary),
            ],
        )
        return len(rows)

    async def _audit(self, out: Path) -> int:
        async with self._db.read() as uow:
            entries = await uow.console.audit(self._event.id)
        rows = [
            (
                number,
                self.local(e.at),
                e.actor,
                AUDIT_LABELS.get(e.action, e.action),
                e.subject or "",
                ", ".join(f"{k}: {v}" for k, v in e.detail.items()),
            )
            for number, e in enumerate(reversed(entries), start=1)
        ]
        await _workbook(out, [Sheet("Nhật ký", AUDIT_HEADERS, rows)])
        return len(rows)


def by_agency(answers: Sequence[DelegateAnswer]) -> list[tuple[object, ...]]:
    """Invited, linked and the answers per agency, agencies in alphabetical order, then the total."""
    table: dict[str, list[int]] = {}
    for a in answers:
        counts = table.setdefault(a.delegate.agency or "—", [0] * 6)
        status = a.rsvp.status if a.rsvp else None
        counts[0] += 1
        counts[1] += 1 if a.delegate.telegram_user_id else 0
        counts[2 + ("attending", "declined", "substitute", None).index(status)] += 1
    rows: list[tuple[object, ...]] = [(agency, *counts) for agency, counts in sorted(table.items())]
    totals = [sum(c[i] for c in table.values()) for i in range(6)]
    rows.append(("Tổng cộng", *totals))
    return rows


async def _workbook(out: Path, sheets: Sequence[Sheet]) -> None:
    """Write a workbook off the event loop (openpyxl is synchronous)."""
    await asyncio.to_thread(write_workbook, out, sheets)


async def _table(out: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a CSV or one-sheet table off the event loop."""
    await asyncio.to_thread(write_table, out, headers, rows)
