"""Every way the bot writes or reads a time — the one module that owns time formatting.

- ``sentence_time(language, moment, tz)`` for sentences, time before date as in official writing:
  "08 giờ 00, thứ Hai, ngày 28/12/2026" / "08:00 on Monday, 28/12/2026". The catalogue puts the
  preposition around it ("vào lúc {starts_at}", "trước {rsvp_deadline}"; "at …", "by …").
- ``format_local(moment, tz)`` — the compact "dd/mm/yyyy HH:MM", only for tables, exports and the
  example of what to type.
- ``TYPED_FORMAT`` / ``typed_format_hint(language, example)`` — the ONE description of what a person
  types ("dd/mm/yyyy HH:MM (ngày/tháng/năm giờ:phút), ví dụ …"); ``ACCEPTED_FORMATS`` are what
  ``bot.config_parse.typed_moment`` (the one parser) and the config file read.
- ``duration(language, delta)`` — "7 ngày", "2 giờ", "30 phút" (never "7d", "2h"); ``rough_duration`` — "2 ngày
  3 giờ" for a time left or overdue.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from bot.i18n import plain, text

TYPED_FORMAT: Final = "%d/%m/%Y %H:%M"
"""What a person types (and the compact form shown in tables): 28/12/2026 08:00."""

ACCEPTED_FORMATS: Final = (
    TYPED_FORMAT,
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
)
"""Typed forms that are read (the first one is the one described to people)."""

_UNITS: Final = (("days", 86400), ("hours", 3600), ("minutes", 60))


def format_local(moment: datetime, timezone: str | ZoneInfo) -> str:
    """The compact dd/mm/yyyy HH:MM in the event's time zone (tables, exports, typing examples — not sentences)."""
    return moment.astimezone(_zone(timezone)).strftime(TYPED_FORMAT)


def format_local_date(moment: datetime, timezone: str | ZoneInfo) -> str:
    """The day of a moment in the event's time zone as dd/mm/yyyy (tables, file names)."""
    return moment.astimezone(_zone(timezone)).strftime("%d/%m/%Y")


def clock_time(moment: datetime, timezone: str | ZoneInfo) -> str:
    """The time of day only, HH:MM in the event's time zone (same-day events: "already checked in at 07:42")."""
    return moment.astimezone(_zone(timezone)).strftime("%H:%M")


def sentence_time(language: str, moment: datetime, timezone: str | ZoneInfo) -> str:
    """A moment for a sentence: "08 giờ 00, thứ Hai, ngày 28/12/2026" / "08:00 on Monday, 28/12/2026"."""
    local = moment.astimezone(_zone(timezone))
    return plain(
        language,
        "time.moment",
        hour=f"{local:%H}",
        minute=f"{local:%M}",
        weekday=plain(language, f"time.weekday.{local.weekday()}"),
        date=f"{local:%d/%m/%Y}",
    )


def typed_format_hint(language: str, example: str) -> str:
    """How to type a time, with an example (HTML-safe): "dd/mm/yyyy HH:MM (ngày/tháng/năm giờ:phút), ví dụ …".

    The example is written with ``format_local``; ``bot.config_parse.typed_moment`` reads what is typed.
    """
    return text(language, "time.typed_format", example=example)


def duration(language: str, delta: timedelta) -> str:
    """ "7 ngày", "2 giờ", "90 phút" / "7 days", "1 hour" — the largest whole unit."""
    seconds = int(delta.total_seconds())
    for unit, size in _UNITS:
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return plain(language, f"time.{unit}.{'one' if count == 1 else 'other'}", count=count)
    return plain(language, "time.minutes.other", count=round(seconds / 60))


def rough_duration(language: str, delta: timedelta) -> str:
    """ "2 ngày 3 giờ", "45 phút" / "2 days 3 hours" — a time left or overdue: at most two units, at least 1 minute."""
    minutes = max(1, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "days"), (hours, "hours"), (minutes, "minutes")]
    shown = [
        plain(language, f"time.{unit}.{'one' if count == 1 else 'other'}", count=count)
        for count, unit in parts
        if count
    ]
    return " ".join(shown[:2])


def _zone(timezone: str | ZoneInfo) -> ZoneInfo:
    return timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
