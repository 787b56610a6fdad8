"""Repositories for reminders; like every repository they never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.audiences import AUDIENCE_FROM, audience_where
from storage.reminder_models import Reminder, ReminderRecipient, ReminderResult


def _reminder(row: aiosqlite.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        event_id=row["event_id"],
        key=row["key"],
        kind=row["kind"],
        offset_text=row["offset_text"],
        due_at=from_iso(row["due_at"]),
        status=row["status"],
        audience=row["audience"],
        text=row["text"],
        created_by=row["created_by"],
        sent_at=from_iso_or_none(row["sent_at"]),
        late=bool(row["late"]),
    )


class ReminderRepository:
    """The reminders of each event."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def get(self, event_id: int, key: str) -> Reminder | None:
        """One reminder by its key."""
        async with self._conn.execute("SELECT * FROM reminders WHERE event_id = ? AND key = ?", (event_id, key)) as c:
            row = await c.fetchone()
        return _reminder(row) if row else None

    async def by_id(self, event_id: int, reminder_id: int) -> Reminder | None:
        """One reminder by its id."""
        async with self._conn.execute(
            "SELECT * FROM reminders WHERE event_id = ? AND id = ?", (event_id, reminder_id)
        ) as c:
            row = await c.fetchone()
        return _reminder(row) if row else None

    async def all(self, event_id: int) -> list[Reminder]:
        """Every reminder, soonest first."""
        async with self._conn.execute(
            "SELECT * FROM reminders WHERE event_id = ? ORDER BY due_at, id", (event_id,)
        ) as c:
            return [_reminder(row) for row in await c.fetchall()]

    async def add(
        self,
        event_id: int,
        key: str,
        kind: str,
        offset_text: str | None,
        due_at: datetime,
        now: datetime,
        *,
        audience: str | None = None,
        text: str | None = None,
        created_by: int | None = None,
    ) -> Reminder:
        """Insert a scheduled reminder."""
        await self._conn.execute(
            """INSERT INTO reminders (event_id, key, kind, offset_text, due_at, status, audience, text, created_by,
                                      created_at) VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?)""",
            (event_id, key, kind, offset_text, to_iso(due_at), audience, text, created_by, to_iso(now)),
        )
        found = await self.get(event_id, key)
        assert found is not None
        return found

    async def set_due(self, reminder_id: int, due_at: datetime, status: str) -> None:
        """Move a not-yet-sent reminder."""
        await self._conn.execute(
            "UPDATE reminders SET due_at = ?, status = ? WHERE id = ?", (to_iso(due_at), status, reminder_id)
        )

    async def set_status(
        self, reminder_id: int, status: str, *, sent_at: datetime | None = None, late: bool = False
    ) -> None:
        """Change the state (and remember when it was sent and whether late)."""
        await self._conn.execute(
            "UPDATE reminders SET status = ?, sent_at = COALESCE(?, sent_at), late = MAX(late, ?) WHERE id = ?",
            (status, to_iso(sent_at) if sent_at else None, int(late), reminder_id),
        )

    async def next_custom_number(self, event_id: int) -> int:
        """A fresh number for a one-off reminder's key."""
        async with self._conn.execute(
            "SELECT COUNT(*) FROM reminders WHERE event_id = ? AND kind = 'custom'", (event_id,)
        ) as c:
            row = await c.fetchone()
        return (row[0] if row else 0) + 1

    async def recipients(self, event_id: int, audience: str) -> tuple[list[ReminderRecipient], int]:
        """Linked delegates of an audience (with language and answer) and how many are not linked."""
        condition, params = audience_where(event_id, audience)
        sql = f"""SELECT d.id, d.telegram_user_id, COALESCE(u.language, u.app_language, 'vi') AS language, d.full_name, d.agency,
                         r.status, r.substitute_name
                  FROM {AUDIENCE_FROM} LEFT JOIN telegram_users u ON u.user_id = d.telegram_user_id
                  WHERE {condition} ORDER BY d.id"""
        async with self._conn.execute(sql, params) as c:
            rows = list(await c.fetchall())
        linked = [ReminderRecipient(row[0], row[1], row[2], row[3], row[4], row[5], row[6]) for row in rows if row[1]]
        return linked, len(rows) - len(linked)

    async def agency_answers(self, event_id: int, agency: str) -> list[tuple[str, bool]]:
        """(full name, has answered) of every delegate of one agency."""
        async with self._conn.execute(
            """SELECT d.full_name, r.delegate_id IS NOT NULL FROM delegates d LEFT JOIN rsvps r ON r.delegate_id = d.id
               WHERE d.event_id = ? AND d.agency = ? AND d.withdrawn_at IS NULL ORDER BY d.id""",
            (event_id, agency),
        ) as c:
            return [(row[0], bool(row[1])) for row in await c.fetchall()]


class ReminderDeliveryRepository:
    """One row per reminder and recipient: inserted 'sending' before the send, so nobody gets it twice."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def claim(
        self, reminder_id: int, recipient: str, delegate_id: int | None, chat_id: int, now: datetime
    ) -> int | None:
        """Insert the 'sending' row; return its id, or None when this recipient was already claimed."""
        cursor = await self._conn.execute(
            """INSERT INTO reminder_deliveries (reminder_id, recipient, delegate_id, chat_id, status, updated_at)
               VALUES (?, ?, ?, ?, 'sending', ?) ON CONFLICT (reminder_id, recipient) DO NOTHING""",
            (reminder_id, recipient, delegate_id, chat_id, to_iso(now)),
        )
        return int(cursor.lastrowid) if cursor.rowcount == 1 and cursor.lastrowid else None

    async def record(self, results: Sequence[ReminderResult], now: datetime) -> None:
        """Store how each claimed send ended."""
        await self._conn.executemany(
            """UPDATE reminder_deliveries SET status = ?, message_id = ?, error = ?, updated_at = ?,
                 sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?""",
            [(r.status, r.message_id, r.error, to_iso(now), r.status, to_iso(now), r.delivery_id) for r in results],
        )

    async def interrupt_in_flight(self, event_id: int, now: datetime) -> int:
        """Rows left 'sending' by a crash become 'unknown' (they may have arrived; never resent)."""
        cursor = await self._conn.execute(
            """UPDATE reminder_deliveries SET status = 'unknown', error = 'interrupted', updated_at = ?
               WHERE status = 'sending' AND reminder_id IN (SELECT id FROM reminders WHERE event_id = ?)""",
            (to_iso(now), event_id),
        )
        return cursor.rowcount

    async def counts(self, reminder_id: int, prefix: str = "d:") -> dict[str, int]:
        """Rows by status for one reminder (delegates only by default)."""
        async with self._conn.execute(
            """SELECT status, COUNT(*) FROM reminder_deliveries WHERE reminder_id = ? AND recipient LIKE ?
               GROUP BY status""",
            (reminder_id, prefix + "%"),
        ) as c:
            return {row[0]: row[1] for row in await c.fetchall()}

    async def delivered_to(self, reminder_id: int) -> set[str]:
        """Recipients already claimed for a reminder."""
        async with self._conn.execute(
            "SELECT recipient FROM reminder_deliveries WHERE reminder_id = ?", (reminder_id,)
        ) as c:
            return {row[0] for row in await c.fetchall()}
