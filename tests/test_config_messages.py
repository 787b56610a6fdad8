"""Config problems are read by the secretariat: every problem the reader raises has its Vietnamese line
(bot/config_messages.py), English stays exactly as raised, and one not yet known is shown Vietnamese first."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, load_settings, settings_from_mapping
from bot.config_messages import describe, render_problem
from tests.support.config import SECRET, minimal

# Words of the English problems; none may be left in a Vietnamese line (quoted values and key names aside).
ENGLISH = re.compile(
    r"\b(must|is required|got|unknown|not a valid|invalid|item|entry|listed|used twice|between|at most|"
    r"file not found|does not exist|a string|an integer|no quotes|e\.g\.|such as|did you mean|section|table like|"
    r"array of|is needed|write local time|or 0 for none|is not one)\b"
)


def _set(section: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        table = data
        for part in section.split("."):
            table = table.setdefault(part, {}) if part else table
        table[key] = value

    return change


def _drop(section: str, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[section].pop(key)


CASES: dict[str, Callable[[dict[str, Any]], None]] = {
    "required_token": _drop("telegram", "token"),
    "bad_token": _set("telegram", "token", "12345"),
    "required": _drop("event", "venue"),
    "unknown_key": _set("database", "paht", "x.sqlite3"),
    "unknown_section": _set("", "databse", {"path": "x"}),
    "not_empty": _set("database", "path", " "),
    "too_long": _set("reminders", "what_to_bring", "x" * 501),
    "between": _set("broadcast", "max_in_flight", 0),
    "number": _set("broadcast", "rate_per_second", "nhanh"),
    "type": _set("broadcast", "paid", "có"),
    "one_of": _set("telegram", "mode", "push"),
    "url": _set("telegram", "base_url", "api.telegram.org"),
    "user_id_type": _set("telegram", "organizers", ["123"]),
    "user_id_positive": _set("telegram", "organizers", [-100123]),
    "required_webhook": _set("telegram", "mode", "webhook"),
    "webhook_port": lambda d: d["telegram"].update(
        mode="webhook", webhook={"url": "https://bot.example.vn:8080/t", "secret_token": SECRET}
    ),
    "characters": _set("telegram.webhook", "secret_token", "short"),
    "host": _set("telegram.webhook", "listen", "127.0.0.1 x"),
    "url_path": _set("telegram.webhook", "path", "telegram"),
    "table_section": _set("", "broadcast", 5),
    "characters (event code)": _set("event", "code", "Hội nghị"),
    "before_start": _set("event", "rsvp_deadline", "2027-01-05 08:00"),
    "after_start": _set("event", "ends_at", "2026-12-27 08:00"),
    "local_time": _set("event", "starts_at", datetime.fromisoformat("2026-12-28T08:00:00+07:00")),
    "date_and_time": _set("event", "starts_at", datetime(2026, 12, 28).date()),
    "not_a_time": _set("event", "starts_at", "ngày 28"),
    "unknown_zone": _set("event", "timezone", "Mars/Base"),
    "clock_change": lambda d: d["event"].update(timezone="Europe/Berlin", starts_at="2027-03-28 02:30"),
    "venue_pair": _set("event", "venue_latitude", 18.67),
    "contact_table": _set("event", "contact", "Lê Thị Hương"),
    "unknown_key_use": _set("event", "contact", {"name": "Lê Thị Hương", "phone": "0912 345 678", "email": "x"}),
    "name": _set("event", "contact", {"name": "", "phone": "0912 345 678"}),
    "phone_type": _set("event", "contact", {"name": "Lê Thị Hương", "phone": 912345678}),
    "phone_invalid": _set("event", "contact", {"name": "Lê Thị Hương", "phone": "12"}),
    "durations": _set("reminders", "rsvp_before", "7d"),
    "duration_item": _set("reminders", "rsvp_before", ["7 ngày"]),
    "listed_twice": _set("reminders", "rsvp_before", ["7d", "7d"]),
    "agency_table": _set("reminders", "agency_contacts", ["Sở Nội vụ"]),
    "agency_id": _set("reminders", "agency_contacts", {"Sở Nội vụ": "123"}),
    "array_of_tables": _set("proposals", "categories", "admin"),
    "categories_count": _set("proposals", "categories", []),
    "item": _set("proposals", "categories", [{"code": "A B", "vi": "Hành chính", "en": "Admin"}]),
    "code_twice": _set(
        "proposals",
        "categories",
        [{"code": "a", "vi": "Một", "en": "One"}, {"code": "a", "vi": "Hai", "en": "Two"}],
    ),
    "faq_count": _set("", "faq", [{"question": f"Hỏi {n}", "answer": "Đáp"} for n in range(31)]),
    "entry": _set("", "faq", [{"question": "", "answer": "Đáp"}]),
    "question_twice": _set(
        "",
        "faq",
        [{"question": "Gửi xe ở đâu?", "answer": "Sau hội trường"}, {"question": "Gửi xe ở đâu?", "answer": "x"}],
    ),
    "member_id": _set("committee", "members", [{"id": "1", "name": "An"}]),
    "id_twice": _set("committee", "members", [{"id": 1, "name": "An"}, {"id": 1, "name": "Bình"}]),
    "user_id_or_zero": _set("committee", "chair", -1),
    "chair": _set("committee", "chair", 42),
    "clock_time": _set("committee", "digest_at", "7 giờ"),
    "after_open": lambda d: d.setdefault("conference_day", {}).update(
        questions_open_at="2026-12-28 09:00", questions_close_at="2026-12-28 08:00"
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_problem_has_its_vietnamese_line_and_english_stays_as_raised(case: str) -> None:
    data = minimal()
    CASES[case](data)
    with pytest.raises(ConfigError) as info:
        settings_from_mapping(data, source=Path("config.toml"), env={})
    error = info.value
    assert describe(error, "en") == str(error)
    assert render_problem(error.problem, "vi") is not None, error.problem
    vietnamese = describe(error, "vi")
    assert vietnamese.startswith("config.toml: ") and "\n" not in vietnamese
    left = ENGLISH.findall(re.sub(r'"[^"]*"|“[^”]*”|\[[^\]]*\]', "", vietnamese))
    assert not left, (vietnamese, left)
    # the English text is the catalogue's English entry: the patterns and the catalogue say the same thing
    assert render_problem(error.problem, "en") == error.problem


def test_file_problems(tmp_path: Path) -> None:
    for path, content in ((tmp_path / "missing.toml", None), (tmp_path, None), (tmp_path / "bad.toml", b"[event\n")):
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(ConfigError) as info:
            load_settings(path)
        assert render_problem(info.value.problem, "vi") is not None, info.value.problem
    (tmp_path / "latin1.toml").write_bytes("name = 'Hội nghị'".encode("utf-16"))
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path / "latin1.toml")
    assert describe(info.value, "vi").endswith("không phải văn bản UTF-8; đề nghị lưu tệp ở dạng UTF-8")


def test_the_did_you_mean_hint_is_vietnamese_too() -> None:
    # (a problem not known here: tests/test_cli_first_hour.py, Vietnamese first then as raised)
    hinted = ConfigError("c.toml", "database", "paht", 'unknown key (did you mean "path"?)')
    assert describe(hinted, "vi") == "c.toml: [database] paht: khóa không có trong cấu hình (có phải là “path”?)"
