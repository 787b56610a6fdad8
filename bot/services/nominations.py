"""Nominations of exemplary colleagues: find by name, tick the criteria, justify, confirm; ranking and export."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from bot.clock import Clock
from bot.services.cleaning import Problem, clean_input
from storage.db import Database
from storage.models import Delegate, Event
from storage.proposal_models import Nomination, NominationRow
from storage.repositories import UnitOfWork

PENDING_AREA = "nom"
ASK_NAME = "nom.search"
ASK_WHY = "nom.why"
CONFIRM = "nom.confirm"
CRITERIA = ("party", "emulation", "research", "recognised")
CRITERIA_LABELS = {
    "party": "Đảng viên hoàn thành xuất sắc nhiệm vụ",
    "emulation": "Chiến sĩ thi đua cấp tỉnh trở lên",
    "research": "Đề tài nghiên cứu khoa học, sáng kiến kinh nghiệm",
    "recognised": "Được cán bộ, công chức, người dân và doanh nghiệp ghi nhận",
}
JUSTIFICATION_LIMIT = 500
QUERY_LIMIT = 100
MAX_RESULTS = 8


class NominationOutcome(Enum):
    """What happened, and so what the bot says next."""

    ASK_NAME = "ask_name"
    FOUND = "found"
    NONE_FOUND = "none_found"
    SELF = "self"
    LIMIT = "limit"
    UNKNOWN = "unknown"
    ASK_CRITERIA = "ask_criteria"
    NO_CRITERIA = "no_criteria"
    ASK_WHY = "ask_why"
    PREVIEW = "preview"
    SAVED = "saved"
    REMOVED = "removed"
    CLOSED = "closed"
    NOT_LINKED = "not_linked"
    NOT_YOURS = "not_yours"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    NOTHING_PENDING = "nothing_pending"


@dataclass(frozen=True)
class NominationResult:
    """The outcome with what the reply needs."""

    outcome: NominationOutcome
    delegate: Delegate | None = None
    nominee: Delegate | None = None
    found: tuple[Delegate, ...] = ()
    mine: tuple[NominationRow, ...] = ()
    criteria: tuple[str, ...] = ()
    justification: str = ""
    count: int = 0
    limit: int = 0


@dataclass(frozen=True)
class NomineeRank:
    """A nominee with how often and on which criteria colleagues nominated them."""

    nominee: Delegate
    nominations: int
    criteria: dict[str, int] = field(default_factory=dict)


def fold(value: str) -> str:
    """Lower case without Vietnamese diacritics ("Bình" and "binh" match)."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@lru_cache(maxsize=1 << 16)
def _folded_name(name: str) -> str:
    """fold() of a roster name, remembered: a pure function of the string, so a roster import needs no refresh."""
    return fold(name)


def find_by_name(roster: list[Delegate], query: str) -> list[Delegate]:
    """Delegates whose name contains the query, accents and case ignored (/nominate and the check-in desk)."""
    needle = fold(query[:QUERY_LIMIT])
    if not needle:
        return []
    found = [(name, d) for d in roster if needle in (name := _folded_name(d.full_name))]
    # The whole name first, then names ending with the query (people type the given name), then the rest.
    found.sort(key=lambda pair: (pair[0] != needle, not pair[0].endswith(needle)))
    return [d for _, d in found]


def criteria_from_mask(mask: int) -> tuple[str, ...]:
    """The criteria whose bits are set."""
    return tuple(code for index, code in enumerate(CRITERIA) if mask & (1 << index))


def mask_of(criteria: tuple[str, ...]) -> int:
    """The bit mask of criteria codes."""
    return sum(1 << CRITERIA.index(code) for code in criteria if code in CRITERIA)


def rank(rows: list[NominationRow]) -> list[NomineeRank]:
    """Nominees, most nominated first (then most criteria ticked, then by name)."""
    by_nominee: dict[int, list[Nomination]] = {}
    people: dict[int, Delegate] = {}
    for row in rows:
        by_nominee.setdefault(row.nominee.id, []).append(row.nomination)
        people[row.nominee.id] = row.nominee
    ranks = [
        NomineeRank(people[i], len(items), dict(Counter(c for n in items for c in n.criteria)))
        for i, items in by_nominee.items()
    ]
    return sorted(ranks, key=lambda r: (-r.nominations, -sum(r.criteria.values()), r.nominee.full_name))


