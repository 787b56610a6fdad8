"""Figures for the start-up line and its warnings; read-only, never commits."""

from __future__ import annotations

from collections.abc import Iterable

from storage.base import Repository


class OverviewRepository(Repository):
    """What an operator wants to see when the bot starts."""

    async def schema_version(self) -> int:
        """The highest migration applied."""
        row = await self._one("SELECT COALESCE(MAX(number), 0) FROM _migrations")
        return int(row[0]) if row else 0

    async def delegate_count(self, event_id: int) -> int:
        """Delegates on the roster (withdrawn ones left out)."""
        row = await self._one("SELECT COUNT(*) FROM delegates WHERE event_id = ? AND withdrawn_at IS NULL", (event_id,))
        return int(row[0]) if row else 0

    async def other_events_with_delegates(self, event_id: int) -> list[tuple[str, int]]:
        """(code, delegates) of every other event that has a roster."""
        rows = await self._all(
            """SELECT e.code, COUNT(d.id) FROM events e JOIN delegates d ON d.event_id = e.id AND d.withdrawn_at IS NULL
               WHERE e.id != ? GROUP BY e.id ORDER BY e.code""",
            (event_id,),
        )
        return [(row[0], int(row[1])) for row in rows]

    async def agencies(self, event_id: int) -> set[str]:
        """Every agency named on the event's roster."""
        rows = await self._all(
            "SELECT DISTINCT agency FROM delegates WHERE event_id = ? AND withdrawn_at IS NULL", (event_id,)
        )
        return {row[0] for row in rows}

    async def known_users(self, user_ids: Iterable[int]) -> set[int]:
        """Which of these accounts have ever written to the bot."""
        ids = list(user_ids)
        if not ids:
            return set()
        rows = await self._all(
            f"SELECT user_id FROM telegram_users WHERE user_id IN ({', '.join('?' for _ in ids)})", tuple(ids)
        )
        return {int(row[0]) for row in rows}

    async def reminders_scheduled(self, event_id: int) -> int:
        """Reminders still to send."""
        row = await self._one("SELECT COUNT(*) FROM reminders WHERE event_id = ? AND status = 'scheduled'", (event_id,))
        return int(row[0]) if row else 0

    async def broadcasts_pending(self, event_id: int) -> int:
        """Broadcasts waiting for approval, a time, or the engine."""
        row = await self._one(
            """SELECT COUNT(*) FROM broadcasts WHERE event_id = ?
               AND status IN ('awaiting_approval', 'scheduled', 'queued', 'sending')""",
            (event_id,),
        )
        return int(row[0]) if row else 0
