"""The conference day's tables (check-in, seats, documents, questions to the presidium): one migration's statements."""

from __future__ import annotations

CONFERENCE_DAY: tuple[str, ...] = (
    # The seat printed on the roster ("Chỗ ngồi"), shown at check-in and in the attendance reminder.
    "ALTER TABLE delegates ADD COLUMN seat TEXT NOT NULL DEFAULT ''",
    # A check-in code is separate from the invite token: scanning it never binds an account.
    """CREATE TABLE checkin_codes (
        delegate_id INTEGER PRIMARY KEY REFERENCES delegates(id),
        code TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE checkins (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id),
        delegate_id INTEGER NOT NULL REFERENCES delegates(id),
        checked_in_at TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        staff_name TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('scan', 'manual', 'walk_in')),
        attendee_name TEXT,
        attendee_position TEXT,
        undone_at TEXT,
        undone_by INTEGER
    )""",
    # At most one standing check-in per delegate: a second scan can never check anyone in twice.
    "CREATE UNIQUE INDEX checkins_one_standing ON checkins(delegate_id) WHERE undone_at IS NULL",
    "CREATE INDEX checkins_by_event ON checkins(event_id, checked_in_at)",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id),
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_id TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        uploaded_by INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        published INTEGER NOT NULL DEFAULT 0,
        removed_at TEXT
    )""",
    "ALTER TABLE broadcasts ADD COLUMN document_id INTEGER REFERENCES documents(id)",
    """CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id),
        delegate_id INTEGER NOT NULL REFERENCES delegates(id),
        topic TEXT NOT NULL,
        text TEXT NOT NULL,
        read_name INTEGER NOT NULL CHECK (read_name IN (0, 1)),
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'approved', 'rejected', 'merged', 'answered')),
        merged_into INTEGER REFERENCES questions(id),
        reason TEXT,
        moderated_by INTEGER,
        moderated_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX questions_by_status ON questions(event_id, status, id)",
    "CREATE INDEX questions_by_delegate ON questions(event_id, delegate_id, created_at)",
    """CREATE TABLE question_support (
        question_id INTEGER NOT NULL REFERENCES questions(id),
        delegate_id INTEGER NOT NULL REFERENCES delegates(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (question_id, delegate_id)
    )""",
)
