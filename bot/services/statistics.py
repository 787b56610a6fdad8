"""Figures for /stats: answers in total and by agency, proposals by topic and status, nominations, who has not
answered (with phones), and the chart of answers by agency. Optionally limited to some agencies (agency contacts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from bot.config import Settings
from storage.console_repositories import AuditEntry
from storage.db import Database
from storage.models import Delegate, DelegateAnswer, Event

AGENCY_PAGE = 8
UNANSWERED_LIMIT = 60  # names listed in one message; the rest are counted (the XLSX has everyone)


@dataclass(frozen=True)
class AnswerCounts:
    """Invited, connected and the answers of a group of delegates."""

    agency: str
    invited: int
    linked: int
    attending: int
    substitute: int
    declined: int

    @property
    def unanswered(self) -> int:
        """Invited but not answered yet."""
        return self.invited - self.attending - self.substitute - self.declined


@dataclass(frozen=True)
class Overview:
    """Everything /stats shows (for the whole conference, or only some agencies)."""

    total: AnswerCounts
    agencies: tuple[AnswerCounts, ...]
    proposals: int
    proposals_by_topic: tuple[tuple[str, int, int], ...]  # topic code, count, answered
    proposals_by_status: dict[str, int]
    nominees: int
    nominations: int
    scoped: bool


def _counts(agency: str, answers: list[DelegateAnswer]) -> AnswerCounts:
    statuses = Counter(a.rsvp.status if a.rsvp else None for a in answers)
    return AnswerCounts(
        agency=agency,
        invited=len(answers),
        linked=sum(1 for a in answers if a.delegate.telegram_user_id),
        attending=statuses["attending"],
        substitute=statuses["substitute"],
        declined=statuses["declined"],
    )


def same_agency(a: str, b: str) -> bool:
    """Agency names as typed in the roster and in the config, compared without case or extra spaces."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class StatisticsService:
    """Read-only figures; `agencies` limits everything to those agencies (None: the whole conference)."""

    def __init__(self, db: Database, event: Event, settings: Settings) -> None:
        self._db = db
        self._event = event
        self._settings = settings

    def agencies_of_contact(self, user_id: int) -> tuple[str, ...]:
        """The agencies a user is the contact person of ([reminders.agency_contacts])."""
        return tuple(agency for agency, contact in self._settings.reminders.agency_contacts if contact == user_id)

    async def _answers(self, agencies: Collection[str] | None) -> list[DelegateAnswer]:
        async with self._db.read() as uow:
            answers = await uow.rsvps.answers(self._event.id)
        if agencies is None:
            return answers
        return [a for a in answers if any(same_agency(a.delegate.agency, wanted) for wanted in agencies)]

    async def overview(self, agencies: Collection[str] | None = None) -> Overview:
        """Totals, by agency (most invited first), proposals and nominations."""
        answers = await self._answers(agencies)
        groups: dict[str, list[DelegateAnswer]] = {}
        for answer in answers:
            groups.setdefault(answer.delegate.agency or "—", []).append(answer)
        by_agency = sorted((_counts(name, rows) for name, rows in groups.items()), key=lambda c: (-c.invited, c.agency))
        members = {a.delegate.id for a in answers}
        async with self._db.read() as uow:
            proposals = [p for p in await uow.proposals.all(self._event.id) if p.delegate_id in members]
            nominations = [n for n in await uow.nominations.all(self._event.id) if n.nominee_id in members]
        topics: list[tuple[str, int, int]] = []
        for category in self._settings.proposals.categories:
            mine = [p for p in proposals if p.category == category.code]
            topics.append((category.code, len(mine), sum(1 for p in mine if p.status == "answered")))
        return Overview(
            total=_counts("", answers),
            agencies=tuple(by_agency),
            proposals=len(proposals),
            proposals_by_topic=tuple(topics),
            proposals_by_status=dict(Counter(p.status for p in proposals)),
            nominees=len({n.nominee_id for n in nominations}),
            nominations=len(nominations),
            scoped=agencies is not None,
        )

    async def unanswered(self, agency: str | None = None) -> list[Delegate]:
        """Delegates who have not answered (of one agency, or all), in roster order, for the secretariat to call."""
        answers = await self._answers([agency] if agency is not None else None)
        return [a.delegate for a in answers if a.rsvp is None]

    async def unanswered_agencies(self) -> list[tuple[str, int]]:
        """Agencies with delegates who have not answered, most first."""
        counts = Counter((d.agency or "—") for d in await self.unanswered())
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    async def recent_actions(self, organizer_ids: Collection[int], limit: int = 20) -> list[AuditEntry]:
        """The latest actions of these organizers (and of the command line on the server), newest first."""
        actors = (*(f"telegram:{user_id}" for user_id in sorted(organizer_ids)), "cli")
        async with self._db.read() as uow:
            return await uow.console.audit(self._event.id, actors=actors, limit=limit)
