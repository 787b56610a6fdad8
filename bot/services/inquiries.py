"""Practical questions to the Organizing Committee ("Hỏi Ban Tổ chức", issue 18).

A linked delegate writes a question (the one input cleaner, a length limit, one question per ``ASK_INTERVAL``); it
waits in a queue that admins and staff see with the delegate's name and agency; the first answer counts (who and
when are kept); an answered question can be turned into an FAQ entry that /help shows after the configured ones.
An admin can hide a configured ([[faq]]) entry from /help and show it again (kept in ``faq_hidden`` by a key made
from its Vietnamese question, so it survives restarts and reordering of the config; the file is not rewritten).
Separate from proposals (the committee) and from questions to the presidium (the meeting).
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.config import FaqEntry
from bot.services.cleaning import Problem, clean_input
from storage.db import Database
from storage.inquiry_repositories import Inquiry, StoredFaq
from storage.models import Event

MAX_QUESTION = 500
MAX_ANSWER = 1000
ASK_INTERVAL = timedelta(minutes=1)
QUEUE_SIZE = 15


class Outcome(enum.Enum):
    SAVED = "saved"
    NOT_LINKED = "not_linked"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    TOO_SOON = "too_soon"
    NOT_FOUND = "not_found"
    ALREADY = "already"
    NOT_ANSWERED = "not_answered"


@dataclass(frozen=True)
class InquiryResult:
    """What became of a question, an answer or an FAQ request."""

    outcome: Outcome
    inquiry: Inquiry | None = None
    limit: int = 0
    count: int = 0
    wait_seconds: int = 0


@dataclass(frozen=True)
class FaqResult:
    """What became of an English version or a removal of an FAQ entry."""

    outcome: Outcome
    entry: StoredFaq | None = None
    limit: int = 0
    count: int = 0


@dataclass(frozen=True)
class ConfigFaq:
    """One [[faq]] entry of the config file: its place there (from 0), its key and whether /help hides it."""

    index: int
    key: str
    entry: FaqEntry
    hidden: bool


@dataclass(frozen=True)
class ConfigFaqResult:
    """What became of hiding or showing a config entry (SAVED, ALREADY, NOT_FOUND)."""

    outcome: Outcome
    faq: ConfigFaq | None = None


def faq_key(entry: FaqEntry) -> str:
    """A config entry's key: 12 hex characters of the SHA-256 of its Vietnamese question (short ASCII for buttons)."""
    return hashlib.sha256(entry.question.encode()).hexdigest()[:12]


