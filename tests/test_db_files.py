"""Files with personal data are private; `db backup/check/restore`; one bot per database."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import SCHEMA_VERSION, Database
from storage.files import RunLock, bot_is_running

CONFIG = """
[telegram]
organizers = [1]
token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"

[database]
path = "data/bot.sqlite3"

[event]
name = "Hội nghị gặp mặt"
venue = "Nghệ An"
starts_at = "2026-12-28 08:00"
rsvp_deadline = "2026-12-20 17:00"
proposals_deadline = "2026-12-15 17:00"
"""
ROSTER = "Mã,Họ và tên,Cơ quan,Số điện thoại\nDB1,Nguyễn Văn An,Sở Nội vụ,0912 345 678\nDB2,Trần Thị Bình,Sở Tài chính,0987 654 321\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _cli(config: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a child started with a permissive umask."""
    code = f"import os, sys; os.umask({umask}); from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=config.parent,
    )


def _names(database: Path) -> list[str]:
    with sqlite3.connect(database) as conn:
        return [row[0] for row in conn.execute("SELECT full_name FROM delegates ORDER BY code")]


def test_database_exports_and_backups_are_private_whatever_the_umask(config: Path, tmp_path: Path) -> None:
    assert _cli(config, "roster", "import", "roster.csv").returncode == 0
    assert _cli(config, "export", "rsvps", "--out", "answers.xlsx").returncode == 0
    done = _cli(config, "db", "backup", "--dir", "backups", "--keep", "3")
    assert done.returncode == 0, done.stderr
    database = tmp_path / "data" / "bot.sqlite3"
    assert _mode(tmp_path / "data") == 0o700 and _mode(tmp_path / "backups") == 0o700
    private = [database, tmp_path / "answers.xlsx", *(tmp_path / "backups").iterdir()]
    private += [p for p in (database.with_name("bot.sqlite3-wal"), database.with_name("bot.sqlite3-shm")) if p.exists()]
    assert len(private) >= 3
    assert {p.name: _mode(p) for p in private} == {p.name: 0o600 for p in private}


async def test_backup_while_the_bot_writes_holds_the_latest_commits(config: Path, tmp_path: Path) -> None:
    assert (
        await asyncio.to_thread(main, ["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 0
    )
    database = tmp_path / "data" / "bot.sqlite3"
    db = await Database.open(database)  # the running bot's connection, commits still in the WAL
    try:
        async with db.transaction() as uow:
            await uow.delegates._conn.execute("UPDATE delegates SET full_name = 'Nguyễn Văn Ấn' WHERE code = 'DB1'")
        assert database.with_name("bot.sqlite3-wal").stat().st_size > 0
        backup = ["--config", str(config), "db", "backup", "--out", str(tmp_path / "copy.sqlite3")]
        assert await asyncio.to_thread(main, backup) == 0
    finally:
        await db.close()
    copy = tmp_path / "copy.sqlite3"
    assert _names(copy) == ["Nguyễn Văn Ấn", "Trần Thị Bình"]
    assert not copy.with_name("copy.sqlite3-wal").exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_dir_keeps_the_last_n(config: Path, tmp_path: Path) -> None:
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 0
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20200101-000000", "20200102-000000", "20200103-000000"):
        (folder / f"hoinghi-{stamp}.sqlite3").write_bytes(b"old")
    assert main(["--config", str(config), "db", "backup", "--dir", str(folder), "--keep", "2"]) == 0
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 2 and kept[0] == "hoinghi-20200103-000000.sqlite3"
    assert _names(folder / kept[1]) == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_check_reports_version_and_refuses_garbage(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "db", "check"]) == 1
    assert "Chưa có cơ sở dữ liệu" in capsys.readouterr().err
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "--lang", "en", "db", "check"]) == 0
    assert f"intact, schema version {SCHEMA_VERSION} (current)" in capsys.readouterr().out
    database = tmp_path / "data" / "bot.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO _migrations (number, name) VALUES (999, 'future')")
    assert main(["--config", str(config), "--lang", "en", "db", "check"]) == 1
    assert "999" in capsys.readouterr().err
    database.write_bytes(b"this is not sqlite" * 100)
    assert main(["--config", str(config), "--lang", "en", "db", "check"]) == 1
    assert "is not the bot's database" in capsys.readouterr().err


def test_restore_refuses_while_the_bot_runs_and_bad_files(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 0
    database = tmp_path / "data" / "bot.sqlite3"
    good = tmp_path / "good.sqlite3"
    assert main(["--config", str(config), "db", "backup", "--out", str(good)]) == 0
    before = database.read_bytes()
    lock = RunLock(database)
    lock.acquire()
    try:
        assert bot_is_running(database)
        assert main(["--config", str(config), "db", "restore", str(good)]) == 1
        assert "đang chạy" in capsys.readouterr().err
    finally:
        lock.release()
    assert not bot_is_running(database)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00" * 4096)
    assert main(["--config", str(config), "--lang", "en", "db", "restore", str(junk)]) == 1
    assert "Not restoring" in capsys.readouterr().err
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO _migrations (number, name) VALUES (999, 'future')")
    assert main(["--config", str(config), "--lang", "en", "db", "restore", str(newer)]) == 1
    assert "newer release" in capsys.readouterr().err
    assert database.read_bytes() == before


def test_restore_brings_back_the_backup_and_keeps_the_old_database(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 0
    database = tmp_path / "data" / "bot.sqlite3"
    good = tmp_path / "good.sqlite3"
    assert main(["--config", str(config), "db", "backup", "--out", str(good)]) == 0
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE delegates SET full_name = 'Sai tên' WHERE code = 'DB2'")
    capsys.readouterr()
    assert main(["--config", str(config), "db", "restore", str(good)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert _names(database) == ["Nguyễn Văn An", "Trần Thị Bình"]
    (safety,) = database.parent.glob("bot.sqlite3.before-restore-*")
    assert _names(safety) == ["Nguyễn Văn An", "Sai tên"]
    assert _mode(database) == 0o600 and _mode(safety) == 0o600


def test_a_second_bot_on_the_same_database_is_refused(config: Path, tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    lock = RunLock(database)
    lock.acquire()
    try:
        refused = _cli(config, "--lang", "en", "run")
    finally:
        lock.release()
    assert refused.returncode == 1
    assert "already running" in refused.stderr and "Traceback" not in refused.stderr
    assert "ABCdefGHIjklMNOpqrSTUvwxYZ0123456789" not in refused.stderr + refused.stdout


def test_an_sqlite_too_old_for_the_bot_is_refused_with_one_line_and_nothing_created(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.db

    # Python's sqlite3 uses the system's library: Debian 11's is 3.34, without RETURNING (the broadcast engine's claim).
    monkeypatch.setattr(storage.db.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(storage.db.sqlite3, "sqlite_version", "3.34.1")
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "roster.csv")]) == 1
    assert "phiên bản 3.34.1" in (vi := capsys.readouterr().err) and "SQLite 3.35 trở lên" in vi
    assert main(["--config", str(config), "--lang", "en", "run"]) == 1
    assert "needs SQLite 3.35 or newer" in capsys.readouterr().err
    assert not (tmp_path / "data" / "bot.sqlite3").exists()
