"""Meeting documents: kept on Telegram's servers (the organizer's upload gives the file_id; nothing is uploaded
again), published as a set delegates fetch with /documents, or attached to a broadcast that the delivery engine
sends by file_id through the outbox (pacing, report and resume as for text)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath

from telegram.constants import MessageLimit

from bot.clock import Clock
from bot.services.broadcasts import BroadcastService, Decision, Outcome, personal_message
from bot.services.cleaning import normalise
from storage.day_models import Document
from storage.db import Database
from storage.models import Event

SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods"})
TITLE_LIMIT = 200
_LONGEST_NAME = "Ư" * 120  # the roster's longest name, for the caption limit of a personal greeting


class DocumentOutcome(Enum):
    """What became of an organizer's request."""

    ADDED = "added"
    TOO_BIG = "too_big"
    WRONG_TYPE = "wrong_type"
    CAPTION_TOO_LONG = "caption_too_long"
    NOT_FOUND = "not_found"
    DONE = "done"


@dataclass(frozen=True)
class DocumentResult:
    """An outcome with the document and, for a broadcast, the broadcast service's outcome."""

    outcome: DocumentOutcome
    document: Document | None = None
    broadcast: Outcome | None = None
    limit_mb: int = 0


def utf16_len(value: str) -> int:
    """Length as Telegram counts it."""
    return len(value.encode("utf-16-le")) // 2


class DocumentService:
    """Adds, publishes and broadcasts documents."""

    def __init__(
        self, db: Database, clock: Clock, event: Event, broadcasts: BroadcastService, max_mb: int = 50
    ) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._broadcasts = broadcasts
        self.max_mb = max_mb

    def check(self, file_name: str, size: int) -> DocumentOutcome | None:
        """None when the file may be used; refused before anything is stored or sent."""
        if PurePath(file_name).suffix.lower() not in SUFFIXES:
            return DocumentOutcome.WRONG_TYPE
        if size > self.max_mb * 1024 * 1024:
            return DocumentOutcome.TOO_BIG
        return None

    async def add(self, uploader: int, title: str, file_name: str, file_id: str, size: int) -> DocumentResult:
        """Keep a document an organizer sent to the bot (its file_id is reused for every delegate)."""
        refusal = self.check(file_name, size)
        if refusal is not None:
            return DocumentResult(refusal, limit_mb=self.max_mb)
        title = (normalise(title or "", multiline=False) or normalise(PurePath(file_name).stem, multiline=False))[
            :TITLE_LIMIT
        ]
        now = self._clock.now()
        async with self._db.transaction() as uow:
            document = await uow.documents.add(self._event.id, title, file_name, file_id, size, uploader, now)
            await uow.audit.add(self._event.id, f"telegram:{uploader}", "document_added", now, subject=str(document.id))
        return DocumentResult(DocumentOutcome.ADDED, document)

    async def all(self) -> list[Document]:
        """Every document (organizers)."""
        async with self._db.read() as uow:
            return await uow.documents.all(self._event.id)

    async def published(self) -> list[Document]:
        """The meeting documents set delegates fetch with /documents."""
        async with self._db.read() as uow:
            return await uow.documents.all(self._event.id, published_only=True)

    async def get(self, document_id: int) -> Document | None:
        """One document."""
        async with self._db.read() as uow:
            return await uow.documents.get(self._event.id, document_id)

    async def set_published(self, document_id: int, published: bool, actor: int) -> DocumentResult:
        """Put a document in the set (or take it out)."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            document = await uow.documents.get(self._event.id, document_id)
            if document is None:
                return DocumentResult(DocumentOutcome.NOT_FOUND)
            await uow.documents.set_published(document_id, published)
            action = "document_published" if published else "document_unpublished"
            await uow.audit.add(self._event.id, f"telegram:{actor}", action, now, subject=str(document_id))
            return DocumentResult(DocumentOutcome.DONE, await uow.documents.get(self._event.id, document_id))

    async def broadcast(self, document_id: int, actor: int, caption_vi: str, caption_en: str) -> DocumentResult:
        """Queue the document to every delegate who will attend, by file_id, through the broadcast outbox, with the
        caption in each recipient's language."""
        document = await self.get(document_id)
        if document is None:
            return DocumentResult(DocumentOutcome.NOT_FOUND)
        refusal = self.check(document.file_name, document.file_size)
        if refusal is not None:
            return DocumentResult(refusal, document, limit_mb=self.max_mb)
        draft = await self._broadcasts.create_draft(actor, "attending", (), caption_vi, caption_en)
        longest = max(utf16_len(personal_message(draft, _LONGEST_NAME, language)) for language in ("vi", "en"))
        if longest > MessageLimit.CAPTION_LENGTH:
            await self._broadcasts.cancel(draft.id, actor)
            return DocumentResult(DocumentOutcome.CAPTION_TOO_LONG, document)
        async with self._db.transaction() as uow:
            await uow.documents.attach(draft.id, document_id)
        outcome = await self._broadcasts.send_now(draft.id, actor)
        return DocumentResult(DocumentOutcome.DONE, document, outcome)


__all__ = ["Decision", "DocumentOutcome", "DocumentResult", "DocumentService", "SUFFIXES"]
