"""Organizers' side of proposals: counts, browsing by topic, statuses, merges, official answers and the export."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from bot.clock import Clock
from bot.config import ProposalSettings
from bot.services.cleaning import Problem, clean_input
from storage.db import Database
from storage.models import Event
from storage.proposal_models import Proposal, ProposalRow, ProposalStatus
from storage.repositories import UnitOfWork

PENDING_AREA = "padmin"
ASK_ANSWER = "padmin.answer"
CONFIRM_ANSWER = "padmin.answer_ok"
ASK_MERGE = "padmin.merge"
ANSWER_LIMIT = 3000
PAGE_SIZE = 5
MARKABLE = ("received", "reviewing", "selected")  # "answered" and "merged" only through their own steps

STATUS_LABELS: dict[str, str] = {
    "received": "Đã tiếp nhận / Received",
    "reviewing": "Đang xem xét / Under review",
    "selected": "Đưa ra hội nghị / Selected for the meeting",
    "answered": "Đã trả lời / Answered",
    "merged": "Đã gộp / Merged",
}
EXPORT_HEADERS = (
    "Số / No.",
    "Mã đại biểu / Code",
    "Họ và tên / Full name",
    "Chức vụ / Position",
    "Phòng / Department",
    "Cơ quan / Agency",
    "Nội dung / Text",
    "Trạng thái / Status",
    "Gộp vào số / Merged into",
    "Trả lời / Answer",
    "Tệp đính kèm / Attachment",
    "Gửi lúc / Sent at",
    "Cập nhật / Updated at",
)


class ReviewOutcome(Enum):
    """What happened to an organizer's action."""

    OK = "ok"
    ASK_ANSWER = "ask_answer"
    PREVIEW_ANSWER = "preview_answer"
    ASK_MERGE = "ask_merge"
    NOT_FOUND = "not_found"
    BAD_TARGET = "bad_target"
    TARGET_MERGED = "target_merged"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    NOTHING_PENDING = "nothing_pending"


@dataclass(frozen=True)
class ReviewResult:
    """An outcome with the proposal it concerns."""

    outcome: ReviewOutcome
    row: ProposalRow | None = None
    answer: str = ""
    count: int = 0
    limit: int = 0
    target: Proposal | None = None


@dataclass(frozen=True)
class ProposalSummary:
    """Counts of live (not withdrawn) proposals."""

    total: int
    by_category: dict[str, int]
    by_status: dict[str, int]
    by_agency: list[tuple[str, int]]


