"""Load the bot's TOML configuration into typed, frozen settings.

Each TOML table is declared as a ``Section`` (see ``bot.config_parse``) and turned into
a dataclass by a small builder that applies the rules spanning several keys. To add a
section such as ``[reminders]``: declare its ``Section``, append it to ``_ROOT.tables``,
add a dataclass plus builder, and a field on ``Settings``. Defaults are stated once, in the dataclass: such keys
say ``FROM_MODEL`` and the section names its ``model`` (tests/test_config.py checks it). Document it in
config.example.toml. Any problem raises ``ConfigError`` with one line of text.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal, cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.config_parse import (
    DISPLAY_TIME_FORMAT,
    FROM_MODEL,
    REQUIRED,
    ConfigError,
    Invalid,
    Key,
    Section,
    boolean,
    choice,
    integer,
    local_datetime,
    localize,
    number,
    read_section,
    string,
    timezone,
    type_name,
    url,
    user_ids,
)
from bot.phones import InvalidPhone, format_phone_vn, normalize_phone

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG_PATH",
    "TOKEN_ENV",
    "ConfigError",
    "BroadcastSettings",
    "ConferenceDaySettings",
    "HallScreenSettings",
    "ReportSettings",
    "CommitteeMember",
    "CommitteeSettings",
    "DatabaseSettings",
    "EventContact",
    "EventSettings",
    "LoggingSettings",
    "Mode",
    "ProposalCategory",
    "ProposalSettings",
    "ReminderSettings",
    "Settings",
    "TelegramSettings",
    "WebhookSettings",
    "load_settings",
    "resolve_config_path",
    "settings_from_mapping",
]

DEFAULT_CONFIG_PATH: Final = Path("config.toml")
CONFIG_ENV: Final = "DELEGATE_BOT_CONFIG"
TOKEN_ENV: Final = "DELEGATE_BOT_TOKEN"
Mode = Literal["polling", "webhook"]

_TOKEN_RE: Final = re.compile(r"[0-9]{3,}:[A-Za-z0-9_-]{30,}")


@dataclass(frozen=True)
class WebhookSettings:
    """Where the webhook server listens and the public URL Telegram posts to."""

    listen: str
    port: int
    url: str
    path: str
    secret_token: str = field(repr=False)


@dataclass(frozen=True)
class TelegramSettings:
    """Bot API credentials, endpoints, organizer ids and update mode."""

    token: str = field(repr=False)
    base_url: str
    base_file_url: str
    organizers: frozenset[int]
    mode: Mode
    webhook: WebhookSettings
    messages_per_second: float = 30.0
    # Conference staff (check-in desk, secretariat): fewer rights than organizers; see bot/telegram/roles.py.
    staff: frozenset[int] = frozenset()
    per_chat_per_second: float = 1.0
    flood_burst: int = 20  # updates one user may send at once before being slowed (bot/telegram/flood.py)
    flood_per_minute: int = 60  # then this many a minute


@dataclass(frozen=True)
class DatabaseSettings:
    """Location of the SQLite database (always absolute)."""

    path: Path


@dataclass(frozen=True)
class EventContact:
    """The board's contact person named wherever a text says "liên hệ Ban Tổ chức" ([event] contact)."""

    name: str
    phone: str
    """As written for people: "0912 345 678" (checked, then shown in the Vietnamese grouping)."""


@dataclass(frozen=True)
class EventSettings:
    """The conference itself; all datetimes are aware and in ``timezone``."""

    code: str
    name: str
    venue: str
    starts_at: datetime
    rsvp_deadline: datetime
    proposals_deadline: datetime
    timezone: ZoneInfo
    contact: EventContact | None = None
    ends_at: datetime | None = None
    """When the meeting ends (the calendar file); None = ``DEFAULT_DURATION_HOURS`` after the start."""
    venue_latitude: float | None = None
    venue_longitude: float | None = None
    venue_address: str = ""
    """The venue on the map (``sendVenue``): both coordinates or neither; the address is shown under the pin."""

    @property
    def ends(self) -> datetime:
        """The end of the meeting, stated or assumed."""
        return self.ends_at or self.starts_at + timedelta(hours=DEFAULT_DURATION_HOURS)

    @property
    def has_map(self) -> bool:
        """Whether the venue can be sent as a pin."""
        return self.venue_latitude is not None and self.venue_longitude is not None


