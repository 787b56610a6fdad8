"""The conference agenda: parse a simple file or typed text, publish versions, and say what changed."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from bot.clock import Clock
from bot.i18n import sentence_time, text
from bot.services.cleaning import normalise
from storage.broadcast_models import AgendaItem, AgendaVersion
from storage.db import Database
from storage.models import Event

MAX_ITEMS = 100
MAX_TEXT = 4096  # Telegram's message length after entity parsing (telegram.constants.MessageLimit.MAX_TEXT_LENGTH)
MAX_CAPTION = 1024  # a caption's (MessageLimit.CAPTION_LENGTH)
TITLE_LIMIT = 300
_LINE = re.compile(r"^\s*(?P<time>\d{1,2}[:hg.]\d{2}(?:\s*[-–]\s*\d{1,2}[:hg.]\d{2})?)\s*[-–|:]?\s*(?P<title>.+?)\s*$")
_TIME_HEADERS = {"time", "thời gian", "thoi gian", "giờ", "gio"}
_TITLE_HEADERS = {"title", "nội dung", "noi dung", "tiêu đề", "tieu de"}
_TAG = re.compile(r"<[^>]*>")


def units(plain_text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units; an emoji outside the BMP counts twice)."""
    return len(plain_text.encode("utf-16-le")) // 2


def visible_length(html_text: str) -> int:
    """Length of catalogue HTML after Telegram parses it (tags dropped, entities as one character each)."""
    return units(unescape(_TAG.sub("", html_text)))


def fit_lines(
    render: Callable[[list[str], int], str], lines: list[str], limit: int, measure: Callable[[str], int]
) -> str:
    """render(the first lines, how many were left out) with as many lines as keep measure(result) within limit."""
    shown = len(lines)
    while shown and measure(render(lines[:shown], len(lines) - shown)) > limit:
        shown -= 1
    return render(lines[:shown], len(lines) - shown)


def agenda_messages(language: str, agenda: AgendaVersion | None, timezone: str, limit: int = MAX_TEXT) -> list[str]:
    """The whole agenda as delegates see it, split at item boundaries into messages Telegram accepts."""
    if agenda is None:
        return [text(language, "agenda.none")]
    messages = [_header(language, agenda, timezone)]
    for item in agenda.items:
        line = _line(language, item)
        if visible_length(messages[-1] + line) <= limit:
            messages[-1] += line
        else:
            messages.append(line.lstrip("\n"))
    return messages


def pinned_text(language: str, agenda: AgendaVersion, timezone: str, limit: int = MAX_TEXT) -> str:
    """The agenda as ONE message (the one pinned in the chat): the items that fit, then "… N more: /agenda"."""

    def render(shown: list[str], hidden: int) -> str:
        more = text(language, "agenda.pinned_more", count=hidden) if hidden else ""
        return _header(language, agenda, timezone) + "".join(shown) + more

    return fit_lines(render, [_line(language, item) for item in agenda.items], limit, visible_length)


def _header(language: str, agenda: AgendaVersion, timezone: str) -> str:
    return text(
        language,
        "agenda.header",
        version=agenda.version,
        published_at=sentence_time(language, agenda.published_at, timezone),
    )


def _line(language: str, item: AgendaItem) -> str:
    return text(language, "agenda.line" if item.time else "agenda.line_untimed", time=item.time, title=item.title)


class AgendaFileError(ValueError):
    """The agenda file or text could not be read: a reason (catalogue key "agenda_error.<reason>") and its details."""

    def __init__(self, reason: str, **detail: object) -> None:
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason} {detail}" if detail else reason)


@dataclass(frozen=True)
class AgendaChange:
    """What changed between two versions."""

    added: tuple[AgendaItem, ...]
    removed: tuple[AgendaItem, ...]
    moved: tuple[tuple[AgendaItem, AgendaItem], ...]  # (before, after): same title, other time

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.removed or self.moved)


@dataclass(frozen=True)
class Published:
    """A new version and its difference from the previous one."""

    version: AgendaVersion
    previous: AgendaVersion | None
    change: AgendaChange
    unchanged: bool = False  # the same items as the current version: nothing was stored


def parse_agenda_text(raw: str) -> list[AgendaItem]:
    """One item per non-empty line: "08:00 Khai mạc" / "08:00 - 08:30 | Khai mạc" / a title without a time."""
    items = []
    for line in raw.splitlines():
        line = normalise(line, multiline=False).lstrip("-*•").strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        time, title = (match["time"], match["title"]) if match else ("", line)
        items.append(AgendaItem(" ".join(time.split()), " ".join(title.split())))
    return _checked(items)


