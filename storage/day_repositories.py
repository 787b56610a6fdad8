"""Repositories of the conference day; they never commit on their own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.audiences import AUDIENCE_FROM, audience_condition
from storage.base import Repository
from storage.day_models import Checkin, CheckinMethod, Document, Question, QuestionStatus


def _checkin(row: aiosqlite.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        event_id=row["event_id"],
        delegate_id=row["delegate_id"],
        checked_in_at=from_iso(row["checked_in_at"]),
        staff_id=row["staff_id"],
        staff_name=row["staff_name"],
        method=row["method"],
        attendee_name=row["attendee_name"],
        attendee_position=row["attendee_position"],
        undone_at=from_iso_or_none(row["undone_at"]),
    )


def _document(row: aiosqlite.Row) -> Document:
    return Document(
        id=row["id"],
        event_id=row["event_id"],
        title=row["title"],
        file_name=row["file_name"],
        file_id=row["file_id"],
        file_size=row["file_size"],
        uploaded_by=row["uploaded_by"],
        created_at=from_iso(row["created_at"]),
        published=bool(row["published"]),
    )


def _question(row: aiosqlite.Row) -> Question:
    return Question(
        id=row["id"],
        event_id=row["event_id"],
        delegate_id=row["delegate_id"],
        topic=row["topic"],
        text=row["text"],
        read_name=bool(row["read_name"]),
        status=row["status"],
        merged_into=row["merged_into"],
        reason=row["reason"],
        moderated_by=row["moderated_by"],
        moderated_at=from_iso_or_none(row["moderated_at"]),
        created_at=from_iso(row["created_at"]),
    )


# The roster with each delegate's answer and standing check-in (the counts of `totals` and `by_agency`).
_ATTENDANCE_FROM = f"{AUDIENCE_FROM} LEFT JOIN checkins c ON c.delegate_id = d.id AND c.undone_at IS NULL"


class CheckinRepository(Repository):
    """Check-in codes, seats and check-ins."""

    async def code_of(self, delegate_id: int) -> str | None:
        """A delegate's check-in code, if one was made."""
        row = await self._one("SELECT code FROM checkin_codes WHERE delegate_id = ?", (delegate_id,))
        return row[0] if row else None

    async def add_code(self, delegate_id: int, code: str, now: datetime) -> None:
        """Give a delegate their check-in code."""
        await self._conn.execute(
            "INSERT INTO checkin_codes (delegate_id, code, created_at) VALUES (?, ?, ?)",
            (delegate_id, code, to_iso(now)),
        )

    async def delegate_of_code(self, code: str) -> int | None:
        """The delegate a check-in code belongs to."""
        row = await self._one("SELECT delegate_id FROM checkin_codes WHERE code = ?", (code,))
        return row[0] if row else None

    async def seat(self, delegate_id: int) -> str:
        """The delegate's seat ('' when the roster has none)."""
        row = await self._one("SELECT seat FROM delegates WHERE id = ?", (delegate_id,))
        return row[0] if row else ""

    async def seats(self, event_id: int) -> dict[int, str]:
        """Every delegate's seat."""
        rows = await self._all("SELECT id, seat FROM delegates WHERE event_id = ? AND seat <> ''", (event_id,))
        return {row[0]: row[1] for row in rows}

    async def set_seats(self, seats: Iterable[tuple[int, str]]) -> None:
        """Write seats from a roster import."""
        await self._conn.executemany("UPDATE delegates SET seat = ? WHERE id = ?", [(s, d) for d, s in seats])

    async def standing(self, delegate_id: int) -> Checkin | None:
        """The delegate's check-in that was not undone."""
        row = await self._one("SELECT * FROM checkins WHERE delegate_id = ? AND undone_at IS NULL", (delegate_id,))
        return _checkin(row) if row else None

    async def get(self, event_id: int, checkin_id: int) -> Checkin | None:
        """One check-in."""
        row = await self._one("SELECT * FROM checkins WHERE event_id = ? AND id = ?", (event_id, checkin_id))
        return _checkin(row) if row else None

    async def add(
        self,
        event_id: int,
        delegate_id: int,
        staff_id: int,
        staff_name: str,
        method: CheckinMethod,
        now: datetime,
        attendee: tuple[str, str] | None = None,
    ) -> Checkin | None:
        """Check a delegate in; None when they already are (the unique index decides, not a read before)."""
        cursor = await self._conn.execute(
            """INSERT INTO checkins (event_id, delegate_id, checked_in_at, staff_id, staff_name, method,
                                     attendee_name, attendee_position)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            (
                event_id,
                delegate_id,
                to_iso(now),
                staff_id,
                staff_name,
                method,
                attendee[0] if attendee else None,
                attendee[1] if attendee else None,
            ),
        )
        if cursor.rowcount == 0:
            return None
        return await self.get(event_id, int(cursor.lastrowid or 0))

    async def undo(self, checkin_id: int, staff_id: int, now: datetime) -> bool:
        """Mark a standing check-in undone."""
        cursor = await self._conn.execute(
            "UPDATE checkins SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
            (to_iso(now), staff_id, checkin_id),
        )
        return cursor.rowcount == 1

    async def all_standing(self, event_id: int) -> dict[int, Checkin]:
        """Standing check-ins by delegate id."""
        rows = await self._all("SELECT * FROM checkins WHERE event_id = ? AND undone_at IS NULL", (event_id,))
        return {row["delegate_id"]: _checkin(row) for row in rows}

    async def totals(self, event_id: int) -> tuple[int, int]:
        """(checked in, expected) of the delegates on the roster: one query, the same rule as `by_agency`.

        Withdrawn delegates are in neither figure, even with a standing check-in (the row stays as history);
        expected = answered attend or send a substitute; checked in counts anyone on the roster who came.
        """
        row = await self._one(
            f"""SELECT SUM(c.id IS NOT NULL), SUM({audience_condition("attending")})
               FROM {_ATTENDANCE_FROM} WHERE d.event_id = ? AND d.withdrawn_at IS NULL""",
            (event_id,),
        )
        return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)

    async def count_all(self, event_id: int) -> int:
        """Every check-in row, undone ones included (the benchmark's double check-in count)."""
        row = await self._one("SELECT COUNT(*) FROM checkins WHERE event_id = ?", (event_id,))
        return int(row[0]) if row else 0

    async def by_agency(self, event_id: int) -> list[tuple[str, int, int, int, int]]:
        """(agency, checked in, expected, expected and checked in, on the roster) for every agency (no withdrawn)."""
        attending = audience_condition("attending")
        rows = await self._all(
            f"""SELECT d.agency, SUM(c.id IS NOT NULL), SUM({attending}), SUM(c.id IS NOT NULL AND {attending}),
                      COUNT(*)
               FROM {_ATTENDANCE_FROM}
               WHERE d.event_id = ? AND d.withdrawn_at IS NULL
               GROUP BY d.agency ORDER BY d.agency""",
            (event_id,),
        )
        return [(row[0], int(row[1] or 0), int(row[2] or 0), int(row[3] or 0), int(row[4])) for row in rows]


class DocumentRepository(Repository):
    """Meeting documents."""

    async def add(
        self, event_id: int, title: str, file_name: str, file_id: str, size: int, by: int, now: datetime
    ) -> Document:
        """Keep a document's file_id."""
        cursor = await self._conn.execute(
            """INSERT INTO documents (event_id, title, file_name, file_id, file_size, uploaded_by, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (event_id, title, file_name, file_id, size, by, to_iso(now)),
        )
        document = await self.get(event_id, int(cursor.lastrowid or 0))
        assert document is not None
        return document

    async def get(self, event_id: int, document_id: int) -> Document | None:
        """One document that was not removed."""
        row = await self._one(
            "SELECT * FROM documents WHERE event_id = ? AND id = ? AND removed_at IS NULL", (event_id, document_id)
        )
        return _document(row) if row else None

    async def all(self, event_id: int, *, published_only: bool = False) -> list[Document]:
        """Documents in upload order."""
        extra = " AND published = 1" if published_only else ""
        rows = await self._all(
            f"SELECT * FROM documents WHERE event_id = ? AND removed_at IS NULL{extra} ORDER BY id", (event_id,)
        )
        return [_document(row) for row in rows]

    async def set_published(self, document_id: int, published: bool) -> None:
        """Put a document in (or take it out of) the meeting set."""
        await self._conn.execute("UPDATE documents SET published = ? WHERE id = ?", (int(published), document_id))

    async def remove(self, document_id: int, now: datetime) -> None:
        """Forget a document."""
        await self._conn.execute("UPDATE documents SET removed_at = ? WHERE id = ?", (to_iso(now), document_id))

    async def of_broadcast(self, broadcast_id: int) -> Document | None:
        """The document attached to a broadcast, if any."""
        row = await self._one(
            "SELECT d.* FROM documents d JOIN broadcasts b ON b.document_id = d.id WHERE b.id = ?", (broadcast_id,)
        )
        return _document(row) if row else None

    async def attach(self, broadcast_id: int, document_id: int) -> None:
        """Attach a document to a broadcast."""
        await self._conn.execute("UPDATE broadcasts SET document_id = ? WHERE id = ?", (document_id, broadcast_id))


class QuestionRepository(Repository):
    """Questions to the presidium and delegates' support."""

    async def add(self, event_id: int, delegate_id: int, topic: str, text: str, read_name: bool, now: datetime) -> int:
        """A new question waiting for the moderators."""
        cursor = await self._conn.execute(
            """INSERT INTO questions (event_id, delegate_id, topic, text, read_name, created_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (event_id, delegate_id, topic, text, int(read_name), to_iso(now)),
        )
        return int(cursor.lastrowid or 0)

    async def get(self, event_id: int, question_id: int) -> Question | None:
        """One question."""
        row = await self._one("SELECT * FROM questions WHERE event_id = ? AND id = ?", (event_id, question_id))
        return _question(row) if row else None

    async def all(self, event_id: int, statuses: tuple[QuestionStatus, ...] | None = None) -> list[Question]:
        """Questions (of some statuses), oldest first."""
        rows = await self._all("SELECT * FROM questions WHERE event_id = ? ORDER BY id", (event_id,))
        found = [_question(row) for row in rows]
        return [q for q in found if statuses is None or q.status in statuses]

    async def of_delegate(self, event_id: int, delegate_id: int) -> list[Question]:
        """A delegate's questions, oldest first."""
        rows = await self._all(
            "SELECT * FROM questions WHERE event_id = ? AND delegate_id = ? ORDER BY id", (event_id, delegate_id)
        )
        return [_question(row) for row in rows]

    async def set_status(
        self,
        question_id: int,
        status: QuestionStatus,
        by: int,
        now: datetime,
        *,
        reason: str | None = None,
        merged_into: int | None = None,
    ) -> None:
        """Record a moderator's decision."""
        await self._conn.execute(
            """UPDATE questions SET status = ?, moderated_by = ?, moderated_at = ?,
                 reason = COALESCE(?, reason), merged_into = COALESCE(?, merged_into) WHERE id = ?""",
            (status, by, to_iso(now), reason, merged_into, question_id),
        )

    async def support(self, question_id: int, delegate_id: int, now: datetime) -> bool:
        """Add one delegate's support; False when they already supported it."""
        cursor = await self._conn.execute(
            "INSERT INTO question_support (question_id, delegate_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (question_id, delegate_id, to_iso(now)),
        )
        return cursor.rowcount == 1

    async def support_counts(self, event_id: int) -> dict[int, int]:
        """Support per question."""
        rows = await self._all(
            """SELECT s.question_id, COUNT(*) FROM question_support s JOIN questions q ON q.id = s.question_id
               WHERE q.event_id = ? GROUP BY s.question_id""",
            (event_id,),
        )
        return {row[0]: int(row[1]) for row in rows}

    async def supported_by(self, event_id: int, delegate_id: int) -> set[int]:
        """The questions a delegate supports."""
        rows = await self._all(
            """SELECT s.question_id FROM question_support s JOIN questions q ON q.id = s.question_id
               WHERE q.event_id = ? AND s.delegate_id = ?""",
            (event_id, delegate_id),
        )
        return {row[0] for row in rows}