DEFAULT_DURATION_HOURS: Final = 4


@dataclass(frozen=True)
class FaqEntry:
    """One practical question and its answer from ``[[faq]]`` (English falls back to Vietnamese)."""

    question: str
    answer: str
    question_en: str = ""
    answer_en: str = ""

    def question_in(self, language: str) -> str:
        """The question in a language."""
        return self.question_en if language == "en" and self.question_en else self.question

    def answer_in(self, language: str) -> str:
        """The answer in a language."""
        return self.answer_en if language == "en" and self.answer_en else self.answer


@dataclass(frozen=True)
class ProposalCategory:
    """One topic delegates file proposals under: a short ASCII code and its Vietnamese and English names."""

    code: str
    vi: str
    en: str

    def label(self, language: str) -> str:
        """The name in a language (English falls back to Vietnamese)."""
        return self.en if language == "en" and self.en else self.vi


DEFAULT_PROPOSAL_CATEGORIES: Final = (
    {
        "code": "bottleneck",
        "vi": "Điểm nghẽn phát triển kinh tế - xã hội",
        "en": "Bottlenecks in socio-economic development",
    },
    {
        "code": "admin",
        "vi": "Cải cách hành chính (vận hành bộ máy, thực thi công vụ, thủ tục hành chính)",
        "en": "Administrative reform (apparatus, public duty, procedures)",
    },
    {"code": "policy", "vi": "Cơ chế, chính sách", "en": "Mechanisms and policies"},
    {"code": "career", "vi": "Điều kiện làm việc, cơ hội trưởng thành", "en": "Working conditions and chances to grow"},
    {"code": "idea", "vi": "Hiến kế, sáng kiến", "en": "Ideas and initiatives"},
    {"code": "other", "vi": "Ý kiến khác", "en": "Other"},
)


@dataclass(frozen=True)
class ProposalSettings:
    """Delegates' proposals and nominations: topics and limits."""

    categories: tuple[ProposalCategory, ...] = tuple(ProposalCategory(**c) for c in DEFAULT_PROPOSAL_CATEGORIES)
    max_length: int = 1500
    max_attachment_bytes: int = 5 * 1024 * 1024
    max_nominations: int = 3
    keep_texts_after_purge: bool = True

    def category(self, code: str) -> ProposalCategory | None:
        """The category with this code, if configured."""
        return next((c for c in self.categories if c.code == code), None)


@dataclass(frozen=True)
class BroadcastSettings:
    """Pacing and safety of organizer broadcasts."""

    rate_per_second: float | None = None  # an optional cap; None = all the budget interactive replies leave
    require_approval: bool = False
    max_in_flight: int = 8
    send_timeout: float = 10.0
    progress_interval: float = 3.0
    paid: bool = False  # allow_paid_broadcast: up to ~1000 messages/s, paid in Telegram Stars


@dataclass(frozen=True)
class ReminderSettings:
    """Automatic reminders: offsets before the event's dates, what to bring, agency contacts."""

    enabled: bool = True
    rsvp_before: tuple[str, ...] = ("7d", "3d", "1d")
    attendance_before: tuple[str, ...] = ("1d", "2h")
    proposals_before: tuple[str, ...] = ("2d",)
    what_to_bring: str = ""
    agency_contacts: tuple[tuple[str, int], ...] = ()


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


@dataclass(frozen=True)
class LoggingSettings:
    """How much the bot logs and where: stderr always, plus an optional rotating file."""

    level: LogLevel = "INFO"
    file: Path | None = None
    max_bytes: int = 5 * 1024 * 1024
    backups: int = 5


@dataclass(frozen=True)
class ConferenceDaySettings:
    """The day itself: question window and limits, moderators, undo window, document size limit."""

    moderators: frozenset[int] = frozenset()
    questions_open_at: datetime | None = None
    questions_close_at: datetime | None = None
    question_max_length: int = 500
    questions_per_delegate: int = 5
    question_interval_seconds: int = 60
    undo_minutes: int = 5
    document_max_mb: int = 50


