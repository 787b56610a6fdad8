"""A roster sent as a document in the chat: preview what would change, then Confirm or Cancel.

The preview is kept as a pending input (kind ``roster.preview``) with the parsed rows, a nonce the Confirm button
carries and an expiry 30 minutes later, so it survives a restart; a second file while a preview is open replaces it.
Confirm imports all or nothing through `RosterService.import_entries`, exactly as `delegate-bot roster import`, and
reports the new delegates with their personal links.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.clock import Clock, from_iso, to_iso
from bot.services.pending import PendingService
from bot.services.roster import ImportReport, RosterPlan, RosterService
from bot.services.roster_file import RosterEntry, RosterFileError, RowError, parse_roster_bytes
from storage.db import Database
from storage.models import Delegate, Event

PENDING_AREA = "roster"
PREVIEW = "roster.preview"
EXPIRY = timedelta(minutes=30)
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # Telegram lets bots download (getFile) files up to 20 MB
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls")  # .xls: refused with how to save it as .xlsx
# Problems with the file as a whole (not with some rows): it is not a roster the bot can read.
FILE_REASONS = frozenset(
    {
        "unsupported_file",
        "unreadable_file",
        "not_utf8",
        "empty_file",
        "missing_column",
        "duplicate_column",
        "ambiguous_column",
        "several_sheets",
        "old_xls",
    }
)


class UploadOutcome(Enum):
    """What happened to a file or a button press."""

    PREVIEW = "preview"
    REFUSED = "refused"  # rows with errors: nothing can be imported from this file
    NOT_A_ROSTER = "not_a_roster"  # not a spreadsheet, unreadable, or no roster columns
    TOO_LARGE = "too_large"
    IMPORTED = "imported"
    CONFLICT = "conflict"  # the roster changed since the preview and the file no longer fits
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    NOTHING = "nothing"  # no open preview (already confirmed or cancelled, or an old button)


@dataclass(frozen=True)
class UploadResult:
    """An outcome with what the reply shows."""

    outcome: UploadOutcome
    file_name: str = ""
    plan: RosterPlan | None = None
    errors: tuple[RowError, ...] = ()
    nonce: int = 0
    expires_at: datetime | None = None
    report: ImportReport | None = None
    new_delegates: tuple[tuple[Delegate, str], ...] = ()


def _dump(entries: list[RosterEntry]) -> str:
    return json.dumps([dataclasses.asdict(e) for e in entries], ensure_ascii=False)


def _load(rows: str) -> list[RosterEntry]:
    return [RosterEntry(**row) for row in json.loads(rows)]


def looks_like_roster(file_name: str) -> bool:
    """Whether the file name has a spreadsheet suffix the roster reader takes."""
    return file_name.lower().endswith(SUFFIXES)


class RosterUploadService:
    """Preview, confirm and cancel of rosters uploaded by admins."""

    def __init__(
        self, db: Database, clock: Clock, event: Event, roster: RosterService, pending: PendingService
    ) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._roster = roster
        self._pending = pending

    async def preview(self, user_id: int, file_name: str, data: bytes) -> UploadResult:
        """Parse the file and compute the changes; an open preview is replaced (or closed when this file fails)."""
        await self._close(user_id)
        try:
            # A 10,000-row workbook takes seconds to read: off the event loop, so the bot keeps answering meanwhile.
            entries = await asyncio.to_thread(parse_roster_bytes, data, file_name)
        except RosterFileError as error:
            whole_file = any(e.row is None or e.reason in FILE_REASONS for e in error.errors)
            outcome = UploadOutcome.NOT_A_ROSTER if whole_file else UploadOutcome.REFUSED
            return UploadResult(outcome, file_name, errors=tuple(error.errors))
        plan = await self._roster.plan(entries)
        if plan.errors:
            return UploadResult(UploadOutcome.REFUSED, file_name, plan=plan, errors=plan.errors)
        nonce = secrets.randbelow(900_000) + 100_000
        expires = self._clock.now() + EXPIRY
        rows = await asyncio.to_thread(_dump, entries)
        await self._pending.put(
            user_id, PREVIEW, {"nonce": str(nonce), "file": file_name, "expires": to_iso(expires), "rows": rows}
        )
        return UploadResult(UploadOutcome.PREVIEW, file_name, plan=plan, nonce=nonce, expires_at=expires)

    async def confirm(self, user_id: int, nonce: int) -> UploadResult:
        """Import the previewed rows, all or nothing, by the CLI's rules."""
        async with self._db.transaction() as uow:  # taken once: a second press finds nothing
            pending = await uow.pending.get(self._event.id, user_id)
            if pending is None or pending.kind != PREVIEW or pending.data.get("nonce") != str(nonce):
                return UploadResult(UploadOutcome.NOTHING)
            await uow.pending.clear(self._event.id, user_id)
        file_name = pending.data.get("file", "")
        if self._clock.now() > from_iso(pending.data["expires"]):
            return UploadResult(UploadOutcome.EXPIRED, file_name)
        entries = await asyncio.to_thread(_load, pending.data["rows"])
        async with self._db.read() as uow:
            before = {d.id for d in await uow.delegates.all(self._event.id, include_withdrawn=True)}
        try:
            report = await self._roster.import_entries(entries, actor=f"telegram:{user_id}")
        except RosterFileError as error:
            return UploadResult(UploadOutcome.CONFLICT, file_name, errors=tuple(error.errors))
        async with self._db.read() as uow:
            added = [d for d in await uow.delegates.all(self._event.id) if d.id not in before]
            links = [(d, await uow.tokens.active_token(d.id) or "") for d in added]
        return UploadResult(UploadOutcome.IMPORTED, file_name, report=report, new_delegates=tuple(links))

    async def cancel(self, user_id: int) -> UploadResult:
        """Drop the open preview."""
        closed = await self._close(user_id)
        return UploadResult(UploadOutcome.CANCELLED if closed else UploadOutcome.NOTHING)

    async def _close(self, user_id: int) -> bool:
        pending = await self._pending.get(user_id)
        if pending is None or pending.kind != PREVIEW:
            return False
        await self._pending.clear(user_id)
        return True
