"""Frozen records of reminders and their per-recipient deliveries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ReminderKind = Literal["rsvp", "attendance", "proposals", "custom"]
ReminderStatus = Literal["scheduled", "paused", "sent", "skipped", "cancelled"]
ReminderAudience = Literal["all", "unanswered", "attending", "declined"]
ReminderDeliveryStatus = Literal["sending", "sent", "unknown", "unreachable", "failed"]


@dataclass(frozen=True)
class Reminder:
    """One scheduled reminder of an event, keyed deterministically ("rsvp:7d", "custom:3")."""

    id: int
    event_id: int
    key: str
    kind: ReminderKind
    offset_text: str | None
    due_at: datetime
    status: ReminderStatus
    audience: str | None
    text: str | None
    created_by: int | None
    sent_at: datetime | None
    late: bool


@dataclass(frozen=True)
class ReminderRecipient:
    """A linked delegate who would receive a reminder, with what the personal text needs."""

    delegate_id: int
    chat_id: int
    language: str
    full_name: str
    agency: str
    rsvp_status: str | None
    substitute_name: str | None


@dataclass(frozen=True)
class ReminderResult:
    """How sending to one claimed recipient ended."""

    delivery_id: int
    status: ReminderDeliveryStatus
    message_id: int | None = None
    error: str | None = None