@dataclass(frozen=True)
class HallScreenSettings:
    """The optional read-only page for the hall screen, served by the bot's own process (off by default).

    The page lives behind a long random path: `path` when configured (at least 24 URL-safe characters), else one
    made once with secrets.token_urlsafe(24) and kept in the database. `public_url` is what the hall's computer
    opens (e.g. a reverse proxy); empty = http://<listen>.
    """

    enabled: bool = False
    listen: str = "127.0.0.1:8089"
    path: str = ""
    public_url: str = ""
    refresh_seconds: int = 10

    @property
    def host(self) -> str:
        """The address part of `listen`."""
        return self.listen.rpartition(":")[0].strip("[]")

    @property
    def port(self) -> int:
        """The port part of `listen`."""
        return int(self.listen.rpartition(":")[2])


@dataclass(frozen=True)
class ReportSettings:
    """The committee's report (DOCX) and the printed invitations: who issues them, where, and whether authors show."""

    parent_body: str = ""
    issuer: str = "Ban Tổ chức hội nghị"
    place: str = ""
    recipient: str = "Thường trực Tỉnh ủy"
    signer: str = ""
    show_authors: bool = False


@dataclass(frozen=True)
class CommitteeMember:
    """A member of the organizing committee: Telegram user id, name and unit."""

    user_id: int
    name: str
    unit: str = ""


@dataclass(frozen=True)
class CommitteeSettings:
    """The organizing committee's own work (tasks): members, chair, reminders before deadlines, daily digest."""

    members: tuple[CommitteeMember, ...] = ()
    chair: int | None = None
    remind_before: tuple[str, ...] = ("3d", "1d")
    # Local time on the deadline's day when the owner is reminded that it is due today ("" = not on the day).
    remind_on_day: str = "08:00"
    # Local time of the chair's daily digest ("" = off).
    digest_at: str = ""

    def member(self, user_id: int) -> CommitteeMember | None:
        """The configured member with this Telegram id."""
        return next((m for m in self.members if m.user_id == user_id), None)


@dataclass(frozen=True)
class Settings:
    """All bot settings plus the file they came from."""

    telegram: TelegramSettings
    database: DatabaseSettings
    event: EventSettings
    source: Path
    proposals: ProposalSettings = ProposalSettings()
    broadcast: BroadcastSettings = BroadcastSettings()
    reminders: ReminderSettings = ReminderSettings()
    conference_day: ConferenceDaySettings = ConferenceDaySettings()
    hall_screen: HallScreenSettings = HallScreenSettings()
    logging: LoggingSettings = LoggingSettings()
    report: ReportSettings = ReportSettings()
    committee: CommitteeSettings = CommitteeSettings()
    faq: tuple[FaqEntry, ...] = ()


_WEBHOOK: Final = Section(
    "webhook",
    keys=(
        Key(
            "listen",
            string(pattern=r"\S+", rule="a host name or IP address without spaces", nonblank=True),
            "127.0.0.1",
        ),
        Key("port", integer(1, 65535), 8443),
        Key("url", url(schemes=("https",), allow_empty=True), ""),
        Key(
            "path",
            string(pattern=r"/[^\s?#]*", rule='a URL path starting with "/" (no spaces, "?" or "#")', nonblank=True),
            "/telegram",
        ),
        Key(
            "secret_token",
            string(pattern=r"[A-Za-z0-9_-]{16,256}", rule="16-256 characters of A-Z a-z 0-9 _ -"),
            "",
        ),
    ),
)

_TELEGRAM: Final = Section(
    "telegram",
    keys=(
        Key("token", string(), ""),  # shape and presence are checked in _telegram (env may override)
        Key("base_url", url(), "https://api.telegram.org/bot"),
        Key("base_file_url", url(), "https://api.telegram.org/file/bot"),
        Key("organizers", user_ids, []),
        Key("staff", user_ids, FROM_MODEL),
        Key("mode", choice("polling", "webhook"), "polling"),
        Key("messages_per_second", number(1, 1000), FROM_MODEL),
        Key("per_chat_per_second", number(0.1, 100), FROM_MODEL),
        Key("flood_burst", integer(5, 100_000), FROM_MODEL),
        Key("flood_per_minute", integer(1, 100_000), FROM_MODEL),
    ),
    tables=(_WEBHOOK,),
    model=TelegramSettings,
)

_DATABASE: Final = Section("database", keys=(Key("path", string(nonblank=True), "hoinghi.sqlite3"),))


