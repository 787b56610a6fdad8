"""Configuration problems in the reader's language.

`ConfigError.problem` is written in English where it is raised (bot/config_parse.py, bot/config.py). For the command
line in Vietnamese (the secretariat reads these), every problem the config reader raises is recognised here by its
English shape and rendered from the catalogue (`config_problem.<name>`); a nested problem ("item 2: …") is rendered
part by part. Anything not recognised (a problem added later without its entry here) is shown in Vietnamese first
with the English text after it (`config_problem.unrecognised`), so nothing is ever lost; tests/test_config_messages.py
raises every problem and fails on English left in the Vietnamese line.
"""

from __future__ import annotations

import re
from typing import Final

from bot.config_parse import ConfigError
from bot.i18n import plain

_TIME_HELP: Final = r'; write local time as 2026-12-28T08:00:00, "2026-12-28 08:00" or "28/12/2026 08:00"'
_NO_QUOTES: Final = r" \(no quotes\)"

# (catalogue name, pattern over the English problem); named groups become the placeholders. Groups named `rest` are
# problems themselves (rendered recursively), `expected`/`got` are type words, `hint` is the
# "did you mean" suffix and `options` a list joined with " or ". (`config_type.<word>`: what is expected, "a string";
# `config_got.<word>`: what was found, "string".)
_PROBLEMS: Final = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("required_token", r"is required; set it here or in environment variable (?P<env>\S+)"),
        ("required_webhook", r'is required when \[telegram\] mode = "webhook"'),
        ("required", r"is required"),
        ("section_missing", r"section is missing"),
        ("unknown_section", r"unknown section(?P<hint>.*)"),
        ("unknown_key_use", r'unknown key "(?P<field>[^"]*)" \(use (?P<options>[^)]*)\)'),
        ("unknown_key", r"unknown key(?P<hint>.*)"),
        ("not_empty", r"must not be empty"),
        ("too_long", r"must be at most (?P<limit>\d+) characters \(has (?P<length>\d+)\)"),
        ("categories_count", r"must list between (?P<low>\d+) and (?P<high>\d+) categories"),
        ("faq_count", r"must list at most (?P<count>\d+) questions"),
        ("port_range", r"port (?P<port>-?\d+) is not between 1 and 65535"),
        ("between", r"must be between (?P<low>\S+) and (?P<high>\S+)"),
        ("before_start", r"must be before starts_at \((?P<when>[^)]*)\)"),
        ("after_start", r"must be after starts_at \((?P<when>[^)]*)\)"),
        ("after_open", r"must be after questions_open_at"),
        ("venue_pair", r"is needed too: the map pin takes both venue_latitude and venue_longitude"),
        ("webhook_port", r"port (?P<port>\d+) is not one Telegram sends webhooks to: .*"),
        ("chair", r"must be one of \[\[committee\.members\]\] ids or of \[telegram\] organizers"),
        ("not_utf8", r"is not UTF-8 text; save it with UTF-8 encoding"),
        ("invalid_toml", r"invalid TOML: (?P<detail>.*)"),
        ("file_not_found", r"file not found"),
        ("folder", r"is a folder, not a file"),
        ("cannot_read", r"cannot read file \((?P<detail>[^)]*)\)"),
        ("bad_token", r"the value(?P<origin>.*) is not a valid Bot API token.*"),
        ("local_time", r"must be a local time without a UTC offset \(it is read in \[event\] timezone\)" + _TIME_HELP),
        ("date_and_time", r"must have both a date and a time of day" + _TIME_HELP),
        ("not_a_time", r"is not a valid date and time" + _TIME_HELP),
        ("unknown_zone", r'unknown time zone "(?P<zone>[^"]*)" \(use an IANA name such as "Asia/Ho_Chi_Minh"\)'),
        ("clock_change", r"(?P<when>\d\d/\d\d/\d{4} \d\d:\d\d) does not exist in (?P<zone>\S+) \(clock change\)"),
        ("table_section", r"must be a table \(a \[(?P<dotted>[^\]]+)\] section\), got (?P<got>[\w-]+)"),
        ("contact_table", r"must be a table like (?P<example>\{.*\}), got (?P<got>[\w-]+)"),
        ("agency_table", r'must be a table: (?P<example>".*" = \d+)'),
        ("array_of_tables", r"must be an array of tables \((?P<table>\[\[[^\]]+\]\]) with (?P<options>[^)]*)\)"),
        ("durations", r"must be an array of durations such as (?P<days>\[[^\]]*\]) or (?P<hours>\[[^\]]*\])"),
        ("duration_item", r'must be a number followed by d, h or m, e\.g\. "7d", "2h", "30m"'),
        ("listed_twice", r'"(?P<value>[^"]*)" is listed twice'),
        ("code_twice", r'code "(?P<code>[^"]*)" is used twice'),
        ("id_twice", r"id (?P<id>\d+) is listed twice"),
        ("question_twice", r'the same question as entry (?P<first>\d+) \("(?P<question>.*)"\); each must be different'),
        ("agency_id", r'"(?P<agency>[^"]*)" must be a positive Telegram user id' + _NO_QUOTES),
        ("member_id", r"id must be a positive Telegram user id" + _NO_QUOTES),
        ("user_id_or_zero", r"must be a positive Telegram user id" + _NO_QUOTES + r", or 0 for none"),
        ("user_id_type", r"must be an integer Telegram user id" + _NO_QUOTES + r", got (?P<got>[\w-]+)"),
        ("user_id_positive", r"must be a positive user id \(group/channel ids are negative\)"),
        ("phone_type", r"phone must be a string, got (?P<got>[\w-]+)"),
        ("phone_invalid", r"phone is not a valid phone number \(write it as (?P<example>[^)]*)\)"),
        ("host", r"must be a host name or IP address without spaces"),
        ("url_path", r'must be a URL path starting with "/" \(no spaces, "\?" or "#"\)'),
        ("host_port", r'must be "host:port", e\.g\. (?P<example>"[^"]*")'),
        (
            "hall_path",
            r'must be empty \(a random one is made\) or at least (?P<count>\d+) characters of A-Z a-z 0-9 "_" "-"',
        ),
        ("clock_time", r'must be a time of day "HH:MM" \(24-hour\) or ""'),
        ("characters", r"must be (?P<count>\d+-\d+) characters of (?P<chars>[A-Za-z0-9 _-]+)"),
        ("url", r"must be an absolute (?P<options>[a-z]+(?: or [a-z]+)*) URL, e\.g\. (?P<example>\S+)"),
        ("number", r"must be a number, got (?P<got>[\w-]+)"),
        ("type", r"must be (?P<expected>.+), got (?P<got>[\w-]+)"),
        ("one_of", r'must be (?P<options>"[^"]*"(?: or "[^"]*")*)'),
        ("item", r"item (?P<index>\d+): (?P<rest>.+)"),
        ("item_plain", r"item (?P<index>\d+) (?P<rest>.+)"),
        ("entry", r"entry (?P<index>\d+): (?P<rest>.+)"),
        ("name", r"name (?P<rest>.+)"),
    )
)
_WITH_TIME_HELP: Final = ("local_time", "date_and_time", "not_a_time")
_HINT: Final = re.compile(r' \(did you mean "(?P<name>[^"]*)"\?\)')
# The words of "must be X, got Y" (bot/config_parse.py: _require_type and type_name).
_TYPES: Final = {
    "a string": "string",
    "an integer": "integer",
    "true or false (no quotes)": "boolean",
    "an array of Telegram user ids": "user_ids",
    "a date-time": "date-time",
    "boolean": "boolean",
    "integer": "integer",
    "float": "float",
    "string": "string",
    "date-time": "date-time",
    "date": "date",
    "time": "time",
    "table": "table",
    "array": "array",
}


