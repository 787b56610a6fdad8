"""Questions to the presidium during the dialogue: a window, topics, length and flood limits, moderation (approve,
merge, reject with a reason, answered in the hall), the presidium's ordered list and delegates' support."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from pathlib import Path

from bot.clock import Clock
from bot.config import ConferenceDaySettings, ProposalCategory
from bot.i18n import format_local
from bot.services.cleaning import Problem, clean_input, normalise
from bot.services.tabular import Sheet, write_workbook
from storage.day_models import Question, QuestionStatus, RankedQuestion
from storage.db import Database
from storage.models import Delegate, Event
from storage.repositories import UnitOfWork

REASON_LIMIT = 200
_WINDOW_KEY = "questions_window:{event}"


class QuestionOutcome(Enum):
    """What happened, and so what the bot says next."""

    ASK_TOPIC = "ask_topic"
    ASK_TEXT = "ask_text"
    ASK_NAME = "ask_name"
    SENT = "sent"
    CLOSED = "closed"
    NOT_LINKED = "not_linked"
    TOO_SOON = "too_soon"
    CAP = "cap"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    UNKNOWN_TOPIC = "unknown_topic"
    SUPPORTED = "supported"
    ALREADY_SUPPORTED = "already_supported"
    OWN = "own"
    NOT_FOUND = "not_found"
    DONE = "done"
    WRONG_STATE = "wrong_state"


@dataclass(frozen=True)
class QuestionResult:
    """An outcome with what the reply needs."""

    outcome: QuestionOutcome
    question: Question | None = None
    delegate: Delegate | None = None
    wait_seconds: int = 0
    count: int = 0
    limit: int = 0


class QuestionService:
    """The window, the delegates' side and the moderators' side of the questions."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        event: Event,
        settings: ConferenceDaySettings,
        topics: tuple[ProposalCategory, ...],
    ) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.settings = settings
        self.topics = topics

    # The window ------------------------------------------------------------------------------------------------

    async def is_open(self) -> bool:
        """Open from questions_open_at (or an organizer's "open") until questions_close_at (or "close")."""
        async with self._db.read() as uow:
            return await self._open(uow)

    async def set_open(self, open_: bool, by: int) -> None:
        """An organizer opens or closes the questions by button (wins over the configured times until changed)."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            await uow.meta.put(_WINDOW_KEY.format(event=self._event.id), "open" if open_ else "closed")
            await uow.audit.add(self._event.id, f"user:{by}", "questions_opened" if open_ else "questions_closed", now)

    async def _open(self, uow: UnitOfWork) -> bool:
        now = self._clock.now()
        closes = self.settings.questions_close_at
        override = await uow.meta.get(_WINDOW_KEY.format(event=self._event.id))
        if override == "closed":
            return False
        if override == "open":
            return closes is None or now < closes
        opens = self.settings.questions_open_at
        return opens is not None and opens <= now and (closes is None or now < closes)

    # A delegate asks ---------------------------------------------------------------------------------------------

    async def start(self, user_id: int) -> QuestionResult:
        """/question: check the window and limits, then ask for the topic."""
        async with self._db.read() as uow:
            delegate, refusal = await self._may_ask(uow, user_id)
        return refusal or QuestionResult(QuestionOutcome.ASK_TOPIC, delegate=delegate)

    def check_text(self, raw: str) -> QuestionResult | None:
        """None when the text may be sent; else why not."""
        cleaned = clean_input(raw, self.settings.question_max_length)  # the one input cleaner
        if cleaned.problem is Problem.EMPTY:
            return QuestionResult(QuestionOutcome.EMPTY)
        if cleaned.problem is Problem.TOO_LONG:
            return QuestionResult(
                QuestionOutcome.TOO_LONG, count=cleaned.length, limit=self.settings.question_max_length
            )
        return None

    async def submit(self, user_id: int, topic: str, raw: str, read_name: bool) -> QuestionResult:
        """Store the question (window and limits checked again in the same transaction)."""
        refusal = self.check_text(raw)
        if refusal is not None:
            return refusal
        if not any(t.code == topic for t in self.topics):
            return QuestionResult(QuestionOutcome.UNKNOWN_TOPIC)
        now = self._clock.now()
        async with self._db.transaction() as uow:
            delegate, refusal = await self._may_ask(uow, user_id)
            if refusal is not None:
                return refusal
            assert delegate is not None
            text = normalise(raw)
            question_id = await uow.questions.add(self._event.id, delegate.id, topic, text, read_name, now)
            await uow.audit.add(self._event.id, f"user:{user_id}", "question_sent", now, subject=str(question_id))
            question = await uow.questions.get(self._event.id, question_id)
        return QuestionResult(QuestionOutcome.SENT, question, delegate)

    async def _may_ask(self, uow: UnitOfWork, user_id: int) -> tuple[Delegate | None, QuestionResult | None]:
        delegate = await uow.delegates.by_user(self._event.id, user_id)
        if delegate is None:
            return None, QuestionResult(QuestionOutcome.NOT_LINKED)
        if not await self._open(uow):
            return delegate, QuestionResult(QuestionOutcome.CLOSED, delegate=delegate)
        mine = await uow.questions.of_delegate(self._event.id, delegate.id)
        cap = self.settings.questions_per_delegate
        if len(mine) >= cap:
            return delegate, QuestionResult(QuestionOutcome.CAP, delegate=delegate, count=len(mine), limit=cap)
        interval = timedelta(seconds=self.settings.question_interval_seconds)
        if mine and self._clock.now() - mine[-1].created_at < interval:
            wait = interval - (self._clock.now() - mine[-1].created_at)
            return delegate, QuestionResult(
                QuestionOutcome.TOO_SOON, delegate=delegate, wait_seconds=max(1, int(wait.total_seconds() + 0.999))
            )
        return delegate, None

    # Support ------------------------------------------------------------------------------------------------------

    async def support(self, user_id: int, question_id: int) -> QuestionResult:
        """One delegate supports one approved question once (not their own)."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            if delegate is None:
                return QuestionResult(QuestionOutcome.NOT_LINKED)
            question = await uow.questions.get(self._event.id, question_id)
            if question is None or question.status != "approved":
                return QuestionResult(QuestionOutcome.NOT_FOUND)
            if question.delegate_id == delegate.id:
                return QuestionResult(QuestionOutcome.OWN, question)
            added = await uow.questions.support(question_id, delegate.id, now)
            count = (await uow.questions.support_counts(self._event.id)).get(question_id, 0)
        outcome = QuestionOutcome.SUPPORTED if added else QuestionOutcome.ALREADY_SUPPORTED
        return QuestionResult(outcome, question, delegate, count=count)

    async def supported_by(self, user_id: int) -> set[int]:
        """The questions this user's delegate supports."""
        async with self._db.read() as uow:
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            return await uow.questions.supported_by(self._event.id, delegate.id) if delegate else set()

    # Moderators ---------------------------------------------------------------------------------------------------

    async def pending(self) -> list[tuple[Question, Delegate]]:
        """The moderators' queue, oldest first."""
        return await self._with_delegates(("pending",))

    async def ranked(self, statuses: tuple[QuestionStatus, ...] = ("approved",)) -> list[RankedQuestion]:
        """Approved questions for the presidium (or those in `statuses`): by support (merges count too), then time."""
        async with self._db.read() as uow:
            approved = await uow.questions.all(self._event.id, statuses)
            merged = await uow.questions.all(self._event.id, ("merged",))
            support = await uow.questions.support_counts(self._event.id)
            roster = {d.id: d for d in await uow.delegates.all(self._event.id)}
        merges: dict[int, int] = {}
        for question in merged:
            if question.merged_into is not None:
                merges[question.merged_into] = merges.get(question.merged_into, 0) + 1
        ranked = [
            RankedQuestion(q, roster[q.delegate_id], support.get(q.id, 0), merges.get(q.id, 0))
            for q in approved
            if q.delegate_id in roster
        ]
        return sorted(ranked, key=lambda r: (-(r.support + r.merged), r.question.created_at, r.question.id))

    async def moderate(
        self, moderator_id: int, question_id: int, status: QuestionStatus, *, reason: str = "", into: int = 0
    ) -> QuestionResult:
        """approve / reject (with a reason) / merge into another approved question / answered in the hall."""
        allowed_from = {
            "approved": ("pending",),
            "rejected": ("pending", "approved"),
            "merged": ("pending", "approved"),
            "answered": ("approved",),
        }
        now = self._clock.now()
        async with self._db.transaction() as uow:
            question = await uow.questions.get(self._event.id, question_id)
            if question is None:
                return QuestionResult(QuestionOutcome.NOT_FOUND)
            if question.status not in allowed_from.get(status, ()):
                return QuestionResult(QuestionOutcome.WRONG_STATE, question)
            if status == "merged":
                target = await uow.questions.get(self._event.id, into)
                if target is None or target.id == question.id or target.status != "approved":
                    return QuestionResult(QuestionOutcome.WRONG_STATE, question)
            await uow.questions.set_status(
                question_id,
                status,
                moderator_id,
                now,
                reason=normalise(reason)[:REASON_LIMIT] or None,
                merged_into=into or None,
            )
            await uow.audit.add(
                self._event.id, f"user:{moderator_id}", f"question_{status}", now, subject=str(question_id)
            )
            updated = await uow.questions.get(self._event.id, question_id)
            delegate = await uow.delegates.get(self._event.id, question.delegate_id)
        return QuestionResult(QuestionOutcome.DONE, updated, delegate)

    async def get(self, question_id: int) -> tuple[Question, Delegate] | None:
        """One question with its asker."""
        async with self._db.read() as uow:
            question = await uow.questions.get(self._event.id, question_id)
            delegate = await uow.delegates.get(self._event.id, question.delegate_id) if question else None
        return (question, delegate) if question and delegate else None

    async def _with_delegates(self, statuses: tuple[QuestionStatus, ...]) -> list[tuple[Question, Delegate]]:
        async with self._db.read() as uow:
            found = await uow.questions.all(self._event.id, statuses)
            roster = {d.id: d for d in await uow.delegates.all(self._event.id)}
        return [(q, roster[q.delegate_id]) for q in found if q.delegate_id in roster]

    def topic_label(self, code: str, language: str) -> str:
        """A topic's name in a language."""
        topic = next((t for t in self.topics if t.code == code), None)
        return topic.label(language) if topic else code

    async def export(self, out: Path) -> int:
        """Every question with its status, support and asker (XLSX or CSV by suffix); return the row count."""
        ranked = {r.question.id: r for r in await self.ranked()}
        rows = []
        for question, delegate in await self._with_delegates(("pending", "approved", "rejected", "merged", "answered")):
            r = ranked.get(question.id)
            rows.append(
                (
                    question.id,
                    format_local(question.created_at, self._event.timezone),
                    self.topic_label(question.topic, "vi"),
                    question.text,
                    delegate.full_name,
                    delegate.agency,
                    "Có / Yes" if question.read_name else "Không / No",
                    _STATUS_LABEL[question.status],
                    r.support if r else "",
                    r.merged if r else "",
                    question.merged_into or "",
                    question.reason or "",
                )
            )
        write_workbook(out, [Sheet("Cau hoi", QUESTION_HEADERS, rows)])
        return len(rows)


QUESTION_HEADERS = (
    "Số / No.",
    "Thời điểm / Sent at",
    "Lĩnh vực / Topic",
    "Nội dung / Question",
    "Đại biểu / Delegate",
    "Cơ quan / Agency",
    "Được nêu tên / Name may be read",
    "Trạng thái / Status",
    "Ủng hộ / Support",
    "Câu hỏi gộp / Merged",
    "Gộp vào số / Merged into",
    "Lý do / Reason",
)
_STATUS_LABEL = {
    "pending": "Chờ duyệt / Pending",
    "approved": "Đã duyệt / Approved",
    "rejected": "Không chọn / Rejected",
    "merged": "Đã gộp / Merged",
    "answered": "Đã trả lời tại hội trường / Answered in the hall",
}