def _contact(value: Any) -> EventContact:
    """Parse ``contact = { name = "Nguyễn Văn An", phone = "0912 345 678" }``."""
    if not isinstance(value, Mapping):
        raise Invalid(
            f'must be a table like {{ name = "Nguyễn Văn An", phone = "0912 345 678" }}, got {type_name(value)}'
        )
    unknown = sorted(set(value) - {"name", "phone"})
    if unknown:
        raise Invalid(f'unknown key "{unknown[0][:40]}" (use name, phone)')
    try:
        name = string(nonblank=True, max_len=100)(value.get("name", ""))
    except Invalid as err:
        raise Invalid(f"name {err}") from None
    raw = value.get("phone", "")
    if not isinstance(raw, str):
        raise Invalid(f"phone must be a string, got {type_name(raw)}")
    try:
        phone = format_phone_vn(normalize_phone(raw))
    except InvalidPhone:
        raise Invalid("phone is not a valid phone number (write it as 0912 345 678)") from None
    return EventContact(name=name, phone=phone)


_EVENT: Final = Section(
    "event",
    keys=(
        Key("code", string(pattern=r"[a-z0-9-]{1,40}", rule="1-40 characters of a-z 0-9 -", nonblank=True), "hoi-nghi"),
        Key("name", string(nonblank=True, max_len=200), REQUIRED),
        Key("venue", string(nonblank=True, max_len=200), REQUIRED),
        Key("timezone", timezone, "Asia/Ho_Chi_Minh"),
        Key("starts_at", local_datetime, REQUIRED),
        Key("rsvp_deadline", local_datetime, REQUIRED),
        Key("proposals_deadline", local_datetime, REQUIRED),
        Key("contact", _contact, None),
        Key("ends_at", local_datetime, None),
        Key("venue_latitude", number(-90, 90), None),
        Key("venue_longitude", number(-180, 180), None),
        Key("venue_address", string(max_len=200), None),
    ),
)

_FAQ_KEYS: Final = ("question", "answer", "question_en", "answer_en")


def _faq(value: Any) -> tuple[FaqEntry, ...]:
    """Parse [[faq]] tables: question and answer (Vietnamese, required), question_en and answer_en (optional)."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise Invalid("must be an array of tables ([[faq]] with question, answer, question_en, answer_en)")
    if len(value) > 30:
        raise Invalid("must list at most 30 questions")
    short, long = string(max_len=100), string(max_len=1000)
    entries: list[FaqEntry] = []
    for index, item in enumerate(value, start=1):
        unknown = sorted(set(item) - set(_FAQ_KEYS))
        if unknown:
            raise Invalid(f'entry {index}: unknown key "{unknown[0][:40]}" (use {", ".join(_FAQ_KEYS)})')
        try:
            question = string(nonblank=True, max_len=100)(item.get("question", ""))
            answer = string(nonblank=True, max_len=1000)(item.get("answer", ""))
            question_en, answer_en = short(item.get("question_en", "")), long(item.get("answer_en", ""))
        except Invalid as err:
            raise Invalid(f"entry {index}: {err}") from None
        question = question.strip()
        # The entry is known by its Vietnamese question (hidden from /help by an admin: bot/services/inquiries.py),
        # so two entries asking the same would be one button twice and be hidden together.
        same = next((n for n, e in enumerate(entries, start=1) if _same_question(e.question, question)), None)
        if same is not None:
            raise Invalid(f'entry {index}: the same question as entry {same} ("{question}"); each must be different')
        entries.append(FaqEntry(question, answer.strip(), question_en.strip(), answer_en.strip()))
    return tuple(entries)


def _same_question(first: str, second: str) -> bool:
    """Whether two questions read the same (letter case, spacing and Unicode composition aside)."""
    return _question_form(first) == _question_form(second)


def _question_form(question: str) -> str:
    """A question as compared: NFC, case folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", question).casefold().split())


_CATEGORY_KEYS: Final = ("code", "vi", "en")