class NominationService:
    """Each delegate nominates up to max_nominations colleagues (never themselves) until the proposals deadline."""

    def __init__(self, db: Database, clock: Clock, event: Event, max_nominations: int) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.limit = max_nominations

    def is_open(self) -> bool:
        """Whether nominations can still be made or changed."""
        return self._clock.now() <= self._event.proposals_deadline

    async def start(self, user_id: int) -> NominationResult:
        """/nominate: show the delegate's nominations and ask for a colleague's name."""
        async with self._db.transaction() as uow:
            delegate, refusal = await self._delegate(uow, user_id)
            if refusal:
                return refusal
            assert delegate is not None
            await uow.pending.put(self._event.id, user_id, ASK_NAME, {}, self._clock.now())
            return NominationResult(
                NominationOutcome.ASK_NAME, delegate, mine=await self._mine(uow, delegate), limit=self.limit
            )

    async def submit_text(self, user_id: int, raw: str) -> NominationResult:
        """A name to search for, or the justification."""
        searching: Delegate | None = None
        async with self._db.transaction() as uow:
            delegate, refusal = await self._delegate(uow, user_id)
            pending = await uow.pending.get(self._event.id, user_id)
            if refusal:
                if pending is not None and pending.kind.startswith(f"{PENDING_AREA}."):
                    await uow.pending.clear(self._event.id, user_id)
                return refusal
            assert delegate is not None
            if pending is None or pending.kind not in (ASK_NAME, ASK_WHY, CONFIRM):
                return NominationResult(NominationOutcome.NOTHING_PENDING, delegate)
            cleaned = clean_input(raw, JUSTIFICATION_LIMIT, multiline=False)
            value = cleaned.text
            if cleaned.problem is Problem.EMPTY:
                return NominationResult(NominationOutcome.EMPTY, delegate)
            if pending.kind == ASK_NAME:
                searching = delegate
            elif cleaned.problem is Problem.TOO_LONG:
                return NominationResult(
                    NominationOutcome.TOO_LONG, delegate, count=len(value), limit=JUSTIFICATION_LIMIT
                )
            else:
                nominee = await uow.delegates.get(self._event.id, int(pending.data["nominee"]))
                criteria = tuple(c for c in pending.data["criteria"].split(",") if c)
                await uow.pending.put(
                    self._event.id, user_id, CONFIRM, {**pending.data, "why": value}, self._clock.now()
                )
                return NominationResult(
                    NominationOutcome.PREVIEW, delegate, nominee, criteria=criteria, justification=value
                )
        # A search writes nothing: read the roster in a read unit of work and match outside any, so it never holds
        # the write lock (BEGIN IMMEDIATE) while scanning thousands of names.
        assert searching is not None
        return await self._search(searching, value)

    async def pick(self, user_id: int, nominee_id: int) -> NominationResult:
        """A colleague chosen from the search: check the rules and show the criteria (ticked if nominated before)."""
        async with self._db.read() as uow:
            delegate, nominee, existing, refusal = await self._check(uow, user_id, nominee_id)
        if refusal:
            return refusal
        criteria = existing.criteria if existing else ()
        return NominationResult(NominationOutcome.ASK_CRITERIA, delegate, nominee, criteria=criteria)

    async def choose_criteria(self, user_id: int, nominee_id: int, mask: int) -> NominationResult:
        """Criteria ticked: ask for the justification."""
        criteria = criteria_from_mask(mask)
        async with self._db.transaction() as uow:
            delegate, nominee, _, refusal = await self._check(uow, user_id, nominee_id)
            if refusal:
                return refusal
            if not criteria:
                return NominationResult(NominationOutcome.NO_CRITERIA, delegate, nominee)
            await uow.pending.put(
                self._event.id,
                user_id,
                ASK_WHY,
                {"nominee": str(nominee_id), "criteria": ",".join(criteria)},
                self._clock.now(),
            )
            return NominationResult(
                NominationOutcome.ASK_WHY, delegate, nominee, criteria=criteria, limit=JUSTIFICATION_LIMIT
            )

    async def confirm(self, user_id: int) -> NominationResult:
        """Save the previewed nomination (rules checked again)."""
        async with self._db.transaction() as uow:
            pending = await uow.pending.get(self._event.id, user_id)
            if pending is None or pending.kind != CONFIRM:
                delegate = await uow.delegates.by_user(self._event.id, user_id)
                return NominationResult(NominationOutcome.NOTHING_PENDING, delegate)
            delegate, nominee, _, refusal = await self._check(uow, user_id, int(pending.data["nominee"]))
            await uow.pending.clear(self._event.id, user_id)
            if refusal:
                return refusal
            assert delegate is not None and nominee is not None
            criteria = tuple(c for c in pending.data["criteria"].split(",") if c)
            await uow.nominations.save(
                self._event.id, delegate.id, nominee.id, criteria, pending.data["why"], self._clock.now()
            )
            await uow.audit.add(
                self._event.id, f"telegram:{user_id}", "nomination_saved", self._clock.now(), subject=nominee.code
            )
            return NominationResult(
                NominationOutcome.SAVED, delegate, nominee, mine=await self._mine(uow, delegate), limit=self.limit
            )

    async def remove(self, user_id: int, nomination_id: int) -> NominationResult:
        """Withdraw one of the delegate's own nominations."""
        async with self._db.transaction() as uow:
            delegate, refusal = await self._delegate(uow, user_id)
            if refusal:
                return refusal
            assert delegate is not None
            nomination = await uow.nominations.get(self._event.id, nomination_id)
            if nomination is None or nomination.nominator_id != delegate.id:
                return NominationResult(NominationOutcome.NOT_YOURS, delegate)
            await uow.nominations.delete(nomination.id)
            nominee = await uow.delegates.get(self._event.id, nomination.nominee_id)
            return NominationResult(
                NominationOutcome.REMOVED, delegate, nominee, mine=await self._mine(uow, delegate), limit=self.limit
            )

    async def rows(self) -> list[NominationRow]:
        """Every nomination with both people."""
        async with self._db.read() as uow:
            delegates = {d.id: d for d in await uow.delegates.all(self._event.id, include_withdrawn=True)}
            nominations = await uow.nominations.all(self._event.id)
        return [
            NominationRow(n, delegates[n.nominator_id], delegates[n.nominee_id])
            for n in nominations
            if n.nominator_id in delegates and n.nominee_id in delegates
        ]

    async def ranking(self) -> list[NomineeRank]:
        """Nominees, most nominated first (then most criteria ticked, then by name)."""
        return rank(await self.rows())

    async def _search(self, delegate: Delegate, query: str) -> NominationResult:
        async with self._db.read() as uow:
            roster = await uow.delegates.all(self._event.id)
        matches = find_by_name(roster, query)
        others = tuple(d for d in matches if d.id != delegate.id)
        if not others:
            outcome = NominationOutcome.SELF if matches else NominationOutcome.NONE_FOUND
            return NominationResult(outcome, delegate, count=0)
        return NominationResult(NominationOutcome.FOUND, delegate, found=others[:MAX_RESULTS], count=len(others))

    async def _check(
        self, uow: UnitOfWork, user_id: int, nominee_id: int
    ) -> tuple[Delegate | None, Delegate | None, Nomination | None, NominationResult | None]:
        delegate, refusal = await self._delegate(uow, user_id)
        if refusal:
            return delegate, None, None, refusal
        assert delegate is not None
        nominee = await uow.delegates.get(self._event.id, nominee_id)
        if nominee is None:
            return delegate, None, None, NominationResult(NominationOutcome.UNKNOWN, delegate)
        if nominee.id == delegate.id:
            return delegate, nominee, None, NominationResult(NominationOutcome.SELF, delegate, nominee)
        mine = await uow.nominations.by_nominator(self._event.id, delegate.id)
        existing = next((n for n in mine if n.nominee_id == nominee.id), None)
        if existing is None and len(mine) >= self.limit:
            return (
                delegate,
                nominee,
                None,
                NominationResult(
                    NominationOutcome.LIMIT, delegate, nominee, mine=await self._mine(uow, delegate), limit=self.limit
                ),
            )
        return delegate, nominee, existing, None

    async def _delegate(self, uow: UnitOfWork, user_id: int) -> tuple[Delegate | None, NominationResult | None]:
        delegate = await uow.delegates.by_user(self._event.id, user_id)
        if delegate is None:
            return None, NominationResult(NominationOutcome.NOT_LINKED)
        if not self.is_open():
            return delegate, NominationResult(NominationOutcome.CLOSED, delegate, mine=await self._mine(uow, delegate))
        return delegate, None

    async def _mine(self, uow: UnitOfWork, delegate: Delegate) -> tuple[NominationRow, ...]:
        rows = []
        for nomination in await uow.nominations.by_nominator(self._event.id, delegate.id):
            nominee = await uow.delegates.get(self._event.id, nomination.nominee_id)
            if nominee is not None:
                rows.append(NominationRow(nomination, delegate, nominee))
        return tuple(rows)
