"""Task texts (cards, notices) and the runner that sends due task notices at most once, paced, caught up at start."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.i18n import Markup, format_local, sentence_time, text
from bot.i18n.times import rough_duration
from bot.services.delivery import SendKind
from bot.services.send_budget import Lane
from bot.services.sending import Buttons, Sender
from bot.services.tasks import Board, Notice, TaskService, state_of
from bot.services.users import UserService
from storage.task_models import Task

log = logging.getLogger(__name__)

RETRY_AFTER_LIMIT = 10


def when(language: str, moment: datetime, zone: str) -> str:
    """A deadline inside a sentence, time before date: "17 giờ 00, Chủ nhật, ngày 20/12/2026" (bot.i18n.times)."""
    return sentence_time(language, moment, zone)


def compact(moment: datetime, zone: str) -> str:
    """dd/mm/yyyy HH:MM for lists."""
    return format_local(moment, zone)


def duration_words(language: str, delta: timedelta) -> str:
    """ "2 ngày 3 giờ", "45 phút" (at most two units, never less than 1 minute; bot.i18n.times)."""
    return rough_duration(language, delta)


def status_text(language: str, task: Task, now: datetime) -> str:
    """The state as words, with "overdue" when late."""
    label = text(language, f"task.status.{task.status}")
    if task.open and now > task.deadline:
        label += text(language, "task.late", late=duration_words(language, now - task.deadline))
    return label


def card(language: str, task: Task, now: datetime, zone: str, owner: str) -> str:
    """The task as the owner and managers see it."""
    extra = []
    if task.group:
        extra.append(text(language, "task.card.group", group=task.group))
    if task.notes:
        extra.append(text(language, "task.card.notes", notes=task.notes))
    if task.progress:
        extra.append(text(language, "task.card.progress", progress=task.progress))
    if task.status == "blocked" and task.blocked_reason:
        extra.append(text(language, "task.card.reason", reason=task.blocked_reason))
    return text(
        language,
        "task.card",
        number=task.number,
        title=task.title,
        owner=owner,
        deadline=when(language, task.deadline, zone),
        status=Markup(status_text(language, task, now)),
        extra=Markup("".join("\n" + line for line in extra)),
    )


def line(language: str, task: Task, now: datetime, zone: str, owner: str | None = None) -> str:
    """One task in a list."""
    mark = {"done": "✅", "blocked": "⛔", "overdue": "⚠️", "in_progress": "▫️"}[state_of(task, now)]
    return text(
        language,
        "task.line" if owner is None else "task.line_owner",
        mark=mark,
        number=task.number,
        title=task.title,
        deadline=compact(task.deadline, zone),
        owner=owner or "",
        status=Markup(status_text(language, task, now)),
    )


def board_text(language: str, board: Board) -> str:
    """The whole plan by group with counts (the chart image follows)."""
    lines = [text(language, "task.board.title", total=board.total.total)]
    for group in board.groups:
        lines.append(
            text(
                language,
                "task.board.group",
                group=group.name or text(language, "task.no_group"),
                total=group.total,
                done=group.done,
                in_progress=group.in_progress,
                overdue=group.overdue,
                blocked=group.blocked,
            )
        )
    t = board.total
    lines.append(
        text(
            language,
            "task.board.total",
            done=t.done,
            in_progress=t.in_progress,
            overdue=t.overdue,
            blocked=t.blocked,
            total=t.total,
        )
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class Sent:
    """One notice the runner handled, and how it ended."""

    notice: Notice
    status: str


class TaskRunner:
    """Sends due task notices through the broadcast engine's sender and the tasks' bulk lane: claimed first, at most once."""

    def __init__(
        self,
        service: TaskService,
        users: UserService,
        sender: Sender,
        pacer: Lane,
        zone: str,
        buttons: Callable[[str, Task], Buttons],
    ) -> None:
        self._buttons = buttons
        self._service = service
        self._users = users
        self._sender = sender
        self._pacer = pacer
        self._zone = zone

    def now(self) -> datetime:
        """The service clock."""
        return self._service.now()

    async def run_due(self, now: datetime) -> list[Sent]:
        """Send every notice due now (the job, the sweep, and the catch-up at start-up)."""
        send, skip = await self._service.due_notices(now)
        for notice in skip:
            await self._service.claim(notice, skip=True)
            log.info("task notice %s skipped (a later one replaces it)", notice.key)
        done: list[Sent] = []
        for notice in send:
            row = await self._service.claim(notice)
            if row is None:
                continue
            html, buttons = await self.render(notice, now)
            status, message_id, error = await self._deliver(notice.chat_id, html, buttons)
            await self._service.record(row, status, message_id, error)
            done.append(Sent(notice, status))
        return done

    async def render(self, notice: Notice, now: datetime) -> tuple[str, Buttons | None]:
        """The recipient's text in their language."""
        language = await self._users.language(notice.chat_id, None)
        if notice.kind == "digest":
            return await self.digest(language, now), None
        task = notice.task
        assert task is not None
        owner = self._service.owner_name(task.owner_id)
        member = self._service.members()
        name = next((m.name for m in member if m.user_id == notice.chat_id), "")
        deadline = when(language, task.deadline, self._zone)
        if notice.kind in ("before", "day"):
            key = "task.remind.day" if notice.kind == "day" else "task.remind.before"
            html = text(
                language,
                key,
                full_name=name,
                number=task.number,
                title=task.title,
                deadline=deadline,
                left=duration_words(language, task.deadline - now),
            )
            return html, self._buttons(language, task)
        if notice.kind == "blocked":
            return text(
                language,
                "task.escalate.blocked",
                number=task.number,
                title=task.title,
                owner=owner,
                deadline=deadline,
                reason=task.blocked_reason or "—",
            ), None
        return text(
            language,
            "task.escalate.overdue",
            number=task.number,
            title=task.title,
            owner=owner,
            deadline=deadline,
            late=duration_words(language, now - task.deadline),
            status=text(language, f"task.status.{task.status}"),
            progress=task.progress or "—",
        ), None

    async def digest(self, language: str, now: datetime) -> str:
        """Due today, overdue and blocked, for the chair."""
        tasks = [t for t in await self._service.all() if t.open]
        zone = self._zone
        today = now.astimezone(self._service.zone).date()

        def lines(selected: Sequence[Task]) -> str:
            if not selected:
                return text(language, "task.digest.none")
            return "\n".join(line(language, t, now, zone, self._service.owner_name(t.owner_id)) for t in selected)

        due_today = [
            t
            for t in tasks
            if t.status != "blocked" and t.deadline >= now and t.deadline.astimezone(self._service.zone).date() == today
        ]
        overdue = [t for t in tasks if t.status != "blocked" and t.deadline < now]
        blocked = [t for t in tasks if t.status == "blocked"]
        return text(
            language,
            "task.digest",
            date=today.strftime("%d/%m/%Y"),
            due=Markup(lines(due_today)),
            overdue=Markup(lines(overdue)),
            blocked=Markup(lines(blocked)),
        )

    async def _deliver(self, chat_id: int, html: str, buttons: Buttons | None) -> tuple[str, int | None, str | None]:
        for _ in range(RETRY_AFTER_LIMIT):
            await self._pacer.take(chat_id)
            outcome = await self._sender.send(chat_id, html, buttons)
            if outcome.kind is not SendKind.RETRY_AFTER:
                break
            self._pacer.rate_limited(chat_id, outcome.retry_after)
        status = {SendKind.SENT: "sent", SendKind.UNREACHABLE: "unreachable", SendKind.TIMED_OUT: "unknown"}.get(
            outcome.kind, "failed"
        )
        return status, outcome.message_id, outcome.error or None
