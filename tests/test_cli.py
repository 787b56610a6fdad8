"""The command line: roster import (refused whole on errors), link and answer exports, reissue, bad config."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from tests.support.cli import BAD, CONFIG, GOOD


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _count(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "bot.sqlite3") as conn:
        return conn.execute("SELECT COUNT(*) FROM delegates").fetchone()[0]


def test_import_then_export_links_and_answers(config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(GOOD, encoding="utf-8-sig")
    assert main(["--config", str(config), "roster", "import", str(roster)]) == 0
    assert "thêm 2" in capsys.readouterr().out
    links = tmp_path / "links.xlsx"
    assert (
        main(["--config", str(config), "invites", "export", "--out", str(links), "--bot-username", "hoinghi_bot"]) == 0
    )
    rows = list(openpyxl.load_workbook(links).active.iter_rows(values_only=True))
    assert rows[1][2] == "Nguyễn Văn An" and rows[1][9].startswith("https://t.me/hoinghi_bot?start=")
    answers = tmp_path / "answers.csv"
    assert main(["--config", str(config), "export", "rsvps", "--out", str(answers)]) == 0
    with answers.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert len(table) == 3 and table[1][8] == "Chưa xác nhận"


def test_malformed_roster_is_refused_whole_with_rows_and_reasons(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    main(["--config", str(config), "roster", "import", str(good)])
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    assert main(["--config", str(config), "roster", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "cơ sở dữ liệu giữ nguyên" in err
    assert "Dòng 2: thiếu họ và tên" in err and "Dòng 3: số điện thoại không hợp lệ" in err
    assert "Dòng 4: mã DB3 trùng với dòng 2" in err
    assert _count(tmp_path) == 2


def test_reissue_prints_a_new_link_and_unknown_code_fails(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(GOOD, encoding="utf-8")
    main(["--config", str(config), "roster", "import", str(roster)])
    capsys.readouterr()
    assert main(["--config", str(config), "invites", "reissue", "DB1", "--bot-username", "b"]) == 0
    assert "https://t.me/b?start=" in capsys.readouterr().out
    assert main(["--config", str(config), "--lang", "en", "invites", "reissue", "NOPE", "--bot-username", "b"]) == 1
    assert "No delegate with code NOPE" in capsys.readouterr().err


def test_bad_config_stops_with_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        CONFIG.replace('rsvp_deadline = "2026-12-20 17:00"', 'rsvp_deadline = "2026-12-30 17:00"'), encoding="utf-8"
    )
    assert main(["--config", str(path), "export", "rsvps", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "rsvp_deadline" in err and "config.toml" in err


def test_run_without_token_refuses_and_never_prints_a_token(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELEGATE_BOT_TOKEN", "12345:short-secret-value")
    assert main(["--config", str(config), "run"]) == 2
    err = capsys.readouterr().err
    assert "token" in err and "short-secret-value" not in err


def test_run_with_a_token_telegram_rejects_says_so_without_the_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.sandbox.emulator import BotApiEmulator

    rejected = "987654321:AAH-not-the-sandbox-token-0000000000"
    with BotApiEmulator() as emu:
        path = tmp_path / "config.toml"
        path.write_text(
            CONFIG.replace(
                "[telegram]\n", f'[telegram]\nbase_url = "{emu.base_url}"\nbase_file_url = "{emu.base_file_url}"\n'
            ),
            encoding="utf-8",
        )
        monkeypatch.setenv("DELEGATE_BOT_TOKEN", rejected)
        assert main(["--config", str(path), "run"]) == 1
    captured = capsys.readouterr()
    assert "Không khởi động được bot" in captured.err
    assert rejected not in captured.err + captured.out
