"""Importing a parsed roster into an event, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.clock import Clock
from bot.services.invitations import new_token
from bot.services.roster_file import RosterEntry, RosterFileError, RowError
from storage.db import Database
from storage.models import Delegate, Event, Rsvp
from storage.pause import pause_point

_DETAIL_FIELDS = ("full_name", "position", "department", "agency", "phone", "email")


@dataclass(frozen=True)
class ImportReport:
    """What an import changed."""

    created: int
    updated: int
    unchanged: int
    missing: int


def _fields(entry: RosterEntry, code: str) -> dict[str, str | None]:
    return {
        "code": code,
        "full_name": entry.full_name,
        "position": entry.position,
        "department": entry.department,
        "agency": entry.agency,
        "phone": entry.phone,
        "email": entry.email,
    }


def _auto_code(number: int, taken: set[str]) -> str:
    """A fresh code for a delegate imported without one: AUTO<n> from the delegate count, skipping codes in use."""
    while f"auto{number:05d}" in taken:
        number += 1
    taken.add(f"auto{number:05d}")
    return f"AUTO{number:05d}"


def _same(delegate: Delegate, fields: dict[str, str | None]) -> bool:
    return all((getattr(delegate, name) or None) == (fields[name] or None) for name in _DETAIL_FIELDS)


def changed_fields(delegate: Delegate, entry: RosterEntry) -> tuple[str, ...]:
    """The roster fields an import of this entry would change on this delegate ("code" first when it changes)."""
    fields = _fields(entry, entry.code or delegate.code)
    names = ("code",) if fields["code"] != delegate.code else ()
    return names + tuple(n for n in _DETAIL_FIELDS if (getattr(delegate, n) or None) != (fields[n] or None))


@dataclass(frozen=True)
class RosterPlan:
    """What importing a file would do, computed without writing (the chat's preview before Confirm)."""

    created: tuple[RosterEntry, ...]
    updated: tuple[tuple[RosterEntry, Delegate, tuple[str, ...]], ...]
    unchanged: int
    missing: tuple[Delegate, ...]
    errors: tuple[RowError, ...]


class RosterService:
    """Adds and updates an event's delegates from a roster file."""

    def __init__(self, db: Database, clock: Clock, event: Event) -> None:
        self._db = db
        self._clock = clock
        self._event = event

    async def import_entries(self, entries: list[RosterEntry], actor: str) -> ImportReport:
        """Create or update delegates by code (or phone); raise RosterFileError and change nothing on conflict."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            existing = await uow.delegates.all(self._event.id, include_withdrawn=True)
            matches, errors = _match(existing, entries)
            if errors:
                raise RosterFileError(errors)
            # Free every phone that moves first, so swapping numbers never trips the unique index.
            await uow.delegates.clear_phones(
                [current.id for entry, current in zip(entries, matches) if current and current.phone != entry.phone]
            )
            # Batched writes (a few statements, not one round trip per row), all inside this one transaction.
            taken = {d.code.lower() for d in existing} | {e.code.lower() for e in entries if e.code}
            count = len(existing)
            new_rows: list[dict[str, str | None]] = []
            updates: list[tuple[int, dict[str, str | None]]] = []
            unchanged = 0
            for entry, current in zip(entries, matches):
                if current is None:
                    count += 1
                    new_rows.append({**_fields(entry, entry.code or _auto_code(count, taken)), "seat": entry.seat})
                    continue
                fields = _fields(entry, entry.code or current.code)
                if _same(current, fields) and fields["code"] == current.code:
                    unchanged += 1
                    continue
                updates.append((current.id, fields))
            await uow.delegates.update_many(updates, now)
            ids = await uow.delegates.insert_many(self._event.id, new_rows, now)
            await uow.tokens.create_many([(delegate_id, new_token()) for delegate_id in ids], now)
            created, updated = len(new_rows), len(updates)
            # The optional "Chỗ ngồi" column: new delegates got it with the insert; others get it when the file has it
            # (kept otherwise, and withdrawn ones keep theirs).
            await uow.checkins.set_seats(
                (current.id, entry.seat)
                for entry, current in zip(entries, matches)
                if current is not None and entry.seat is not None and not current.withdrawn
            )
            touched = {d.id for d in matches if d is not None}
            missing = len([d for d in existing if d.id not in touched and not d.withdrawn])
            report = ImportReport(created, updated, unchanged, missing)
            await uow.audit.add(self._event.id, actor, "roster_imported", now, detail=report.__dict__)
            await pause_point("roster.import")  # tests only: a kill lands inside the transaction
            return report

    async def plan(self, entries: list[RosterEntry]) -> RosterPlan:
        """The same matching as import_entries, without writing: new, updated (which fields), unchanged, missing."""
        async with self._db.read() as uow:
            existing = await uow.delegates.all(self._event.id, include_withdrawn=True)
        matches, errors = _match(existing, entries)
        created: list[RosterEntry] = []
        updated: list[tuple[RosterEntry, Delegate, tuple[str, ...]]] = []
        unchanged = 0
        for entry, current in zip(entries, matches):
            if current is None:
                created.append(entry)
            elif changes := changed_fields(current, entry):
                updated.append((entry, current, changes))
            else:
                unchanged += 1
        touched = {d.id for d in matches if d is not None}
        missing = tuple(d for d in existing if d.id not in touched and not d.withdrawn)
        return RosterPlan(tuple(created), tuple(updated), unchanged, missing, tuple(errors))

    async def find(self, query: str, limit: int = 8) -> tuple[list[Delegate], int]:
        """Delegates (withdrawn ones too) by exact code, else by part of the name; at most `limit`, and the count."""
        from bot.services.nominations import fold

        query = " ".join(query.split())[:100]
        if not query:
            return [], 0
        async with self._db.read() as uow:
            exact = await uow.delegates.by_code(self._event.id, query)
            if exact is not None:
                return [exact], 1
            everyone = await uow.delegates.all(self._event.id, include_withdrawn=True)
        needle = fold(query)
        matches = [d for d in everyone if needle in fold(d.full_name) or needle == fold(d.code)]
        return matches[:limit], len(matches)

    async def details(self, delegate_id: int) -> tuple[Delegate, Rsvp | None] | None:
        """A delegate (withdrawn or not) with their answer."""
        async with self._db.read() as uow:
            delegate = await uow.delegates.get(self._event.id, delegate_id)
            if delegate is None:
                return None
            return delegate, await uow.rsvps.get(delegate.id)

    async def withdraw(self, actor: str, *, code: str | None = None, delegate_id: int | None = None) -> Withdrawal:
        """Take a delegate out of the conference: link dead, out of every audience and count, history kept."""
        return await self._set_withdrawn(True, actor, code, delegate_id)

    async def restore(self, actor: str, *, code: str | None = None, delegate_id: int | None = None) -> Withdrawal:
        """Undo a withdrawal: the old link works again and the account they had is linked again if still free."""
        return await self._set_withdrawn(False, actor, code, delegate_id)

    async def _set_withdrawn(self, withdraw: bool, actor: str, code: str | None, delegate_id: int | None) -> Withdrawal:
        now = self._clock.now()
        async with self._db.transaction() as uow:
            if code is not None:
                delegate = await uow.delegates.by_code(self._event.id, code)
            else:
                delegate = await uow.delegates.get(self._event.id, delegate_id or 0)
            if delegate is None:
                return Withdrawal(WithdrawalOutcome.UNKNOWN)
            if delegate.withdrawn == withdraw:
                return Withdrawal(WithdrawalOutcome.UNCHANGED, delegate)
            relinked = False
            if withdraw:
                await uow.delegates.withdraw(delegate.id, now)
            else:
                relinked = await uow.delegates.restore(delegate.id, now)
            detail = {"telegram_user_id": delegate.telegram_user_id} if withdraw else {"relinked": relinked}
            action = "delegate_withdrawn" if withdraw else "delegate_restored"
            await uow.audit.add(self._event.id, actor, action, now, subject=delegate.code, detail=detail)
            changed = await uow.delegates.get(self._event.id, delegate.id)
        return Withdrawal(WithdrawalOutcome.DONE, changed, relinked=relinked)


class WithdrawalOutcome(Enum):
    """How a withdraw or restore ended."""

    DONE = "done"
    UNCHANGED = "unchanged"  # already withdrawn (or already on the roster, for a restore)
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Withdrawal:
    """The outcome and the delegate as they are now."""

    outcome: WithdrawalOutcome
    delegate: Delegate | None = None
    relinked: bool = False


def _match(existing: list[Delegate], entries: list[RosterEntry]) -> tuple[list[Delegate | None], list[RowError]]:
    """Find each entry's delegate by code, else by phone; report phones that stay with someone else."""
    by_code = {d.code.lower(): d for d in existing}
    by_phone = {d.phone: d for d in existing if d.phone}
    in_file = {entry.code.lower(): entry for entry in entries if entry.code}
    matches: list[Delegate | None] = []
    errors: list[RowError] = []
    claimed: dict[int, int] = {}
    for entry in entries:
        holder = by_phone.get(entry.phone) if entry.phone else None
        match = by_code.get(entry.code.lower()) if entry.code else holder
        if holder is not None and (match is None or holder.id != match.id):
            release = in_file.get(holder.code.lower())
            if release is None or release.phone == entry.phone:
                errors.append(RowError(entry.row, "phone_taken", {"value": entry.phone or "", "code": holder.code}))
        if match is not None and match.id in claimed:
            errors.append(
                RowError(entry.row, "duplicate_code", {"value": match.code, "first_row": str(claimed[match.id])})
            )
        if match is not None:
            claimed[match.id] = entry.row
        matches.append(match)
    return matches, errors
