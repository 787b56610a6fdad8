"""`data purge`: one event's personal data is gone from every table, counts and the other event stay."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import Database
from storage.files import RunLock
from storage.purge import PLAN, planned_columns

CONFIG = """
[telegram]
organizers = [1]

[database]
path = "bot.sqlite3"

[event]
code = "{code}"
name = "Hội nghị {code}"
venue = "Nghệ An"
starts_at = "2026-12-28 08:00"
rsvp_deadline = "2026-12-20 17:00"
proposals_deadline = "2026-12-15 17:00"
"""
ROSTER = "Mã,Họ và tên,Cơ quan,Số điện thoại,Email\n{rows}"


def _write_config(folder: Path, code: str) -> Path:
    path = folder / f"{code}.toml"
    path.write_text(CONFIG.format(code=code), encoding="utf-8")
    return path


def _import(folder: Path, config: Path, prefix: str, phones: list[str]) -> None:
    rows = "".join(
        f"{prefix}{n},Đại biểu {prefix} {n},Sở Nội vụ,{phone},{prefix.lower()}{n}@example.vn\n"
        for n, phone in enumerate(phones, 1)
    )
    roster = folder / f"{prefix}.csv"
    roster.write_text(ROSTER.format(rows=rows), encoding="utf-8")
    assert main(["--config", str(config), "roster", "import", str(roster)]) == 0


def _personal_setup(database: Path, event_code: str, first_user: int) -> dict[str, list[object]]:
    """Link every delegate of the event, answer, propose and nominate; return the personal values planted."""
    with sqlite3.connect(database) as conn:
        (event_id,) = conn.execute("SELECT id FROM events WHERE code = ?", (event_code,)).fetchone()
        ids = [row[0] for row in conn.execute("SELECT id FROM delegates WHERE event_id = ? ORDER BY id", (event_id,))]
        users = [first_user + n for n in range(len(ids))]
        for delegate_id, user in zip(ids, users):
            conn.execute("UPDATE delegates SET telegram_user_id = ? WHERE id = ?", (user, delegate_id))
            conn.execute("INSERT INTO telegram_users (user_id, first_seen_at) VALUES (?, '2026-12-01')", (user,))
            conn.execute(
                "INSERT INTO rsvps (delegate_id, status, decline_reason, answered_at) VALUES (?, 'declined', ?, 'x')",
                (delegate_id, f"LYDO-{event_code} {user}"),
            )
            conn.execute(
                "INSERT INTO proposals (event_id, delegate_id, category, text, status, attachment_kind,"
                " attachment_file_id, created_at, updated_at) VALUES (?, ?, 'reform', 'Đề nghị rút gọn thủ tục',"
                " 'received', 'photo', ?, 'x', 'x')",
                (event_id, delegate_id, f"FILE-{user}"),
            )
            conn.execute(
                "INSERT INTO pending_inputs (event_id, user_id, kind, data, updated_at) VALUES (?, ?, 'rsvp.reason', "
                "'{}', 'x')",
                (event_id, user),
            )
        conn.execute(
            "INSERT INTO nominations (event_id, nominator_id, nominee_id, criteria, justification, created_at,"
            " updated_at) VALUES (?, ?, ?, 'a', ?, 'x', 'x')",
            (event_id, ids[0], ids[1], f"NOTE-{event_code}"),
        )
        conn.execute(
            "INSERT INTO audit_log (event_id, actor, action, subject, detail, at) VALUES (?, ?, 'link', ?, ?, 'x')",
            (event_id, str(users[0]), f"delegate {ids[0]}", f'{{"user": {users[0]}}}'),
        )
        tokens = [
            row[0]
            for row in conn.execute(
                "SELECT token FROM invite_tokens t JOIN delegates d ON d.id = t.delegate_id WHERE d.event_id = ?",
                (event_id,),
            )
        ]
        phones = [row[0] for row in conn.execute("SELECT phone FROM delegates WHERE event_id = ?", (event_id,))]
        emails = [row[0] for row in conn.execute("SELECT email FROM delegates WHERE event_id = ?", (event_id,))]
    return {
        "users": list(users),
        "tokens": tokens,
        "phones": phones,
        "emails": emails,
        "secrets": [f"LYDO-{event_code}", f"NOTE-{event_code}"],
    }


def _find_anywhere(database: Path, values: list[object]) -> list[str]:
    """Every (table.column) holding one of the values, as a whole value or inside a text."""
    hits = []
    with sqlite3.connect(database) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                for column, cell in zip(columns, row):
                    for value in values:
                        if cell == value or (isinstance(cell, str) and str(value) in cell):
                            hits.append(f"{table}.{column}={value}")
    return hits


def _counts(database: Path, code: str) -> tuple[int, ...]:
    with sqlite3.connect(database) as conn:
        (event_id,) = conn.execute("SELECT id FROM events WHERE code = ?", (code,)).fetchone()
        return tuple(
            conn.execute(sql, (event_id,)).fetchone()[0]
            for sql in (
                "SELECT COUNT(*) FROM delegates WHERE event_id = ?",
                "SELECT COUNT(*) FROM rsvps JOIN delegates d ON d.id = delegate_id WHERE d.event_id = ? AND status = 'declined'",
                "SELECT COUNT(*) FROM proposals WHERE event_id = ? AND text != ''",
                "SELECT COUNT(*) FROM nominations WHERE event_id = ?",
            )
        )


def test_the_plan_decides_about_every_column_of_the_schema(tmp_path: Path) -> None:
    async def schema() -> dict[str, set[str]]:
        db = await Database.open(tmp_path / "schema.sqlite3")
        await db.close()
        with sqlite3.connect(tmp_path / "schema.sqlite3") as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}

    columns = asyncio.run(schema())
    assert set(PLAN) == set(columns), "a table is missing from storage/purge.py PLAN (or the plan names a gone one)"
    for table, plan in PLAN.items():
        assert planned_columns(plan) == columns[table], f"{table}: decide scrub/texts/keep for every column"
        assert not (set(plan.scrub) & set(plan.keep)), table


def test_purge_removes_one_events_personal_data_and_keeps_counts_and_the_other_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _write_config(tmp_path, "hn-2026"), _write_config(tmp_path, "hn-2027")
    _import(tmp_path, first, "A", ["0912000001", "0912000002", "0912000003"])
    _import(tmp_path, second, "B", ["0913000001", "0913000002"])
    database = tmp_path / "bot.sqlite3"
    planted = _personal_setup(database, "hn-2026", 7_700_001)
    other = _personal_setup(database, "hn-2027", 8_800_001)
    counts_before, other_before = _counts(database, "hn-2026"), _counts(database, "hn-2027")
    personal = [*planted["users"], *planted["tokens"], *planted["phones"], *planted["emails"], *planted["secrets"]]
    assert len(_find_anywhere(database, personal)) > 10

    assert main(["--config", str(first), "data", "purge", "--event", "hn-2026", "--confirm", "hn-2026"]) == 0
    assert "Đã xóa dữ liệu cá nhân của hội nghị hn-2026" in capsys.readouterr().out

    assert _find_anywhere(database, personal) == []
    with sqlite3.connect(database) as conn:
        audited = conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'data.purge'").fetchone()[0]
    assert audited == 1
    assert _counts(database, "hn-2026") == counts_before
    assert _counts(database, "hn-2027") == other_before
    other_values = [*other["users"], *other["tokens"], *other["phones"], *other["emails"], *other["secrets"]]
    assert len(_find_anywhere(database, other_values)) >= len(other_values)
    assert (
        not database.with_name("bot.sqlite3-wal").exists() or database.with_name("bot.sqlite3-wal").stat().st_size == 0
    )


def test_purge_is_refused_without_the_code_typed_again_or_while_the_bot_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _write_config(tmp_path, "hn-2026")
    _import(tmp_path, config, "A", ["0912000001", "0912000002"])
    database = tmp_path / "bot.sqlite3"
    planted = _personal_setup(database, "hn-2026", 7_700_001)
    present = len(_find_anywhere(database, planted["phones"] + planted["users"]))
    base = ["--config", str(config), "--lang", "en", "data", "purge", "--event", "hn-2026"]

    assert main([*base, "--confirm", "hn-2025"]) == 1
    assert "does not match" in capsys.readouterr().err
    assert main(base) == 1  # no terminal to ask on
    assert "--confirm hn-2026" in capsys.readouterr().err
    assert main(["--config", str(config), "--lang", "en", "data", "purge", "--event", "nope"]) == 1
    assert "no conference with the code nope" in capsys.readouterr().err
    lock = RunLock(database)
    lock.acquire()
    try:
        assert main([*base, "--confirm", "hn-2026"]) == 1
        assert "stop it before purging" in capsys.readouterr().err
    finally:
        lock.release()
    assert len(_find_anywhere(database, planted["phones"] + planted["users"])) == present

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "hn-2026")
    assert main(base) == 0
    assert _find_anywhere(database, planted["phones"] + planted["users"]) == []
