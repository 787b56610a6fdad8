"""Frozen records of the organizing committee's tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

TaskStatus = Literal["assigned", "accepted", "done", "blocked"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("assigned", "accepted", "done", "blocked")


@dataclass(frozen=True)
class Task:
    """One task of the plan: number (per conference), owner (a committee member's Telegram id), deadline, state."""

    id: int
    event_id: int
    number: int
    title: str
    group: str
    owner_id: int
    owner_label: str
    deadline: datetime
    notes: str
    status: TaskStatus
    blocked_reason: str | None
    blocked_at: datetime | None
    progress: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime
    done_at: datetime | None

    @property
    def open(self) -> bool:
        """Not done yet."""
        return self.status != "done"

    def overdue(self, now: datetime) -> bool:
        """Open and past its deadline."""
        return self.open and now > self.deadline


@dataclass(frozen=True)
class TaskNote:
    """One line of a task's history: accepted, progress, blocked, done, deadline or owner changed."""

    task_id: int
    author_id: int | None
    kind: str
    text: str
    created_at: datetime