def _categories(value: Any) -> tuple[ProposalCategory, ...]:
    """Parse [[proposals.categories]] tables: code (a-z 0-9 _ -, up to 20), vi (required), en (optional)."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise Invalid("must be an array of tables ([[proposals.categories]] with code, vi, en)")
    if not 1 <= len(value) <= 20:
        raise Invalid("must list between 1 and 20 categories")
    code_of = string(pattern=r"[a-z0-9_-]{1,20}", rule="1-20 characters of a-z 0-9 _ -", nonblank=True)
    name_of = string(nonblank=True, max_len=100)
    result: list[ProposalCategory] = []
    for index, item in enumerate(value, start=1):
        unknown = sorted(set(item) - set(_CATEGORY_KEYS))
        if unknown:
            raise Invalid(f'item {index}: unknown key "{unknown[0][:40]}" (use code, vi, en)')
        try:
            code = code_of(item.get("code", ""))
            vi = name_of(item.get("vi", ""))
            en = name_of(item["en"]) if item.get("en") else vi
        except Invalid as err:
            raise Invalid(f"item {index}: {err}") from None
        if any(c.code == code for c in result):
            raise Invalid(f'item {index}: code "{code}" is used twice')
        result.append(ProposalCategory(code=code, vi=vi, en=en))
    return tuple(result)


_PROPOSALS: Final = Section(
    "proposals",
    keys=(
        Key("max_length", integer(100, 3500), FROM_MODEL),
        Key("max_attachment_bytes", integer(0, 20 * 1024 * 1024), FROM_MODEL),
        Key("max_nominations", integer(1, 20), FROM_MODEL),
        Key("keep_texts_after_purge", boolean, FROM_MODEL),
        Key("categories", _categories, FROM_MODEL),
    ),
    model=ProposalSettings,
)

_BROADCAST: Final = Section(
    "broadcast",
    keys=(
        Key("rate_per_second", number(1, 1000), FROM_MODEL),
        Key("require_approval", boolean, FROM_MODEL),
        Key("max_in_flight", integer(1, 64), FROM_MODEL),
        Key("send_timeout", number(0.5, 120), FROM_MODEL),
        Key("progress_interval", number(0.5, 60), FROM_MODEL),
        Key("paid", boolean, FROM_MODEL),
    ),
    model=BroadcastSettings,
)

_DURATION_RE: Final = re.compile(r"([1-9][0-9]{0,3})([dhm])")


def _durations(value: Any) -> tuple[str, ...]:
    """Parse offsets such as ["7d", "3d", "2h", "30m"] (days, hours, minutes), without duplicates."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Invalid('must be an array of durations such as ["7d", "3d", "1d"] or ["2h", "30m"]')
    result: list[str] = []
    for index, item in enumerate(value, start=1):
        text = item.strip().lower()
        if not _DURATION_RE.fullmatch(text):
            raise Invalid(f'item {index} must be a number followed by d, h or m, e.g. "7d", "2h", "30m"')
        if text in result:
            raise Invalid(f'item {index}: "{text}" is listed twice')
        result.append(text)
    return tuple(result)


def _agency_contacts(value: Any) -> tuple[tuple[str, int], ...]:
    """Parse [reminders.agency_contacts]: "agency name" = Telegram user id of its contact person."""
    if not isinstance(value, Mapping):
        raise Invalid('must be a table: "Sở Nội vụ" = 123456789')
    result: list[tuple[str, int]] = []
    for agency, user_id in value.items():
        if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
            raise Invalid(f'"{str(agency)[:60]}" must be a positive Telegram user id (no quotes)')
        result.append((str(agency).strip(), user_id))
    return tuple(result)


_REMINDERS: Final = Section(
    "reminders",
    keys=(
        Key("enabled", boolean, FROM_MODEL),
        Key("rsvp_before", _durations, FROM_MODEL),
        Key("attendance_before", _durations, FROM_MODEL),
        Key("proposals_before", _durations, FROM_MODEL),
        Key("what_to_bring", string(max_len=500), FROM_MODEL),
        Key("agency_contacts", _agency_contacts, FROM_MODEL),
    ),
    model=ReminderSettings,
)


def _optional_datetime(value: Any) -> datetime | None:
    """A local date-time, or "" for none."""
    if isinstance(value, str) and not value.strip():
        return None
    return local_datetime(value)


_CONFERENCE_DAY: Final = Section(
    "conference_day",
    keys=(
        Key("moderators", user_ids, FROM_MODEL),
        Key("questions_open_at", _optional_datetime, FROM_MODEL),
        Key("questions_close_at", _optional_datetime, FROM_MODEL),
        Key("question_max_length", integer(50, 2000), FROM_MODEL),
        Key("questions_per_delegate", integer(1, 100), FROM_MODEL),
        Key("question_interval_seconds", integer(0, 3600), FROM_MODEL),
        Key("undo_minutes", integer(1, 60), FROM_MODEL),
        Key("document_max_mb", integer(1, 50), FROM_MODEL),
    ),
    model=ConferenceDaySettings,
)

