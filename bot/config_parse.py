"""Declarative schema and value parsers behind ``bot.config``.

A config file is described by nested ``Section`` objects, each listing its ``Key``s.
``read_section`` checks one TOML table against such a description and returns plain
parsed values; ``bot.config`` then applies cross-key rules and builds dataclasses.

Error policy: every problem becomes one ``ConfigError`` line naming file, section and
key. Parsers never echo the offending value (only its TOML type), so secrets such as
the bot token can never leak into an error message or a log.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n.times import ACCEPTED_FORMATS, TYPED_FORMAT

Parser = Callable[[Any], Any]

REQUIRED: Final = object()
"""``Key.default`` marker: the key must be present."""

FROM_MODEL: Final = object()
"""``Key.default`` marker: when the key is absent, the value is the default of the same-named field of the section's
``model`` dataclass — so a default is stated once, in the settings dataclass, not again in the key table."""


def model_default(model: type, name: str) -> Any:
    """The default of a dataclass field (its default_factory called), as the settings hold it."""
    for item in dataclasses.fields(model):
        if item.name == name:
            if item.default is not dataclasses.MISSING:
                return item.default
            if item.default_factory is not dataclasses.MISSING:
                return item.default_factory()
    raise LookupError(f"{model.__name__} has no field {name!r} with a default")


DISPLAY_TIME_FORMAT: Final = TYPED_FORMAT
_STRING_TIME_FORMATS: Final = ACCEPTED_FORMATS
_TIME_HELP: Final = 'write local time as 2026-12-28T08:00:00, "2026-12-28 08:00" or "28/12/2026 08:00"'


class ConfigError(Exception):
    """One-line configuration problem: ``<file>: [section] key: what is wrong``."""

    def __init__(self, file: str, section: str | None, key: str | None, problem: str) -> None:
        """Store the location parts and build the single-line message."""
        self.file, self.section, self.key, self.problem = file, section, key, problem
        where = " ".join(part for part in (f"[{section}]" if section else "", key or "") if part)
        text = f"{file}: {where}: {problem}" if where else f"{file}: {problem}"
        super().__init__(" ".join(text.split()))


class Invalid(Exception):
    """A value problem raised by a parser; ``read_section`` adds file/section/key."""


@dataclass(frozen=True)
class Key:
    """One key of a section: its parser and default (``REQUIRED``, ``None`` = optional, or a raw TOML value)."""

    name: str
    parse: Parser
    default: Any = REQUIRED


@dataclass(frozen=True)
class Section:
    """A TOML table: its keys and nested tables, in validation order."""

    name: str
    keys: tuple[Key, ...] = ()
    tables: tuple[Section, ...] = ()
    model: type | None = None  # the settings dataclass whose field defaults FROM_MODEL keys take


def type_name(value: object) -> str:
    """Return the TOML name of a parsed value's type."""
    for kind, name in (
        (bool, "boolean"),
        (int, "integer"),
        (float, "float"),
        (str, "string"),
        (datetime, "date-time"),
        (date, "date"),
        (time, "time"),
        (Mapping, "table"),
        (list, "array"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _require_type(value: object, kind: type, expected: str) -> None:
    """Raise ``Invalid`` unless value is of ``kind`` (booleans never count as integers)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Invalid(f"must be {expected}, got {type_name(value)}")


def string(*, pattern: str | None = None, rule: str = "", max_len: int | None = None, nonblank: bool = False) -> Parser:
    """Parser for a string; ``pattern`` (full match) is explained by ``rule`` on failure."""
    compiled = re.compile(pattern) if pattern else None

    def parse(value: Any) -> str:
        _require_type(value, str, "a string")
        text = value.strip() if nonblank else value
        if nonblank and not text:
            raise Invalid("must not be empty")
        if max_len is not None and len(text) > max_len:
            raise Invalid(f"must be at most {max_len} characters (has {len(text)})")
        if compiled is not None and text and not compiled.fullmatch(text):
            raise Invalid(f"must be {rule}")
        return str(text)

    return parse


def integer(low: int, high: int) -> Parser:
    """Parser for an integer within ``low..high``."""

    def parse(value: Any) -> int:
        _require_type(value, int, "an integer")
        if not low <= value <= high:
            raise Invalid(f"must be between {low} and {high}")
        return int(value)

    return parse


def number(low: float, high: float) -> Parser:
    """Parser for a number (integer or float) within ``low..high``, returned as float."""

    def parse(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(f"must be a number, got {type_name(value)}")
        if not low <= value <= high:
            raise Invalid(f"must be between {low:g} and {high:g}")
        return float(value)

    return parse


def boolean(value: Any) -> bool:
    """Parse a TOML boolean (true/false, no quotes)."""
    _require_type(value, bool, "true or false (no quotes)")
    return bool(value)


def choice(*options: str) -> Parser:
    """Parser for a string that must be one of ``options``."""
    listed = " or ".join(f'"{option}"' for option in options)

    def parse(value: Any) -> str:
        _require_type(value, str, "a string")
        if value not in options:
            raise Invalid(f"must be {listed}")
        return str(value)

    return parse


def url(*, schemes: tuple[str, ...] = ("http", "https"), allow_empty: bool = False) -> Parser:
    """Parser for an absolute URL with one of ``schemes``; ``allow_empty`` lets "" mean unset."""
    described = " or ".join(schemes)

    def parse(value: Any) -> str:
        _require_type(value, str, "a string")
        if value == "" and allow_empty:
            return ""
        parts = urlsplit(value)
        if any(char.isspace() for char in value) or parts.scheme not in schemes or not parts.hostname:
            raise Invalid(f"must be an absolute {described} URL, e.g. {schemes[-1]}://example.com/...")
        return str(value)

    return parse


def user_ids(value: Any) -> frozenset[int]:
    """Parse a list of positive Telegram user ids; duplicates collapse."""
    _require_type(value, list, "an array of Telegram user ids")
    for index, item in enumerate(value, start=1):
        if isinstance(item, bool) or not isinstance(item, int):
            raise Invalid(f"item {index} must be an integer Telegram user id (no quotes), got {type_name(item)}")
        if item <= 0:
            raise Invalid(f"item {index} must be a positive user id (group/channel ids are negative)")
    return frozenset(value)


def local_datetime(value: Any) -> datetime:
    """Parse a naive local date-time from a TOML local datetime or an accepted string."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise Invalid("must be a local time without a UTC offset (it is read in [event] timezone); " + _TIME_HELP)
        return value
    if isinstance(value, date | time):
        raise Invalid(f"must have both a date and a time of day; {_TIME_HELP}")
    _require_type(value, str, "a date-time")
    for fmt in _STRING_TIME_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise Invalid(f"is not a valid date and time; {_TIME_HELP}")


def timezone(value: Any) -> ZoneInfo:
    """Parse an IANA time zone name such as ``Asia/Ho_Chi_Minh``."""
    _require_type(value, str, "a string")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise Invalid(f'unknown time zone "{value[:64]}" (use an IANA name such as "Asia/Ho_Chi_Minh")') from None


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach ``zone`` to a naive time, rejecting times skipped by a clock change."""
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != naive:
        raise Invalid(f"{naive.strftime(DISPLAY_TIME_FORMAT)} does not exist in {zone.key} (clock change)")
    return aware


def typed_moment(raw: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """A moment a person typed, in ``zone``: a date and time as ``local_datetime`` reads it ("28/12/2026 07:30",
    "2026-12-28 07:30"), or a time alone ("07:30", "7:30") meaning today; None when it cannot be read.

    The one parser of typed times (broadcast scheduling, one-off reminders): handlers never parse times.
    """
    value = " ".join(raw.split())
    if 0 < len(value) <= 5 and ":" in value:
        value = f"{now.astimezone(zone):%d/%m/%Y} {value.zfill(5)}"
    try:
        return localize(local_datetime(value), zone)
    except Invalid:
        return None


def _walk(section: Section, prefix: str = "") -> Iterator[tuple[str, Section]]:
    """Yield (dotted name, section) for a section and all nested tables."""
    name = f"{prefix}.{section.name}" if prefix and section.name else prefix or section.name
    yield name, section
    for table in section.tables:
        yield from _walk(table, name)


def _unknown_hint(name: str, is_table: bool, here: Section, root: Section) -> str:
    """Suggest where a misplaced key belongs, or a close spelling of a key or table."""
    if not is_table:
        homes = [
            where
            for where, section in _walk(root)
            if section is not here and any(key.name == name for key in section.keys)
        ]
        if homes:
            return f" (it belongs in [{homes[0]}])"
        if here is root:
            return " (every key must be under a [section] header)"
    known = [table.name for table in here.tables] if is_table else [key.name for key in here.keys]
    close = difflib.get_close_matches(name, known, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def read_section(
    raw: Mapping[str, Any] | None, section: Section, *, file: str, where: str = "", root: Section | None = None
) -> dict[str, Any]:
    """Validate one table against ``section``; return parsed values with nested tables as dicts."""
    root = root or section
    if raw is None:
        if any(key.default is REQUIRED for key in section.keys):
            raise ConfigError(file, where, None, "section is missing")
        raw = {}
    names = {key.name for key in section.keys}
    tables = {table.name: table for table in section.tables}
    for name, value in raw.items():
        if name in names or name in tables:
            continue
        is_table = isinstance(value, Mapping)
        hint = _unknown_hint(name, is_table, section, root)
        if is_table:
            raise ConfigError(file, f"{where}.{name}" if where else name, None, f"unknown section{hint}")
        raise ConfigError(file, where, name, f"unknown key{hint}")
    result: dict[str, Any] = {}
    for key in section.keys:
        value = raw.get(key.name)
        if value is None and key.default is FROM_MODEL:
            assert section.model is not None, f"[{where}] {key.name}: FROM_MODEL needs Section(model=...)"
            result[key.name] = model_default(section.model, key.name)
            continue
        value = key.default if value is None else value
        if value is REQUIRED:
            raise ConfigError(file, where, key.name, "is required")
        try:
            result[key.name] = None if value is None else key.parse(value)
        except Invalid as err:
            raise ConfigError(file, where, key.name, str(err)) from None
    for name, table in tables.items():
        dotted = f"{where}.{name}" if where else name
        value = raw.get(name)
        if value is not None and not isinstance(value, Mapping):
            raise ConfigError(
                file, where or None, name, f"must be a table (a [{dotted}] section), got {type_name(value)}"
            )
        result[name] = read_section(value, table, file=file, where=dotted, root=root)
    return result
