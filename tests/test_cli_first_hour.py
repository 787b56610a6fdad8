"""Issue 16, the command line an IT person meets first: every check reads stdout/stderr and the exit code."""

from __future__ import annotations

import argparse
import csv
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from bot import cli
from bot.cli import main
from bot.sandbox.emulator import BotApiEmulator
from tests.support.cli import CONFIG, GOOD

TOKEN = "123456789:AAH-sandbox-token-000000000000000"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(GOOD, encoding="utf-8")
    assert main(["--config", str(path), "roster", "import", str(roster)]) == 0
    return path


def _db(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "bot.sqlite3")


def _active_token(tmp_path: Path, code: str) -> str:
    with _db(tmp_path) as conn:
        return conn.execute(
            "SELECT t.token FROM invite_tokens t JOIN delegates d ON d.id = t.delegate_id"
            " WHERE d.code = ? AND t.revoked_at IS NULL",
            (code,),
        ).fetchone()[0]


def _rsvp_rows(config: Path, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "answers.csv"
    assert main(["export", "rsvps", "--out", str(out), "--config", str(config)]) == 0
    with out.open(encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


# --- roster withdraw / restore ------------------------------------------------------------------------------------


def test_withdraw_takes_a_delegate_out_of_counts_and_restore_brings_them_back(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["roster", "withdraw", "db1", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Đã rút đại biểu DB1 (Nguyễn Văn An)" in out and "lịch sử được giữ lại" in out
    assert [row[1] for row in _rsvp_rows(config, tmp_path)[1:]] == ["DB2"]
    assert main(["roster", "withdraw", "DB1", "--config", str(config), "--lang", "en"]) == 0
    assert "already withdrawn" in capsys.readouterr().out
    with _db(tmp_path) as conn:  # history kept: the row and the audit entry stay
        assert conn.execute("SELECT COUNT(*) FROM delegates").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'delegate_withdrawn'").fetchone()[0] == 1
    assert main(["roster", "restore", "DB1", "--config", str(config), "--lang", "en"]) == 0
    assert "Delegate DB1 (Nguyễn Văn An) restored" in capsys.readouterr().out
    assert [row[1] for row in _rsvp_rows(config, tmp_path)[1:]] == ["DB1", "DB2"]


def test_withdraw_unknown_code_fails_with_one_line(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["roster", "withdraw", "NOPE", "--config", str(config)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "Không có đại biểu mã NOPE." and captured.out == ""


# --- options, version, help ---------------------------------------------------------------------------------------


def test_config_and_lang_work_after_the_subcommand(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["broadcasts", "list", "--config", str(config), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "No messages yet."
    assert main(["--lang", "en", "broadcasts", "list", "--config", str(config)]) == 0
    assert capsys.readouterr().out.strip() == "No messages yet."
    assert main(["--config", str(config), "broadcasts", "list"]) == 0
    assert capsys.readouterr().out.strip() == "Chưa có thông báo nào."


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"delegate-bot {cli.version()}"
    assert cli.version()[0].isdigit()


def test_help_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["roster", "--help"])
    vietnamese = capsys.readouterr().out
    assert "cách dùng: delegate-bot roster" in vietnamese and "rút một đại biểu khỏi hội nghị" in vietnamese
    with pytest.raises(SystemExit):
        main(["roster", "--help", "--lang", "en"])
    english = capsys.readouterr().out
    assert "usage: delegate-bot roster" in english and "withdraw a delegate from the conference" in english
    with pytest.raises(SystemExit) as stop:
        main(["roster", "withdraw"])
    assert stop.value.code == 2 and "thiếu tham số bắt buộc: CODE" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_argument_of_every_command_has_help(language: str) -> None:
    def walk(parser: argparse.ArgumentParser, path: str) -> list[str]:
        missing = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helped = {choice.dest for choice in action._choices_actions if choice.help}
                missing += [f"{path} {name}" for name in action.choices if name not in helped]
                for name, sub in action.choices.items():
                    missing += walk(sub, f"{path} {name}")
            elif not action.help:
                missing.append(f"{path} {action.dest}")
        return missing

    assert walk(cli._parser(language), "delegate-bot") == []


# --- one clear line, never a traceback -----------------------------------------------------------------------------


def test_missing_config_suggests_copying_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DELEGATE_BOT_CONFIG", raising=False)
    assert main(["broadcasts", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cp config.example.toml config.toml" in err and "config.toml" in err
    assert main(["broadcasts", "list", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("Config file config.toml not found.")


def test_output_in_a_missing_folder_is_one_line(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out = tmp_path / "no-such-folder" / "answers.xlsx"
    assert main(["--config", str(config), "export", "rsvps", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"Không ghi được {out}: thư mục {out.parent} không tồn tại."
    assert main(["--config", str(config), "export", "proposals", "--out", str(out), "--lang", "en"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unreadable_input_is_one_line(config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--config", str(config), "roster", "import", str(tmp_path / "missing.xlsx")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"Không đọc được {tmp_path / 'missing.xlsx'}")
    assert main(["--config", str(config), "agenda", "publish", str(tmp_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"Cannot read {tmp_path}")


def test_locked_database_is_one_line(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.db.BUSY_TIMEOUT_MS", 50)
    capsys.readouterr()
    holder = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert main(["--config", str(config), "roster", "withdraw", "DB1"]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "đang bị một tiến trình khác khóa" in err
    assert "Traceback" not in err


# --- roster headers, agenda, CSV ----------------------------------------------------------------------------------


def test_roster_without_a_name_column_lists_found_and_accepted_headers(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Mã,Người dự họp,Cơ quan\nDB9,Hồ Văn E,Sở Y tế\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(config), "roster", "import", str(bad), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "missing column Họ và tên" in err
    assert "columns in the file: “Mã”, “Người dự họp”, “Cơ quan”" in err
    assert "accepted names: “Họ và tên”" in err and "“full name”" in err


def test_publishing_an_unchanged_agenda_says_so_and_makes_no_version(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text("08:00 Khai mạc\n09:00 Tổng kết\n", encoding="utf-8")
    assert main(["--config", str(config), "agenda", "publish", str(agenda)]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "agenda", "publish", str(agenda)]) == 0
    assert "giống hệt bản số 1" in capsys.readouterr().out
    with _db(tmp_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM agenda_versions").fetchone()[0] == 1


def test_agenda_errors_follow_lang(config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(b"%PDF")
    capsys.readouterr()
    assert main(["--config", str(config), "agenda", "publish", str(agenda)]) == 1
    assert "không dùng được loại tệp “.pdf”" in capsys.readouterr().err


def test_csv_export_keeps_phones_as_text_and_says_yes(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _db(tmp_path) as conn:
        conn.execute("UPDATE delegates SET telegram_user_id = 5 WHERE code = 'DB1'")
    rows = _rsvp_rows(config, tmp_path)
    assert rows[1][6] == '="+84912345678"' and rows[2][6] == '="+84987654321"'  # Excel shows +84912345678
    assert rows[1][7] == "Có" and rows[2][7] == "Chưa"
    out = tmp_path / "answers.xlsx"
    assert main(["--config", str(config), "export", "rsvps", "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet["G2"].value == "+84912345678" and sheet["H2"].value == "Có"


# --- the bot's username -------------------------------------------------------------------------------------------


def test_reissue_without_a_known_username_refuses_before_revoking(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DELEGATE_BOT_TOKEN", raising=False)
    before = _active_token(tmp_path, "DB1")
    capsys.readouterr()
    assert main(["--config", str(config), "invites", "reissue", "DB1"]) == 2
    assert "Chưa thay đổi gì" in capsys.readouterr().err
    assert _active_token(tmp_path, "DB1") == before


def test_invites_ask_telegram_for_the_username_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with BotApiEmulator(token=TOKEN, bot_username="hoinghi_tinh_bot") as emu:
        path = tmp_path / "config.toml"
        path.write_text(
            CONFIG.replace(
                "[telegram]\n", f'[telegram]\nbase_url = "{emu.base_url}"\nbase_file_url = "{emu.base_file_url}"\n'
            ),
            encoding="utf-8",
        )
        roster = tmp_path / "roster.csv"
        roster.write_text(GOOD, encoding="utf-8")
        assert main(["--config", str(path), "roster", "import", str(roster)]) == 0
        monkeypatch.setenv("DELEGATE_BOT_TOKEN", TOKEN)
        links = tmp_path / "links.xlsx"
        assert main(["--config", str(path), "invites", "export", "--out", str(links)]) == 0
        rows = list(openpyxl.load_workbook(links).active.iter_rows(values_only=True))
        assert rows[1][9].startswith("https://t.me/hoinghi_tinh_bot?start=")
        capsys.readouterr()
        assert main(["--config", str(path), "invites", "reissue", "DB2"]) == 0
        assert "https://t.me/hoinghi_tinh_bot?start=" in capsys.readouterr().out
        assert [r.method for r in emu.request_log].count("getMe") == 1  # the second command used the stored name


def test_config_problems_follow_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        CONFIG.replace('rsvp_deadline = "2026-12-20 17:00"', 'rsvp_deadline = "2026-12-30 17:00"'), encoding="utf-8"
    )
    assert main(["broadcasts", "list", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Cấu hình không hợp lệ: ") and len(err.splitlines()) == 1
    assert "[event] rsvp_deadline: phải trước thời gian khai mạc starts_at (28/12/2026 08:00)" in err
    assert main(["broadcasts", "list", "--config", str(path), "--lang", "en"]) == 2
    assert "[event] rsvp_deadline: must be before starts_at (28/12/2026 08:00)" in capsys.readouterr().err
    path.write_text(CONFIG.replace("[database]", "[database]\npaht = 1"), encoding="utf-8")
    assert main(["broadcasts", "list", "--config", str(path)]) == 2
    assert "[database] paht: khóa không có trong cấu hình (có phải là “path”?)" in capsys.readouterr().err


def test_unrecognised_config_problems_are_shown_vietnamese_first_then_as_raised() -> None:
    from bot.config import ConfigError
    from bot.config_messages import describe

    error = ConfigError("c.toml", "event", "timezone", "is on the moon")
    assert describe(error, "vi") == "c.toml: [event] timezone: giá trị không hợp lệ (tiếng Anh: is on the moon)"
    assert describe(error, "en") == str(error) == "c.toml: [event] timezone: is on the moon"
    known = ConfigError("c.toml", "broadcast", "rate_per_second", "must be between 1 and 30")
    assert describe(known, "en") == str(known)
    assert describe(known, "vi") == "c.toml: [broadcast] rate_per_second: phải trong khoảng từ 1 đến 30"
