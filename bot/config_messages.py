"""Configuration problems in the reader's language.

`ConfigError.problem` is written in English where it is raised (bot/config_parse.py, bot/config.py). For the command
line in Vietnamese, the common problems are recognised here by their English shape and rendered from the catalogue
(`config_problem.<name>`); anything not recognised is shown as it is, so nothing is ever lost.
"""

from __future__ import annotations

import re
from typing import Final

from bot.config_parse import ConfigError
from bot.i18n import plain

# (catalogue name, pattern over the English problem); named groups become the placeholders.
_PROBLEMS: Final = (
    ("required_token", re.compile(r"is required; set it here or in environment variable (?P<env>\S+)")),
    ("required_webhook", re.compile(r'is required when \[telegram\] mode = "webhook"')),
    ("required", re.compile(r"is required")),
    ("section_missing", re.compile(r"section is missing")),
    ("unknown_section", re.compile(r"unknown section(?P<hint>.*)")),
    ("unknown_key", re.compile(r"unknown key(?P<hint>.*)")),
    ("not_empty", re.compile(r"must not be empty")),
    ("too_long", re.compile(r"must be at most (?P<limit>\d+) characters \(has (?P<length>\d+)\)")),
    ("between", re.compile(r"must be between (?P<low>\S+) and (?P<high>\S+)")),
    ("before_start", re.compile(r"must be before starts_at \((?P<when>[^)]*)\)")),
    ("not_utf8", re.compile(r"is not UTF-8 text; save it with UTF-8 encoding")),
    ("invalid_toml", re.compile(r"invalid TOML: (?P<detail>.*)")),
    ("folder", re.compile(r"is a folder, not a file")),
    ("cannot_read", re.compile(r"cannot read file \((?P<detail>[^)]*)\)")),
    ("bad_token", re.compile(r"the value(?P<origin>.*) is not a valid Bot API token.*")),
    ("type", re.compile(r"must be (?P<expected>.+), got (?P<got>[\w-]+)")),
)


def describe(error: ConfigError, language: str) -> str:
    """The one line for the terminal: where (file, [section] key) and what is wrong, in `language` when known."""
    if language == "en":
        return str(error)
    problem = error.problem
    for name, pattern in _PROBLEMS:
        match = pattern.fullmatch(problem)
        if match:
            problem = plain(language, f"config_problem.{name}", **match.groupdict())
            break
    where = " ".join(part for part in (f"[{error.section}]" if error.section else "", error.key or "") if part)
    text = f"{error.file}: {where}: {problem}" if where else f"{error.file}: {problem}"
    return " ".join(text.split())