class InquiryService:
    """Questions, answers, the queue and FAQ entries of one conference."""

    def __init__(self, db: Database, clock: Clock, event: Event, configured: tuple[FaqEntry, ...] = ()) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self._configured = configured

    async def may_ask(self, user_id: int) -> bool:
        """Whether this Telegram account is a delegate of the conference."""
        async with self._db.read() as uow:
            return await uow.delegates.by_user(self._event.id, user_id) is not None

    async def ask(self, user_id: int, raw: str) -> InquiryResult:
        """Store a delegate's question (cleaned, limited, one per ASK_INTERVAL)."""
        cleaned = clean_input(raw, MAX_QUESTION)
        if cleaned.problem is Problem.EMPTY:
            return InquiryResult(Outcome.EMPTY)
        if cleaned.problem is Problem.TOO_LONG:
            return InquiryResult(Outcome.TOO_LONG, limit=MAX_QUESTION, count=len(cleaned.text))
        now = self._clock.now()
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            if delegate is None:
                return InquiryResult(Outcome.NOT_LINKED)
            last = await uow.inquiries.last_asked(delegate.id)
            if last is not None and now - last < ASK_INTERVAL:
                wait = ASK_INTERVAL - (now - last)
                return InquiryResult(Outcome.TOO_SOON, wait_seconds=max(1, int(wait.total_seconds()) + 1))
            inquiry_id = await uow.inquiries.add(self._event.id, delegate.id, user_id, cleaned.text, now)
            inquiry = await uow.inquiries.get(self._event.id, inquiry_id)
        return InquiryResult(Outcome.SAVED, inquiry)

    async def get(self, inquiry_id: int) -> Inquiry | None:
        """One question of this conference."""
        async with self._db.read() as uow:
            return await uow.inquiries.get(self._event.id, inquiry_id)

    async def answer(self, inquiry_id: int, by_id: int, by_name: str, raw: str) -> InquiryResult:
        """Record the answer; the first one counts (a second gets ALREADY with the first)."""
        cleaned = clean_input(raw, MAX_ANSWER)
        if cleaned.problem is Problem.EMPTY:
            return InquiryResult(Outcome.EMPTY)
        if cleaned.problem is Problem.TOO_LONG:
            return InquiryResult(Outcome.TOO_LONG, limit=MAX_ANSWER, count=len(cleaned.text))
        async with self._db.transaction() as uow:
            if await uow.inquiries.get(self._event.id, inquiry_id) is None:
                return InquiryResult(Outcome.NOT_FOUND)
            saved = await uow.inquiries.answer(inquiry_id, cleaned.text, by_id, by_name, self._clock.now())
            inquiry = await uow.inquiries.get(self._event.id, inquiry_id)
        return InquiryResult(Outcome.SAVED if saved else Outcome.ALREADY, inquiry)

    async def queue(self) -> tuple[list[Inquiry], int]:
        """The queue (unanswered first, then the latest answered) and how many wait for an answer."""
        async with self._db.read() as uow:
            return await uow.inquiries.recent(self._event.id, QUEUE_SIZE), await uow.inquiries.open_count(
                self._event.id
            )

    async def to_faq(self, inquiry_id: int) -> InquiryResult:
        """Turn an answered question into an FAQ entry (once)."""
        async with self._db.transaction() as uow:
            inquiry = await uow.inquiries.get(self._event.id, inquiry_id)
            if inquiry is None:
                return InquiryResult(Outcome.NOT_FOUND)
            if inquiry.answer is None:
                return InquiryResult(Outcome.NOT_ANSWERED, inquiry)
            if inquiry.faq_id is not None:
                return InquiryResult(Outcome.ALREADY, inquiry)
            await uow.inquiries.add_faq(self._event.id, inquiry, self._clock.now())
            inquiry = await uow.inquiries.get(self._event.id, inquiry_id)
        return InquiryResult(Outcome.SAVED, inquiry)

    async def faq(self) -> list[StoredFaq]:
        """FAQ entries made from answered questions (not removed)."""
        async with self._db.read() as uow:
            return await uow.inquiries.faq(self._event.id)

    async def faq_entry(self, faq_id: int) -> StoredFaq | None:
        """One FAQ entry (None if unknown or removed)."""
        async with self._db.read() as uow:
            return await uow.inquiries.faq_entry(self._event.id, faq_id)

    async def faq_english(self, faq_id: int, raw: str, actor: int) -> FaqResult:
        """The English version typed by the board: the first line is the question, the lines after it the answer."""
        first, _, rest = raw.strip().partition("\n")
        question, answer = clean_input(first, MAX_QUESTION), clean_input(rest, MAX_ANSWER, multiline=True)
        if question.problem is Problem.EMPTY or answer.problem is Problem.EMPTY:
            return FaqResult(Outcome.EMPTY)
        for cleaned, limit in ((question, MAX_QUESTION), (answer, MAX_ANSWER)):
            if cleaned.problem is Problem.TOO_LONG:
                return FaqResult(Outcome.TOO_LONG, limit=limit, count=len(cleaned.text))
        async with self._db.transaction() as uow:
            if await uow.inquiries.faq_entry(self._event.id, faq_id) is None:
                return FaqResult(Outcome.NOT_FOUND)
            await uow.inquiries.set_faq_english(self._event.id, faq_id, question.text, answer.text)
            await uow.audit.add(
                self._event.id, f"telegram:{actor}", "faq_english", self._clock.now(), subject=str(faq_id)
            )
            entry = await uow.inquiries.faq_entry(self._event.id, faq_id)
        return FaqResult(Outcome.SAVED, entry)

    async def remove_faq(self, faq_id: int, actor: int) -> FaqResult:
        """An admin takes an entry off /help (kept in the database with the time; audited with its question)."""
        async with self._db.transaction() as uow:
            entry = await uow.inquiries.faq_entry(self._event.id, faq_id)
            if entry is None or not await uow.inquiries.remove_faq(self._event.id, faq_id, self._clock.now()):
                return FaqResult(Outcome.NOT_FOUND)
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "faq_removed",
                self._clock.now(),
                subject=str(faq_id),
                detail={"question": entry.question},
            )
        return FaqResult(Outcome.SAVED, entry)

    async def config_faq(self, *, hidden_too: bool = False) -> list[ConfigFaq]:
        """The config file's [[faq]] entries in its order: those /help shows, or (admins) all with their state."""
        async with self._db.read() as uow:
            hidden = await uow.inquiries.hidden_config_faq(self._event.id)
        entries = [
            ConfigFaq(index, faq_key(entry), entry, faq_key(entry) in hidden)
            for index, entry in enumerate(self._configured)
        ]
        return [faq for faq in entries if hidden_too or not faq.hidden]

    async def config_faq_entry(self, index: int) -> FaqEntry | None:
        """The config entry at this place if /help shows it (None if there is none or it is hidden)."""
        for faq in await self.config_faq():
            if faq.index == index:
                return faq.entry
        return None

    async def hide_config_faq(self, key: str, actor: int) -> ConfigFaqResult:
        """An admin hides a config entry from /help (stored, audited with its question); the file stays as it is."""
        return await self._set_config_faq_hidden(key, actor, hidden=True)

    async def show_config_faq(self, key: str, actor: int) -> ConfigFaqResult:
        """An admin shows a hidden config entry in /help again (audited)."""
        return await self._set_config_faq_hidden(key, actor, hidden=False)

    async def _set_config_faq_hidden(self, key: str, actor: int, *, hidden: bool) -> ConfigFaqResult:
        faq = self.configured(key)
        if faq is None:
            return ConfigFaqResult(Outcome.NOT_FOUND)
        async with self._db.transaction() as uow:
            if hidden:
                changed = await uow.inquiries.hide_config_faq(
                    self._event.id, key, faq.entry.question, self._clock.now()
                )
            else:
                changed = await uow.inquiries.show_config_faq(self._event.id, key)
            if not changed:
                return ConfigFaqResult(Outcome.ALREADY, faq)
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "faq_config_hidden" if hidden else "faq_config_shown",
                self._clock.now(),
                subject=f"C{faq.index + 1}",
                detail={"question": faq.entry.question},
            )
        return ConfigFaqResult(Outcome.SAVED, faq)

    def configured(self, key: str) -> ConfigFaq | None:
        """The config entry with this key (its hidden state not read), None if the config has none."""
        for index, entry in enumerate(self._configured):
            if faq_key(entry) == key:
                return ConfigFaq(index, key, entry, False)
        return None
