"""Frozen records of delegates' proposals, their drafts and nominations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.models import Delegate

ProposalStatus = Literal["received", "reviewing", "selected", "answered", "merged"]
PROPOSAL_STATUSES: tuple[ProposalStatus, ...] = ("received", "reviewing", "selected", "answered", "merged")
AttachmentKind = Literal["photo", "document"]
DraftStep = Literal["text", "preview"]


@dataclass(frozen=True)
class Attachment:
    """A small photo or document sent with a proposal (kept on Telegram's servers, referenced by file_id)."""

    kind: AttachmentKind
    file_id: str
    name: str
    size: int


@dataclass(frozen=True)
class Proposal:
    """One proposal, idea or difficulty a delegate sent to the organizing committee."""

    id: int
    event_id: int
    delegate_id: int
    category: str
    text: str
    status: ProposalStatus
    answer: str | None
    answered_by: int | None
    answered_at: datetime | None
    merged_into: int | None
    attachment: Attachment | None
    created_at: datetime
    updated_at: datetime
    withdrawn_at: datetime | None

    @property
    def withdrawn(self) -> bool:
        """Whether the delegate took it back."""
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class ProposalDraft:
    """A half-written proposal (new, or an edit of proposal_id), kept in SQLite across restarts."""

    event_id: int
    user_id: int
    delegate_id: int
    proposal_id: int | None
    category: str
    text: str
    step: DraftStep
    attachment: Attachment | None


@dataclass(frozen=True)
class ProposalRow:
    """A proposal with its author, for organizers and exports."""

    proposal: Proposal
    delegate: Delegate


@dataclass(frozen=True)
class Nomination:
    """One delegate's nomination of an exemplary colleague."""

    id: int
    event_id: int
    nominator_id: int
    nominee_id: int
    criteria: tuple[str, ...]
    justification: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NominationRow:
    """A nomination with both people, for organizers and exports."""

    nomination: Nomination
    nominator: Delegate
    nominee: Delegate
