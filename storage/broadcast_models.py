"""Frozen records of broadcasts, their per-recipient deliveries and agenda versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Audience = Literal["all", "attending", "unanswered", "declined", "agencies", "resend"]
BroadcastStatus = Literal["draft", "awaiting_approval", "scheduled", "queued", "sending", "done", "cancelled"]
DeliveryStatus = Literal["pending", "sending", "sent", "failed", "unknown", "unreachable", "never_linked", "cancelled"]

OPEN_STATUSES: tuple[BroadcastStatus, ...] = ("draft", "awaiting_approval", "scheduled", "queued", "sending")
UNREACHED_STATUSES: tuple[DeliveryStatus, ...] = ("unreachable", "never_linked", "failed", "unknown")


@dataclass(frozen=True)
class Broadcast:
    """One organizer message to an audience, with its life-cycle state."""

    id: int
    event_id: int
    created_by: int
    audience: Audience
    agencies: tuple[str, ...]
    text_vi: str
    text_en: str | None
    status: BroadcastStatus
    scheduled_for: datetime | None
    approved_by: int | None
    resend_of: int | None
    progress_message_id: int | None
    created_at: datetime
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    submitted_by: int | None = None
    agenda_version: int | None = None  # an agenda notice: each recipient's pinned agenda is updated after it


@dataclass(frozen=True)
class Delivery:
    """One recipient of a broadcast, with what the engine needs to send to them."""

    id: int
    broadcast_id: int
    delegate_id: int
    chat_id: int | None
    language: str
    status: DeliveryStatus
    full_name: str
    attempts: int


@dataclass(frozen=True)
class DeliveryResult:
    """The outcome of sending to one recipient, as the engine records it."""

    delivery_id: int
    status: DeliveryStatus
    message_id: int | None = None
    error: str | None = None
    attempts: int = 1


@dataclass(frozen=True)
class UnreachedRow:
    """A recipient who did not (surely) get the message, with what staff need to call them."""

    code: str
    full_name: str
    position: str
    agency: str
    phone: str | None
    status: DeliveryStatus
    error: str | None


@dataclass(frozen=True)
class AgendaItem:
    """One line of the programme: a time (free text, may be empty) and a title."""

    time: str
    title: str


@dataclass(frozen=True)
class AgendaVersion:
    """A published version of the agenda."""

    event_id: int
    version: int
    items: tuple[AgendaItem, ...]
    published_by: str
    published_at: datetime