HALL_SCREEN_PATH_MIN = 24
_HALL_SCREEN: Final = Section(
    "hall_screen",
    keys=(
        Key("enabled", boolean, FROM_MODEL),
        Key(
            "listen",
            string(
                pattern=r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([1-9][0-9]{0,4})",
                rule='"host:port", e.g. "127.0.0.1:8089"',
                nonblank=True,
            ),
            FROM_MODEL,
        ),
        Key(
            "path",
            string(
                pattern=rf"(|[A-Za-z0-9_-]{{{HALL_SCREEN_PATH_MIN},128}})",
                rule=f'empty (a random one is made) or at least {HALL_SCREEN_PATH_MIN} characters of A-Z a-z 0-9 "_" "-"',
            ),
            FROM_MODEL,
        ),
        Key("public_url", url(allow_empty=True), FROM_MODEL),
        Key("refresh_seconds", integer(2, 300), FROM_MODEL),
    ),
    model=HallScreenSettings,
)

_LOGGING: Final = Section(
    "logging",
    keys=(
        Key("level", choice("DEBUG", "INFO", "WARNING", "ERROR"), FROM_MODEL),
        Key("file", string(), FROM_MODEL),
        Key("max_bytes", integer(10_000, 1_000_000_000), FROM_MODEL),
        Key("backups", integer(0, 100), FROM_MODEL),
    ),
    model=LoggingSettings,
)

_REPORT: Final = Section(
    "report",
    keys=(
        Key("parent_body", string(max_len=120), FROM_MODEL),
        Key("issuer", string(nonblank=True, max_len=120), FROM_MODEL),
        Key("place", string(max_len=60), FROM_MODEL),
        Key("recipient", string(nonblank=True, max_len=120), FROM_MODEL),
        Key("signer", string(max_len=120), FROM_MODEL),
        Key("show_authors", boolean, FROM_MODEL),
    ),
    model=ReportSettings,
)

WEBHOOK_PORTS: Final = (443, 80, 88, 8443)


_MEMBER_KEYS: Final = ("id", "name", "unit")


def _members(value: Any) -> tuple[CommitteeMember, ...]:
    """Parse [[committee.members]] tables: id (Telegram user id), name (required), unit (optional)."""
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise Invalid("must be an array of tables ([[committee.members]] with id, name, unit)")
    name_of, unit_of = string(nonblank=True, max_len=100), string(max_len=200)
    result: list[CommitteeMember] = []
    for index, item in enumerate(value, start=1):
        unknown = sorted(set(item) - set(_MEMBER_KEYS))
        if unknown:
            raise Invalid(f'item {index}: unknown key "{unknown[0][:40]}" (use id, name, unit)')
        user_id = item.get("id")
        if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
            raise Invalid(f"item {index}: id must be a positive Telegram user id (no quotes)")
        try:
            member = CommitteeMember(
                user_id, name_of(item.get("name", "")).strip(), unit_of(item.get("unit", "")).strip()
            )
        except Invalid as err:
            raise Invalid(f"item {index}: {err}") from None
        if any(m.user_id == user_id for m in result):
            raise Invalid(f"item {index}: id {user_id} is listed twice")
        result.append(member)
    return tuple(result)


