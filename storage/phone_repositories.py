"""What a delegate has on the phone (issue 18): the pinned agenda message and the calendar change notices sent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.clock import from_iso, to_iso
from storage.base import Repository

PinOutcome = Literal["pinned", "edited", "failed"]
NoticeStatus = Literal["sending", "sent", "unknown", "unreachable", "failed"]


@dataclass(frozen=True)
class AgendaPin:
    """The agenda message pinned in one delegate's chat and how its last update went."""

    delegate_id: int
    chat_id: int
    message_id: int | None
    version: int
    outcome: PinOutcome
    broadcast_id: int | None
    error: str | None
    updated_at: datetime


class AgendaPinRepository(Repository):
    """agenda_pins: one row per delegate whose chat has (or should have) the agenda pinned."""

    async def get(self, event_id: int, delegate_id: int) -> AgendaPin | None:
        """The delegate's pinned agenda, if the bot ever sent one."""
        row = await self._one(
            """SELECT delegate_id, chat_id, message_id, version, outcome, broadcast_id, error, updated_at
               FROM agenda_pins WHERE event_id = ? AND delegate_id = ?""",
            (event_id, delegate_id),
        )
        if row is None:
            return None
        return AgendaPin(row[0], row[1], row[2], row[3], row[4], row[5], row[6], from_iso(row[7]))

    async def put(self, event_id: int, pin: AgendaPin) -> None:
        """Record the outcome of an update (a failure keeps the message that is still pinned)."""
        await self._conn.execute(
            """INSERT INTO agenda_pins (event_id, delegate_id, chat_id, message_id, version, outcome, broadcast_id,
                                        error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (event_id, delegate_id) DO UPDATE SET chat_id = excluded.chat_id,
                   message_id = excluded.message_id, version = excluded.version, outcome = excluded.outcome,
                   broadcast_id = excluded.broadcast_id, error = excluded.error, updated_at = excluded.updated_at""",
            (
                event_id,
                pin.delegate_id,
                pin.chat_id,
                pin.message_id,
                pin.version,
                pin.outcome,
                pin.broadcast_id,
                pin.error,
                to_iso(pin.updated_at),
            ),
        )

    async def remove(self, event_id: int, delegate_id: int) -> None:
        """Forget the pin (the delegate no longer attends; the message was unpinned)."""
        await self._conn.execute(
            "DELETE FROM agenda_pins WHERE event_id = ? AND delegate_id = ?", (event_id, delegate_id)
        )

    async def outcomes_of(self, event_id: int, broadcast_id: int) -> dict[str, int]:
        """How the pinned agendas updated by one broadcast went: pinned (new), edited, failed."""
        rows = await self._all(
            "SELECT outcome, COUNT(*) FROM agenda_pins WHERE event_id = ? AND broadcast_id = ? GROUP BY outcome",
            (event_id, broadcast_id),
        )
        return {row[0]: row[1] for row in rows}


