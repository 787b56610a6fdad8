"""Tests for bot.config: loading, defaults, validation and secret hygiene."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import (
    DEFAULT_CONFIG_PATH,
    CommitteeMember,
    ConfigError,
    LoggingSettings,
    Settings,
    load_settings,
    resolve_config_path,
    settings_from_mapping,
)
from bot.config_messages import describe
from tests.support.config import SECRET, TOKEN, minimal

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"
OTHER_TOKEN = "987654321:ZZyx_wvuTSRqpo-nmlKJIhgfEDCbaZYXw"
SOURCE = Path("config.toml")
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def build(data: dict[str, Any], **kwargs: Any) -> Settings:
    """Build settings from a mapping with an empty environment unless given."""
    kwargs.setdefault("env", {})
    kwargs.setdefault("source", SOURCE)
    return settings_from_mapping(data, **kwargs)


def error(data: dict[str, Any], **kwargs: Any) -> str:
    """Return the ConfigError text for data, checking it is a single line."""
    with pytest.raises(ConfigError) as info:
        build(data, **kwargs)
    text = str(info.value)
    assert "\n" not in text and text.startswith(f"{kwargs.get('source', SOURCE)}: ")
    return text


def write(folder: Path, text: str, name: str = "config.toml") -> Path:
    """Write a config file and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the example file and the token -------------------------------------------------


def test_example_loads_with_env_token() -> None:
    settings = load_settings(EXAMPLE, env={"DELEGATE_BOT_TOKEN": TOKEN})
    tg, event = settings.telegram, settings.event
    assert tg.token == TOKEN and tg.mode == "polling" and tg.organizers == frozenset()
    assert tg.base_url == "https://api.telegram.org/bot"
    assert tg.base_file_url == "https://api.telegram.org/file/bot"
    assert tg.messages_per_second == 30.0 and tg.per_chat_per_second == 1.0  # Telegram's limits
    assert tg.flood_burst == 20 and tg.flood_per_minute == 60
    hook = tg.webhook
    assert (hook.listen, hook.port, hook.path, hook.url) == ("127.0.0.1", 8443, "/telegram", "")
    assert settings.database.path == EXAMPLE.parent / "hoinghi.sqlite3"
    assert event.code == "hoi-nghi" and event.timezone == VN
    assert event.starts_at == datetime(2026, 12, 28, 8, 0, tzinfo=VN)
    assert event.rsvp_deadline == datetime(2026, 12, 20, 17, 0, tzinfo=VN)
    assert event.proposals_deadline == datetime(2026, 12, 25, 17, 0, tzinfo=VN)
    assert settings.source == EXAMPLE


def test_example_without_token() -> None:
    with pytest.raises(ConfigError, match=r"\[telegram\] token: is required.*DELEGATE_BOT_TOKEN"):
        load_settings(EXAMPLE, env={})
    assert load_settings(EXAMPLE, env={}, require_token=False).telegram.token == ""


def test_example_documents_every_key() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in (
        "token",
        "base_url",
        "base_file_url",
        "organizers",
        "staff",
        "mode",
        "listen",
        "port",
        "url",
        "path",
        "secret_token",
        "code",
        "name",
        "venue",
        "starts_at",
        "rsvp_deadline",
        "proposals_deadline",
        "timezone",
    ):
        assert f"\n{key} = " in text or f"\n# {key} = " in text, key


def test_env_token_overrides_file() -> None:
    assert build(minimal(), env={"DELEGATE_BOT_TOKEN": OTHER_TOKEN}).telegram.token == OTHER_TOKEN
    assert build(minimal(), env={"DELEGATE_BOT_TOKEN": ""}).telegram.token == TOKEN


def test_env_none_reads_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DELEGATE_BOT_TOKEN", OTHER_TOKEN)
    assert settings_from_mapping(minimal(), source=SOURCE).telegram.token == OTHER_TOKEN


def test_missing_token() -> None:
    data = minimal()
    del data["telegram"]
    assert error(data) == (
        "config.toml: [telegram] token: is required; set it here or in environment variable DELEGATE_BOT_TOKEN"
    )
    assert build(data, require_token=False).telegram.token == ""


@pytest.mark.parametrize(
    "bad",
    [
        "12:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",  # id too short
        "123456789:" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"[:29],  # secret part one too short
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PA.sa",  # invalid character
        "123456789-AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",  # no colon
        "١٢٣456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",  # non-ASCII digits
        TOKEN + "\n",
        " " + TOKEN,
    ],
)
def test_malformed_token_never_leaks(bad: str) -> None:
    data = minimal()
    data["telegram"]["token"] = bad
    for text in (error(data), error(data, require_token=False)):
        assert text.startswith("config.toml: [telegram] token: the value is not a valid Bot API token")
        for part in (bad.strip(), *bad.strip().replace("-", ":").split(":")):
            assert part not in text
    if bad.strip() != TOKEN:  # surrounding whitespace is stripped from the env value
        env_text = error(minimal(), env={"DELEGATE_BOT_TOKEN": bad})
        assert "from environment variable DELEGATE_BOT_TOKEN" in env_text
        assert bad.strip() not in env_text and TOKEN not in env_text


