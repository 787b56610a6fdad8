"""Delegates' proposals: pick a topic, write, preview, confirm; list, edit or withdraw until the deadline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from bot.clock import Clock
from bot.config import ProposalSettings
from bot.services.cleaning import Problem, clean_input
from storage.db import Database
from storage.models import Delegate, Event
from storage.proposal_models import Attachment, Proposal, ProposalDraft
from storage.repositories import UnitOfWork

PENDING_AREA = "proposal"
ASK_TEXT = "proposal.text"


class ProposalOutcome(Enum):
    """What happened, and so what the bot says next."""

    ASK_CATEGORY = "ask_category"
    HAS_DRAFT = "has_draft"
    ASK_TEXT = "ask_text"
    PREVIEW = "preview"
    SAVED = "saved"
    UPDATED = "updated"
    CONFIRM_WITHDRAW = "confirm_withdraw"
    WITHDRAWN = "withdrawn"
    DISCARDED = "discarded"
    CLOSED = "closed"
    NOT_LINKED = "not_linked"
    NOT_YOURS = "not_yours"
    LOCKED = "locked"  # the committee has handled it: no more edits or withdrawal
    NO_DRAFT = "no_draft"
    UNKNOWN_CATEGORY = "unknown_category"
    TOO_LONG = "too_long"
    TOO_BIG = "too_big"
    EMPTY = "empty"
    NOTHING_PENDING = "nothing_pending"


@dataclass(frozen=True)
class ProposalResult:
    """The outcome with what the reply needs."""

    outcome: ProposalOutcome
    delegate: Delegate | None = None
    draft: ProposalDraft | None = None
    proposal: Proposal | None = None
    count: int = 0
    limit: int = 0


def editable(proposal: Proposal) -> bool:
    """Editing and withdrawing are for proposals the committee has not handled yet (still 'received')."""
    return proposal.status == "received" and not proposal.withdrawn


def handled_at(proposal: Proposal) -> datetime:
    """When the committee answered the proposal, or last changed its status."""
    return proposal.answered_at or proposal.updated_at


class ProposalService:
    """Drafts live in SQLite (proposal_drafts) so a half-written proposal survives restarts."""

    def __init__(self, db: Database, clock: Clock, event: Event, settings: ProposalSettings) -> None:
        self._db = db
        self._clock = clock
        self._event = event
        self.settings = settings

    def is_open(self) -> bool:
        """Whether proposals can still be sent, edited or withdrawn."""
        return self._clock.now() <= self._event.proposals_deadline

    async def start(self, user_id: int) -> ProposalResult:
        """/proposal or the card button: resume a draft, or ask for a topic."""
        async with self._db.transaction() as uow:
            delegate, refusal = await self._delegate(uow, user_id)
            if refusal:
                return refusal
            draft = await uow.proposal_drafts.get(self._event.id, user_id)
            if draft is not None and (draft.text or draft.attachment):
                await uow.pending.put(self._event.id, user_id, ASK_TEXT, {}, self._clock.now())
                return ProposalResult(ProposalOutcome.HAS_DRAFT, delegate, draft, limit=self.settings.max_length)
            return ProposalResult(ProposalOutcome.ASK_CATEGORY, delegate, draft, limit=self.settings.max_length)

    async def choose_category(self, user_id: int, code: str) -> ProposalResult:
        """A topic button: start (or re-file) the draft and wait for the text."""
        if self.settings.category(code) is None:
            return ProposalResult(ProposalOutcome.UNKNOWN_CATEGORY)
        async with self._db.transaction() as uow:
            delegate, refusal = await self._delegate(uow, user_id)
            if refusal:
                return refusal
            assert delegate is not None
            old = await uow.proposal_drafts.get(self._event.id, user_id)
            if old is None:
                draft = ProposalDraft(self._event.id, user_id, delegate.id, None, code, "", "text", None)
            else:
                draft = replace(
                    old,
                    category=code,
                    step="preview" if old.text and len(old.text) <= self.settings.max_length else "text",
                )
            return await self._store(
                uow, draft, ProposalOutcome.PREVIEW if draft.step == "preview" else ProposalOutcome.ASK_TEXT
            )

    async def submit_text(self, user_id: int, raw: str) -> ProposalResult:
        """The text typed while a proposal is being written; too long is refused but kept in the draft."""
        async with self._db.transaction() as uow:
            delegate, draft, refusal = await self._draft(uow, user_id)
            if refusal:
                return refusal
            assert draft is not None
            limit = self.settings.max_length
            cleaned = clean_input(raw, limit)
            value = cleaned.text
            if cleaned.problem is Problem.EMPTY:
                return ProposalResult(ProposalOutcome.EMPTY, delegate, draft, limit=limit)
            if cleaned.problem is Problem.TOO_LONG:
                await uow.proposal_drafts.save(replace(draft, text=value, step="text"), self._clock.now())
                return ProposalResult(ProposalOutcome.TOO_LONG, delegate, draft, count=len(value), limit=limit)
            return await self._store(uow, replace(draft, text=value, step="preview"), ProposalOutcome.PREVIEW)

    async def attach(self, user_id: int, attachment: Attachment, caption: str | None) -> ProposalResult:
        """A photo or document sent while writing: kept if small enough (a caption counts as the text)."""
        async with self._db.transaction() as uow:
            delegate, draft, refusal = await self._draft(uow, user_id)
            if refusal:
                return refusal
            assert draft is not None
            limit = self.settings.max_attachment_bytes
            if attachment.size > limit or limit == 0:
                return ProposalResult(ProposalOutcome.TOO_BIG, delegate, draft, count=attachment.size, limit=limit)
            cleaned = clean_input(caption, self.settings.max_length)
            text = cleaned.text or draft.text  # a caption of invisible characters is no caption
            if len(text) > self.settings.max_length:
                await uow.proposal_drafts.save(replace(draft, text=text, step="text"), self._clock.now())
                return ProposalResult(
                    ProposalOutcome.TOO_LONG, delegate, draft, count=len(text), limit=self.settings.max_length
                )
            updated = replace(draft, attachment=attachment, text=text, step="preview" if text else "text")
            return await self._store(uow, updated, ProposalOutcome.PREVIEW if text else ProposalOutcome.ASK_TEXT)

    async def confirm(self, user_id: int) -> ProposalResult:
        """Send the previewed draft to the organizing committee (a new proposal or an edit)."""
        async with self._db.transaction() as uow:
            delegate, draft, refusal = await self._draft(uow, user_id)
            if refusal:
                return refusal
            assert delegate is not None and draft is not None
            if draft.step != "preview" or not draft.text:
                return ProposalResult(ProposalOutcome.NO_DRAFT, delegate, draft)
            now = self._clock.now()
            await self._finish_draft(uow, user_id)
            if draft.proposal_id is None:
                proposal = await uow.proposals.insert(
                    self._event.id, delegate.id, draft.category, draft.text, draft.attachment, now
                )
                await self._audit(uow, user_id, "proposal_sent", proposal.id)
                return ProposalResult(ProposalOutcome.SAVED, delegate, proposal=proposal)
            old = await uow.proposals.get(self._event.id, draft.proposal_id)
            if old is None or old.delegate_id != delegate.id or old.withdrawn:
                return ProposalResult(ProposalOutcome.NOT_YOURS, delegate)
            if not editable(old):
                return ProposalResult(ProposalOutcome.LOCKED, delegate, proposal=old)
            await uow.proposals.update_content(old.id, draft.category, draft.text, draft.attachment, now)
            await self._audit(uow, user_id, "proposal_edited", old.id)
            return ProposalResult(
                ProposalOutcome.UPDATED, delegate, proposal=await uow.proposals.get(self._event.id, old.id)
            )

    async def discard(self, user_id: int) -> ProposalResult:
        """Drop the draft (and stop waiting for its text)."""
        async with self._db.transaction() as uow:
            had = await uow.proposal_drafts.get(self._event.id, user_id)
            await self._finish_draft(uow, user_id)
            return ProposalResult(ProposalOutcome.DISCARDED if had else ProposalOutcome.NO_DRAFT)

    async def mine(self, user_id: int) -> tuple[Delegate | None, list[Proposal]]:
        """The delegate's own proposals, withdrawn ones included."""
        async with self._db.read() as uow:
            delegate = await uow.delegates.by_user(self._event.id, user_id)
            if delegate is None:
                return None, []
            return delegate, await uow.proposals.of_delegate(self._event.id, delegate.id)

    async def begin_edit(self, user_id: int, proposal_id: int) -> ProposalResult:
        """Open a draft holding one of the delegate's proposals; the next text replaces it."""
        async with self._db.transaction() as uow:
            delegate, proposal, refusal = await self._owned(uow, user_id, proposal_id)
            if refusal:
                return refusal
            assert delegate is not None and proposal is not None
            draft = ProposalDraft(
                self._event.id,
                user_id,
                delegate.id,
                proposal.id,
                proposal.category,
                proposal.text,
                "text",
                proposal.attachment,
            )
            result = await self._store(uow, draft, ProposalOutcome.ASK_TEXT)
            return replace(result, proposal=proposal)

    async def withdraw(self, user_id: int, proposal_id: int, *, confirmed: bool) -> ProposalResult:
        """Ask to confirm, then take a proposal back."""
        async with self._db.transaction() as uow:
            delegate, proposal, refusal = await self._owned(uow, user_id, proposal_id)
            if refusal:
                return refusal
            assert proposal is not None
            if not confirmed:
                return ProposalResult(ProposalOutcome.CONFIRM_WITHDRAW, delegate, proposal=proposal)
            await uow.proposals.withdraw(proposal.id, self._clock.now())
            await self._audit(uow, user_id, "proposal_withdrawn", proposal.id)
            return ProposalResult(ProposalOutcome.WITHDRAWN, delegate, proposal=proposal)

    async def _store(self, uow: UnitOfWork, draft: ProposalDraft, outcome: ProposalOutcome) -> ProposalResult:
        now = self._clock.now()
        await uow.proposal_drafts.save(draft, now)
        await uow.pending.put(self._event.id, draft.user_id, ASK_TEXT, {}, now)
        delegate = await uow.delegates.get(self._event.id, draft.delegate_id)
        return ProposalResult(outcome, delegate, draft, limit=self.settings.max_length)

    async def _finish_draft(self, uow: UnitOfWork, user_id: int) -> None:
        await uow.proposal_drafts.delete(self._event.id, user_id)
        pending = await uow.pending.get(self._event.id, user_id)
        if pending is not None and pending.kind.startswith(f"{PENDING_AREA}."):
            await uow.pending.clear(self._event.id, user_id)

    async def _delegate(self, uow: UnitOfWork, user_id: int) -> tuple[Delegate | None, ProposalResult | None]:
        delegate = await uow.delegates.by_user(self._event.id, user_id)
        if delegate is None:
            return None, ProposalResult(ProposalOutcome.NOT_LINKED)
        if not self.is_open():
            await self._finish_draft(uow, user_id)
            return delegate, ProposalResult(ProposalOutcome.CLOSED, delegate)
        return delegate, None

    async def _draft(
        self, uow: UnitOfWork, user_id: int
    ) -> tuple[Delegate | None, ProposalDraft | None, ProposalResult | None]:
        delegate, refusal = await self._delegate(uow, user_id)
        if refusal:
            return delegate, None, refusal
        draft = await uow.proposal_drafts.get(self._event.id, user_id)
        if draft is None or delegate is None or draft.delegate_id != delegate.id:
            await self._finish_draft(uow, user_id)
            return delegate, None, ProposalResult(ProposalOutcome.NO_DRAFT, delegate)
        return delegate, draft, None

    async def _owned(
        self, uow: UnitOfWork, user_id: int, proposal_id: int
    ) -> tuple[Delegate | None, Proposal | None, ProposalResult | None]:
        delegate, refusal = await self._delegate(uow, user_id)
        if refusal:
            return delegate, None, refusal
        assert delegate is not None
        proposal = await uow.proposals.get(self._event.id, proposal_id)
        if proposal is None or proposal.delegate_id != delegate.id or proposal.withdrawn:
            return delegate, None, ProposalResult(ProposalOutcome.NOT_YOURS, delegate)
        if not editable(proposal):
            return delegate, None, ProposalResult(ProposalOutcome.LOCKED, delegate, proposal=proposal)
        return delegate, proposal, None

    async def _audit(self, uow: UnitOfWork, user_id: int, action: str, proposal_id: int) -> None:
        await uow.audit.add(
            self._event.id, f"telegram:{user_id}", action, self._clock.now(), subject=f"proposal:{proposal_id}"
        )
