"""Issue 11's leftover: check-ins audited before the change say "staff:<id>", newer ones "telegram:<id>" — migration
14 writes the old ones the new way (same account), with one 'system' row per event saying how many it renamed, so
/audit shows them like every other action of that staff member."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import aiosqlite

from bot.sandbox.emulator import BotApiEmulator
from storage.migrations import MIGRATIONS, migrate
from tests.support.harness import ORGANIZER_ID, make_settings, running

STAFF_ID = 900002
OLD_ROWS = (
    (1, f"staff:{STAFF_ID}", "checked_in", "7", "2026-12-28T00:40:00+00:00"),
    (1, f"telegram:{ORGANIZER_ID}", "export", "rsvp", "2026-12-28T00:41:00+00:00"),
    (1, f"staff:{STAFF_ID}", "checkin_undone", "7", "2026-12-28T00:42:00+00:00"),
    (2, "cli", "roster_imported", None, "2026-12-28T00:43:00+00:00"),
    (2, "staff:someone", "checked_in", "9", "2026-12-28T00:44:00+00:00"),  # not an id: left as it was
)


async def old_database(path: Path) -> None:
    """A database of the release before migration 14 with audit rows of both spellings."""
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, MIGRATIONS[:13]) == list(range(1, 14))
        for code in ("gap-mat-2026", "hoi-nghi-khac"):  # the first is the test conference's code (make_settings)
            await conn.execute(
                """INSERT INTO events (code, name, venue, starts_at, rsvp_deadline, proposals_deadline, timezone,
                                       updated_at) VALUES (?, 'Hội nghị', 'Hội trường', '2026-12-28T01:00:00+00:00',
                   '2026-12-20T10:00:00+00:00', '2026-12-15T10:00:00+00:00', 'Asia/Ho_Chi_Minh',
                   '2026-11-01T00:00:00+00:00')""",
                (code,),
            )
        await conn.executemany(
            "INSERT INTO audit_log (event_id, actor, action, subject, at) VALUES (?, ?, ?, ?, ?)", OLD_ROWS
        )


async def test_migration_writes_staff_actors_as_telegram_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    await old_database(path)
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn) == [m.number for m in MIGRATIONS[13:]]
        async with conn.execute("SELECT event_id, actor, action, detail FROM audit_log ORDER BY id") as cursor:
            rows = await cursor.fetchall()
        assert await migrate(conn) == []
    assert [row[1] for row in rows[:5]] == [
        f"telegram:{STAFF_ID}",
        f"telegram:{ORGANIZER_ID}",
        f"telegram:{STAFF_ID}",
        "cli",
        "staff:someone",
    ]
    ((event, actor, action, detail),) = rows[5:]
    assert (event, actor, action) == (1, "system", "audit_actors_renamed")
    assert json.loads(detail) == {"rows": 2, "from": "staff:<id>", "to": "telegram:<id>"}


async def test_audit_shows_old_check_ins_like_new_ones(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await old_database(tmp_path / "bot.sqlite3")  # the path make_settings gives the bot
    settings = make_settings(tmp_path, emulator)
    settings = dataclasses.replace(
        settings, telegram=dataclasses.replace(settings.telegram, staff=frozenset({STAFF_ID}))
    )
    emulator.add_user(ORGANIZER_ID, "Văn phòng", language_code="vi")
    async with running(emulator, settings, roster=None) as h:
        assert h.services.event.id == 1
        shown = await h.say(ORGANIZER_ID, "/audit")
    lines = shown.plain_text.splitlines()
    assert any(f"tài khoản {STAFF_ID}: Điểm danh đại biểu (7)" in line for line in lines), lines
    assert any(f"tài khoản {STAFF_ID}: Hủy điểm danh (7)" in line for line in lines), lines
    assert not any("staff:" in line for line in lines)
