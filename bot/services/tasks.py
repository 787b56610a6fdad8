"""The organizing committee's tasks: who may do what, the plan, the owners' answers, the board and due notices.

No Telegram here: handlers, the CLI and the jobs (bot/telegram/jobs.py) call this service with user ids and strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from bot.clock import Clock, to_iso
from bot.config import CommitteeMember, Settings
from bot.config_parse import typed_moment
from bot.i18n import format_local
from bot.services.cleaning import normalise
from bot.services.reminders import parse_offset
from storage.db import Database
from storage.models import Event
from storage.task_models import Task, TaskNote

TITLE_LIMIT = 300
NOTE_LIMIT = 1000


class Act(Enum):
    """An owner's answer to a task."""

    ACCEPT = "accept"
    DONE = "done"
    PROGRESS = "progress"
    BLOCKED = "blocked"


class ActResult(Enum):
    """How an owner's answer ended."""

    OK = "ok"
    NOT_FOUND = "not_found"
    NOT_OWNER = "not_owner"
    ALREADY_DONE = "already_done"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ActOutcome:
    """The answer's result and the task afterwards."""

    result: ActResult
    task: Task | None = None


@dataclass(frozen=True)
class GroupCounts:
    """Counts of one group of the plan (or the whole plan)."""

    name: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    blocked: int = 0


@dataclass(frozen=True)
class Board:
    """Where the preparation stands."""

    groups: tuple[GroupCounts, ...]
    total: GroupCounts
    attention: tuple[Task, ...]  # overdue or blocked, most urgent first


@dataclass(frozen=True)
class Notice:
    """Something the bot tells someone about the plan at a time: a reminder, an escalation, the digest."""

    key: str  # unique per conference and recipient: claimed before sending, so it goes at most once
    kind: str  # before | day | overdue | blocked | digest
    chat_id: int
    due_at: datetime
    task: Task | None = None
    offset: str = ""


@dataclass(frozen=True)
class PlanRow:
    """One task read from the organizing plan file (row = the spreadsheet's row number)."""

    row: int
    title: str
    owner_id: int
    owner_label: str
    deadline: datetime
    notes: str = ""
    group: str = ""


@dataclass(frozen=True)
class ImportReport:
    """What importing a plan did."""

    created: list[Task] = field(default_factory=list)
    updated: list[Task] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True)
class Change:
    """A task before and after a change of deadline or owner."""

    before: Task
    after: Task


def state_of(task: Task, now: datetime) -> str:
    """done | blocked | overdue | in_progress (assigned or accepted, not late)."""
    if task.status == "done":
        return "done"
    if task.status == "blocked":
        return "blocked"
    return "overdue" if now > task.deadline else "in_progress"


