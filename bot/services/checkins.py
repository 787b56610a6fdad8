"""Check-in at the door: personal check-in codes (never the invite token), scans and manual check-in by staff,
undo within a few minutes, walk-in substitutes, live attendance by agency."""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.i18n import format_local
from bot.services.nominations import find_by_name
from bot.services.statistics import same_agency
from bot.services.tabular import Sheet, write_workbook
from storage.day_models import AgencyAttendance, Attendee, Checkin, CheckinMethod
from storage.db import Database
from storage.models import Delegate, Event
from storage.repositories import UnitOfWork

CODE_PREFIX = "ci-"
# "ci-" + 16 URL-safe characters (96 random bits): fits a deep-link payload, never the length of an invite token (32).
CODE_PATTERN = re.compile(r"ci-[A-Za-z0-9_-]{16}")
SEARCH_RESULTS = 8
NAME_LIMIT = 120


CHECKIN_HEADERS = (
    "Mã / Code",
    "Họ và tên / Full name",
    "Chức vụ / Position",
    "Cơ quan / Agency",
    "Chỗ ngồi / Seat",
    "Trả lời / Answer",
    "Giờ vào / Checked in at",
    "Cán bộ điểm danh / Staff",
    "Cách điểm danh / Method",
    "Người dự thay tại bàn / Walk-in substitute",
)
_ANSWER = {
    "attending": "Tham dự / Attending",
    "declined": "Vắng mặt / Declined",
    "substitute": "Cử người dự thay / Substitute",
    None: "Chưa trả lời / No answer",
}
_METHOD = {"scan": "Quét mã / Scan", "manual": "Tìm theo tên / By name", "walk_in": "Dự thay tại bàn / Walk-in"}


def new_code() -> str:
    """An unguessable check-in code."""
    return CODE_PREFIX + secrets.token_urlsafe(12)


def is_checkin_code(payload: str) -> bool:
    """Whether a /start payload is a check-in code (and not an invite token)."""
    return CODE_PATTERN.fullmatch(payload) is not None


class CheckinOutcome(Enum):
    """What a scan, a pick or an undo did."""

    CHECKED_IN = "checked_in"
    ALREADY = "already"
    UNKNOWN_CODE = "unknown_code"
    WITHDRAWN = "withdrawn"
    UNDONE = "undone"
    UNDO_EXPIRED = "undo_expired"
    UNDO_NOT_YOURS = "undo_not_yours"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class CheckinResult:
    """The outcome with what the staff member's answer needs."""

    outcome: CheckinOutcome
    attendee: Attendee | None = None
    checked_in: int = 0
    expected: int = 0


@dataclass(frozen=True)
class Attendance:
    """Live attendance: checked-in / expected, total and by agency."""

    checked_in: int
    expected: int
    roster: int
    agencies: tuple[AgencyAttendance, ...]

    @property
    def not_here(self) -> int:
        """Expected but not checked in yet."""
        return sum(a.not_here for a in self.agencies)


@dataclass(frozen=True)
class Missing:
    """Expected delegates of one agency who are not checked in yet, with their phones."""

    agency: str
    delegates: tuple[Delegate, ...]


def _attendance(agencies: tuple[AgencyAttendance, ...], only: Collection[str] | None) -> Attendance:
    """Totals of these agencies (of those named in `only`, when given)."""
    if only is not None:
        agencies = tuple(a for a in agencies if any(same_agency(a.agency, wanted) for wanted in only))
    return Attendance(
        sum(a.checked_in for a in agencies),
        sum(a.expected for a in agencies),
        sum(a.total for a in agencies),
        agencies,
    )