def _chair(value: Any) -> int | None:
    """The chair's Telegram user id; 0 = no chair."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid("must be a positive Telegram user id (no quotes), or 0 for none")
    return value or None


_CLOCK_TIME = string(pattern=r"(|([01][0-9]|2[0-3]):[0-5][0-9])", rule='a time of day "HH:MM" (24-hour) or ""')

_COMMITTEE: Final = Section(
    "committee",
    keys=(
        Key("members", _members, FROM_MODEL),
        Key("chair", _chair, FROM_MODEL),
        Key("remind_before", _durations, FROM_MODEL),
        Key("remind_on_day", _CLOCK_TIME, FROM_MODEL),
        Key("digest_at", _CLOCK_TIME, FROM_MODEL),
    ),
    model=CommitteeSettings,
)

_ROOT: Final = Section(
    "",
    keys=(Key("faq", _faq, []),),
    tables=(
        _TELEGRAM,
        _DATABASE,
        _EVENT,
        _PROPOSALS,
        _BROADCAST,
        _REMINDERS,
        _LOGGING,
        _CONFERENCE_DAY,
        _HALL_SCREEN,
        _COMMITTEE,
        _REPORT,
    ),
)


def _telegram(values: Mapping[str, Any], *, file: str, env: Mapping[str, str], require_token: bool) -> TelegramSettings:
    """Apply the token override/shape rules and webhook-mode requirements."""
    token, origin = values["token"], ""
    env_token = env.get(TOKEN_ENV, "").strip()
    if env_token:
        token, origin = env_token, f" from environment variable {TOKEN_ENV}"
    if not token and require_token:
        raise ConfigError(file, "telegram", "token", f"is required; set it here or in environment variable {TOKEN_ENV}")
    if token and not _TOKEN_RE.fullmatch(token):
        raise ConfigError(
            file,
            "telegram",
            "token",
            f"the value{origin} is not a valid Bot API token (expected digits, ':' and "
            "30+ characters of A-Z a-z 0-9 _ -, as issued by @BotFather)",
        )
    hook = values["webhook"]
    if values["mode"] == "webhook":
        for name in ("url", "secret_token"):
            if not hook[name]:
                raise ConfigError(file, "telegram.webhook", name, 'is required when [telegram] mode = "webhook"')
        port = urlsplit(hook["url"]).port or 443
        if port not in WEBHOOK_PORTS:
            raise ConfigError(
                file,
                "telegram.webhook",
                "url",
                f"port {port} is not one Telegram sends webhooks to: use 443, 80, 88 or 8443 in the public URL "
                "(the local [telegram.webhook] port behind a reverse proxy may be anything)",
            )
    return TelegramSettings(
        token=token,
        base_url=values["base_url"],
        base_file_url=values["base_file_url"],
        organizers=values["organizers"],
        staff=values["staff"],
        mode=cast(Mode, values["mode"]),
        messages_per_second=values["messages_per_second"],
        per_chat_per_second=values["per_chat_per_second"],
        flood_burst=values["flood_burst"],
        flood_per_minute=values["flood_per_minute"],
        webhook=WebhookSettings(
            listen=hook["listen"],
            port=hook["port"],
            url=hook["url"],
            path=hook["path"],
            secret_token=hook["secret_token"],
        ),
    )


def _database(values: Mapping[str, Any], *, source: Path) -> DatabaseSettings:
    """Resolve a relative database path against the config file's folder."""
    path = Path(values["path"])
    if not path.is_absolute():
        path = source.parent / path
    return DatabaseSettings(path=path.resolve())


def _event(values: Mapping[str, Any], *, file: str) -> EventSettings:
    """Localize the event times and check that deadlines come before the start."""
    zone: ZoneInfo = values["timezone"]
    times: dict[str, datetime] = {}
    for name in ("starts_at", "rsvp_deadline", "proposals_deadline"):
        try:
            times[name] = localize(values[name], zone)
        except Invalid as err:
            raise ConfigError(file, "event", name, str(err)) from None
    starts_at = times["starts_at"]
    ends_at = None
    if values["ends_at"] is not None:
        try:
            ends_at = localize(values["ends_at"], zone)
        except Invalid as err:
            raise ConfigError(file, "event", "ends_at", str(err)) from None
        if not ends_at > starts_at:
            raise ConfigError(
                file, "event", "ends_at", f"must be after starts_at ({starts_at.strftime(DISPLAY_TIME_FORMAT)})"
            )
    latitude, longitude = values["venue_latitude"], values["venue_longitude"]
    if (latitude is None) != (longitude is None):
        missing = "venue_longitude" if longitude is None else "venue_latitude"
        raise ConfigError(
            file, "event", missing, "is needed too: the map pin takes both venue_latitude and venue_longitude"
        )
    for name in ("rsvp_deadline", "proposals_deadline"):
        if not times[name] < starts_at:
            raise ConfigError(
                file, "event", name, f"must be before starts_at ({starts_at.strftime(DISPLAY_TIME_FORMAT)})"
            )
    return EventSettings(
        code=values["code"],
        name=values["name"],
        venue=values["venue"],
        starts_at=starts_at,
        rsvp_deadline=times["rsvp_deadline"],
        proposals_deadline=times["proposals_deadline"],
        timezone=zone,
        contact=values["contact"],
        ends_at=ends_at,
        venue_latitude=latitude,
        venue_longitude=longitude,
        venue_address=(values["venue_address"] or "").strip(),
    )


