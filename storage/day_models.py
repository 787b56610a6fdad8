"""Frozen records of the conference day: check-ins, meeting documents, questions to the presidium."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.models import Delegate, Rsvp

CheckinMethod = Literal["scan", "manual", "walk_in"]
QuestionStatus = Literal["pending", "approved", "rejected", "merged", "answered"]


@dataclass(frozen=True)
class Checkin:
    """A delegate (or the person standing in for them) entering the hall."""

    id: int
    event_id: int
    delegate_id: int
    checked_in_at: datetime
    staff_id: int
    staff_name: str
    method: CheckinMethod
    attendee_name: str | None
    attendee_position: str | None
    undone_at: datetime | None


@dataclass(frozen=True)
class Attendee:
    """A roster delegate with their seat, answer and standing check-in (if any)."""

    delegate: Delegate
    seat: str
    rsvp: Rsvp | None
    checkin: Checkin | None


@dataclass(frozen=True)
class AgencyAttendance:
    """Checked-in / expected for one agency (expected = answered attend or send a substitute; no withdrawn delegates).

    `not_here` = expected but not checked in yet (someone who came without being expected is in `checked_in` only).
    """

    agency: str
    checked_in: int
    expected: int
    not_here: int
    total: int


@dataclass(frozen=True)
class Document:
    """A meeting document kept on Telegram's servers, sent by file_id."""

    id: int
    event_id: int
    title: str
    file_name: str
    file_id: str
    file_size: int
    uploaded_by: int
    created_at: datetime
    published: bool


@dataclass(frozen=True)
class Question:
    """A delegate's question or opinion to the presidium."""

    id: int
    event_id: int
    delegate_id: int
    topic: str
    text: str
    read_name: bool
    status: QuestionStatus
    merged_into: int | None
    reason: str | None
    moderated_by: int | None
    moderated_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class RankedQuestion:
    """An approved question with its asker, how many delegates support it and how many questions merged into it."""

    question: Question
    delegate: Delegate
    support: int
    merged: int