def test_env_token_whitespace_stripped() -> None:
    data = minimal()
    del data["telegram"]
    assert build(data, env={"DELEGATE_BOT_TOKEN": f" {OTHER_TOKEN}\r\n"}).telegram.token == OTHER_TOKEN
    assert "is required" in error(data, env={"DELEGATE_BOT_TOKEN": "  "})


def test_valid_token_shape_minimums() -> None:
    data = minimal()
    data["telegram"]["token"] = "123:" + "a" * 30
    assert build(data).telegram.token == "123:" + "a" * 30


def test_repr_hides_secrets() -> None:
    data = minimal()
    data["telegram"].update(mode="webhook", webhook={"url": "https://bot.example.vn/telegram", "secret_token": SECRET})
    settings = build(data)
    assert settings.telegram.webhook.secret_token == SECRET
    for text in (repr(settings), str(settings), repr(settings.telegram), str(settings.telegram.webhook)):
        assert TOKEN not in text and TOKEN.split(":")[1] not in text and SECRET not in text
    assert "https://bot.example.vn/telegram" in repr(settings)


def test_settings_are_frozen() -> None:
    settings = build(minimal())
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.event.name = "x"  # type: ignore[misc]


# --- types, values, unknown keys ----------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("telegram", "token", 123456789, "[telegram] token: must be a string, got integer"),
        ("telegram", "base_url", 5, "[telegram] base_url: must be a string, got integer"),
        ("telegram", "base_file_url", ["x"], "[telegram] base_file_url: must be a string, got array"),
        ("telegram", "organizers", 42, "[telegram] organizers: must be an array of Telegram user ids, got integer"),
        ("telegram", "mode", True, "[telegram] mode: must be a string, got boolean"),
        ("telegram", "webhook", 1, "[telegram] webhook: must be a table (a [telegram.webhook] section), got integer"),
        ("telegram.webhook", "listen", 127, "[telegram.webhook] listen: must be a string, got integer"),
        ("telegram.webhook", "port", "8443", "[telegram.webhook] port: must be an integer, got string"),
        ("telegram.webhook", "port", True, "[telegram.webhook] port: must be an integer, got boolean"),
        ("telegram.webhook", "port", 8443.0, "[telegram.webhook] port: must be an integer, got float"),
        ("telegram.webhook", "url", 1, "[telegram.webhook] url: must be a string, got integer"),
        ("telegram.webhook", "path", {}, "[telegram.webhook] path: must be a string, got table"),
        ("telegram.webhook", "secret_token", 1, "[telegram.webhook] secret_token: must be a string, got integer"),
        ("database", "path", 1, "[database] path: must be a string, got integer"),
        ("event", "code", 7, "[event] code: must be a string, got integer"),
        ("event", "name", 7, "[event] name: must be a string, got integer"),
        ("event", "venue", False, "[event] venue: must be a string, got boolean"),
        ("event", "timezone", 7, "[event] timezone: must be a string, got integer"),
        ("event", "starts_at", 20261228, "[event] starts_at: must be a date-time, got integer"),
    ],
)
def test_wrong_types(section: str, key: str, value: Any, expected: str) -> None:
    data = minimal()
    table = data
    for part in section.split("."):
        table = table.setdefault(part, {})
    table[key] = value
    assert error(data) == f"config.toml: {expected}"


def test_section_must_be_table() -> None:
    data = minimal()
    data["database"] = "hoinghi.sqlite3"
    assert error(data) == "config.toml: database: must be a table (a [database] section), got string"


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("telegram", "base_url", "ftp://api.telegram.org/bot", "must be an absolute http or https URL"),
        ("telegram", "base_url", "api.telegram.org/bot", "must be an absolute http or https URL"),
        ("telegram", "base_url", "", "must be an absolute http or https URL"),
        ("telegram", "base_file_url", "https://", "must be an absolute http or https URL"),
        ("telegram", "mode", "pull", 'must be "polling" or "webhook"'),
        ("webhook", "port", 0, "must be between 1 and 65535"),
        ("webhook", "port", 65536, "must be between 1 and 65535"),
        ("webhook", "url", "http://bot.example.vn/telegram", "must be an absolute https URL"),
        ("webhook", "path", "telegram", 'must be a URL path starting with "/"'),
        ("webhook", "listen", "", "must not be empty"),
        ("webhook", "secret_token", "has space but is long", "must be 16-256 characters of A-Z a-z 0-9 _ -"),
        ("webhook", "secret_token", "a" * 257, "must be 16-256 characters of A-Z a-z 0-9 _ -"),
        ("webhook", "secret_token", "x", "must be 16-256 characters of A-Z a-z 0-9 _ -"),
        ("webhook", "secret_token", "a" * 15, "must be 16-256 characters of A-Z a-z 0-9 _ -"),
        ("event", "code", "Hội-nghị", "must be 1-40 characters of a-z 0-9 -"),
        ("event", "code", "a" * 41, "must be 1-40 characters of a-z 0-9 -"),
        ("event", "code", "", "must not be empty"),
        ("event", "name", "   ", "must not be empty"),
        ("event", "name", "x" * 201, "must be at most 200 characters"),
        ("event", "venue", "x" * 201, "must be at most 200 characters"),
        ("database", "path", "", "must not be empty"),
        ("telegram", "per_chat_per_second", 0, "must be between 0.1 and 100"),
        ("telegram", "per_chat_per_second", "1", "must be a number, got string"),
        ("telegram", "flood_burst", 4, "must be between 5 and 100000"),
        ("telegram", "flood_per_minute", 0.5, "must be an integer, got float"),
    ],
)
def test_bad_values(section: str, key: str, value: Any, expected: str) -> None:
    data = minimal()
    table = data["telegram"].setdefault("webhook", {}) if section == "webhook" else data.setdefault(section, {})
    table[key] = value
    name = "telegram.webhook" if section == "webhook" else section
    assert error(data).startswith(f"config.toml: [{name}] {key}: {expected}")