class CheckinService:
    """Every change goes through one transaction; the unique index keeps one standing check-in per delegate."""

    def __init__(self, db: Database, clock: Clock, event: Event, undo_minutes: int = 5) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.undo_window = timedelta(minutes=undo_minutes)

    async def code_for(self, delegate_id: int) -> str:
        """The delegate's check-in code, made on first use."""
        async with self._db.transaction() as uow:
            return await self._code(uow, delegate_id)

    async def codes_for(self, delegate_ids: list[int]) -> dict[int, str]:
        """Check-in codes of many delegates (one transaction: the attendance reminder)."""
        async with self._db.transaction() as uow:
            return {d: await self._code(uow, d) for d in delegate_ids}

    async def attendee(self, delegate_id: int) -> Attendee | None:
        """A delegate with seat, answer and check-in."""
        async with self._db.read() as uow:
            return await self._attendee(uow, delegate_id)

    async def attendee_of_user(self, user_id: int) -> Attendee | None:
        """The delegate bound to this Telegram account, with seat, answer and check-in."""
        async with self._db.read() as uow:
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            return await self._attendee(uow, delegate.id) if delegate else None

    async def scan(self, code: str, staff_id: int, staff_name: str) -> CheckinResult:
        """A staff member scanned a QR code (only ever called for staff: the gate is the handler's)."""
        async with self._db.transaction() as uow:
            delegate_id = await uow.checkins.delegate_of_code(code)
            delegate = await uow.delegates.get(self._event.id, delegate_id) if delegate_id is not None else None
            if delegate is None:
                return CheckinResult(CheckinOutcome.UNKNOWN_CODE)
            return await self._check_in(uow, delegate, staff_id, staff_name, "scan")

    async def check_in(
        self,
        delegate_id: int,
        staff_id: int,
        staff_name: str,
        method: CheckinMethod = "manual",
        attendee: tuple[str, str] | None = None,
    ) -> CheckinResult:
        """Check a delegate in by hand (picked from a search), or record a walk-in substitute for them."""
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.get(self._event.id, delegate_id)
            if delegate is None:
                return CheckinResult(CheckinOutcome.NOT_FOUND)
            return await self._check_in(uow, delegate, staff_id, staff_name, method, attendee)

    async def undo(self, checkin_id: int, staff_id: int, *, admin: bool = False) -> CheckinResult:
        """Undo a mistaken check-in within the undo window, by the staff member who made it (or an admin)."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            checkin = await uow.checkins.get(self._event.id, checkin_id)
            if checkin is None or checkin.undone_at is not None:
                return CheckinResult(CheckinOutcome.NOT_FOUND)
            attendee = await self._attendee(uow, checkin.delegate_id)
            if checkin.staff_id != staff_id and not admin:
                return CheckinResult(CheckinOutcome.UNDO_NOT_YOURS, attendee)
            if now - checkin.checked_in_at > self.undo_window:
                return CheckinResult(CheckinOutcome.UNDO_EXPIRED, attendee)
            await uow.checkins.undo(checkin_id, staff_id, now)
            await uow.audit.add(
                self._event.id, f"telegram:{staff_id}", "checkin_undone", now, subject=str(checkin.delegate_id)
            )
            return CheckinResult(
                CheckinOutcome.UNDONE,
                await self._attendee(uow, checkin.delegate_id),
                *await uow.checkins.totals(self._event.id),
            )

    async def search(self, query: str) -> tuple[list[Attendee], int]:
        """Attendees whose name contains the query (accents ignored, as /nominate searches), and how many matched."""
        async with self._db.read() as uow:
            found = find_by_name(await uow.delegates.all(self._event.id), query)
            shown = [await self._attendee(uow, d.id) for d in found[:SEARCH_RESULTS]]
        return [a for a in shown if a is not None], len(found)

    async def attendance(self, only: Collection[str] | None = None) -> Attendance:
        """Checked-in / expected, total and by agency (for /stats and the hall screen); `only` these agencies (an
        agency contact's /stats), compared as /stats compares them."""
        async with self._db.read() as uow:
            rows = await uow.checkins.by_agency(self._event.id)
        return _attendance(tuple(AgencyAttendance(a or "—", c, e, e - ce, t) for a, c, e, ce, t in rows), only)

    async def live_attendance(self, only: Collection[str] | None = None) -> Attendance | None:
        """The attendance for /stats from the conference's first day (local date), or earlier once anyone is in."""
        whole = await self.attendance()
        zone = ZoneInfo(self._event.timezone)
        day_started = self._clock.now().astimezone(zone).date() >= self._event.starts_at.astimezone(zone).date()
        if not (day_started or whole.checked_in):
            return None
        return whole if only is None else _attendance(whole.agencies, only)

    async def not_here(self) -> list[Missing]:
        """Expected (attend or substitute) but not checked in yet, by agency, with phones (admins only)."""
        async with self._db.read() as uow:
            answers = await uow.rsvps.answers(self._event.id)
            standing = await uow.checkins.all_standing(self._event.id)
        by_agency: dict[str, list[Delegate]] = {}
        for answer in answers:
            if answer.rsvp is None or answer.rsvp.status == "declined" or answer.delegate.id in standing:
                continue
            by_agency.setdefault(answer.delegate.agency or "—", []).append(answer.delegate)
        return [Missing(agency, tuple(people)) for agency, people in sorted(by_agency.items())]

    async def all_checkins(self) -> list[tuple[Delegate, Checkin]]:
        """Standing check-ins with their delegates, in time order (exports)."""
        async with self._db.read() as uow:
            standing = await uow.checkins.all_standing(self._event.id)
            roster = {d.id: d for d in await uow.delegates.all(self._event.id)}
        pairs = [(roster[d], c) for d, c in standing.items() if d in roster]
        return sorted(pairs, key=lambda pair: (pair[1].checked_in_at, pair[1].id))

    async def export(self, out: Path) -> int:
        """Every delegate with answer, seat and check-in (time, staff member, method, substitute); return the rows."""
        async with self._db.read() as uow:
            answers = await uow.rsvps.answers(self._event.id)
            standing = await uow.checkins.all_standing(self._event.id)
            seats = await uow.checkins.seats(self._event.id)
        rows = []
        for answer in answers:
            d, c = answer.delegate, standing.get(answer.delegate.id)
            rows.append(
                (
                    d.code,
                    d.full_name,
                    d.position,
                    d.agency,
                    seats.get(d.id, ""),
                    _ANSWER[answer.rsvp.status if answer.rsvp else None],
                    format_local(c.checked_in_at, self._event.timezone) if c else "",
                    c.staff_name if c else "",
                    _METHOD[c.method] if c else "",
                    ", ".join(p for p in (c.attendee_name, c.attendee_position) if p) if c else "",
                )
            )
        write_workbook(out, [Sheet("Diem danh", CHECKIN_HEADERS, rows)])
        return len(rows)

    async def _check_in(
        self,
        uow: UnitOfWork,
        delegate: Delegate,
        staff_id: int,
        staff_name: str,
        method: CheckinMethod,
        attendee: tuple[str, str] | None = None,
    ) -> CheckinResult:
        """The scan transaction: few small queries (P7 measures it); the unique index decides "already"."""
        now = self._clock.now()
        delegate_id = delegate.id
        if delegate.withdrawn:  # out of every count (the desk decides): never checked in
            return CheckinResult(CheckinOutcome.WITHDRAWN, await self._attendee(uow, delegate_id, delegate))
        added = await uow.checkins.add(self._event.id, delegate_id, staff_id, staff_name, method, now, attendee)
        if added is not None:
            await uow.audit.add(
                self._event.id,
                f"telegram:{staff_id}",
                "checked_in",
                now,
                subject=str(delegate_id),
                detail={"method": method},
            )
        return CheckinResult(
            CheckinOutcome.CHECKED_IN if added else CheckinOutcome.ALREADY,
            await self._attendee(uow, delegate_id, delegate, added),
            *await uow.checkins.totals(self._event.id),
        )

    async def _attendee(
        self, uow: UnitOfWork, delegate_id: int, delegate: Delegate | None = None, checkin: Checkin | None = None
    ) -> Attendee | None:
        """The attendee; `delegate` and a `checkin` just made are passed in when the caller has read them."""
        if delegate is None:
            delegate = await uow.delegates.get(self._event.id, delegate_id)
        if delegate is None:
            return None
        return Attendee(
            delegate,
            await uow.checkins.seat(delegate_id),
            await uow.rsvps.get(delegate_id),
            checkin if checkin is not None else await uow.checkins.standing(delegate_id),
        )

    async def _code(self, uow: UnitOfWork, delegate_id: int) -> str:
        code = await uow.checkins.code_of(delegate_id)
        if code is None:
            code = new_code()
            await uow.checkins.add_code(delegate_id, code, self._clock.now())
        return code
