"""Shared benchmark helpers: emulator, settings, roster, percentiles, RSS and the result table."""

from __future__ import annotations

import logging
import math
import platform
import resource
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings, settings_from_mapping
from bot.sandbox.demo.roster_gen import write_roster_file
from bot.sandbox.emulator import DEFAULT_TOKEN, BotApiEmulator
from bot.services.roster_file import RosterEntry, parse_roster

ROOT = Path(__file__).resolve().parent.parent
TOKEN = DEFAULT_TOKEN
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=VN)  # before the RSVP deadline of the bench event
ORGANIZER_ID = 900001
USER_BASE = 500_000  # simulated delegate i has Telegram id USER_BASE + i
LATENCY = 0.050  # seconds the emulator waits before answering every Bot API call


def start_emulator(latency: float = LATENCY, limits: bool = False, **knobs: Any) -> BotApiEmulator:
    """A started Bot API emulator on 127.0.0.1 with the given latency and flood control."""
    emu = BotApiEmulator(token=TOKEN, bot_username="hoinghi_bench_bot", latency=latency, limits=limits, **knobs)
    return emu.start()


def bench_config(workdir: Path, base_url: str, base_file_url: str) -> dict[str, dict[str, Any]]:
    """The bench conference's config as a mapping (sections of the TOML file), pointing at an emulator and a
    database in workdir."""
    return {
        "telegram": {
            "token": TOKEN,
            "base_url": base_url,
            "base_file_url": base_file_url,
            "organizers": [ORGANIZER_ID],
        },
        "database": {"path": str(workdir / "bot.sqlite3")},
        "event": {
            "code": "gap-mat-2026",
            "name": "Hội nghị gặp mặt trưởng, phó phòng 2026",
            "venue": "Trung tâm Hội nghị tỉnh",
            "starts_at": "2026-12-28 08:00",
            "rsvp_deadline": "2026-12-20 17:00",
            "proposals_deadline": "2026-12-15 17:00",
        },
    }


def make_settings(workdir: Path, base_url: str, base_file_url: str) -> Settings:
    """Settings for the bench conference (bench_config), pointing at an emulator and a database in workdir."""
    return settings_from_mapping(bench_config(workdir, base_url, base_file_url), source=workdir / "config.toml", env={})


def roster_entries(n: int, workdir: Path, *, seed: int = 0) -> list[RosterEntry]:
    """A generated roster of n delegates, written as CSV and parsed the way an import parses it."""
    return parse_roster(write_roster_file(workdir / f"roster-{n}.csv", n, seed=seed), max_rows=max(n, 20000))


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between closest ranks; nan when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ratio(ours: float, baseline: float) -> float:
    """ours ÷ baseline (nan when the baseline is zero or missing)."""
    if not baseline or math.isnan(baseline) or math.isnan(ours):
        return math.nan
    return ours / baseline


def rss_kib() -> dict[str, int]:
    """Current (VmRSS) and peak (VmHWM) resident set of this process in KiB, plus ru_maxrss."""
    figures: dict[str, int] = {"ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0])
    return figures


@dataclass(frozen=True)
class Row:
    """One line of a result table: a metric for our bot, for the baseline, and their ratio."""

    metric: str
    ours: float
    baseline: float | None = None
    unit: str = ""
    digits: int = 1

    @property
    def ratio(self) -> float | None:
        """ours ÷ baseline, when there is a baseline."""
        return None if self.baseline is None else ratio(self.ours, self.baseline)


def _fmt(value: float | None, digits: int) -> str:
    """A number for the table ('—' when absent)."""
    if value is None:
        return "—"
    if math.isnan(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def print_table(title: str, rows: Iterable[Row], notes: Iterable[str] = ()) -> None:
    """Print a fixed-width table: metric | ours | baseline | ours ÷ baseline, then notes."""
    lines = [("metric", "ours", "baseline", "ours ÷ baseline")]
    for row in rows:
        label = f"{row.metric} [{row.unit}]" if row.unit else row.metric
        shown_ratio = None if row.ratio is None else row.ratio
        lines.append(
            (
                label,
                _fmt(row.ours, row.digits),
                _fmt(row.baseline, row.digits),
                "—" if shown_ratio is None else _fmt(shown_ratio, 2) + "×",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    print(f"\n== {title} ==")
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for note in notes:
        print(f"  * {note}")


def machine() -> str:
    """A one-line description of where the figures were taken."""
    import os

    return f"Python {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.system()} {platform.machine()}"


def quiet_logging(level: int = logging.WARNING) -> ErrorCounter:
    """Log warnings and worse to stderr and count ERROR records (handler crashes, lost requests)."""
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "tornado.access", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    return counter


class ErrorCounter(logging.Handler):
    """Counts ERROR-or-worse log records by logger and first message line."""

    def __init__(self) -> None:
        """Start at zero."""
        super().__init__(level=logging.ERROR)
        self.counts: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record."""
        detail = (
            f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
            if record.exc_info and record.exc_info[1]
            else ""
        )
        key = f"{record.name}: {record.getMessage().splitlines()[0]}{detail}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def reset(self) -> None:
        """Back to zero."""
        self.counts.clear()

    @property
    def total(self) -> int:
        """All counted records."""
        return sum(self.counts.values())


async def start_bare(app: Any, poll_timeout: int = 1) -> None:
    """Start a bare PTB Application polling like ours does (initialize, polling, start), without owning the loop."""
    await app.initialize()
    await app.updater.start_polling(
        poll_interval=0.0, timeout=poll_timeout, allowed_updates=["message", "callback_query", "my_chat_member"]
    )
    await app.start()


async def stop_bare(app: Any) -> None:
    """Stop a bare Application in run_polling's order."""
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
