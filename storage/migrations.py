"""Append-only numbered schema migrations, applied at start-up.

Never edit or reorder a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.day_schema import CONFERENCE_DAY
from storage.pause import pause_point


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, a name, and the statements it runs."""

    number: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial",
        (
            """CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                venue TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                rsvp_deadline TEXT NOT NULL,
                proposals_deadline TEXT NOT NULL,
                timezone TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE delegates (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                code TEXT NOT NULL,
                full_name TEXT NOT NULL,
                position TEXT NOT NULL DEFAULT '',
                department TEXT NOT NULL DEFAULT '',
                agency TEXT NOT NULL DEFAULT '',
                phone TEXT,
                email TEXT,
                telegram_user_id INTEGER,
                linked_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (event_id, code),
                UNIQUE (event_id, phone),
                UNIQUE (event_id, telegram_user_id)
            )""",
            "CREATE INDEX delegates_by_agency ON delegates(event_id, agency)",
            """CREATE TABLE invite_tokens (
                token TEXT PRIMARY KEY,
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
            """CREATE UNIQUE INDEX invite_tokens_one_active
                ON invite_tokens(delegate_id) WHERE revoked_at IS NULL""",
            """CREATE TABLE rsvps (
                delegate_id INTEGER PRIMARY KEY REFERENCES delegates(id),
                status TEXT NOT NULL CHECK (status IN ('attending', 'declined', 'substitute')),
                decline_reason TEXT,
                substitute_name TEXT,
                substitute_position TEXT,
                answered_at TEXT NOT NULL
            )""",
            """CREATE TABLE telegram_users (
                user_id INTEGER PRIMARY KEY,
                language TEXT CHECK (language IN ('vi', 'en')),
                first_seen_at TEXT NOT NULL
            )""",
            """CREATE TABLE pending_inputs (
                event_id INTEGER NOT NULL REFERENCES events(id),
                user_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                data TEXT NOT NULL DEFAULT '{}',
                updated_at TEXT NOT NULL,
                PRIMARY KEY (event_id, user_id)
            )""",
            """CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                event_id INTEGER REFERENCES events(id),
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT,
                detail TEXT NOT NULL DEFAULT '{}',
                at TEXT NOT NULL
            )""",
            "CREATE INDEX audit_log_by_event ON audit_log(event_id, at)",
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "broadcasts and agenda",
        (
            """CREATE TABLE broadcasts (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                created_by INTEGER NOT NULL,
                audience TEXT NOT NULL CHECK (audience IN ('all', 'attending', 'unanswered', 'declined', 'agencies', 'resend')),
                agencies TEXT NOT NULL DEFAULT '[]',
                text_vi TEXT NOT NULL,
                text_en TEXT,
                status TEXT NOT NULL CHECK (status IN ('draft', 'awaiting_approval', 'scheduled', 'queued', 'sending',
                                                       'done', 'cancelled')),
                scheduled_for TEXT,
                approved_by INTEGER,
                resend_of INTEGER REFERENCES broadcasts(id),
                progress_message_id INTEGER,
                created_at TEXT NOT NULL,
                queued_at TEXT,
                started_at TEXT,
                finished_at TEXT
            )""",
            "CREATE INDEX broadcasts_by_status ON broadcasts(event_id, status, id)",
            """CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY,
                broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                chat_id INTEGER,
                language TEXT NOT NULL DEFAULT 'vi',
                status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown', 'unreachable',
                                                       'never_linked', 'cancelled')),
                message_id INTEGER,
                error TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT NOT NULL,
                UNIQUE (broadcast_id, delegate_id)
            )""",
            "CREATE INDEX deliveries_by_status ON deliveries(broadcast_id, status, id)",
            """CREATE TABLE agenda_versions (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                version INTEGER NOT NULL,
                items TEXT NOT NULL,
                published_by TEXT NOT NULL,
                published_at TEXT NOT NULL,
                UNIQUE (event_id, version)
            )""",
        ),
    ),
    Migration(
        3,
        "proposals_and_nominations",
        (
            """CREATE TABLE proposals (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                category TEXT NOT NULL,
                text TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received', 'reviewing', 'selected', 'answered', 'merged')),
                answer TEXT,
                answered_by INTEGER,
                answered_at TEXT,
                merged_into INTEGER REFERENCES proposals(id),
                attachment_kind TEXT CHECK (attachment_kind IN ('photo', 'document')),
                attachment_file_id TEXT,
                attachment_name TEXT,
                attachment_size INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                withdrawn_at TEXT
            )""",
            "CREATE INDEX proposals_by_category ON proposals(event_id, category, status)",
            "CREATE INDEX proposals_by_delegate ON proposals(delegate_id)",
            """CREATE TABLE proposal_drafts (
                event_id INTEGER NOT NULL REFERENCES events(id),
                user_id INTEGER NOT NULL,
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                proposal_id INTEGER REFERENCES proposals(id),
                category TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                step TEXT NOT NULL CHECK (step IN ('text', 'preview')),
                attachment_kind TEXT CHECK (attachment_kind IN ('photo', 'document')),
                attachment_file_id TEXT,
                attachment_name TEXT,
                attachment_size INTEGER,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (event_id, user_id)
            )""",
            """CREATE TABLE nominations (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                nominator_id INTEGER NOT NULL REFERENCES delegates(id),
                nominee_id INTEGER NOT NULL REFERENCES delegates(id),
                criteria TEXT NOT NULL,
                justification TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (event_id, nominator_id, nominee_id),
                CHECK (nominator_id <> nominee_id)
            )""",
            "CREATE INDEX nominations_by_nominee ON nominations(event_id, nominee_id)",
        ),
    ),
    Migration(
        4,
        "reminders",
        (
            """CREATE TABLE reminders (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                key TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('rsvp', 'attendance', 'proposals', 'custom')),
                offset_text TEXT,
                due_at TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'paused', 'sent', 'skipped', 'cancelled')),
                audience TEXT,
                text TEXT,
                created_by INTEGER,
                created_at TEXT NOT NULL,
                sent_at TEXT,
                late INTEGER NOT NULL DEFAULT 0,
                UNIQUE (event_id, key)
            )""",
            "CREATE INDEX reminders_by_due ON reminders(event_id, status, due_at)",
            """CREATE TABLE reminder_deliveries (
                id INTEGER PRIMARY KEY,
                reminder_id INTEGER NOT NULL REFERENCES reminders(id),
                recipient TEXT NOT NULL,
                delegate_id INTEGER REFERENCES delegates(id),
                chat_id INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'unknown', 'unreachable', 'failed')),
                sent_at TEXT,
                message_id INTEGER,
                error TEXT,
                updated_at TEXT NOT NULL,
                UNIQUE (reminder_id, recipient)
            )""",
        ),
    ),
    Migration(
        5,
        "app_language",
        # The language of the person's Telegram app, kept apart from an explicit /language choice.
        ("ALTER TABLE telegram_users ADD COLUMN app_language TEXT",),
    ),
    Migration(
        6,
        "broadcast_submitter",
        # Who asked for approval: the approver must differ from the author and from the submitter.
        ("ALTER TABLE broadcasts ADD COLUMN submitted_by INTEGER",),
    ),
    Migration(
        7,
        "delegate_withdrawal",
        # A withdrawn delegate (left the post, died, duplicate) keeps their row and history but leaves every
        # audience and count; the account they had linked is kept aside so a restore can link it again.
        (
            "ALTER TABLE delegates ADD COLUMN withdrawn_at TEXT",
            "ALTER TABLE delegates ADD COLUMN withdrawn_user_id INTEGER",
        ),
    ),
    Migration(8, "conference day", CONFERENCE_DAY),
    Migration(
        9,
        "committee_tasks",
        # The organizing committee's plan (issue 13): tasks, their history, and notices claimed before sending.
        (
            """CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                number INTEGER NOT NULL,
                title TEXT NOT NULL,
                group_name TEXT NOT NULL DEFAULT '',
                owner_id INTEGER NOT NULL,
                owner_label TEXT NOT NULL DEFAULT '',
                deadline TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('assigned', 'accepted', 'done', 'blocked')),
                blocked_reason TEXT,
                blocked_at TEXT,
                progress TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                done_at TEXT,
                UNIQUE (event_id, number)
            )""",
            "CREATE INDEX tasks_by_owner ON tasks(event_id, owner_id, deadline)",
            """CREATE TABLE task_notes (
                id INTEGER PRIMARY KEY,
                task_id INTEGER NOT NULL REFERENCES tasks(id),
                author_id INTEGER,
                kind TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX task_notes_by_task ON task_notes(task_id, id)",
            """CREATE TABLE task_notices (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                key TEXT NOT NULL,
                chat_id INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'unknown', 'unreachable', 'failed', 'skipped')),
                message_id INTEGER,
                error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (event_id, key, chat_id)
            )""",
        ),
    ),
    Migration(
        10,
        "practical questions",
        # "Hỏi Ban Tổ chức" (issue 18): a delegate's practical question, the board's answer (who and when), and the
        # FAQ entries made from answered ones.
        (
            """CREATE TABLE inquiries (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                user_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                asked_at TEXT NOT NULL,
                answer TEXT,
                answered_by INTEGER,
                answered_by_name TEXT,
                answered_at TEXT,
                faq_id INTEGER
            )""",
            "CREATE INDEX inquiries_by_delegate ON inquiries (delegate_id, asked_at)",
            """CREATE TABLE faq_entries (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        11,
        "phone: pinned agenda, calendar notices, bilingual faq",
        # Issue 18: the agenda message pinned in each attending delegate's chat (edited in place by the agenda's
        # broadcasts), the calendar change notice claimed per recipient, FAQ entries in English too and removable.
        (
            "ALTER TABLE broadcasts ADD COLUMN agenda_version INTEGER",
            """CREATE TABLE agenda_pins (
                event_id INTEGER NOT NULL REFERENCES events(id),
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                chat_id INTEGER NOT NULL,
                message_id INTEGER,
                version INTEGER NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('pinned', 'edited', 'failed')),
                broadcast_id INTEGER REFERENCES broadcasts(id),
                error TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (event_id, delegate_id)
            )""",
            """CREATE TABLE calendar_notices (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES events(id),
                sequence INTEGER NOT NULL,
                delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                chat_id INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'unknown', 'unreachable', 'failed')),
                message_id INTEGER,
                error TEXT,
                updated_at TEXT NOT NULL,
                UNIQUE (event_id, sequence, delegate_id)
            )""",
            "ALTER TABLE faq_entries ADD COLUMN question_en TEXT",
            "ALTER TABLE faq_entries ADD COLUMN answer_en TEXT",
            "ALTER TABLE faq_entries ADD COLUMN removed_at TEXT",
        ),
    ),
    Migration(
        12,
        "calendar notices: resend to unknown",
        # Issue 18's leftover: the organizer's one resend of a change notice whose delivery is unknown ('asked' by the
        # confirmed tap, 'done' once claimed for sending): never a second resend, never to a delegate it reached.
        ("ALTER TABLE calendar_notices ADD COLUMN resend TEXT CHECK (resend IN ('asked', 'done'))",),
    ),
    Migration(
        13,
        "faq: config entries hidden from /help",
        # Issue 18's leftover: an admin hides a [[faq]] entry of the config file from /help (/faq, confirmed, audited);
        # the config file is not rewritten. The entry is known by a key made from its Vietnamese question.
        (
            """CREATE TABLE faq_hidden (
                event_id INTEGER NOT NULL REFERENCES events(id),
                question_key TEXT NOT NULL,
                question TEXT NOT NULL,
                hidden_at TEXT NOT NULL,
                PRIMARY KEY (event_id, question_key)
            )""",
        ),
    ),
    Migration(
        14,
        "audit: staff:<id> actors written as telegram:<id>",
        # Issue 11's leftover: check-ins were audited as "staff:<id>" before every Telegram action became
        # "telegram:<id>", so /audit (which lists the organizers' and staff members' telegram:<id>) left them out. The
        # same account, one spelling: each event that had such rows gets one 'system' row saying how many were renamed.
        (
            """INSERT INTO audit_log (event_id, actor, action, subject, detail, at)
               SELECT event_id, 'system', 'audit_actors_renamed', NULL,
                      '{"rows": ' || COUNT(*) || ', "from": "staff:<id>", "to": "telegram:<id>"}',
                      strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
               FROM audit_log WHERE actor GLOB 'staff:[0-9]*' GROUP BY event_id ORDER BY event_id""",
            "UPDATE audit_log SET actor = 'telegram:' || substr(actor, 7) WHERE actor GLOB 'staff:[0-9]*'",
        ),
    ),
)


async def applied_migrations(conn: aiosqlite.Connection) -> list[int]:
    """Return the numbers of the migrations already applied."""
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    async with conn.execute("SELECT number FROM _migrations ORDER BY number") as cursor:
        return [row[0] async for row in cursor]


async def migrate(conn: aiosqlite.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply every pending migration, each in its own transaction; return the numbers applied."""
    done = set(await applied_migrations(conn))
    applied: list[int] = []
    for migration in migrations:
        if migration.number in done:
            continue
        # Not executescript: it would commit on its own and escape the transaction.
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO _migrations (number, name) VALUES (?, ?)", (migration.number, migration.name)
            )
            await pause_point(f"migration:{migration.number}")  # tests only: a kill lands inside the transaction
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        applied.append(migration.number)
    return applied