def test_secret_token_never_echoed() -> None:
    data = minimal()
    data["telegram"]["webhook"] = {"secret_token": "Sup3r secret!"}
    text = error(data)
    assert "Sup3r" not in text and "secret!" not in text


def test_text_is_stripped_and_limits_inclusive() -> None:
    data = minimal()
    data["event"].update(name="  " + "x" * 200 + " ", code="a" * 40)
    event = build(data).event
    assert event.name == "x" * 200 and event.code == "a" * 40


@pytest.mark.parametrize(
    ("data_update", "expected"),
    [
        ({"reminderz": {"hours": 24}}, 'config.toml: [reminderz]: unknown section (did you mean "reminders"?)'),
        (
            {"telegram": {"token": TOKEN, "tokne": "x"}},
            'config.toml: [telegram] tokne: unknown key (did you mean "token"?)',
        ),
        (
            {"telegram": {"token": TOKEN, "webhok": {}}},
            'config.toml: [telegram.webhok]: unknown section (did you mean "webhook"?)',
        ),
        (
            {"telegram": {"token": TOKEN, "webhook": {"organizers": [1]}}},
            "config.toml: [telegram.webhook] organizers: unknown key (it belongs in [telegram])",
        ),
        ({"event_name": "x"}, "config.toml: event_name: unknown key (every key must be under a [section] header)"),
        ({"token": TOKEN}, "config.toml: token: unknown key (it belongs in [telegram])"),
        ({"evnt": {}}, 'config.toml: [evnt]: unknown section (did you mean "event"?)'),
        ({"database": {"path": "x.db", "zzz": 1}}, "config.toml: [database] zzz: unknown key"),
    ],
)
def test_unknown_keys_and_sections(data_update: dict[str, Any], expected: str) -> None:
    data = minimal()
    data.update(data_update)
    assert error(data) == expected


def test_missing_required_section_and_key() -> None:
    data = minimal()
    del data["event"]
    assert error(data) == "config.toml: [event]: section is missing"
    data = minimal()
    del data["event"]["venue"]
    assert error(data) == "config.toml: [event] venue: is required"


# --- times ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["rsvp_deadline", "proposals_deadline"])
@pytest.mark.parametrize("value", ["2026-12-29 08:00", "28/12/2026 08:00"])
def test_deadline_not_before_start(key: str, value: str) -> None:
    data = minimal()
    data["event"][key] = value
    assert error(data) == f"config.toml: [event] {key}: must be before starts_at (28/12/2026 08:00)"


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 12, 20, 17, 0),
        "2026-12-20 17:00",
        "2026-12-20T17:00",
        "20/12/2026 17:00",
        "2026-12-20 17:00:00",
        " 20/12/2026 17:00 ",
    ],
)
def test_accepted_time_formats(value: Any) -> None:
    data = minimal()
    data["event"]["rsvp_deadline"] = value
    assert build(data).event.rsvp_deadline == datetime(2026, 12, 20, 17, 0, tzinfo=VN)


@pytest.mark.parametrize(
    "value",
    [
        "2026-13-20 17:00",
        "20/12/2026",
        "12/20/2026 17:00",
        "2026-12-20 5pm",
        "tomorrow",
        "2026-12-20T17:00+07:00",
        "",
    ],
)
def test_bad_time_format(value: str) -> None:
    data = minimal()
    data["event"]["rsvp_deadline"] = value
    assert error(data).startswith(
        "config.toml: [event] rsvp_deadline: is not a valid date and time; "
        'write local time as 2026-12-28T08:00:00, "2026-12-28 08:00" or'
    )


def test_offset_datetime_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        EXAMPLE.read_text(encoding="utf-8").replace(
            "starts_at = 2026-12-28T08:00:00", "starts_at = 2026-12-28T08:00:00+07:00"
        ),
    )
    with pytest.raises(ConfigError, match=r"\[event\] starts_at: must be a local time without a UTC offset"):
        load_settings(path, env={"DELEGATE_BOT_TOKEN": TOKEN})


def test_date_only_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        EXAMPLE.read_text(encoding="utf-8").replace("starts_at = 2026-12-28T08:00:00", "starts_at = 2026-12-28"),
    )
    with pytest.raises(ConfigError, match=r"\[event\] starts_at: must have both a date and a time of day"):
        load_settings(path, env={"DELEGATE_BOT_TOKEN": TOKEN})


def test_bad_time_zone() -> None:
    data = minimal()
    data["event"]["timezone"] = "Asia/Hanoi"
    assert error(data) == (
        'config.toml: [event] timezone: unknown time zone "Asia/Hanoi" (use an IANA name such as "Asia/Ho_Chi_Minh")'
    )
    for bad in ("", "../etc/passwd", "/etc/localtime", "Asia"):
        data["event"]["timezone"] = bad
        assert "unknown time zone" in error(data)


