"""Repositories of proposals, proposal drafts and nominations; they never commit on their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.base import Repository
from storage.proposal_models import Attachment, Nomination, Proposal, ProposalDraft, ProposalStatus


def _attachment(row: aiosqlite.Row) -> Attachment | None:
    if not row["attachment_file_id"]:
        return None
    return Attachment(
        row["attachment_kind"], row["attachment_file_id"], row["attachment_name"] or "", row["attachment_size"] or 0
    )


def _attachment_params(attachment: Attachment | None) -> tuple[Any, ...]:
    if attachment is None:
        return None, None, None, None
    return attachment.kind, attachment.file_id, attachment.name, attachment.size


def _proposal(row: aiosqlite.Row) -> Proposal:
    return Proposal(
        id=row["id"],
        event_id=row["event_id"],
        delegate_id=row["delegate_id"],
        category=row["category"],
        text=row["text"],
        status=row["status"],
        answer=row["answer"],
        answered_by=row["answered_by"],
        answered_at=from_iso_or_none(row["answered_at"]),
        merged_into=row["merged_into"],
        attachment=_attachment(row),
        created_at=from_iso(row["created_at"]),
        updated_at=from_iso(row["updated_at"]),
        withdrawn_at=from_iso_or_none(row["withdrawn_at"]),
    )


def _nomination(row: aiosqlite.Row) -> Nomination:
    return Nomination(
        id=row["id"],
        event_id=row["event_id"],
        nominator_id=row["nominator_id"],
        nominee_id=row["nominee_id"],
        criteria=tuple(c for c in row["criteria"].split(",") if c),
        justification=row["justification"],
        created_at=from_iso(row["created_at"]),
        updated_at=from_iso(row["updated_at"]),
    )


class ProposalRepository(Repository):
    """Delegates' proposals."""

    async def get(self, event_id: int, proposal_id: int) -> Proposal | None:
        """One proposal of this event."""
        row = await self._one("SELECT * FROM proposals WHERE event_id = ? AND id = ?", (event_id, proposal_id))
        return _proposal(row) if row else None

    async def of_delegate(self, event_id: int, delegate_id: int) -> list[Proposal]:
        """A delegate's proposals, withdrawn ones included, oldest first."""
        rows = await self._all(
            "SELECT * FROM proposals WHERE event_id = ? AND delegate_id = ? ORDER BY id", (event_id, delegate_id)
        )
        return [_proposal(row) for row in rows]

    async def all(
        self, event_id: int, *, category: str | None = None, include_withdrawn: bool = False
    ) -> list[Proposal]:
        """Proposals of the event (optionally of one category), oldest first."""
        sql = "SELECT * FROM proposals WHERE event_id = ?"
        params: tuple[Any, ...] = (event_id,)
        if category is not None:
            sql, params = sql + " AND category = ?", params + (category,)
        if not include_withdrawn:
            sql += " AND withdrawn_at IS NULL"
        return [_proposal(row) for row in await self._all(sql + " ORDER BY id", params)]

    async def insert(
        self, event_id: int, delegate_id: int, category: str, text: str, attachment: Attachment | None, now: datetime
    ) -> Proposal:
        """Store a new proposal as received."""
        cursor = await self._conn.execute(
            """INSERT INTO proposals (event_id, delegate_id, category, text, attachment_kind, attachment_file_id,
                                      attachment_name, attachment_size, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (event_id, delegate_id, category, text, *_attachment_params(attachment), to_iso(now), to_iso(now)),
        )
        created = await self.get(event_id, int(cursor.lastrowid or 0))
        assert created is not None
        return created

    async def update_content(
        self, proposal_id: int, category: str, text: str, attachment: Attachment | None, now: datetime
    ) -> None:
        """Replace a proposal's topic, text and attachment (the delegate edited it)."""
        await self._conn.execute(
            """UPDATE proposals SET category = ?, text = ?, attachment_kind = ?, attachment_file_id = ?,
                 attachment_name = ?, attachment_size = ?, updated_at = ? WHERE id = ?""",
            (category, text, *_attachment_params(attachment), to_iso(now), proposal_id),
        )

    async def withdraw(self, proposal_id: int, now: datetime) -> None:
        """Mark a proposal as taken back by its author."""
        await self._conn.execute(
            "UPDATE proposals SET withdrawn_at = ?, updated_at = ? WHERE id = ?",
            (to_iso(now), to_iso(now), proposal_id),
        )

    async def set_status(
        self, proposal_id: int, status: ProposalStatus, now: datetime, *, merged_into: int | None = None
    ) -> None:
        """Change the organizers' status (merged_into only for "merged")."""
        await self._conn.execute(
            "UPDATE proposals SET status = ?, merged_into = ?, updated_at = ? WHERE id = ?",
            (status, merged_into, to_iso(now), proposal_id),
        )

    async def set_answer(self, proposal_id: int, answer: str, answered_by: int, now: datetime) -> None:
        """Record the official answer and mark the proposal answered."""
        await self._conn.execute(
            """UPDATE proposals SET answer = ?, answered_by = ?, answered_at = ?, status = 'answered',
                 merged_into = NULL, updated_at = ? WHERE id = ?""",
            (answer, answered_by, to_iso(now), to_iso(now), proposal_id),
        )


class ProposalDraftRepository(Repository):
    """Half-written proposals, one per user and event."""

    async def get(self, event_id: int, user_id: int) -> ProposalDraft | None:
        """The user's draft, if any."""
        row = await self._one("SELECT * FROM proposal_drafts WHERE event_id = ? AND user_id = ?", (event_id, user_id))
        if row is None:
            return None
        return ProposalDraft(
            row["event_id"],
            row["user_id"],
            row["delegate_id"],
            row["proposal_id"],
            row["category"],
            row["text"],
            row["step"],
            _attachment(row),
        )

    async def save(self, draft: ProposalDraft, now: datetime) -> None:
        """Create or replace the user's draft."""
        await self._conn.execute(
            """INSERT OR REPLACE INTO proposal_drafts (event_id, user_id, delegate_id, proposal_id, category, text,
                 step, attachment_kind, attachment_file_id, attachment_name, attachment_size, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                draft.event_id,
                draft.user_id,
                draft.delegate_id,
                draft.proposal_id,
                draft.category,
                draft.text,
                draft.step,
                *_attachment_params(draft.attachment),
                to_iso(now),
            ),
        )

    async def delete(self, event_id: int, user_id: int) -> None:
        """Forget the user's draft."""
        await self._conn.execute("DELETE FROM proposal_drafts WHERE event_id = ? AND user_id = ?", (event_id, user_id))


class NominationRepository(Repository):
    """Delegates' nominations of exemplary colleagues."""

    async def get(self, event_id: int, nomination_id: int) -> Nomination | None:
        """One nomination of this event."""
        row = await self._one("SELECT * FROM nominations WHERE event_id = ? AND id = ?", (event_id, nomination_id))
        return _nomination(row) if row else None

    async def by_nominator(self, event_id: int, nominator_id: int) -> list[Nomination]:
        """Whom a delegate nominated, oldest first."""
        rows = await self._all(
            "SELECT * FROM nominations WHERE event_id = ? AND nominator_id = ? ORDER BY id", (event_id, nominator_id)
        )
        return [_nomination(row) for row in rows]

    async def all(self, event_id: int) -> list[Nomination]:
        """Every nomination of the event, oldest first."""
        return [
            _nomination(row)
            for row in await self._all("SELECT * FROM nominations WHERE event_id = ? ORDER BY id", (event_id,))
        ]

    async def save(
        self,
        event_id: int,
        nominator_id: int,
        nominee_id: int,
        criteria: tuple[str, ...],
        justification: str,
        now: datetime,
    ) -> None:
        """Create, or replace the criteria and justification of, a nomination."""
        await self._conn.execute(
            """INSERT INTO nominations (event_id, nominator_id, nominee_id, criteria, justification, created_at,
                                        updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (event_id, nominator_id, nominee_id) DO UPDATE SET criteria = excluded.criteria,
                 justification = excluded.justification, updated_at = excluded.updated_at""",
            (event_id, nominator_id, nominee_id, ",".join(criteria), justification, to_iso(now), to_iso(now)),
        )

    async def delete(self, nomination_id: int) -> None:
        """Withdraw a nomination."""
        await self._conn.execute("DELETE FROM nominations WHERE id = ?", (nomination_id,))
