"""The sandbox's clock: real time plus an offset kept in a file (issue 17). Never used outside the sandbox.

The demo rehearses reminders weeks away and the conference morning in minutes: it moves the offset forward
(`advance_to`), and the bot process it started (`python -m bot.sandbox.bot_run --clock-file …`) reads the same file
on every `now()`, so both sides agree on the time at once. The bot process re-places its dated jobs when the offset
moves (`follow`), so a reminder whose time the clock jumped past runs then, as it would in production at that time.
The file is replaced atomically (write beside, then rename): a reader never sees half a number.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path


class SandboxClock:
    """Real time plus an offset (seconds, a text file) that only grows; see the module docstring."""

    def __init__(self, path: Path) -> None:
        """path: the offset file (created by the first advance; absent means no offset)."""
        self.path = Path(path)
        self._offset = timedelta(0)
        self._stamp: tuple[int, int, int] | None = None

    @property
    def offset(self) -> timedelta:
        """How far ahead of real time this clock is (as last read)."""
        self._refresh()
        return self._offset

    def now(self) -> datetime:
        """Real time, shifted by the file's offset."""
        self._refresh()
        return datetime.now(UTC) + self._offset

    def advance_to(self, moment: datetime) -> None:
        """Jump forward to moment (never backwards); every clock reading the same file follows."""
        offset = self.offset + max(timedelta(0), moment - self.now())
        spare = self.path.with_name(self.path.name + ".new")
        spare.write_text(f"{offset.total_seconds():.6f}\n", encoding="ascii")
        os.replace(spare, self.path)
        self._refresh()

    def _refresh(self) -> None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            self._stamp, self._offset = None, timedelta(0)
            return
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            self._offset = timedelta(seconds=float(self.path.read_text(encoding="ascii") or 0))
            self._stamp = stamp
