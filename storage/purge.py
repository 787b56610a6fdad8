"""After the conference: remove one event's personal data, keep anonymous counts (and the texts if so configured).

PLAN names every table and every column of the schema, each either scrubbed or kept with the reason; a test fails
when a migration adds a column that is in neither list, so new personal data cannot slip past the purge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import aiosqlite

DELEGATES = "delegate_id IN (SELECT id FROM delegates WHERE event_id = :event)"
EVENT = "event_id = :event"


@dataclass(frozen=True)
class TablePlan:
    """What happens to one table's rows of the event: deleted, or some columns scrubbed and the rest kept."""

    rows: str | None  # WHERE clause selecting the event's rows; None: the table is not per event (kept whole)
    delete: bool = False
    scrub: dict[str, str] = field(default_factory=dict)  # column -> SQL expression of its new value
    texts: dict[str, str] = field(default_factory=dict)  # free texts kept only when the config says so
    keep: tuple[str, ...] = ()


_NUMERIC_ID = "CASE WHEN {c} GLOB '[0-9]*' OR {c} GLOB '-[0-9]*' THEN 'purged' ELSE {c} END"


def _numeric_to_purged(column: str) -> str:
    return _NUMERIC_ID.format(c=column)


PLAN: dict[str, TablePlan] = {
    "_migrations": TablePlan(None, keep=("number", "name", "applied_at")),
    "meta": TablePlan(None, keep=("key", "value")),
    "events": TablePlan(
        None,
        keep=(
            "id",
            "code",
            "name",
            "venue",
            "starts_at",
            "rsvp_deadline",
            "proposals_deadline",
            "timezone",
            "updated_at",
        ),
    ),  # fmt: skip
    # Telegram accounts known only through this event's delegates (run first: it reads the ids before they go).
    "telegram_users": TablePlan(
        "user_id IN (SELECT telegram_user_id FROM delegates WHERE event_id = :event"
        " UNION SELECT withdrawn_user_id FROM delegates WHERE event_id = :event)"
        " AND user_id NOT IN (SELECT telegram_user_id FROM delegates WHERE event_id != :event"
        " AND telegram_user_id IS NOT NULL)",
        delete=True,
        keep=("user_id", "language", "first_seen_at", "app_language"),
    ),
    "delegates": TablePlan(
        "event_id = :event",
        scrub={"phone": "NULL", "email": "NULL", "telegram_user_id": "NULL", "withdrawn_user_id": "NULL"},
        keep=(
            "id",
            "event_id",
            "code",
            "full_name",
            "position",
            "department",
            "agency",
            "linked_at",
            "created_at",
            "updated_at",
            "withdrawn_at",
            "seat",
        ),
    ),  # fmt: skip
    "invite_tokens": TablePlan(DELEGATES, delete=True, keep=("token", "delegate_id", "created_at", "revoked_at")),
    "checkin_codes": TablePlan(DELEGATES, delete=True, keep=("delegate_id", "code", "created_at")),
    "rsvps": TablePlan(
        DELEGATES,
        scrub={"decline_reason": "NULL"},
        keep=("delegate_id", "status", "substitute_name", "substitute_position", "answered_at"),
    ),
    "pending_inputs": TablePlan(EVENT, delete=True, keep=("event_id", "user_id", "kind", "data", "updated_at")),
    "audit_log": TablePlan(
        EVENT,
        scrub={"actor": _numeric_to_purged("actor"), "subject": "NULL", "detail": "''"},
        keep=("id", "event_id", "action", "at"),
    ),
    "broadcasts": TablePlan(
        EVENT,
        scrub={"created_by": "0", "approved_by": "NULL", "submitted_by": "NULL"},
        keep=(
            "id",
            "event_id",
            "audience",
            "agencies",
            "text_vi",
            "text_en",
            "status",
            "scheduled_for",
            "resend_of",
            "progress_message_id",
            "created_at",
            "queued_at",
            "started_at",
            "finished_at",
            "document_id",
            "agenda_version",
        ),
    ),  # fmt: skip
    "deliveries": TablePlan(
        "broadcast_id IN (SELECT id FROM broadcasts WHERE event_id = :event)",
        scrub={"chat_id": "NULL", "message_id": "NULL"},
        keep=("id", "broadcast_id", "delegate_id", "language", "status", "error", "attempts", "updated_at"),
    ),
    "agenda_versions": TablePlan(
        EVENT,
        scrub={"published_by": _numeric_to_purged("published_by")},
        keep=("id", "event_id", "version", "items", "published_at"),
    ),
    "proposals": TablePlan(
        EVENT,
        scrub={
            "answered_by": "NULL",
            "attachment_kind": "NULL",
            "attachment_file_id": "NULL",
            "attachment_name": "NULL",
            "attachment_size": "NULL",
        },
        texts={"text": "''"},
        keep=(
            "id",
            "event_id",
            "delegate_id",
            "category",
            "status",
            "answer",
            "answered_at",
            "merged_into",
            "created_at",
            "updated_at",
            "withdrawn_at",
        ),
    ),  # fmt: skip
    "proposal_drafts": TablePlan(
        EVENT,
        delete=True,
        keep=(
            "event_id",
            "user_id",
            "delegate_id",
            "proposal_id",
            "category",
            "text",
            "step",
            "attachment_kind",
            "attachment_file_id",
            "attachment_name",
            "attachment_size",
            "updated_at",
        ),
    ),  # fmt: skip
    "nominations": TablePlan(
        EVENT,
        scrub={"justification": "''"},
        keep=("id", "event_id", "nominator_id", "nominee_id", "criteria", "created_at", "updated_at"),
    ),
    "reminders": TablePlan(
        EVENT,
        scrub={"created_by": "NULL"},
        keep=(
            "id",
            "event_id",
            "key",
            "kind",
            "offset_text",
            "due_at",
            "status",
            "audience",
            "text",
            "created_at",
            "sent_at",
            "late",
        ),
    ),  # fmt: skip
    "reminder_deliveries": TablePlan(
        "reminder_id IN (SELECT id FROM reminders WHERE event_id = :event)",
        scrub={"recipient": "'purged-' || id", "chat_id": "0", "message_id": "NULL"},
        keep=("id", "reminder_id", "delegate_id", "status", "sent_at", "error", "updated_at"),
    ),
    "checkins": TablePlan(
        EVENT,
        scrub={"staff_id": "0", "staff_name": "''", "undone_by": "NULL"},
        keep=(
            "id",
            "event_id",
            "delegate_id",
            "checked_in_at",
            "method",
            "attendee_name",
            "attendee_position",
            "undone_at",
        ),
    ),  # fmt: skip
    "documents": TablePlan(
        EVENT,
        scrub={"uploaded_by": "0"},
        keep=(
            "id",
            "event_id",
            "title",
            "file_name",
            "file_id",
            "file_size",
            "created_at",
            "published",
            "removed_at",
        ),
    ),  # fmt: skip
    "questions": TablePlan(
        EVENT,
        scrub={"moderated_by": "NULL", "reason": "NULL"},
        texts={"text": "''"},
        keep=(
            "id",
            "event_id",
            "delegate_id",
            "topic",
            "read_name",
            "status",
            "merged_into",
            "moderated_at",
            "created_at",
        ),
    ),  # fmt: skip
    "inquiries": TablePlan(
        EVENT,
        scrub={"user_id": "0", "answered_by": "NULL", "answered_by_name": "NULL"},
        texts={"text": "''", "answer": "NULL"},
        keep=("id", "event_id", "delegate_id", "asked_at", "answered_at", "faq_id"),
    ),
    "faq_entries": TablePlan(
        EVENT, keep=("id", "event_id", "question", "answer", "created_at", "question_en", "answer_en", "removed_at")
    ),
    # Which [[faq]] entries of the config file are hidden from /help: the config's own text, nobody's personal data.
    "faq_hidden": TablePlan(EVENT, keep=("event_id", "question_key", "question", "hidden_at")),
    # Which message is pinned in whose chat: nothing left to edit after the conference.
    "agenda_pins": TablePlan(
        EVENT,
        delete=True,
        keep=(
            "event_id",
            "delegate_id",
            "chat_id",
            "message_id",
            "version",
            "outcome",
            "broadcast_id",
            "error",
            "updated_at",
        ),
    ),  # fmt: skip
    "calendar_notices": TablePlan(
        EVENT,
        scrub={"chat_id": "0", "message_id": "NULL"},
        keep=("id", "event_id", "sequence", "delegate_id", "status", "error", "updated_at", "resend"),
    ),
    "question_support": TablePlan(
        "question_id IN (SELECT id FROM questions WHERE event_id = :event)",
        keep=("question_id", "delegate_id", "created_at"),
    ),
    "tasks": TablePlan(
        EVENT,
        scrub={"owner_id": "0", "blocked_reason": "NULL", "created_by": _numeric_to_purged("created_by")},
        keep=(
            "id",
            "event_id",
            "number",
            "title",
            "group_name",
            "owner_label",
            "deadline",
            "notes",
            "status",
            "blocked_at",
            "progress",
            "created_at",
            "updated_at",
            "done_at",
        ),
    ),  # fmt: skip
    "task_notes": TablePlan(
        "task_id IN (SELECT id FROM tasks WHERE event_id = :event)",
        scrub={"author_id": "NULL"},
        keep=("id", "task_id", "kind", "text", "created_at"),
    ),
    "task_notices": TablePlan(
        EVENT,
        scrub={"chat_id": "0", "message_id": "NULL"},
        keep=("id", "event_id", "key", "status", "error", "created_at", "updated_at"),
    ),
}


def planned_columns(plan: TablePlan) -> set[str]:
    """Every column the plan decides about."""
    return set(plan.scrub) | set(plan.texts) | set(plan.keep)


async def purge_event(conn: aiosqlite.Connection, event_id: int, *, keep_texts: bool) -> dict[str, int]:
    """Apply PLAN to one event inside the caller's transaction; rows touched per table."""
    touched: dict[str, int] = {}
    for table, plan in PLAN.items():
        if plan.rows is None:
            continue
        if plan.delete:
            cursor = await conn.execute(f"DELETE FROM {table} WHERE {plan.rows}", {"event": event_id})
        else:
            changes = dict(plan.scrub) | ({} if keep_texts else dict(plan.texts))
            if not changes:
                continue
            assignments = ", ".join(f"{column} = {value}" for column, value in changes.items())
            cursor = await conn.execute(f"UPDATE {table} SET {assignments} WHERE {plan.rows}", {"event": event_id})
        touched[table] = cursor.rowcount
        await cursor.close()
    return touched