class TaskService:
    """The committee's plan over one conference."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: Settings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._committee = settings.committee
        self._organizers = settings.telegram.organizers
        self._zone = ZoneInfo(event.timezone)

    # --- people ---------------------------------------------------------------------------------------------------

    def parse_deadline(self, raw: str) -> datetime | None:
        """A deadline as typed (dd/mm/yyyy HH:MM, or a time alone for today, event time zone); None if unreadable or
        not in the future."""
        now = self._clock.now()
        moment = typed_moment(raw, ZoneInfo(self._event.timezone), now)
        return moment if moment is not None and moment > now else None

    def now(self) -> datetime:
        """The current time from the injected clock."""
        return self._clock.now()

    @property
    def zone(self) -> ZoneInfo:
        """The conference's time zone."""
        return self._zone

    @property
    def chair(self) -> int | None:
        """The chair's Telegram id, if configured."""
        return self._committee.chair

    def escalation_targets(self) -> tuple[int, ...]:
        """Who hears about overdue and blocked tasks: the chair, else the organizers."""
        return (self.chair,) if self.chair else tuple(sorted(self._organizers))

    def members(self) -> tuple[CommitteeMember, ...]:
        """The configured members, in config order (the owner list)."""
        return self._committee.members

    def owner_name(self, user_id: int) -> str:
        """ "Nguyễn Văn An (Văn phòng)" for a member, else the id."""
        member = self._committee.member(user_id)
        if member is None:
            return str(user_id)
        return f"{member.name} ({member.unit})" if member.unit else member.name

    # --- the plan -------------------------------------------------------------------------------------------------

    async def create(
        self,
        actor: str,
        *,
        title: str,
        owner_id: int,
        deadline: datetime,
        group: str = "",
        notes: str = "",
        owner_label: str = "",
    ) -> Task:
        """Add an assigned task (the owner must be a configured member)."""
        if self._committee.member(owner_id) is None:
            raise ValueError(f"{owner_id} is not a committee member")
        now = self._clock.now()
        async with self._db.transaction() as uow:
            task = await uow.tasks.add(
                self._event.id,
                title=normalise(title, multiline=False)[:TITLE_LIMIT],
                group=normalise(group, multiline=False),
                owner_id=owner_id,
                owner_label=owner_label or self.owner_name(owner_id),
                deadline=deadline,
                notes=normalise(notes),
                created_by=actor,
                now=now,
            )
            await uow.tasks.add_note(task.id, None, "created", "", now)
            await uow.audit.add(self._event.id, actor, "task_created", now, subject=str(task.number))
            return task

    async def get(self, task_id: int) -> Task | None:
        """One task by id."""
        async with self._db.read() as uow:
            return await uow.tasks.get(self._event.id, task_id)

    async def all(self) -> list[Task]:
        """The whole plan, by deadline."""
        async with self._db.read() as uow:
            return await uow.tasks.all(self._event.id)

    async def mine(self, user_id: int) -> list[Task]:
        """One member's tasks, by deadline."""
        async with self._db.read() as uow:
            return await uow.tasks.by_owner(self._event.id, user_id)

    async def history(self) -> dict[int, list[TaskNote]]:
        """Every task's notes, by task id."""
        async with self._db.read() as uow:
            return await uow.tasks.notes(self._event.id)

    async def act(self, task_id: int, user_id: int, act: Act, note: str = "") -> ActOutcome:
        """The owner accepts, reports progress, reports a blockage (with reason) or marks the task done."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            task = await uow.tasks.get(self._event.id, task_id)
            if task is None:
                return ActOutcome(ActResult.NOT_FOUND)
            if task.owner_id != user_id:
                return ActOutcome(ActResult.NOT_OWNER, task)
            if task.status == "done":
                return ActOutcome(ActResult.ALREADY_DONE, task)
            note = normalise(note)[:NOTE_LIMIT]
            if act is Act.ACCEPT:
                if task.status == "accepted":
                    return ActOutcome(ActResult.UNCHANGED, task)
                await uow.tasks.set_status(task.id, "accepted", now)
            elif act is Act.DONE:
                await uow.tasks.set_status(task.id, "done", now)
            elif act is Act.BLOCKED:
                await uow.tasks.set_status(task.id, "blocked", now, reason=note)
            else:
                await uow.tasks.set_progress(task.id, note, now)
                if task.status in ("assigned", "blocked"):
                    await uow.tasks.set_status(task.id, "accepted", now)
            await uow.tasks.add_note(task.id, user_id, act.value, note, now)
            await uow.audit.add(
                self._event.id, f"telegram:{user_id}", f"task_{act.value}", now, subject=str(task.number)
            )
            return ActOutcome(ActResult.OK, await uow.tasks.get(self._event.id, task.id))

    async def change_deadline(self, task_id: int, actor: int, deadline: datetime) -> Change | None:
        """Move a task's deadline (reminders follow the new one); None when unknown or unchanged."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            task = await uow.tasks.get(self._event.id, task_id)
            if task is None or task.deadline == deadline:
                return None
            await uow.tasks.set_deadline(task.id, deadline, now)
            await uow.tasks.add_note(task.id, actor, "deadline", format_local(deadline, self._event.timezone), now)
            await uow.audit.add(self._event.id, f"telegram:{actor}", "task_deadline", now, subject=str(task.number))
            after = await uow.tasks.get(self._event.id, task.id)
            assert after is not None
            return Change(task, after)

    async def reassign(self, task_id: int, actor: int, owner_id: int) -> Change | None:
        """Give a task to another member; None when unknown, unchanged or not a member."""
        if self._committee.member(owner_id) is None:
            return None
        now = self._clock.now()
        async with self._db.transaction() as uow:
            task = await uow.tasks.get(self._event.id, task_id)
            if task is None or task.owner_id == owner_id:
                return None
            await uow.tasks.set_owner(task.id, owner_id, self.owner_name(owner_id), now)
            await uow.tasks.add_note(task.id, actor, "owner", self.owner_name(owner_id), now)
            await uow.audit.add(self._event.id, f"telegram:{actor}", "task_owner", now, subject=str(task.number))
            after = await uow.tasks.get(self._event.id, task.id)
            assert after is not None
            return Change(task, after)

    async def import_rows(self, rows: Sequence[PlanRow], actor: str) -> ImportReport:
        """Add the plan's tasks in one transaction; a row whose title matches a task updates it instead."""
        now = self._clock.now()
        report = ImportReport()
        unchanged = 0
        async with self._db.transaction() as uow:
            existing = {_fold(t.title): t for t in await uow.tasks.all(self._event.id)}
            for row in rows:
                current = existing.get(_fold(row.title))
                if current is None:
                    task = await uow.tasks.add(
                        self._event.id,
                        title=row.title[:TITLE_LIMIT],
                        group=row.group,
                        owner_id=row.owner_id,
                        owner_label=row.owner_label,
                        deadline=row.deadline,
                        notes=row.notes,
                        created_by=actor,
                        now=now,
                    )
                    await uow.tasks.add_note(task.id, None, "created", "", now)
                    existing[_fold(row.title)] = task
                    report.created.append(task)
                    continue
                if (current.owner_id, current.deadline) == (row.owner_id, row.deadline):
                    unchanged += 1
                    continue
                if current.deadline != row.deadline:
                    await uow.tasks.set_deadline(current.id, row.deadline, now)
                    await uow.tasks.add_note(
                        current.id, None, "deadline", format_local(row.deadline, self._event.timezone), now
                    )
                if current.owner_id != row.owner_id:
                    await uow.tasks.set_owner(current.id, row.owner_id, row.owner_label, now)
                    await uow.tasks.add_note(current.id, None, "owner", row.owner_label, now)
                updated = await uow.tasks.get(self._event.id, current.id)
                assert updated is not None
                report.updated.append(updated)
            await uow.audit.add(
                self._event.id,
                actor,
                "tasks_imported",
                now,
                detail={"created": len(report.created), "updated": len(report.updated), "unchanged": unchanged},
            )
        return ImportReport(report.created, report.updated, unchanged)

    # --- the board ------------------------------------------------------------------------------------------------

    async def board(self) -> Board:
        """Counts by group (in the order groups first appear by deadline) and what needs attention."""
        now = self._clock.now()
        tasks = await self.all()
        counts: dict[str, dict[str, int]] = {}
        for task in tasks:
            bucket = counts.setdefault(task.group, {"done": 0, "in_progress": 0, "overdue": 0, "blocked": 0})
            bucket[state_of(task, now)] += 1
        groups = tuple(GroupCounts(name, sum(c.values()), **c) for name, c in counts.items())
        total = GroupCounts(
            "",
            len(tasks),
            **{k: sum(getattr(g, k) for g in groups) for k in ("done", "in_progress", "overdue", "blocked")},
        )
        attention = tuple(
            sorted(
                (t for t in tasks if state_of(t, now) in ("overdue", "blocked")),
                key=lambda t: (t.status != "blocked", t.deadline),
            )
        )
        return Board(groups, total, attention)

    # --- notices --------------------------------------------------------------------------------------------------

    def planned(self, tasks: Sequence[Task], now: datetime) -> list[Notice]:
        """Every notice the plan asks for (sent or not), soonest first; the runner claims and sends the due ones."""
        notices: list[Notice] = []
        for task in tasks:
            if not task.open:
                continue
            stamp = to_iso(task.deadline)
            owner_times: list[tuple[str, str, datetime]] = [
                (f"before:{offset}", offset, task.deadline - parse_offset(offset))
                for offset in self._committee.remind_before
            ]
            if self._committee.remind_on_day:
                local = task.deadline.astimezone(self._zone)
                on_day = datetime.combine(local.date(), _clock_time(self._committee.remind_on_day), self._zone)
                owner_times.append(("day", "", on_day))
            for name, offset, due in owner_times:
                # Never a reminder for a time before the task existed, nor after its deadline.
                if task.created_at <= due < task.deadline:
                    notices.append(
                        Notice(
                            f"task:{task.id}:{name}:{stamp}",
                            name.split(":")[0],
                            task.owner_id,
                            due,
                            task,
                            offset,
                        )
                    )
            if task.status == "blocked" and task.blocked_at is not None:
                for chat in self.escalation_targets():
                    key = f"task:{task.id}:blocked:{to_iso(task.blocked_at)}"
                    notices.append(Notice(key, "blocked", chat, task.blocked_at, task))
            elif task.status != "blocked":
                for chat in self.escalation_targets():
                    notices.append(Notice(f"task:{task.id}:overdue:{stamp}", "overdue", chat, task.deadline, task))
        if self._committee.digest_at and self.chair:
            today = now.astimezone(self._zone).date()
            at = _clock_time(self._committee.digest_at)
            for day in (today, today + timedelta(days=1)):
                due = datetime.combine(day, at, self._zone)
                notices.append(Notice(f"digest:{day.isoformat()}", "digest", self.chair, due))
        return sorted(notices, key=lambda n: n.due_at)

    async def due_notices(self, now: datetime) -> tuple[list[Notice], list[Notice]]:
        """(to send, to skip) now: of one task's owner reminders only the latest due is sent (after downtime the
        older ones are skipped, not piled up); a digest only on its own day."""
        tasks = await self.all()
        async with self._db.read() as uow:
            claimed = await uow.task_notices.keys(self._event.id)
        due = [n for n in self.planned(tasks, now) if n.due_at <= now and n.key not in claimed]
        send: list[Notice] = []
        skip: list[Notice] = []
        latest_owner: dict[int, Notice] = {}
        for notice in due:
            if notice.kind in ("before", "day") and notice.task is not None:
                previous = latest_owner.get(notice.task.id)
                if previous is not None:
                    skip.append(previous)
                latest_owner[notice.task.id] = notice
            elif (
                notice.kind == "digest"
                and notice.due_at.astimezone(self._zone).date() != now.astimezone(self._zone).date()
            ):
                skip.append(notice)
            else:
                send.append(notice)
        return sorted([*send, *latest_owner.values()], key=lambda n: n.due_at), skip

    async def next_due(self, now: datetime) -> datetime | None:
        """When the next not-yet-claimed notice falls due (for the job)."""
        tasks = await self.all()
        async with self._db.read() as uow:
            claimed = await uow.task_notices.keys(self._event.id)
        future = [n.due_at for n in self.planned(tasks, now) if n.due_at > now and n.key not in claimed]
        return min(future, default=None)

    async def claim(self, notice: Notice, *, skip: bool = False) -> int | None:
        """Claim a notice for its recipient in a committed transaction (None: already claimed)."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            row = await uow.task_notices.claim(self._event.id, notice.key, notice.chat_id, now)
            if row is not None and skip:
                await uow.task_notices.record(row, "skipped", None, None, now)
            return row

    async def record(self, row: int, status: str, message_id: int | None, error: str | None) -> None:
        """How one claimed notice's send ended."""
        async with self._db.transaction() as uow:
            await uow.task_notices.record(row, status, message_id, error, self._clock.now())

    async def interrupt_in_flight(self) -> int:
        """Notices left 'sending' by a crash become 'unknown' (never resent)."""
        async with self._db.transaction() as uow:
            return await uow.task_notices.interrupt_in_flight(self._event.id, self._clock.now())

    async def notice_keys(self) -> set[str]:
        """Every notice key claimed so far."""
        async with self._db.read() as uow:
            return await uow.task_notices.keys(self._event.id)

    async def notice_log(self, key: str) -> list[tuple[int, str]]:
        """(chat id, status) rows of one notice key."""
        async with self._db.read() as uow:
            return await uow.task_notices.sent_to(self._event.id, key)


def _clock_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _fold(title: str) -> str:
    return " ".join(title.casefold().split())
