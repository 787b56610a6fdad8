"""Repositories of the committee's tasks; like every repository they never commit."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.base import Repository
from storage.task_models import Task, TaskNote


def _task(row: aiosqlite.Row) -> Task:
    return Task(
        id=row["id"],
        event_id=row["event_id"],
        number=row["number"],
        title=row["title"],
        group=row["group_name"],
        owner_id=row["owner_id"],
        owner_label=row["owner_label"],
        deadline=from_iso(row["deadline"]),
        notes=row["notes"],
        status=row["status"],
        blocked_reason=row["blocked_reason"],
        blocked_at=from_iso_or_none(row["blocked_at"]),
        progress=row["progress"],
        created_by=row["created_by"],
        created_at=from_iso(row["created_at"]),
        updated_at=from_iso(row["updated_at"]),
        done_at=from_iso_or_none(row["done_at"]),
    )


class TaskRepository(Repository):
    """Tasks of each event and their history."""

    async def get(self, event_id: int, task_id: int) -> Task | None:
        """One task by id."""
        row = await self._one("SELECT * FROM tasks WHERE event_id = ? AND id = ?", (event_id, task_id))
        return _task(row) if row else None

    async def by_number(self, event_id: int, number: int) -> Task | None:
        """One task by its number."""
        row = await self._one("SELECT * FROM tasks WHERE event_id = ? AND number = ?", (event_id, number))
        return _task(row) if row else None

    async def all(self, event_id: int) -> list[Task]:
        """Every task, by deadline."""
        rows = await self._all("SELECT * FROM tasks WHERE event_id = ? ORDER BY deadline, number", (event_id,))
        return [_task(row) for row in rows]

    async def by_owner(self, event_id: int, owner_id: int) -> list[Task]:
        """One member's tasks, by deadline."""
        rows = await self._all(
            "SELECT * FROM tasks WHERE event_id = ? AND owner_id = ? ORDER BY deadline, number", (event_id, owner_id)
        )
        return [_task(row) for row in rows]

    async def add(
        self,
        event_id: int,
        *,
        title: str,
        group: str,
        owner_id: int,
        owner_label: str,
        deadline: datetime,
        notes: str,
        created_by: str,
        now: datetime,
    ) -> Task:
        """Insert an assigned task with the next number."""
        row = await self._one("SELECT COALESCE(MAX(number), 0) + 1 FROM tasks WHERE event_id = ?", (event_id,))
        number = int(row[0]) if row else 1
        cursor = await self._conn.execute(
            """INSERT INTO tasks (event_id, number, title, group_name, owner_id, owner_label, deadline, notes, status,
                                  created_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'assigned', ?, ?, ?)""",
            (
                event_id,
                number,
                title,
                group,
                owner_id,
                owner_label,
                to_iso(deadline),
                notes,
                created_by,
                to_iso(now),
                to_iso(now),
            ),
        )
        task = await self.get(event_id, int(cursor.lastrowid or 0))
        assert task is not None
        return task

    async def set_status(self, task_id: int, status: str, now: datetime, *, reason: str | None = None) -> None:
        """Change the state; blocked keeps its reason and time, done its time."""
        await self._conn.execute(
            """UPDATE tasks SET status = ?, updated_at = ?,
                 blocked_reason = CASE WHEN ? = 'blocked' THEN ? ELSE NULL END,
                 blocked_at = CASE WHEN ? = 'blocked' THEN ? ELSE NULL END,
                 done_at = CASE WHEN ? = 'done' THEN ? ELSE NULL END
               WHERE id = ?""",
            (status, to_iso(now), status, reason, status, to_iso(now), status, to_iso(now), task_id),
        )

    async def set_progress(self, task_id: int, progress: str, now: datetime) -> None:
        """The latest progress note."""
        await self._conn.execute(
            "UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ?", (progress, to_iso(now), task_id)
        )

    async def set_deadline(self, task_id: int, deadline: datetime, now: datetime) -> None:
        """Move the deadline."""
        await self._conn.execute(
            "UPDATE tasks SET deadline = ?, updated_at = ? WHERE id = ?", (to_iso(deadline), to_iso(now), task_id)
        )

    async def set_owner(self, task_id: int, owner_id: int, owner_label: str, now: datetime) -> None:
        """Give the task to another member; it starts again as assigned."""
        await self._conn.execute(
            """UPDATE tasks SET owner_id = ?, owner_label = ?, status = CASE WHEN status = 'done' THEN status
                 ELSE 'assigned' END, blocked_reason = NULL, blocked_at = NULL, updated_at = ? WHERE id = ?""",
            (owner_id, owner_label, to_iso(now), task_id),
        )

    async def add_note(self, task_id: int, author_id: int | None, kind: str, text: str, now: datetime) -> None:
        """Append one line to the task's history."""
        await self._conn.execute(
            "INSERT INTO task_notes (task_id, author_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?)",
            (task_id, author_id, kind, text, to_iso(now)),
        )

    async def notes(self, event_id: int) -> dict[int, list[TaskNote]]:
        """Every task's history, oldest first, by task id."""
        rows = await self._all(
            """SELECT n.* FROM task_notes n JOIN tasks t ON t.id = n.task_id WHERE t.event_id = ?
               ORDER BY n.task_id, n.id""",
            (event_id,),
        )
        result: dict[int, list[TaskNote]] = {}
        for row in rows:
            note = TaskNote(row["task_id"], row["author_id"], row["kind"], row["text"], from_iso(row["created_at"]))
            result.setdefault(note.task_id, []).append(note)
        return result


class TaskNoticeRepository(Repository):
    """One row per notice and recipient (reminder, escalation, digest), inserted before sending: at most once."""

    async def claim(self, event_id: int, key: str, chat_id: int, now: datetime) -> int | None:
        """Insert the 'sending' row; its id, or None when this notice already went (or is going) to this chat."""
        cursor = await self._conn.execute(
            """INSERT INTO task_notices (event_id, key, chat_id, status, created_at, updated_at)
               VALUES (?, ?, ?, 'sending', ?, ?) ON CONFLICT (event_id, key, chat_id) DO NOTHING""",
            (event_id, key, chat_id, to_iso(now), to_iso(now)),
        )
        return int(cursor.lastrowid) if cursor.rowcount == 1 and cursor.lastrowid else None

    async def record(
        self, notice_id: int, status: str, message_id: int | None, error: str | None, now: datetime
    ) -> None:
        """How the send ended."""
        await self._conn.execute(
            "UPDATE task_notices SET status = ?, message_id = ?, error = ?, updated_at = ? WHERE id = ?",
            (status, message_id, error, to_iso(now), notice_id),
        )

    async def interrupt_in_flight(self, event_id: int, now: datetime) -> int:
        """Rows left 'sending' by a crash become 'unknown' (they may have arrived; never resent)."""
        cursor = await self._conn.execute(
            """UPDATE task_notices SET status = 'unknown', error = 'interrupted', updated_at = ?
               WHERE event_id = ? AND status = 'sending'""",
            (to_iso(now), event_id),
        )
        return cursor.rowcount

    async def keys(self, event_id: int) -> set[str]:
        """Every notice key already claimed (for any recipient)."""
        rows = await self._all("SELECT DISTINCT key FROM task_notices WHERE event_id = ?", (event_id,))
        return {row[0] for row in rows}

    async def sent_to(self, event_id: int, key: str) -> list[tuple[int, str]]:
        """(chat id, status) of one notice."""
        rows = await self._all(
            "SELECT chat_id, status FROM task_notices WHERE event_id = ? AND key = ? ORDER BY id", (event_id, key)
        )
        return [(row[0], row[1]) for row in rows]
