"""Practical questions to the Organizing Committee ("Hỏi Ban Tổ chức") and FAQ entries made from them (issue 18)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.base import Repository


@dataclass(frozen=True)
class Inquiry:
    """One practical question with who asked and, once answered, who answered and when."""

    id: int
    event_id: int
    delegate_id: int
    user_id: int
    full_name: str
    agency: str
    text: str
    asked_at: datetime
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    faq_id: int | None


@dataclass(frozen=True)
class StoredFaq:
    """A question and answer turned into an FAQ entry by the board (shown by /help after the configured ones).

    Written in Vietnamese as asked and answered; the board may add the English version. Without it English readers
    get the Vietnamese text with a note that it exists in Vietnamese only.
    """

    id: int
    question: str
    answer: str
    question_en: str | None = None
    answer_en: str | None = None

    @property
    def vietnamese_only(self) -> bool:
        """No English version yet."""
        return not (self.question_en and self.answer_en)

    def question_in(self, language: str) -> str:
        """The question in a language (Vietnamese when there is no English version)."""
        return self.question_en if language == "en" and self.question_en else self.question

    def answer_in(self, language: str) -> str:
        """The answer in a language (Vietnamese when there is no English version)."""
        return self.answer_en if language == "en" and self.answer_en else self.answer


_SELECT = """SELECT i.id, i.event_id, i.delegate_id, i.user_id, d.full_name, d.agency, i.text, i.asked_at, i.answer,
                    i.answered_by_name, i.answered_at, i.faq_id
             FROM inquiries i JOIN delegates d ON d.id = i.delegate_id"""


def _inquiry(row: aiosqlite.Row) -> Inquiry:
    return Inquiry(
        id=row[0],
        event_id=row[1],
        delegate_id=row[2],
        user_id=row[3],
        full_name=row[4],
        agency=row[5],
        text=row[6],
        asked_at=from_iso(row[7]),
        answer=row[8],
        answered_by=row[9],
        answered_at=from_iso_or_none(row[10]),
        faq_id=row[11],
    )


class InquiryRepository(Repository):
    """inquiries and faq_entries."""

    async def add(self, event_id: int, delegate_id: int, user_id: int, text: str, now: datetime) -> int:
        cursor = await self._conn.execute(
            "INSERT INTO inquiries (event_id, delegate_id, user_id, text, asked_at) VALUES (?, ?, ?, ?, ?)",
            (event_id, delegate_id, user_id, text, to_iso(now)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def last_asked(self, delegate_id: int) -> datetime | None:
        row = await self._one("SELECT MAX(asked_at) FROM inquiries WHERE delegate_id = ?", (delegate_id,))
        return from_iso_or_none(row[0]) if row else None

    async def get(self, event_id: int, inquiry_id: int) -> Inquiry | None:
        row = await self._one(f"{_SELECT} WHERE i.event_id = ? AND i.id = ?", (event_id, inquiry_id))
        return _inquiry(row) if row else None

    async def answer(self, inquiry_id: int, answer: str, by_id: int, by_name: str, now: datetime) -> bool:
        """Record the answer unless someone answered first; True when this one counts."""
        cursor = await self._conn.execute(
            """UPDATE inquiries SET answer = ?, answered_by = ?, answered_by_name = ?, answered_at = ?
               WHERE id = ? AND answered_at IS NULL""",
            (answer, by_id, by_name, to_iso(now), inquiry_id),
        )
        return cursor.rowcount == 1

    async def recent(self, event_id: int, limit: int) -> list[Inquiry]:
        """Unanswered first (oldest first), then the latest answered."""
        rows = await self._all(
            f"""{_SELECT} WHERE i.event_id = ?
                ORDER BY i.answered_at IS NOT NULL, CASE WHEN i.answered_at IS NULL THEN i.id ELSE -i.id END
                LIMIT ?""",
            (event_id, limit),
        )
        return [_inquiry(row) for row in rows]

    async def open_count(self, event_id: int) -> int:
        row = await self._one("SELECT COUNT(*) FROM inquiries WHERE event_id = ? AND answered_at IS NULL", (event_id,))
        return int(row[0]) if row else 0

    async def add_faq(self, event_id: int, inquiry: Inquiry, now: datetime) -> int:
        assert inquiry.answer is not None
        cursor = await self._conn.execute(
            "INSERT INTO faq_entries (event_id, question, answer, created_at) VALUES (?, ?, ?, ?)",
            (event_id, inquiry.text, inquiry.answer, to_iso(now)),
        )
        assert cursor.lastrowid is not None
        await self._conn.execute("UPDATE inquiries SET faq_id = ? WHERE id = ?", (cursor.lastrowid, inquiry.id))
        return cursor.lastrowid

    async def faq(self, event_id: int) -> list[StoredFaq]:
        """The entries not removed, oldest first."""
        rows = await self._all(
            "SELECT id, question, answer, question_en, answer_en FROM faq_entries"
            " WHERE event_id = ? AND removed_at IS NULL ORDER BY id",
            (event_id,),
        )
        return [StoredFaq(row[0], row[1], row[2], row[3], row[4]) for row in rows]

    async def faq_entry(self, event_id: int, faq_id: int) -> StoredFaq | None:
        """One entry not removed."""
        row = await self._one(
            "SELECT id, question, answer, question_en, answer_en FROM faq_entries"
            " WHERE event_id = ? AND id = ? AND removed_at IS NULL",
            (event_id, faq_id),
        )
        return StoredFaq(row[0], row[1], row[2], row[3], row[4]) if row else None

    async def set_faq_english(self, event_id: int, faq_id: int, question: str, answer: str) -> None:
        """Store the English version of an entry."""
        await self._conn.execute(
            "UPDATE faq_entries SET question_en = ?, answer_en = ? WHERE event_id = ? AND id = ?",
            (question, answer, event_id, faq_id),
        )

    async def remove_faq(self, event_id: int, faq_id: int, now: datetime) -> bool:
        """Take an entry off /help (the row stays, with the time it was removed); False if already removed."""
        cursor = await self._conn.execute(
            "UPDATE faq_entries SET removed_at = ? WHERE event_id = ? AND id = ? AND removed_at IS NULL",
            (to_iso(now), event_id, faq_id),
        )
        return cursor.rowcount == 1

    async def hidden_config_faq(self, event_id: int) -> set[str]:
        """The keys of the config file's [[faq]] entries hidden from /help."""
        rows = await self._all("SELECT question_key FROM faq_hidden WHERE event_id = ?", (event_id,))
        return {str(row[0]) for row in rows}

    async def hide_config_faq(self, event_id: int, key: str, question: str, now: datetime) -> bool:
        """Hide a config entry from /help; False if it was hidden already."""
        cursor = await self._conn.execute(
            """INSERT INTO faq_hidden (event_id, question_key, question, hidden_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (event_id, question_key) DO NOTHING""",
            (event_id, key, question, to_iso(now)),
        )
        return cursor.rowcount == 1

    async def show_config_faq(self, event_id: int, key: str) -> bool:
        """Show a hidden config entry in /help again; False if it was not hidden."""
        cursor = await self._conn.execute(
            "DELETE FROM faq_hidden WHERE event_id = ? AND question_key = ?", (event_id, key)
        )
        return cursor.rowcount == 1