def _logging(values: Mapping[str, Any], *, source: Path) -> LoggingSettings:
    """A relative log file is relative to the config file's folder, like the database."""
    file = Path(values["file"]) if values["file"] and str(values["file"]).strip() else None
    if file is not None and not file.is_absolute():
        file = (source.parent / file).resolve()
    return LoggingSettings(
        level=cast(LogLevel, values["level"]), file=file, max_bytes=values["max_bytes"], backups=values["backups"]
    )


def settings_from_mapping(
    data: Mapping[str, Any], *, source: Path, env: Mapping[str, str] | None = None, require_token: bool = True
) -> Settings:
    """Build settings from an already-parsed TOML mapping; ``source`` anchors relative paths."""
    env = os.environ if env is None else env
    file = str(source)
    values = read_section(data, _ROOT, file=file)
    return Settings(
        telegram=_telegram(values["telegram"], file=file, env=env, require_token=require_token),
        database=_database(values["database"], source=source),
        event=_event(values["event"], file=file),
        source=source,
        proposals=ProposalSettings(**values["proposals"]),
        broadcast=BroadcastSettings(**values["broadcast"]),
        reminders=ReminderSettings(**values["reminders"]),
        conference_day=_conference_day(values["conference_day"], zone=values["event"]["timezone"], file=file),
        hall_screen=_hall_screen(values["hall_screen"], file=file),
        logging=_logging(values["logging"], source=source),
        report=ReportSettings(**values["report"]),
        committee=_committee(values["committee"], values["telegram"]["organizers"], file=file),
        faq=values["faq"],
    )


def _hall_screen(values: Mapping[str, Any], *, file: str) -> HallScreenSettings:
    """Check the port of `listen` and drop a trailing "/" from `public_url`."""
    settings = HallScreenSettings(**{**values, "public_url": values["public_url"].rstrip("/")})
    if not 1 <= settings.port <= 65535:
        raise ConfigError(file, "hall_screen", "listen", f"port {settings.port} is not between 1 and 65535")
    return settings


def _conference_day(values: Mapping[str, Any], *, zone: ZoneInfo, file: str) -> ConferenceDaySettings:
    """Localize the question window and check that it closes after it opens."""
    times: dict[str, datetime | None] = {}
    for name in ("questions_open_at", "questions_close_at"):
        try:
            times[name] = localize(values[name], zone) if values[name] else None
        except Invalid as err:
            raise ConfigError(file, "conference_day", name, str(err)) from None
    opens, closes = times["questions_open_at"], times["questions_close_at"]
    if opens and closes and not opens < closes:
        raise ConfigError(file, "conference_day", "questions_close_at", "must be after questions_open_at")
    return ConferenceDaySettings(**{**values, **times})


def _committee(values: Mapping[str, Any], organizers: frozenset[int], *, file: str) -> CommitteeSettings:
    """The chair must be a listed member or an organizer."""
    settings = CommitteeSettings(**values)
    if settings.chair is not None and settings.chair not in organizers and settings.member(settings.chair) is None:
        raise ConfigError(
            file, "committee", "chair", "must be one of [[committee.members]] ids or of [telegram] organizers"
        )
    return settings


def load_settings(path: Path, *, env: Mapping[str, str] | None = None, require_token: bool = True) -> Settings:
    """Read and validate a TOML config file (UTF-8, BOM tolerated)."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(file, None, None, "file not found") from None
    except IsADirectoryError:
        raise ConfigError(file, None, None, "is a folder, not a file") from None
    except OSError as err:
        raise ConfigError(file, None, None, f"cannot read file ({err.strerror or type(err).__name__})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(file, None, None, "is not UTF-8 text; save it with UTF-8 encoding") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(file, None, None, f"invalid TOML: {err}") from None
    return settings_from_mapping(data, source=path, env=env, require_token=require_token)


def resolve_config_path(cli_value: str | None, env: Mapping[str, str]) -> Path:
    """Pick the config path: CLI --config, else $DELEGATE_BOT_CONFIG, else ./config.toml."""
    if cli_value:
        return Path(cli_value)
    from_env = env.get(CONFIG_ENV, "")
    return Path(from_env) if from_env else DEFAULT_CONFIG_PATH
