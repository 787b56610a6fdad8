"""Repositories of broadcasts, deliveries (the outbox) and agenda versions; they never commit on their own."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.clock import from_iso, to_iso
from storage.audiences import AUDIENCE_FROM, audience_where
from storage.base import Repository
from storage.broadcast_models import (
    UNREACHED_STATUSES,
    AgendaItem,
    AgendaVersion,
    Audience,
    Broadcast,
    BroadcastStatus,
    Delivery,
    DeliveryResult,
    DeliveryStatus,
    UnreachedRow,
)

Recipient = tuple[int, int | None, str]  # delegate id, Telegram chat id (None = never linked), language


def _time(value: str | None) -> datetime | None:
    return from_iso(value) if value else None


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    return Broadcast(
        id=row["id"],
        event_id=row["event_id"],
        created_by=row["created_by"],
        audience=row["audience"],
        agencies=tuple(json.loads(row["agencies"])),
        text_vi=row["text_vi"],
        text_en=row["text_en"],
        status=row["status"],
        scheduled_for=_time(row["scheduled_for"]),
        approved_by=row["approved_by"],
        resend_of=row["resend_of"],
        progress_message_id=row["progress_message_id"],
        created_at=from_iso(row["created_at"]),
        queued_at=_time(row["queued_at"]),
        started_at=_time(row["started_at"]),
        finished_at=_time(row["finished_at"]),
        submitted_by=row["submitted_by"],
        agenda_version=row["agenda_version"],
    )


def _agenda(row: aiosqlite.Row) -> AgendaVersion:
    items = tuple(AgendaItem(item["time"], item["title"]) for item in json.loads(row["items"]))
    return AgendaVersion(row["event_id"], row["version"], items, row["published_by"], from_iso(row["published_at"]))


class BroadcastRepository(Repository):
    """Broadcasts of each event."""

    async def create(
        self,
        event_id: int,
        created_by: int,
        audience: Audience,
        agencies: Sequence[str],
        text_vi: str,
        text_en: str | None,
        now: datetime,
        *,
        resend_of: int | None = None,
        agenda_version: int | None = None,
    ) -> Broadcast:
        """Store a new draft."""
        cursor = await self._conn.execute(
            """INSERT INTO broadcasts (event_id, created_by, audience, agencies, text_vi, text_en, status, resend_of,
                                       created_at, agenda_version) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)""",
            (
                event_id,
                created_by,
                audience,
                json.dumps(list(agencies), ensure_ascii=False),
                text_vi,
                text_en,
                resend_of,
                to_iso(now),
                agenda_version,
            ),
        )
        created = await self.get(event_id, int(cursor.lastrowid or 0))
        assert created is not None
        return created

    async def get(self, event_id: int, broadcast_id: int) -> Broadcast | None:
        """One broadcast of this event."""
        row = await self._one("SELECT * FROM broadcasts WHERE event_id = ? AND id = ?", (event_id, broadcast_id))
        return _broadcast(row) if row else None

    async def with_status(self, event_id: int, statuses: Sequence[BroadcastStatus]) -> list[Broadcast]:
        """Broadcasts in any of these states, oldest first."""
        marks = ", ".join("?" for _ in statuses)
        rows = await self._all(
            f"SELECT * FROM broadcasts WHERE event_id = ? AND status IN ({marks}) ORDER BY id", (event_id, *statuses)
        )
        return [_broadcast(row) for row in rows]

    async def recent(self, event_id: int, limit: int) -> list[Broadcast]:
        """The newest broadcasts, newest first."""
        rows = await self._all(
            "SELECT * FROM broadcasts WHERE event_id = ? ORDER BY id DESC LIMIT ?", (event_id, limit)
        )
        return [_broadcast(row) for row in rows]

    async def resends_of(self, event_id: int, original_id: int) -> list[Broadcast]:
        """The resends made from one broadcast, oldest first."""
        rows = await self._all(
            "SELECT * FROM broadcasts WHERE event_id = ? AND resend_of = ? ORDER BY id", (event_id, original_id)
        )
        return [_broadcast(row) for row in rows]

    async def next_to_send(self, event_id: int) -> Broadcast | None:
        """The broadcast the engine works on: one already sending, else the first queued."""
        row = await self._one(
            """SELECT * FROM broadcasts WHERE event_id = ? AND status IN ('sending', 'queued')
               ORDER BY status = 'sending' DESC, queued_at, id LIMIT 1""",
            (event_id,),
        )
        return _broadcast(row) if row else None

    async def queue_position(self, event_id: int, broadcast_id: int) -> int:
        """How many broadcasts will send before this one."""
        row = await self._one(
            """SELECT COUNT(*) FROM broadcasts WHERE event_id = ? AND id != ? AND (status = 'sending'
               OR (status = 'queued' AND queued_at <= (SELECT queued_at FROM broadcasts WHERE id = ?)))""",
            (event_id, broadcast_id, broadcast_id),
        )
        return int(row[0]) if row else 0

    async def set_status(self, broadcast_id: int, status: BroadcastStatus, now: datetime) -> None:
        """Move to a state, stamping the matching time column."""
        column = {
            "queued": "queued_at",
            "sending": "started_at",
            "done": "finished_at",
            "cancelled": "finished_at",
        }.get(status)
        stamp = f", {column} = ?" if column else ""
        params = (status, to_iso(now), broadcast_id) if column else (status, broadcast_id)
        await self._conn.execute(f"UPDATE broadcasts SET status = ?{stamp} WHERE id = ?", params)

    async def set_schedule(self, broadcast_id: int, when: datetime | None) -> None:
        """Remember when the broadcast should go out (None = as soon as allowed)."""
        await self._conn.execute(
            "UPDATE broadcasts SET scheduled_for = ? WHERE id = ?", (to_iso(when) if when else None, broadcast_id)
        )

    async def set_submitter(self, broadcast_id: int, user_id: int) -> None:
        """Record the organizer who submitted the draft (for approval or sending)."""
        await self._conn.execute("UPDATE broadcasts SET submitted_by = ? WHERE id = ?", (user_id, broadcast_id))

    async def set_approver(self, broadcast_id: int, user_id: int) -> None:
        """Record the second organizer who approved."""
        await self._conn.execute("UPDATE broadcasts SET approved_by = ? WHERE id = ?", (user_id, broadcast_id))

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        """Remember the organizer's progress card so it can be edited (also after a restart)."""
        await self._conn.execute(
            "UPDATE broadcasts SET progress_message_id = ? WHERE id = ?", (message_id, broadcast_id)
        )

    async def recipients(self, event_id: int, audience: Audience, agencies: Sequence[str]) -> list[Recipient]:
        """Delegates in an audience with their chat id (None if never linked) and language, in roster order."""
        condition, params = audience_where(event_id, audience, agencies)
        rows = await self._all(
            f"""SELECT d.id, d.telegram_user_id, COALESCE(u.language, u.app_language, 'vi') AS language
                FROM {AUDIENCE_FROM} LEFT JOIN telegram_users u ON u.user_id = d.telegram_user_id
                WHERE {condition} ORDER BY d.id""",
            params,
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def agencies(self, event_id: int) -> list[tuple[str, int]]:
        """Every agency on the roster with its delegate count, alphabetically."""
        rows = await self._all(
            "SELECT agency, COUNT(*) FROM delegates WHERE event_id = ? AND agency != '' AND withdrawn_at IS NULL"
            " GROUP BY agency ORDER BY agency",
            (event_id,),
        )
        return [(row[0], row[1]) for row in rows]


class DeliveryRepository(Repository):
    """The outbox: one row per recipient of a broadcast."""

    async def add_many(self, broadcast_id: int, recipients: Sequence[Recipient], now: datetime) -> None:
        """One pending row per linked recipient, one never_linked row per unlinked one."""
        await self._conn.executemany(
            """INSERT INTO deliveries (broadcast_id, delegate_id, chat_id, language, status, updated_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (broadcast_id, delegate_id) DO NOTHING""",
            [
                (broadcast_id, delegate_id, chat_id, language, "pending" if chat_id else "never_linked", to_iso(now))
                for delegate_id, chat_id, language in recipients
            ],
        )

    async def next_pending(self, broadcast_id: int, limit: int) -> list[Delivery]:
        """The next rows not yet attempted, in roster order (nothing is changed). One statement."""
        rows = await self._conn.execute_fetchall(
            """SELECT v.id, v.broadcast_id, v.delegate_id, v.chat_id, v.language, v.attempts, d.full_name
               FROM deliveries v JOIN delegates d ON d.id = v.delegate_id
               WHERE v.broadcast_id = ? AND v.status = 'pending' ORDER BY v.id LIMIT ?""",
            (broadcast_id, limit),
        )
        return [
            Delivery(
                id=row[0],
                broadcast_id=row[1],
                delegate_id=row[2],
                chat_id=row[3],
                language=row[4],
                status="pending",
                attempts=row[5],
                full_name=row[6],
            )
            for row in rows
        ]

    async def claim(
        self,
        deliveries: Sequence[Delivery],
        now: datetime,
        *,
        results: Sequence[DeliveryResult] = (),
        while_sending: int | None = None,
    ) -> list[Delivery]:
        """Mark these rows 'sending' where they are still pending (given while_sending, only while that broadcast is
        'sending') and store the outcome of each send in `results`; return the rows claimed, in the order given.

        ONE statement: outside BEGIN … COMMIT, SQLite commits it on its own, atomically and durably (see
        Database.statement), so the engine's results and the claims that take their slots cost one round trip."""
        if not deliveries and not results:
            return []
        values = [(r.delivery_id, r.status, r.message_id, r.error, r.attempts, "sending") for r in results]
        values += [(d.id, "sending", None, None, 0, "pending") for d in deliveries]
        marks = ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(values))
        guard = (
            "EXISTS (SELECT 1 FROM broadcasts WHERE id = ? AND status = 'sending')"
            if while_sending is not None
            else "1"
        )
        rows = await self._conn.execute_fetchall(
            f"""WITH v(id, status, message_id, error, attempts, was) AS (VALUES {marks})
                UPDATE deliveries SET status = v.status, message_id = COALESCE(v.message_id, deliveries.message_id),
                    error = CASE v.was WHEN 'sending' THEN v.error ELSE deliveries.error END,
                    attempts = deliveries.attempts + v.attempts, updated_at = ?
                FROM v WHERE deliveries.id = v.id AND deliveries.status = v.was AND (v.was = 'sending' OR {guard})
                RETURNING id, status""",
            (*(x for row in values for x in row), to_iso(now), *(() if while_sending is None else (while_sending,))),
        )
        claimed = {row[0] for row in rows if row[1] == "sending"}  # a result is never 'sending', a claim always is
        return [dataclasses.replace(delivery, status="sending") for delivery in deliveries if delivery.id in claimed]

    async def record(self, results: Sequence[DeliveryResult], now: datetime) -> None:
        """Store the outcome of each send."""
        if not results:
            return
        await self._conn.executemany(
            """UPDATE deliveries SET status = ?, message_id = ?, error = ?, attempts = attempts + ?, updated_at = ?
               WHERE id = ? AND status = 'sending'""",
            [(r.status, r.message_id, r.error, r.attempts, to_iso(now), r.delivery_id) for r in results],
        )

    async def release(self, delivery_ids: Sequence[int], now: datetime) -> None:
        """Put claimed rows that were never attempted back to pending."""
        await self._conn.executemany(
            "UPDATE deliveries SET status = 'pending', updated_at = ? WHERE id = ? AND status = 'sending'",
            [(to_iso(now), delivery_id) for delivery_id in delivery_ids],
        )

    async def interrupt_in_flight(self, event_id: int, now: datetime, reason: str) -> int:
        """Rows left 'sending' by a crash or stop may have been delivered: mark them unknown; return how many."""
        cursor = await self._conn.execute(
            """UPDATE deliveries SET status = 'unknown', error = ?, updated_at = ? WHERE status = 'sending'
               AND broadcast_id IN (SELECT id FROM broadcasts WHERE event_id = ?)""",
            (reason, to_iso(now), event_id),
        )
        return cursor.rowcount

    async def cancel_pending(self, broadcast_id: int, now: datetime) -> int:
        """Cancel every row not yet attempted; return how many."""
        cursor = await self._conn.execute(
            "UPDATE deliveries SET status = 'cancelled', updated_at = ? WHERE broadcast_id = ? AND status = 'pending'",
            (to_iso(now), broadcast_id),
        )
        return cursor.rowcount

    async def counts(self, broadcast_id: int) -> dict[DeliveryStatus, int]:
        """How many rows are in each state."""
        rows = await self._all(
            "SELECT status, COUNT(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
        )
        return {row[0]: row[1] for row in rows}

    async def failure_reasons(self, broadcast_id: int) -> list[tuple[str, int]]:
        """Error texts of failed rows with their counts, most frequent first."""
        rows = await self._all(
            """SELECT COALESCE(error, ''), COUNT(*) FROM deliveries WHERE broadcast_id = ? AND status = 'failed'
               GROUP BY error ORDER BY COUNT(*) DESC, error""",
            (broadcast_id,),
        )
        return [(row[0], row[1]) for row in rows]

    async def unreached(self, broadcast_id: int) -> list[UnreachedRow]:
        """Recipients who did not surely get the message, with their phone numbers, in roster order."""
        marks = ", ".join("?" for _ in UNREACHED_STATUSES)
        rows = await self._all(
            f"""SELECT d.code, d.full_name, d.position, d.agency, d.phone, v.status, v.error
                FROM deliveries v JOIN delegates d ON d.id = v.delegate_id
                WHERE v.broadcast_id = ? AND v.status IN ({marks}) ORDER BY d.id""",
            (broadcast_id, *UNREACHED_STATUSES),
        )
        return [UnreachedRow(*tuple(row)) for row in rows]

    async def delegates_with_status(self, broadcast_id: int, status: DeliveryStatus) -> list[int]:
        """Delegate ids of the rows in one state."""
        rows = await self._all(
            "SELECT delegate_id FROM deliveries WHERE broadcast_id = ? AND status = ? ORDER BY id",
            (broadcast_id, status),
        )
        return [row[0] for row in rows]

    async def delegates_in_resends_of(self, original_id: int) -> list[int]:
        """Delegate ids that a resend of this broadcast covers: rows in any state but 'cancelled' (never attempted)."""
        rows = await self._all(
            """SELECT DISTINCT v.delegate_id FROM deliveries v JOIN broadcasts b ON b.id = v.broadcast_id
               WHERE b.resend_of = ? AND v.status != 'cancelled'""",
            (original_id,),
        )
        return [row[0] for row in rows]


class AgendaRepository(Repository):
    """Published versions of the agenda."""

    async def latest(self, event_id: int) -> AgendaVersion | None:
        """The current version, if any was published."""
        row = await self._one(
            "SELECT * FROM agenda_versions WHERE event_id = ? ORDER BY version DESC LIMIT 1", (event_id,)
        )
        return _agenda(row) if row else None

    async def get(self, event_id: int, version: int) -> AgendaVersion | None:
        """One version."""
        row = await self._one("SELECT * FROM agenda_versions WHERE event_id = ? AND version = ?", (event_id, version))
        return _agenda(row) if row else None

    async def add(self, event_id: int, items: Sequence[AgendaItem], published_by: str, now: datetime) -> AgendaVersion:
        """Store the next version."""
        current = await self.latest(event_id)
        version = (current.version if current else 0) + 1
        await self._conn.execute(
            "INSERT INTO agenda_versions (event_id, version, items, published_by, published_at) VALUES (?, ?, ?, ?, ?)",
            (
                event_id,
                version,
                json.dumps([{"time": i.time, "title": i.title} for i in items], ensure_ascii=False),
                published_by,
                to_iso(now),
            ),
        )
        added = await self.latest(event_id)
        assert added is not None
        return added
