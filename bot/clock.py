"""Time sources: the real clock and a controllable one for tests and the demo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime:
        """Return the current time (aware, UTC)."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """Return the current time (aware, UTC)."""
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """Return the current fake time."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by delta."""
        self._now += delta

    def set(self, moment: datetime) -> None:
        """Jump to an aware moment."""
        self._now = moment.astimezone(UTC)


def to_iso(moment: datetime) -> str:
    """Serialise an aware datetime as UTC ISO text for SQLite."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Parse UTC ISO text written by to_iso."""
    return datetime.fromisoformat(text)


def from_iso_or_none(text: str | None) -> datetime | None:
    """from_iso for a column that may be empty: None for NULL (or '')."""
    return from_iso(text) if text else None