class CalendarNoticeRepository(Repository):
    """calendar_notices: one row per change (sequence) and delegate, claimed before the notice is sent."""

    async def claim(self, event_id: int, sequence: int, delegate_id: int, chat_id: int, now: datetime) -> bool:
        """Claim the notice for one delegate ('sending'); False if it was claimed before (sent or attempted)."""
        cursor = await self._conn.execute(
            """INSERT INTO calendar_notices (event_id, sequence, delegate_id, chat_id, status, updated_at)
               VALUES (?, ?, ?, ?, 'sending', ?) ON CONFLICT (event_id, sequence, delegate_id) DO NOTHING""",
            (event_id, sequence, delegate_id, chat_id, to_iso(now)),
        )
        return cursor.rowcount == 1

    async def delegates(self, event_id: int, sequence: int) -> set[int]:
        """Delegates with a row (claimed) for this change."""
        rows = await self._all(
            "SELECT delegate_id FROM calendar_notices WHERE event_id = ? AND sequence = ?", (event_id, sequence)
        )
        return {int(row[0]) for row in rows}

    async def finish(
        self,
        event_id: int,
        sequence: int,
        delegate_id: int,
        status: NoticeStatus,
        message_id: int | None,
        error: str | None,
        now: datetime,
    ) -> None:
        """Record how the claimed notice went."""
        await self._conn.execute(
            """UPDATE calendar_notices SET status = ?, message_id = ?, error = ?, updated_at = ?
               WHERE event_id = ? AND sequence = ? AND delegate_id = ?""",
            (status, message_id, error, to_iso(now), event_id, sequence, delegate_id),
        )

    async def interrupt(self, event_id: int, now: datetime) -> int:
        """Notices left 'sending' by a crash become 'unknown' (they may have been delivered; never resent)."""
        cursor = await self._conn.execute(
            "UPDATE calendar_notices SET status = 'unknown', error = 'interrupted', updated_at = ?"
            " WHERE event_id = ? AND status = 'sending'",
            (to_iso(now), event_id),
        )
        return cursor.rowcount

    async def counts(self, event_id: int, sequence: int) -> dict[str, int]:
        """How the notices of one change went, by status."""
        rows = await self._all(
            "SELECT status, COUNT(*) FROM calendar_notices WHERE event_id = ? AND sequence = ? GROUP BY status",
            (event_id, sequence),
        )
        return {row[0]: row[1] for row in rows}

    async def resend_counts(self, event_id: int, sequence: int) -> dict[str, int]:
        """The organizer's resends of one change: 'asked' (waiting to be sent) and 'done' (claimed for sending)."""
        rows = await self._all(
            """SELECT resend, COUNT(*) FROM calendar_notices
               WHERE event_id = ? AND sequence = ? AND resend IS NOT NULL GROUP BY resend""",
            (event_id, sequence),
        )
        return {row[0]: row[1] for row in rows}

    async def unknown(self, event_id: int, sequence: int) -> dict[int, str | None]:
        """Delegates whose notice of this change is 'unknown', with their resend (None: never asked to be resent)."""
        rows = await self._all(
            "SELECT delegate_id, resend FROM calendar_notices WHERE event_id = ? AND sequence = ? AND status = 'unknown'",
            (event_id, sequence),
        )
        return {int(row[0]): row[1] for row in rows}

    async def ask_resend(self, event_id: int, sequence: int, delegate_ids: Iterable[int]) -> int:
        """Mark these delegates' unknown notices to be sent once more (only those never resent); how many were."""
        count = 0
        for delegate_id in delegate_ids:
            cursor = await self._conn.execute(
                """UPDATE calendar_notices SET resend = 'asked' WHERE event_id = ? AND sequence = ?
                   AND delegate_id = ? AND status = 'unknown' AND resend IS NULL""",
                (event_id, sequence, delegate_id),
            )
            count += cursor.rowcount
        return count

    async def resend_asked(self, event_id: int, sequence: int) -> set[int]:
        """Delegates whose resend was asked and not yet claimed."""
        rows = await self._all(
            """SELECT delegate_id FROM calendar_notices
               WHERE event_id = ? AND sequence = ? AND status = 'unknown' AND resend = 'asked'""",
            (event_id, sequence),
        )
        return {int(row[0]) for row in rows}

    async def withdraw_resend(self, event_id: int, sequence: int, delegate_ids: Iterable[int]) -> int:
        """Take back asked resends not yet claimed (their delegates no longer attend); how many were."""
        count = 0
        for delegate_id in delegate_ids:
            cursor = await self._conn.execute(
                """UPDATE calendar_notices SET resend = NULL WHERE event_id = ? AND sequence = ? AND delegate_id = ?
                   AND status = 'unknown' AND resend = 'asked'""",
                (event_id, sequence, delegate_id),
            )
            count += cursor.rowcount
        return count

    async def claim_resend(self, event_id: int, sequence: int, delegate_id: int, chat_id: int, now: datetime) -> bool:
        """Claim an asked resend right before it is sent ('sending', resend 'done'); False if it is not asked."""
        cursor = await self._conn.execute(
            """UPDATE calendar_notices SET status = 'sending', resend = 'done', chat_id = ?, error = NULL,
                   updated_at = ?
               WHERE event_id = ? AND sequence = ? AND delegate_id = ? AND status = 'unknown' AND resend = 'asked'""",
            (chat_id, to_iso(now), event_id, sequence, delegate_id),
        )
        return cursor.rowcount == 1