class ProposalReviewService:
    """Everything organizers do with proposals."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: ProposalSettings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._settings = settings

    async def rows(self, category: str | None = None) -> list[ProposalRow]:
        """Live proposals with their authors, oldest first."""
        async with self._db.read() as uow:
            return await self._rows(uow, category)

    async def summary(self) -> ProposalSummary:
        """Counts by topic, status and agency."""
        rows = await self.rows()
        agencies = Counter(row.delegate.agency or "—" for row in rows)
        return ProposalSummary(
            total=len(rows),
            by_category=dict(Counter(row.proposal.category for row in rows)),
            by_status=dict(Counter(row.proposal.status for row in rows)),
            by_agency=sorted(agencies.items(), key=lambda item: (-item[1], item[0])),
        )

    async def page(self, category: str, page: int) -> tuple[list[ProposalRow], int]:
        """One page of a topic's proposals and the number of pages."""
        rows = await self.rows(category)
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        return rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], pages

    async def detail(self, proposal_id: int) -> ProposalRow | None:
        """One proposal with its author (withdrawn ones too)."""
        async with self._db.read() as uow:
            return await self._row(uow, proposal_id)

    async def set_status(self, organizer_id: int, proposal_id: int, status: ProposalStatus) -> ReviewResult:
        """Mark received / under review / selected for the meeting (answers and merges have their own steps)."""
        async with self._db.transaction() as uow:
            row = await self._row(uow, proposal_id)
            if row is None or row.proposal.withdrawn or status not in MARKABLE:
                return ReviewResult(ReviewOutcome.NOT_FOUND)
            await uow.proposals.set_status(proposal_id, status, self._clock.now())
            await self._audit(uow, organizer_id, f"proposal_{status}", proposal_id)
            return ReviewResult(ReviewOutcome.OK, await self._row(uow, proposal_id))

    async def begin(self, organizer_id: int, proposal_id: int, kind: str) -> ReviewResult:
        """Wait for the organizer to type an answer (kind ASK_ANSWER) or the number to merge into (ASK_MERGE)."""
        async with self._db.transaction() as uow:
            row = await self._row(uow, proposal_id)
            if row is None or row.proposal.withdrawn:
                return ReviewResult(ReviewOutcome.NOT_FOUND)
            await uow.pending.put(self._event.id, organizer_id, kind, {"id": str(proposal_id)}, self._clock.now())
            outcome = ReviewOutcome.ASK_ANSWER if kind == ASK_ANSWER else ReviewOutcome.ASK_MERGE
            return ReviewResult(outcome, row, limit=ANSWER_LIMIT)

    async def submit_text(self, organizer_id: int, raw: str) -> ReviewResult:
        """The answer text (then previewed) or the number of the proposal to merge into."""
        async with self._db.transaction() as uow:
            pending = await uow.pending.get(self._event.id, organizer_id)
            if pending is None or pending.kind not in (ASK_ANSWER, CONFIRM_ANSWER, ASK_MERGE):
                return ReviewResult(ReviewOutcome.NOTHING_PENDING)
            proposal_id = int(pending.data.get("id", "0"))
            row = await self._row(uow, proposal_id)
            if row is None or row.proposal.withdrawn:
                await uow.pending.clear(self._event.id, organizer_id)
                return ReviewResult(ReviewOutcome.NOT_FOUND)
            if pending.kind == ASK_MERGE:
                return await self._merge(uow, organizer_id, row, raw)
            cleaned = clean_input(raw, ANSWER_LIMIT)
            value = cleaned.text
            if cleaned.problem is Problem.EMPTY:
                return ReviewResult(ReviewOutcome.EMPTY, row)
            if cleaned.problem is Problem.TOO_LONG:
                return ReviewResult(ReviewOutcome.TOO_LONG, row, count=len(value), limit=ANSWER_LIMIT)
            await uow.pending.put(
                self._event.id, organizer_id, CONFIRM_ANSWER, {"id": str(proposal_id), "text": value}, self._clock.now()
            )
            return ReviewResult(ReviewOutcome.PREVIEW_ANSWER, row, answer=value)

    async def send_answer(self, organizer_id: int, proposal_id: int) -> ReviewResult:
        """Store the previewed answer; the caller delivers it to the delegate."""
        async with self._db.transaction() as uow:
            pending = await uow.pending.get(self._event.id, organizer_id)
            if pending is None or pending.kind != CONFIRM_ANSWER or pending.data.get("id") != str(proposal_id):
                return ReviewResult(ReviewOutcome.NOTHING_PENDING)
            await uow.pending.clear(self._event.id, organizer_id)
            row = await self._row(uow, proposal_id)
            if row is None or row.proposal.withdrawn:
                return ReviewResult(ReviewOutcome.NOT_FOUND)
            answer = pending.data.get("text", "")
            await uow.proposals.set_answer(proposal_id, answer, organizer_id, self._clock.now())
            await self._audit(uow, organizer_id, "proposal_answered", proposal_id)
            return ReviewResult(ReviewOutcome.OK, await self._row(uow, proposal_id), answer=answer)

    async def cancel(self, organizer_id: int) -> None:
        """Stop waiting for an answer or a merge target."""
        async with self._db.transaction() as uow:
            pending = await uow.pending.get(self._event.id, organizer_id)
            if pending is not None and pending.kind.startswith(f"{PENDING_AREA}."):
                await uow.pending.clear(self._event.id, organizer_id)

    async def _merge(self, uow: UnitOfWork, organizer_id: int, row: ProposalRow, raw: str) -> ReviewResult:
        digits = raw.strip().lstrip("#")
        target = await self._row(uow, int(digits)) if digits.isdigit() else None
        if target is None or target.proposal.withdrawn or target.proposal.id == row.proposal.id:
            return ReviewResult(ReviewOutcome.BAD_TARGET, row)
        if target.proposal.status == "merged":
            # Only live proposals take merges: a merged target would allow chains and loops (#1 → #2 → #1).
            return ReviewResult(ReviewOutcome.TARGET_MERGED, row, target=target.proposal)
        await uow.pending.clear(self._event.id, organizer_id)
        await uow.proposals.set_status(row.proposal.id, "merged", self._clock.now(), merged_into=target.proposal.id)
        await self._audit(uow, organizer_id, "proposal_merged", row.proposal.id)
        return ReviewResult(ReviewOutcome.OK, await self._row(uow, row.proposal.id))

    async def _rows(self, uow: UnitOfWork, category: str | None) -> list[ProposalRow]:
        delegates = {d.id: d for d in await uow.delegates.all(self._event.id, include_withdrawn=True)}
        return [
            ProposalRow(p, delegates[p.delegate_id])
            for p in await uow.proposals.all(self._event.id, category=category)
            if p.delegate_id in delegates
        ]

    async def _row(self, uow: UnitOfWork, proposal_id: int) -> ProposalRow | None:
        proposal = await uow.proposals.get(self._event.id, proposal_id)
        delegate = await uow.delegates.get(self._event.id, proposal.delegate_id) if proposal else None
        return ProposalRow(proposal, delegate) if proposal and delegate else None

    async def _audit(self, uow: UnitOfWork, organizer_id: int, action: str, proposal_id: int) -> None:
        await uow.audit.add(
            self._event.id, f"telegram:{organizer_id}", action, self._clock.now(), subject=f"proposal:{proposal_id}"
        )
