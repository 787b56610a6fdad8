"""Repositories over one connection; they never commit on their own."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import from_iso, from_iso_or_none, to_iso
from storage.base import Repository
from storage.broadcast_repositories import AgendaRepository, BroadcastRepository, DeliveryRepository
from storage.console_repositories import ConsoleRepository
from storage.day_repositories import CheckinRepository, DocumentRepository, QuestionRepository
from storage.inquiry_repositories import InquiryRepository
from storage.models import Delegate, DelegateAnswer, Event, InviteToken, PendingInput, Rsvp, RsvpStatus
from storage.overview_repository import OverviewRepository
from storage.phone_repositories import AgendaPinRepository, CalendarNoticeRepository
from storage.proposal_repositories import NominationRepository, ProposalDraftRepository, ProposalRepository
from storage.reminder_repositories import ReminderDeliveryRepository, ReminderRepository
from storage.task_repositories import TaskNoticeRepository, TaskRepository

_DELEGATE_COLUMNS = "id, event_id, code, full_name, position, department, agency, phone, email, telegram_user_id, linked_at, withdrawn_at"


def _delegate(row: aiosqlite.Row) -> Delegate:
    return Delegate(
        id=row["id"],
        event_id=row["event_id"],
        code=row["code"],
        full_name=row["full_name"],
        position=row["position"],
        department=row["department"],
        agency=row["agency"],
        phone=row["phone"],
        email=row["email"],
        telegram_user_id=row["telegram_user_id"],
        linked_at=from_iso_or_none(row["linked_at"]),
        withdrawn_at=from_iso_or_none(row["withdrawn_at"]),
    )


def _rsvp(row: aiosqlite.Row) -> Rsvp:
    return Rsvp(
        delegate_id=row["delegate_id"],
        status=row["status"],
        decline_reason=row["decline_reason"],
        substitute_name=row["substitute_name"],
        substitute_position=row["substitute_position"],
        answered_at=from_iso(row["answered_at"]),
    )


class EventRepository(Repository):
    """Conferences."""

    async def upsert(self, event: Event, now: datetime) -> Event:
        """Create or update the event with this code; return it with its id."""
        await self._conn.execute(
            """INSERT INTO events (code, name, venue, starts_at, rsvp_deadline, proposals_deadline, timezone, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (code) DO UPDATE SET name = excluded.name, venue = excluded.venue,
                 starts_at = excluded.starts_at, rsvp_deadline = excluded.rsvp_deadline,
                 proposals_deadline = excluded.proposals_deadline, timezone = excluded.timezone,
                 updated_at = excluded.updated_at""",
            (
                event.code,
                event.name,
                event.venue,
                to_iso(event.starts_at),
                to_iso(event.rsvp_deadline),
                to_iso(event.proposals_deadline),
                event.timezone,
                to_iso(now),
            ),
        )
        found = await self.by_code(event.code)
        assert found is not None
        return found

    async def by_code(self, code: str) -> Event | None:
        """Find an event by its code."""
        row = await self._one("SELECT * FROM events WHERE code = ?", (code,))
        if row is None:
            return None
        return Event(
            id=row["id"],
            code=row["code"],
            name=row["name"],
            venue=row["venue"],
            starts_at=from_iso(row["starts_at"]),
            rsvp_deadline=from_iso(row["rsvp_deadline"]),
            proposals_deadline=from_iso(row["proposals_deadline"]),
            timezone=row["timezone"],
        )


class DelegateRepository(Repository):
    """The roster of each event."""

    async def get(self, event_id: int, delegate_id: int) -> Delegate | None:
        """One delegate of this event by id."""
        row = await self._one(
            f"SELECT {_DELEGATE_COLUMNS} FROM delegates WHERE event_id = ? AND id = ?", (event_id, delegate_id)
        )
        return _delegate(row) if row else None

    async def by_code(self, event_id: int, code: str) -> Delegate | None:
        """Find by roster code, case-insensitively."""
        row = await self._one(
            f"SELECT {_DELEGATE_COLUMNS} FROM delegates WHERE event_id = ? AND lower(code) = lower(?)",
            (event_id, code),
        )
        return _delegate(row) if row else None

    async def by_phone(self, event_id: int, phone: str) -> Delegate | None:
        """Find by normalised phone number."""
        row = await self._one(
            f"SELECT {_DELEGATE_COLUMNS} FROM delegates WHERE event_id = ? AND phone = ? AND withdrawn_at IS NULL",
            (event_id, phone),
        )
        return _delegate(row) if row else None

    async def by_user(self, event_id: int, user_id: int) -> Delegate | None:
        """The delegate bound to a Telegram account."""
        row = await self._one(
            f"SELECT {_DELEGATE_COLUMNS} FROM delegates WHERE event_id = ? AND telegram_user_id = ? AND withdrawn_at IS NULL",
            (event_id, user_id),
        )
        return _delegate(row) if row else None

    async def all(self, event_id: int, *, include_withdrawn: bool = False) -> list[Delegate]:
        """Every delegate of the event in roster order; withdrawn ones only when asked (history, roster matching)."""
        active = "" if include_withdrawn else " AND withdrawn_at IS NULL"
        rows = await self._all(
            f"SELECT {_DELEGATE_COLUMNS} FROM delegates WHERE event_id = ?{active} ORDER BY id", (event_id,)
        )
        return [_delegate(row) for row in rows]

    async def withdraw(self, delegate_id: int, now: datetime) -> None:
        """Take a delegate out of the conference; the linked account is set aside (restore links it again)."""
        await self._conn.execute(
            """UPDATE delegates SET withdrawn_at = ?, withdrawn_user_id = telegram_user_id, telegram_user_id = NULL,
                 updated_at = ? WHERE id = ? AND withdrawn_at IS NULL""",
            (to_iso(now), to_iso(now), delegate_id),
        )

    async def restore(self, delegate_id: int, now: datetime) -> bool:
        """Bring a withdrawn delegate back; their account is linked again unless it now belongs to someone else.

        Returns whether the account was linked again.
        """
        row = await self._one(
            "SELECT event_id, withdrawn_user_id FROM delegates WHERE id = ? AND withdrawn_at IS NOT NULL",
            (delegate_id,),
        )
        if row is None:
            return False
        user_id = row["withdrawn_user_id"]
        if user_id is not None and await self.by_user(row["event_id"], user_id) is not None:
            user_id = None
        await self._conn.execute(
            """UPDATE delegates SET withdrawn_at = NULL, withdrawn_user_id = NULL, telegram_user_id = ?,
                 linked_at = CASE WHEN ? IS NULL THEN NULL ELSE linked_at END, updated_at = ? WHERE id = ?""",
            (user_id, user_id, to_iso(now), delegate_id),
        )
        return user_id is not None

    async def next_auto_code(self, event_id: int) -> str:
        """A fresh code for a delegate imported without one."""
        row = await self._one("SELECT COUNT(*) FROM delegates WHERE event_id = ?", (event_id,))
        number = (row[0] if row else 0) + 1
        while await self.by_code(event_id, f"AUTO{number:05d}"):
            number += 1
        return f"AUTO{number:05d}"

    async def insert(self, event_id: int, fields: dict[str, str | None], now: datetime) -> Delegate:
        """Add a delegate; fields holds code, full_name, position, department, agency, phone, email."""
        cursor = await self._conn.execute(
            """INSERT INTO delegates (event_id, code, full_name, position, department, agency, phone, email,
                                      created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                event_id,
                fields["code"],
                fields["full_name"],
                fields["position"] or "",
                fields["department"] or "",
                fields["agency"] or "",
                fields["phone"],
                fields["email"],
                to_iso(now),
                to_iso(now),
            ),
        )
        return Delegate(
            id=int(cursor.lastrowid or 0),
            event_id=event_id,
            code=fields["code"] or "",
            full_name=fields["full_name"] or "",
            position=fields["position"] or "",
            department=fields["department"] or "",
            agency=fields["agency"] or "",
            phone=fields["phone"],
            email=fields["email"],
            telegram_user_id=None,
            linked_at=None,
        )

    async def insert_many(self, event_id: int, rows: list[dict[str, str | None]], now: datetime) -> list[int]:
        """Add many delegates in one statement (fields as for insert, plus an optional seat); return their ids in order."""
        stamp = to_iso(now)
        await self._conn.executemany(
            """INSERT INTO delegates (event_id, code, full_name, position, department, agency, phone, email, seat,
                                      created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    event_id,
                    f["code"],
                    f["full_name"],
                    f["position"] or "",
                    f["department"] or "",
                    f["agency"] or "",
                    f["phone"],
                    f["email"],
                    f.get("seat") or "",
                    stamp,
                    stamp,
                )
                for f in rows
            ],
        )
        ids = {
            row[1]: row[0] for row in await self._all("SELECT id, code FROM delegates WHERE event_id = ?", (event_id,))
        }
        return [ids[f["code"]] for f in rows]

    async def update_many(self, updates: list[tuple[int, dict[str, str | None]]], now: datetime) -> None:
        """update_details for many delegates in one statement."""
        stamp = to_iso(now)
        await self._conn.executemany(
            """UPDATE delegates SET code = ?, full_name = ?, position = ?, department = ?, agency = ?, phone = ?,
                 email = ?, updated_at = ? WHERE id = ?""",
            [
                (
                    f["code"],
                    f["full_name"],
                    f["position"] or "",
                    f["department"] or "",
                    f["agency"] or "",
                    f["phone"],
                    f["email"],
                    stamp,
                    delegate_id,
                )
                for delegate_id, f in updates
            ],
        )

    async def clear_phones(self, delegate_ids: list[int]) -> None:
        """Free the phones of many delegates (before an import moves them)."""
        await self._conn.executemany("UPDATE delegates SET phone = NULL WHERE id = ?", [(i,) for i in delegate_ids])

    async def update_details(self, delegate_id: int, fields: dict[str, str | None], now: datetime) -> None:
        """Overwrite a delegate's roster details (never their link or answers)."""
        await self._conn.execute(
            """UPDATE delegates SET code = ?, full_name = ?, position = ?, department = ?, agency = ?, phone = ?,
                 email = ?, updated_at = ? WHERE id = ?""",
            (
                fields["code"],
                fields["full_name"],
                fields["position"] or "",
                fields["department"] or "",
                fields["agency"] or "",
                fields["phone"],
                fields["email"],
                to_iso(now),
                delegate_id,
            ),
        )

    async def set_phone(self, delegate_id: int, phone: str | None) -> None:
        """Change only a delegate's phone."""
        await self._conn.execute("UPDATE delegates SET phone = ? WHERE id = ?", (phone, delegate_id))

    async def link(self, delegate_id: int, user_id: int, now: datetime) -> None:
        """Bind a delegate to a Telegram account."""
        await self._conn.execute(
            "UPDATE delegates SET telegram_user_id = ?, linked_at = ? WHERE id = ?", (user_id, to_iso(now), delegate_id)
        )

    async def unlink(self, delegate_id: int) -> None:
        """Forget a delegate's Telegram account."""
        await self._conn.execute(
            "UPDATE delegates SET telegram_user_id = NULL, linked_at = NULL WHERE id = ?", (delegate_id,)
        )


class TokenRepository(Repository):
    """Personal invitation tokens."""

    async def find(self, token: str) -> InviteToken | None:
        """Look a token up (active or revoked)."""
        row = await self._one("SELECT * FROM invite_tokens WHERE token = ?", (token,))
        if row is None:
            return None
        return InviteToken(
            row["token"], row["delegate_id"], from_iso(row["created_at"]), from_iso_or_none(row["revoked_at"])
        )

    async def active_token(self, delegate_id: int) -> str | None:
        """The delegate's current token."""
        row = await self._one(
            "SELECT token FROM invite_tokens WHERE delegate_id = ? AND revoked_at IS NULL", (delegate_id,)
        )
        return row[0] if row else None

    async def create(self, delegate_id: int, token: str, now: datetime) -> None:
        """Store a new active token."""
        await self._conn.execute(
            "INSERT INTO invite_tokens (token, delegate_id, created_at) VALUES (?, ?, ?)",
            (token, delegate_id, to_iso(now)),
        )

    async def create_many(self, tokens: list[tuple[int, str]], now: datetime) -> None:
        """Store many new active tokens: (delegate id, token) pairs."""
        stamp = to_iso(now)
        await self._conn.executemany(
            "INSERT INTO invite_tokens (token, delegate_id, created_at) VALUES (?, ?, ?)",
            [(token, delegate_id, stamp) for delegate_id, token in tokens],
        )

    async def revoke_active(self, delegate_id: int, now: datetime) -> None:
        """Revoke the delegate's current token."""
        await self._conn.execute(
            "UPDATE invite_tokens SET revoked_at = ? WHERE delegate_id = ? AND revoked_at IS NULL",
            (to_iso(now), delegate_id),
        )


class RsvpRepository(Repository):
    """Answers to invitations."""

    async def get(self, delegate_id: int) -> Rsvp | None:
        """A delegate's answer, if any."""
        row = await self._one("SELECT * FROM rsvps WHERE delegate_id = ?", (delegate_id,))
        return _rsvp(row) if row else None

    async def save(
        self,
        delegate_id: int,
        status: RsvpStatus,
        now: datetime,
        *,
        decline_reason: str | None = None,
        substitute_name: str | None = None,
        substitute_position: str | None = None,
    ) -> Rsvp:
        """Record (or replace) an answer."""
        await self._conn.execute(
            """INSERT INTO rsvps (delegate_id, status, decline_reason, substitute_name, substitute_position, answered_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (delegate_id) DO UPDATE SET status = excluded.status,
                 decline_reason = excluded.decline_reason, substitute_name = excluded.substitute_name,
                 substitute_position = excluded.substitute_position, answered_at = excluded.answered_at""",
            (delegate_id, status, decline_reason, substitute_name, substitute_position, to_iso(now)),
        )
        saved = await self.get(delegate_id)
        assert saved is not None
        return saved

    async def answers(self, event_id: int) -> list[DelegateAnswer]:
        """Every delegate of the event with their answer and active token."""
        rows = await self._all(
            f"""SELECT {", ".join("d." + c.strip() for c in _DELEGATE_COLUMNS.split(","))},
                       r.delegate_id AS r_id, r.status, r.decline_reason, r.substitute_name,
                       r.substitute_position, r.answered_at, t.token
                FROM delegates d
                LEFT JOIN rsvps r ON r.delegate_id = d.id
                LEFT JOIN invite_tokens t ON t.delegate_id = d.id AND t.revoked_at IS NULL
                WHERE d.event_id = ? AND d.withdrawn_at IS NULL ORDER BY d.id""",
            (event_id,),
        )
        return [
            DelegateAnswer(
                delegate=_delegate(row),
                rsvp=Rsvp(
                    row["r_id"],
                    row["status"],
                    row["decline_reason"],
                    row["substitute_name"],
                    row["substitute_position"],
                    from_iso(row["answered_at"]),
                )
                if row["r_id"]
                else None,
                token=row["token"],
            )
            for row in rows
        ]


class UserRepository(Repository):
    """Per-Telegram-account preferences."""

    async def languages(self, user_id: int) -> tuple[str | None, str | None]:
        """(the language the user chose, their app's language as last seen)."""
        row = await self._one("SELECT language, app_language FROM telegram_users WHERE user_id = ?", (user_id,))
        return (row[0], row[1]) if row else (None, None)

    async def remember_app_language(self, user_id: int, language: str, now: datetime) -> None:
        """Remember the language of the user's Telegram app (used until they choose one)."""
        await self._conn.execute(
            """INSERT INTO telegram_users (user_id, app_language, first_seen_at) VALUES (?, ?, ?)
               ON CONFLICT (user_id) DO UPDATE SET app_language = excluded.app_language""",
            (user_id, language, to_iso(now)),
        )

    async def set_language(self, user_id: int, language: str, now: datetime) -> None:
        """Remember a user's chosen language."""
        await self._conn.execute(
            """INSERT INTO telegram_users (user_id, language, first_seen_at) VALUES (?, ?, ?)
               ON CONFLICT (user_id) DO UPDATE SET language = excluded.language""",
            (user_id, language, to_iso(now)),
        )


class PendingInputRepository(Repository):
    """What the bot waits for each user to type."""

    async def get(self, event_id: int, user_id: int) -> PendingInput | None:
        """The pending question for a user, if any."""
        row = await self._one("SELECT * FROM pending_inputs WHERE event_id = ? AND user_id = ?", (event_id, user_id))
        if row is None:
            return None
        return PendingInput(row["event_id"], row["user_id"], row["kind"], json.loads(row["data"]))

    async def put(self, event_id: int, user_id: int, kind: str, data: dict[str, str], now: datetime) -> None:
        """Set the pending question (replacing any other)."""
        await self._conn.execute(
            """INSERT INTO pending_inputs (event_id, user_id, kind, data, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (event_id, user_id) DO UPDATE SET kind = excluded.kind, data = excluded.data,
                 updated_at = excluded.updated_at""",
            (event_id, user_id, kind, json.dumps(data, ensure_ascii=False), to_iso(now)),
        )

    async def clear(self, event_id: int, user_id: int) -> None:
        """Stop waiting for input from a user."""
        await self._conn.execute("DELETE FROM pending_inputs WHERE event_id = ? AND user_id = ?", (event_id, user_id))


class AuditRepository(Repository):
    """Append-only record of who did what."""

    async def add(
        self,
        event_id: int | None,
        actor: str,
        action: str,
        now: datetime,
        *,
        subject: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append one entry."""
        await self._conn.execute(
            "INSERT INTO audit_log (event_id, actor, action, subject, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
            (event_id, actor, action, subject, json.dumps(detail or {}, ensure_ascii=False), to_iso(now)),
        )

    async def count(self, event_id: int, action: str, subject: str) -> int:
        """How many entries of one action about one subject an event has (append-only: it never goes down)."""
        row = await self._one(
            "SELECT COUNT(*) FROM audit_log WHERE event_id = ? AND action = ? AND subject = ?",
            (event_id, action, subject),
        )
        return int(row[0]) if row else 0

    async def actions(self, event_id: int) -> list[tuple[str, str, str | None]]:
        """(actor, action, subject) of every entry of an event, oldest first."""
        rows = await self._all(
            "SELECT actor, action, subject FROM audit_log WHERE event_id = ? ORDER BY id", (event_id,)
        )
        return [(row[0], row[1], row[2]) for row in rows]


class MetaRepository(Repository):
    """Small facts about the installation (e.g. the bot's username)."""

    async def get(self, key: str) -> str | None:
        """Read a value."""
        row = await self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    async def put(self, key: str, value: str) -> None:
        """Write a value."""
        await self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


class UnitOfWork:
    """The repositories of one transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.connection = conn  # for whole-schema work only (storage/purge.py); everything else uses a repository
        self.events = EventRepository(conn)
        self.delegates = DelegateRepository(conn)
        self.tokens = TokenRepository(conn)
        self.rsvps = RsvpRepository(conn)
        self.users = UserRepository(conn)
        self.pending = PendingInputRepository(conn)
        self.audit = AuditRepository(conn)
        self.meta = MetaRepository(conn)
        self.broadcasts = BroadcastRepository(conn)
        self.deliveries = DeliveryRepository(conn)
        self.agenda = AgendaRepository(conn)
        self.proposals = ProposalRepository(conn)
        self.proposal_drafts = ProposalDraftRepository(conn)
        self.nominations = NominationRepository(conn)
        self.reminders, self.reminder_deliveries = ReminderRepository(conn), ReminderDeliveryRepository(conn)
        self.console = ConsoleRepository(conn)
        self.checkins, self.documents, self.questions = (
            CheckinRepository(conn),
            DocumentRepository(conn),
            QuestionRepository(conn),
        )
        self.tasks, self.task_notices = TaskRepository(conn), TaskNoticeRepository(conn)
        self.overview = OverviewRepository(conn)
        self.inquiries = InquiryRepository(conn)
        self.agenda_pins, self.calendar_notices = AgendaPinRepository(conn), CalendarNoticeRepository(conn)