def test_other_time_zone_and_nonexistent_time() -> None:
    data = minimal()
    data["event"].update(
        timezone="Europe/Berlin",
        starts_at="2026-04-10 09:00",
        rsvp_deadline="2026-03-29 03:30",
        proposals_deadline="2026-03-01 12:00",
    )
    event = build(data).event
    assert event.starts_at.utcoffset() is not None and event.starts_at.tzinfo == ZoneInfo("Europe/Berlin")
    data["event"]["rsvp_deadline"] = "2026-03-29 02:30"  # skipped by the DST change
    assert error(data) == (
        "config.toml: [event] rsvp_deadline: 29/03/2026 02:30 does not exist in Europe/Berlin (clock change)"
    )


# --- webhook, database, organizers --------------------------------------------------


def test_webhook_mode_requires_url_and_secret() -> None:
    data = minimal()
    data["telegram"]["mode"] = "webhook"
    assert error(data) == 'config.toml: [telegram.webhook] url: is required when [telegram] mode = "webhook"'
    data["telegram"]["webhook"] = {"url": "https://bot.example.vn/telegram"}
    assert error(data) == ('config.toml: [telegram.webhook] secret_token: is required when [telegram] mode = "webhook"')
    data["telegram"]["webhook"].update(secret_token=SECRET, port=443, listen="0.0.0.0")
    hook = build(data).telegram.webhook
    assert (hook.url, hook.secret_token, hook.port, hook.listen) == (
        "https://bot.example.vn/telegram",
        SECRET,
        443,
        "0.0.0.0",
    )


def test_relative_database_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('path = "hoinghi.sqlite3"', 'path = "data/hn.sqlite3"')
    path = write(tmp_path / "conf", text)
    monkeypatch.chdir(tmp_path)
    settings = load_settings(Path("conf/config.toml"), env={"DELEGATE_BOT_TOKEN": TOKEN})
    assert settings.database.path == (tmp_path / "conf" / "data" / "hn.sqlite3").resolve()
    assert settings.database.path.is_absolute() and path.exists()


def test_absolute_and_default_database_path(tmp_path: Path) -> None:
    data = minimal()
    assert build(data, source=tmp_path / "c.toml").database.path == (tmp_path / "hoinghi.sqlite3").resolve()
    data["database"] = {"path": str(tmp_path / "elsewhere" / "x.db")}
    absolute = build(data, source=Path("/srv/bot/config.toml")).database.path
    assert absolute == (tmp_path / "elsewhere" / "x.db").resolve()


def test_staff_ids_are_read_and_default_to_none() -> None:
    data = minimal()
    assert build(data).telegram.staff == frozenset()
    data["telegram"]["staff"] = [333, 444, 333]
    assert build(data).telegram.staff == frozenset({333, 444})
    data["telegram"]["staff"] = ["333"]
    with pytest.raises(ConfigError, match=r"\[telegram\] staff: item 1 must be an integer"):
        build(data)


def test_organizers_valid_and_duplicates_collapse() -> None:
    data = minimal()
    data["telegram"]["organizers"] = [111, 222, 111]
    assert build(data).telegram.organizers == frozenset({111, 222})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["123"], "item 1 must be an integer Telegram user id (no quotes), got string"),
        ([1, True], "item 2 must be an integer Telegram user id (no quotes), got boolean"),
        ([1, 2.5], "item 2 must be an integer Telegram user id (no quotes), got float"),
        ([5, -100123], "item 2 must be a positive user id"),
        ([0], "item 1 must be a positive user id"),
        ("123", "must be an array of Telegram user ids, got string"),
    ],
)
def test_organizers_rejected(value: Any, expected: str) -> None:
    data = minimal()
    data["telegram"]["organizers"] = value
    assert error(data).startswith(f"config.toml: [telegram] organizers: {expected}")


# --- files ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_settings(Path("config.toml"), env={})
    assert str(info.value) == "config.toml: file not found"


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "abc\n', name="broken.toml")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    text = str(info.value)
    assert text.startswith(f"{path}: invalid TOML: ") and "line 2" in text and "\n" not in text


def test_not_utf8_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[event]\nname = "H\xf4i ngh\xec"\n')  # legacy 8-bit encoding
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        load_settings(path, env={})
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert load_settings(path, env={"DELEGATE_BOT_TOKEN": TOKEN}).event.code == "hoi-nghi"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder, not a file"):
        load_settings(tmp_path, env={})


def test_resolve_config_path() -> None:
    env = {"DELEGATE_BOT_CONFIG": "/etc/hoinghi/bot.toml"}
    assert resolve_config_path("my.toml", env) == Path("my.toml")
    assert resolve_config_path(None, env) == Path("/etc/hoinghi/bot.toml")
    assert resolve_config_path("", {"DELEGATE_BOT_CONFIG": ""}) == DEFAULT_CONFIG_PATH == Path("config.toml")
    assert resolve_config_path(None, {}) == Path("config.toml")


# --- [proposals] ------------------------------------------------------------------------