def parse_agenda_file(path: Path) -> list[AgendaItem]:
    """Read .txt/.md (one line per item), .toml ([[item]] time/title) or .xlsx (time/title columns)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AgendaFileError("cannot_read", name=path.name, detail=error.strerror or type(error).__name__) from None
    return parse_agenda_bytes(data, path.name)


def parse_agenda_bytes(data: bytes, file_name: str) -> list[AgendaItem]:
    """The same formats from the bytes of a file (e.g. one an organizer sent to the bot)."""
    suffix = Path(file_name).suffix.lower()
    try:
        if suffix in (".txt", ".md", ""):
            return parse_agenda_text(data.decode("utf-8-sig"))
        if suffix == ".toml":
            rows = tomllib.loads(data.decode("utf-8-sig")).get("item", [])
            if not isinstance(rows, list):
                raise AgendaFileError("toml_items")
            return _checked([AgendaItem(str(r.get("time", "")).strip(), str(r.get("title", "")).strip()) for r in rows])
        if suffix == ".xlsx":
            return _checked(_xlsx_items(data))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, zipfile.BadZipFile, KeyError) as error:
        raise AgendaFileError("cannot_read", name=file_name, detail=str(error)[:200]) from None
    raise AgendaFileError("unsupported", suffix=suffix)


def _xlsx_items(data: bytes) -> list[AgendaItem]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    if not rows:
        raise AgendaFileError("empty_sheet")
    headers = [h.lower() for h in rows[0]]
    time_col = next((i for i, h in enumerate(headers) if h in _TIME_HEADERS), None)
    title_col = next((i for i, h in enumerate(headers) if h in _TITLE_HEADERS), None)
    if time_col is None or title_col is None:
        raise AgendaFileError("no_columns")
    return [
        AgendaItem(row[time_col] if time_col < len(row) else "", row[title_col] if title_col < len(row) else "")
        for row in rows[1:]
        if any(row)
    ]


def _checked(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items through the one input cleaner, then the limits."""
    items = [AgendaItem(normalise(i.time, multiline=False), normalise(i.title, multiline=False)) for i in items]
    if not items:
        raise AgendaFileError("no_items")
    if len(items) > MAX_ITEMS:
        raise AgendaFileError("too_many", limit=MAX_ITEMS)
    for number, item in enumerate(items, start=1):
        if not item.title:
            raise AgendaFileError("no_title", number=number)
        if len(item.title) > TITLE_LIMIT:
            raise AgendaFileError("too_long", number=number, limit=TITLE_LIMIT)
    return items


def compare(before: tuple[AgendaItem, ...], after: tuple[AgendaItem, ...]) -> AgendaChange:
    """Items added, removed, or moved to another time (matched by title)."""
    old = {item.title: item for item in before}
    new = {item.title: item for item in after}
    return AgendaChange(
        added=tuple(item for item in after if item.title not in old),
        removed=tuple(item for item in before if item.title not in new),
        moved=tuple(
            (old[item.title], item) for item in after if item.title in old and old[item.title].time != item.time
        ),
    )


class AgendaService:
    """Publishes agenda versions; each publish is a new version."""

    def __init__(self, db: Database, clock: Clock, event: Event) -> None:
        self._db = db
        self._clock = clock
        self._event = event

    async def current(self) -> AgendaVersion | None:
        """The agenda delegates see."""
        async with self._db.read() as uow:
            return await uow.agenda.latest(self._event.id)

    async def change_of(self, version: int) -> AgendaChange:
        """What a version changed from the one before it."""
        async with self._db.read() as uow:
            this = await uow.agenda.get(self._event.id, version)
            before = await uow.agenda.get(self._event.id, version - 1)
        return compare(before.items if before else (), this.items if this else ())

    async def publish(self, items: list[AgendaItem], actor: str) -> Published:
        """Store a new version and return what changed from the previous one (nothing stored when unchanged)."""
        async with self._db.transaction() as uow:
            previous = await uow.agenda.latest(self._event.id)
            if previous is not None and tuple(previous.items) == tuple(items):
                return Published(previous, previous, compare(previous.items, previous.items), unchanged=True)
            version = await uow.agenda.add(self._event.id, items, actor, self._clock.now())
            change = compare(previous.items if previous else (), version.items)
            await uow.audit.add(
                self._event.id,
                actor,
                "agenda_published",
                self._clock.now(),
                subject=str(version.version),
                detail={
                    "items": len(items),
                    "added": len(change.added),
                    "removed": len(change.removed),
                    "moved": len(change.moved),
                },
            )
        return Published(version, previous, change)
