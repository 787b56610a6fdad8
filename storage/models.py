"""Frozen records returned by the repositories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

RsvpStatus = Literal["attending", "declined", "substitute"]
Language = Literal["vi", "en"]


@dataclass(frozen=True)
class Event:
    """One conference."""

    id: int
    code: str
    name: str
    venue: str
    starts_at: datetime
    rsvp_deadline: datetime
    proposals_deadline: datetime
    timezone: str


@dataclass(frozen=True)
class Delegate:
    """One person on an event's roster."""

    id: int
    event_id: int
    code: str
    full_name: str
    position: str
    department: str
    agency: str
    phone: str | None
    email: str | None
    telegram_user_id: int | None
    linked_at: datetime | None
    withdrawn_at: datetime | None = None

    @property
    def withdrawn(self) -> bool:
        """Whether the delegate was withdrawn from the conference (kept for the record, out of every count)."""
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class InviteToken:
    """A delegate's personal link token."""

    token: str
    delegate_id: int
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether the token still opens the invitation."""
        return self.revoked_at is None


@dataclass(frozen=True)
class Rsvp:
    """A delegate's answer to the invitation."""

    delegate_id: int
    status: RsvpStatus
    decline_reason: str | None
    substitute_name: str | None
    substitute_position: str | None
    answered_at: datetime


@dataclass(frozen=True)
class PendingInput:
    """What the bot is waiting for a user to type next (kept across restarts)."""

    event_id: int
    user_id: int
    kind: str
    data: dict[str, str]


@dataclass(frozen=True)
class DelegateAnswer:
    """A delegate with their answer, for exports and summaries."""

    delegate: Delegate
    rsvp: Rsvp | None
    token: str | None