def test_proposals_defaults_are_the_six_seed_topics() -> None:
    proposals = build(minimal()).proposals
    assert (proposals.max_length, proposals.max_attachment_bytes, proposals.max_nominations) == (
        1500,
        5 * 1024 * 1024,
        3,
    )
    assert [c.code for c in proposals.categories] == ["bottleneck", "admin", "policy", "career", "idea", "other"]
    assert proposals.category("admin") is not None and "thủ tục hành chính" in proposals.category("admin").vi
    assert proposals.category("nope") is None


def test_example_proposals_match_the_defaults() -> None:
    example = load_settings(EXAMPLE, env={}, require_token=False).proposals
    assert example == build(minimal()).proposals
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("max_length", "max_attachment_bytes", "max_nominations", "categories"):
        assert f"\n{key} = " in text or f"\n# {key} = " in text, key


def test_proposals_categories_from_toml(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
[telegram]
token = "{TOKEN}"
[event]
name = "Hội nghị"
venue = "Nghệ An"
starts_at = "2026-12-28 08:00"
rsvp_deadline = "2026-12-20 17:00"
proposals_deadline = "2026-12-15 17:00"
[proposals]
max_length = 800
max_nominations = 5
[[proposals.categories]]
code = "dn"
vi = "Điểm nghẽn"
[[proposals.categories]]
code = "hk"
vi = "Hiến kế"
en = "Ideas"
""",
    )
    proposals = load_settings(path, env={}).proposals
    assert (proposals.max_length, proposals.max_nominations) == (800, 5)
    assert [(c.code, c.vi, c.en) for c in proposals.categories] == [
        ("dn", "Điểm nghẽn", "Điểm nghẽn"),
        ("hk", "Hiến kế", "Ideas"),
    ]
    assert proposals.categories[1].label("en") == "Ideas" and proposals.categories[1].label("vi") == "Hiến kế"


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"max_length": 50}, "[proposals] max_length: must be between 100 and 3500"),
        ({"max_length": "1500"}, "[proposals] max_length: must be an integer, got string"),
        ({"max_nominations": 0}, "[proposals] max_nominations: must be between 1 and 20"),
        ({"max_attachment_bytes": -1}, "[proposals] max_attachment_bytes: must be between 0 and 20971520"),
        ({"categories": []}, "[proposals] categories: must list between 1 and 20 categories"),
        ({"categories": "dn"}, "[proposals] categories: must be an array of tables"),
        ({"categories": [{"code": "Điểm", "vi": "x"}]}, "[proposals] categories: item 1: must be 1-20 characters"),
        ({"categories": [{"code": "a", "vi": " "}]}, "[proposals] categories: item 1: must not be empty"),
        (
            {"categories": [{"code": "a", "vi": "x"}, {"code": "a", "vi": "y"}]},
            '[proposals] categories: item 2: code "a" is used twice',
        ),
        ({"categories": [{"code": "a", "vi": "x", "fr": "y"}]}, '[proposals] categories: item 1: unknown key "fr"'),
        ({"max_lenght": 10}, '[proposals] max_lenght: unknown key (did you mean "max_length"?)'),
    ],
)
def test_proposals_bad_values(update: dict[str, Any], expected: str) -> None:
    data = minimal()
    data["proposals"] = update
    assert error(data).startswith(f"config.toml: {expected}")


# Reminders


def test_reminders_defaults() -> None:
    reminders = build(minimal()).reminders
    assert reminders.enabled and reminders.rsvp_before == ("7d", "3d", "1d")
    assert reminders.attendance_before == ("1d", "2h") and reminders.proposals_before == ("2d",)
    assert reminders.what_to_bring == "" and reminders.agency_contacts == ()


def test_reminders_values_and_agency_contacts() -> None:
    data = minimal()
    data["reminders"] = {
        "rsvp_before": ["5D", "12h"],
        "attendance_before": [],
        "enabled": False,
        "what_to_bring": "Giấy mời, thẻ đại biểu",
        "agency_contacts": {"Sở Nội vụ": 123456789, "Sở Y tế": 987654321},
    }
    reminders = build(data).reminders
    assert reminders.rsvp_before == ("5d", "12h") and reminders.attendance_before == () and not reminders.enabled
    assert reminders.agency_contacts == (("Sở Nội vụ", 123456789), ("Sở Y tế", 987654321))


@pytest.mark.parametrize(
    ("reminders", "expected"),
    [
        ({"rsvp_before": ["7 days"]}, "[reminders] rsvp_before: item 1 must be a number followed by d, h or m"),
        ({"rsvp_before": "7d"}, "[reminders] rsvp_before: must be an array of durations"),
        ({"proposals_before": ["2d", "2d"]}, '[reminders] proposals_before: item 2: "2d" is listed twice'),
        ({"agency_contacts": {"Sở Nội vụ": "123"}}, '[reminders] agency_contacts: "Sở Nội vụ" must be a positive'),
        ({"enabled": "yes"}, "[reminders] enabled: must be true or false"),
        ({"remind": 1}, "[reminders] remind: unknown key"),
    ],
)
def test_reminders_errors(reminders: dict[str, Any], expected: str) -> None:
    data = minimal()
    data["reminders"] = reminders
    assert expected in error(data)


def test_example_documents_reminders() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in (
        "enabled",
        "rsvp_before",
        "attendance_before",
        "proposals_before",
        "what_to_bring",
        "[reminders.agency_contacts]",
    ):
        assert key in text


# Broadcasts


def test_broadcast_defaults() -> None:
    broadcast = build(minimal()).broadcast
    assert broadcast.rate_per_second is None and broadcast.require_approval is False  # no cap: the whole budget
    assert broadcast.paid is False
    assert broadcast.max_in_flight == 8 and broadcast.send_timeout == 10.0 and broadcast.progress_interval == 3.0


def test_broadcast_values_integers_accepted_for_numbers() -> None:
    data = minimal()
    data["broadcast"] = {
        "rate_per_second": 30,
        "require_approval": True,
        "max_in_flight": 1,
        "send_timeout": 0.5,
        "progress_interval": 60,
        "paid": True,
    }
    broadcast = build(data).broadcast
    assert broadcast.rate_per_second == 30.0 and isinstance(broadcast.rate_per_second, float)
    assert broadcast.paid is True
    assert broadcast.require_approval is True and broadcast.max_in_flight == 1
    assert broadcast.send_timeout == 0.5 and broadcast.progress_interval == 60.0


@pytest.mark.parametrize(
    ("broadcast", "expected"),
    [
        ({"rate_per_second": 1001}, "[broadcast] rate_per_second: must be between 1 and 1000"),
        ({"rate_per_second": 0.5}, "[broadcast] rate_per_second: must be between 1 and 1000"),
        ({"paid": "no"}, "[broadcast] paid: must be true or false (no quotes), got string"),
        ({"rate_per_second": "25"}, "[broadcast] rate_per_second: must be a number, got string"),
        ({"rate_per_second": True}, "[broadcast] rate_per_second: must be a number, got boolean"),
        ({"require_approval": "yes"}, "[broadcast] require_approval: must be true or false (no quotes), got string"),
        ({"require_approval": 1}, "[broadcast] require_approval: must be true or false (no quotes), got integer"),
        ({"max_in_flight": 0}, "[broadcast] max_in_flight: must be between 1 and 64"),
        ({"max_in_flight": 8.0}, "[broadcast] max_in_flight: must be an integer, got float"),
        ({"send_timeout": 0.1}, "[broadcast] send_timeout: must be between 0.5 and 120"),
        ({"progress_interval": 0}, "[broadcast] progress_interval: must be between 0.5 and 60"),
        ({"rate": 10}, "[broadcast] rate: unknown key"),
    ],
)
def test_broadcast_errors(broadcast: dict[str, Any], expected: str) -> None:
    data = minimal()
    data["broadcast"] = broadcast
    assert error(data) == f"config.toml: {expected}" or expected in error(data)


def test_example_documents_broadcast() -> None:
    settings = load_settings(EXAMPLE, env={"DELEGATE_BOT_TOKEN": TOKEN})
    assert settings.broadcast == build(minimal()).broadcast  # the example shows the defaults
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in (
        "[broadcast]",
        "rate_per_second",
        "require_approval",
        "max_in_flight",
        "send_timeout",
        "progress_interval",
    ):
        assert key in text


# --- [event] contact ------------------------------------------------------------------


def test_event_contact_is_optional_and_read_from_the_example() -> None:
    assert build(minimal()).event.contact is None
    example = load_settings(EXAMPLE, env={"DELEGATE_BOT_TOKEN": TOKEN}).event.contact
    assert example is not None and example.name == "Nguyễn Văn An" and example.phone == "0912 345 678"


def test_event_contact_phone_is_checked_and_shown_grouped() -> None:
    data = minimal()
    data["event"]["contact"] = {"name": " Trần Thị Bình ", "phone": "+84 238.3844.123"}
    contact = build(data).event.contact
    assert contact is not None and contact.name == "Trần Thị Bình" and contact.phone == "0238 3844 123"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Nguyễn Văn An 0912345678", "[event] contact: must be a table like"),
        ({"name": "An", "phone": "12"}, "[event] contact: phone is not a valid phone number"),
        ({"name": "", "phone": "0912345678"}, "[event] contact: name must not be empty"),
        ({"name": "An", "phone": 912345678}, "[event] contact: phone must be a string, got integer"),
        ({"name": "An", "phone": "0912345678", "email": "a@b.vn"}, '[event] contact: unknown key "email"'),
    ],
)
def test_event_contact_problems_are_one_line(value: object, problem: str) -> None:
    data = minimal()
    data["event"]["contact"] = value
    assert problem in error(data)


# --- issue 16: webhook ports Telegram accepts, [logging] -------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://bot.example.vn/telegram", "https://bot.example.vn:8443/t", "https://b.vn:88/"]
)
def test_webhook_url_on_a_port_telegram_accepts(url: str) -> None:
    data = minimal()
    data["telegram"].update(mode="webhook", webhook={"url": url, "secret_token": SECRET, "port": 9000})
    assert build(data).telegram.webhook.url == url


def test_webhook_url_on_another_port_names_the_accepted_ones() -> None:
    data = minimal()
    data["telegram"].update(mode="webhook", webhook={"url": "https://bot.example.vn:8080/t", "secret_token": SECRET})
    text = error(data)
    assert "[telegram.webhook] url" in text and "port 8080" in text and "443, 80, 88 or 8443" in text


def test_logging_defaults_and_relative_file(tmp_path: Path) -> None:
    assert build(minimal()).logging == LoggingSettings()
    data = minimal()
    data["logging"] = {"level": "WARNING", "file": "logs/bot.log", "max_bytes": 100_000, "backups": 2}
    settings = build(data, source=tmp_path / "config.toml")
    assert settings.logging == LoggingSettings("WARNING", (tmp_path / "logs/bot.log").resolve(), 100_000, 2)
    data["logging"] = {"level": "LOUD"}
    assert "[logging] level" in error(data)


# The committee's report


def test_report_defaults_values_and_example() -> None:
    from bot.config import ReportSettings

    assert build(minimal()).report == ReportSettings()
    report = {"parent_body": "Tỉnh ủy Nghệ An", "place": "Nghệ An", "show_authors": True, "signer": "Nguyễn Văn A"}
    settings = build({**minimal(), "report": report})
    assert settings.report.parent_body == "Tỉnh ủy Nghệ An" and settings.report.show_authors is True
    assert settings.report.issuer == "Ban Tổ chức hội nghị"
    assert "show_authors" in error({**minimal(), "report": {"show_authors": "yes"}})
    assert "issuer" in error({**minimal(), "report": {"issuer": " "}})
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("[report]", "parent_body", "issuer", "place", "recipient", "signer", "show_authors"):
        assert key in text


# --- [committee] (issue 13) ----------------------------------------------------------


def test_committee_defaults_and_example() -> None:
    committee = build(minimal()).committee
    assert committee.members == () and committee.chair is None
    assert committee.remind_before == ("3d", "1d") and committee.remind_on_day == "08:00" and committee.digest_at == ""
    example = EXAMPLE.read_text(encoding="utf-8")
    for key in ("chair", "remind_before", "remind_on_day", "digest_at", "id", "unit"):
        assert f"\n{key} = " in example or f"\n# {key} = " in example, key
    assert load_settings(EXAMPLE, env={}, require_token=False).committee.chair is None


def test_committee_members_and_chair() -> None:
    data = minimal()
    data["telegram"]["organizers"] = [555]
    data["committee"] = {
        "chair": 111,
        "members": [{"id": 111, "name": "Nguyễn Văn An", "unit": "Văn phòng"}, {"id": 222, "name": "Lê Bình"}],
        "remind_before": ["2d", "6h"],
        "remind_on_day": "",
        "digest_at": "17:30",
    }
    committee = build(data).committee
    assert committee.chair == 111 and committee.member(222) == CommitteeMember(222, "Lê Bình", "")
    assert committee.member(111) == CommitteeMember(111, "Nguyễn Văn An", "Văn phòng")
    assert committee.remind_before == ("2d", "6h") and committee.remind_on_day == "" and committee.digest_at == "17:30"
    data["committee"]["chair"] = 555  # an organizer may chair
    assert build(data).committee.chair == 555


@pytest.mark.parametrize(
    ("committee", "expected"),
    [
        ({"chair": 999}, "[committee] chair: must be one of [[committee.members]] ids or of [telegram] organizers"),
        ({"chair": "111"}, "[committee] chair: must be a positive Telegram user id"),
        ({"members": [{"id": "111", "name": "A"}]}, "[committee] members: item 1: id must be a positive"),
        ({"members": [{"id": 1, "name": ""}]}, "[committee] members: item 1:"),
        ({"members": [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}]}, "item 2: id 1 is listed twice"),
        ({"members": [{"id": 1, "name": "A", "phone": "x"}]}, 'item 1: unknown key "phone"'),
        ({"members": {"id": 1}}, "[committee] members: must be an array of tables"),
        ({"digest_at": "25:00"}, "[committee] digest_at:"),
        ({"remind_on_day": "8h"}, "[committee] remind_on_day:"),
        ({"remind_before": ["3 days"]}, "[committee] remind_before: item 1 must be a number followed by d, h or m"),
    ],
)
def test_committee_errors(committee: dict[str, Any], expected: str) -> None:
    data = minimal()
    data["committee"] = committee
    assert expected in error(data)


def test_config_defaults_are_stated_once_in_the_settings_dataclasses() -> None:
    """A key whose settings field has a default takes it from there (FROM_MODEL), never a second copy in the table."""
    import dataclasses
    import typing

    from bot import config
    from bot.config_parse import FROM_MODEL

    hints = typing.get_type_hints(config.Settings)
    sections = {section.name: section for section in config._ROOT.tables}
    checked = 0
    for name, kind in hints.items():
        if name not in sections or not dataclasses.is_dataclass(kind):
            continue
        with_default = {
            f.name
            for f in dataclasses.fields(kind)
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        }
        for key in sections[name].keys:
            if key.name in with_default and key.default is not None:  # None marks an optional key, not a value
                assert key.default is FROM_MODEL, f"[{name}] {key.name}: default stated twice"
                assert sections[name].model is kind
                checked += 1
    assert checked >= 30
    defaults = settings_from_mapping(minimal(), source=Path("config.toml"), env={})
    assert defaults.broadcast == config.BroadcastSettings() and defaults.reminders == config.ReminderSettings()
    assert defaults.proposals == config.ProposalSettings() and defaults.report == config.ReportSettings()
    assert defaults.logging == config.LoggingSettings() and defaults.committee == config.CommitteeSettings()
    assert defaults.conference_day == config.ConferenceDaySettings()
    assert defaults.telegram.messages_per_second == 30.0 and defaults.telegram.staff == frozenset()


def test_conference_day_defaults_window_and_order() -> None:
    from bot.config import ConferenceDaySettings

    assert build(minimal()).conference_day == ConferenceDaySettings()
    data = minimal()
    data["conference_day"] = {
        "moderators": [700003],
        "questions_open_at": "28/12/2026 09:30",
        "questions_close_at": "2026-12-28 11:00",
        "question_max_length": 300,
    }
    day = build(data).conference_day
    assert day.moderators == frozenset({700003}) and day.question_max_length == 300
    assert day.questions_open_at == datetime(2026, 12, 28, 9, 30, tzinfo=VN)
    assert day.questions_close_at == datetime(2026, 12, 28, 11, 0, tzinfo=VN)
    data["conference_day"]["questions_close_at"] = "28/12/2026 09:00"
    assert "[conference_day] questions_close_at" in error(data) and "after questions_open_at" in error(data)
    data["conference_day"] = {"undo_minutes": 0}
    assert "[conference_day] undo_minutes" in error(data)


# --- [hall_screen] (issue 11) ---------------------------------------------------------


def test_hall_screen_is_off_by_default_and_documented_in_the_example() -> None:
    from bot.config import HallScreenSettings

    hall = build(minimal()).hall_screen
    assert hall == HallScreenSettings() and hall.enabled is False
    assert (hall.host, hall.port, hall.path, hall.public_url, hall.refresh_seconds) == ("127.0.0.1", 8089, "", "", 10)
    assert load_settings(EXAMPLE, env={}, require_token=False).hall_screen == HallScreenSettings()
    example = EXAMPLE.read_text(encoding="utf-8")
    assert "\n[hall_screen]\n" in example
    for key in ("enabled", "listen", "path", "public_url", "refresh_seconds"):
        assert f"\n{key} = " in example, key


def test_hall_screen_values() -> None:
    secret = "a" * 24
    settings = build(
        {
            **minimal(),
            "hall_screen": {
                "enabled": True,
                "listen": "0.0.0.0:9000",
                "path": secret,
                "public_url": "https://hoinghi.example.vn/man-hinh/",
                "refresh_seconds": 5,
            },
        }
    )
    hall = settings.hall_screen
    assert (hall.enabled, hall.host, hall.port, hall.path) == (True, "0.0.0.0", 9000, secret)
    assert hall.public_url == "https://hoinghi.example.vn/man-hinh" and hall.refresh_seconds == 5
    assert build({**minimal(), "hall_screen": {"listen": "[::1]:8089"}}).hall_screen.host == "::1"


@pytest.mark.parametrize(
    ("hall", "expected"),
    [
        ({"enabled": "yes"}, "[hall_screen] enabled: must be true or false"),
        ({"listen": "8089"}, '[hall_screen] listen: must be "host:port"'),
        ({"listen": "127.0.0.1:70000"}, "[hall_screen] listen: port 70000 is not between 1 and 65535"),
        ({"path": "short-secret"}, "[hall_screen] path: must be empty (a random one is made) or at least 24"),
        ({"path": "a" * 23 + "/"}, "[hall_screen] path: must be empty"),
        ({"public_url": "hoinghi.vn"}, "[hall_screen] public_url"),
        ({"refresh_seconds": 1}, "[hall_screen] refresh_seconds"),
        ({"port": 8089}, "[hall_screen] port: unknown key"),
    ],
)
def test_hall_screen_errors(hall: dict[str, Any], expected: str) -> None:
    assert expected in error({**minimal(), "hall_screen": hall})


# [[faq]]


def test_faq_entries_are_read_in_file_order() -> None:
    data = minimal()
    data["faq"] = [
        {"question": " Gửi xe ở đâu? ", "answer": "Sau hội trường", "question_en": "Where can I park?"},
        {"question": "Trang phục?", "answer": "Trang phục công sở"},
    ]
    faq = build(data).faq
    assert [(e.question, e.question_in("en"), e.answer_in("en")) for e in faq] == [
        ("Gửi xe ở đâu?", "Where can I park?", "Sau hội trường"),
        ("Trang phục?", "Trang phục?", "Trang phục công sở"),
    ]


def test_two_faq_entries_with_the_same_question_are_refused() -> None:
    # An entry is hidden from /help by its question: two asking the same would be hidden together.
    data = minimal()
    data["faq"] = [
        {"question": "Gửi xe ở đâu?", "answer": "Sau hội trường"},
        {"question": "Trang phục?", "answer": "Trang phục công sở"},
        {"question": "gửi  xe ở ĐÂU?", "answer": "Tầng hầm"},
    ]
    assert error(data) == (
        'config.toml: faq: entry 3: the same question as entry 1 ("gửi xe ở ĐÂU?"); each must be different'
    )
    with pytest.raises(ConfigError) as info:
        build(data)
    assert describe(info.value, "vi") == (
        "config.toml: faq: mục 3: câu hỏi trùng với mục 1 (“gửi xe ở ĐÂU?”); mỗi câu hỏi phải khác nhau"
    )
