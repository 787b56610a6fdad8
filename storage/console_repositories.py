"""Read-only queries of the organizer console: conferences on one database, the audit log, a broadcast's outbox."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.clock import from_iso
from storage.base import Repository


@dataclass(frozen=True)
class EventListing:
    """One conference kept in the database, with how many delegates and answers it has."""

    id: int
    code: str
    name: str
    starts_at: datetime
    delegates: int
    linked: int
    answered: int


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    actor: str
    action: str
    subject: str | None
    detail: dict[str, object]
    at: datetime


@dataclass(frozen=True)
class DeliveryLine:
    """One recipient of a broadcast with their roster details and what happened to their copy."""

    code: str
    full_name: str
    position: str
    agency: str
    phone: str | None
    language: str
    status: str
    error: str | None
    attempts: int
    updated_at: datetime


class ConsoleRepository(Repository):
    """Queries only the console needs; it never writes."""

    async def events(self) -> list[EventListing]:
        """Every conference on this database, oldest first, with its counts."""
        rows = await self._all(
            """SELECT e.id, e.code, e.name, e.starts_at,
                      (SELECT COUNT(*) FROM delegates d WHERE d.event_id = e.id),
                      (SELECT COUNT(*) FROM delegates d WHERE d.event_id = e.id AND d.telegram_user_id IS NOT NULL),
                      (SELECT COUNT(*) FROM rsvps r JOIN delegates d ON d.id = r.delegate_id WHERE d.event_id = e.id)
               FROM events e ORDER BY e.id"""
        )
        return [EventListing(r[0], r[1], r[2], from_iso(r[3]), r[4], r[5], r[6]) for r in rows]

    async def audit(
        self, event_id: int, *, actors: tuple[str, ...] | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """The event's audit log, newest first; only these actors when given; at most limit entries."""
        sql = "SELECT id, actor, action, subject, detail, at FROM audit_log WHERE event_id = ?"
        params: list[object] = [event_id]
        if actors is not None:
            if not actors:
                return []
            sql += f" AND actor IN ({', '.join('?' for _ in actors)})"
            params.extend(actors)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = await self._all(sql, tuple(params))
        return [AuditEntry(r[0], r[1], r[2], r[3], json.loads(r[4] or "{}"), from_iso(r[5])) for r in rows]

    async def deliveries(self, broadcast_id: int) -> list[DeliveryLine]:
        """Every recipient of a broadcast in roster order."""
        rows = await self._all(
            """SELECT d.code, d.full_name, d.position, d.agency, d.phone, v.language, v.status, v.error, v.attempts,
                      v.updated_at
               FROM deliveries v JOIN delegates d ON d.id = v.delegate_id
               WHERE v.broadcast_id = ? ORDER BY d.id""",
            (broadcast_id,),
        )
        return [
            DeliveryLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], updated_at=from_iso(r[9])) for r in rows
        ]