def render_problem(problem: str, language: str) -> str | None:
    """The problem in `language` from the catalogue; None when its English shape is not known here."""
    for name, pattern in _PROBLEMS:
        match = pattern.fullmatch(problem)
        if match is None:
            continue
        params: dict[str, str] = {}
        for key, value in match.groupdict().items():
            value = value or ""
            if key == "rest":
                inner = render_problem(value, language)
                if inner is None:
                    return None
                value = inner
            elif key in ("expected", "got"):
                if value not in _TYPES:
                    return None
                value = plain(language, f"config_{'type' if key == 'expected' else 'got'}.{_TYPES[value]}")
            elif key == "hint" and value:
                hint = _HINT.fullmatch(value)
                if hint is None:
                    return None
                value = plain(language, "config_problem.hint", name=hint["name"])
            elif key == "options":
                value = plain(language, "config_problem.or").join(re.split(r",? or ", value))
            params[key] = value
        if name in _WITH_TIME_HELP:
            params["time_help"] = plain(language, "config_problem.time_help")
        return plain(language, f"config_problem.{name}", **params)
    return None


def describe(error: ConfigError, language: str) -> str:
    """The one line for the terminal: where (file, [section] key) and what is wrong, in `language` when known."""
    if language == "en":
        return str(error)
    problem = render_problem(error.problem, language)
    if problem is None:
        problem = plain(language, "config_problem.unrecognised", detail=error.problem)
    where = " ".join(part for part in (f"[{error.section}]" if error.section else "", error.key or "") if part)
    text = f"{error.file}: {where}: {problem}" if where else f"{error.file}: {problem}"
    return " ".join(text.split())
