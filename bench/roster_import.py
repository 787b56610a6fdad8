"""Roster import: parse_roster + RosterService.import_entries of a generated XLSX vs openpyxl merely reading it."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file (.venv/bin/python bench/roster_import.py): make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass

from openpyxl import load_workbook

from bench.common import NOW, Row, machine, make_settings, print_table
from bot.clock import FakeClock
from bot.sandbox.demo.roster_gen import write_roster_file
from bot.services import open_services
from bot.services.roster_file import parse_roster


@dataclass(frozen=True)
class ImportTiming:
    """Seconds spent in each phase of one import."""

    parse: float
    open_db: float
    import_db: float
    created: int

    @property
    def full(self) -> float:
        """parse_roster + import_entries (the database is open already, as in the running bot)."""
        return self.parse + self.import_db


def read_only_scan(path: Path) -> tuple[float, int]:
    """Seconds for openpyxl to iterate every cell of the first sheet in read-only mode, and the cell count."""
    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            cells += sum(1 for _ in row)
    finally:
        workbook.close()
    return time.perf_counter() - started, cells


async def full_import(path: Path, workdir: Path) -> ImportTiming:
    """Parse the file, open a fresh database (migrations, event row), import every entry; time each phase."""
    started = time.perf_counter()
    entries = parse_roster(path)
    parsed = time.perf_counter()
    settings = make_settings(workdir, "http://127.0.0.1:9/bot", "http://127.0.0.1:9/file/bot")
    services = await open_services(settings, FakeClock(NOW))
    opened = time.perf_counter()
    try:
        report = await services.roster.import_entries(entries, actor="bench")
        imported = time.perf_counter()
    finally:
        await services.db.close()
    return ImportTiming(parsed - started, opened - parsed, imported - opened, report.created)


def run(rows: int, repeat: int) -> int:
    """Write the roster once, then time `repeat` scans and imports (each import into a new database)."""
    with tempfile.TemporaryDirectory(prefix="bench-roster-") as tmp:
        path = Path(tmp) / f"roster-{rows}.xlsx"
        started = time.perf_counter()
        write_roster_file(path, rows)
        written = time.perf_counter() - started
        # Scans and imports alternate, so a machine whose load drifts (other work on 2 cores) weighs on both alike.
        scans, imports = [], []
        for attempt in range(repeat):
            scans.append(read_only_scan(path))
            workdir = Path(tmp) / f"db-{attempt}"
            workdir.mkdir()
            imports.append(asyncio.run(full_import(path, workdir)))
        size = path.stat().st_size
    if any(timing.created != rows for timing in imports):
        print(f"FAIL: import created {[t.created for t in imports]} delegates, expected {rows}", file=sys.stderr)
        return 1
    scan = statistics.median(seconds for seconds, _ in scans)
    median = {
        name: statistics.median(getattr(t, name) for t in imports) for name in ("full", "parse", "import_db", "open_db")
    }
    rows_table = [
        Row("full import (parse + DB)", median["full"], scan, "s", 2),
        Row("  parse_roster", median["parse"], scan, "s", 2),
        Row("  import_entries (DB)", median["import_db"], None, "s", 2),
        Row("  open fresh DB (migrate)", median["open_db"], None, "s", 3),
        Row("rows per second, full import", rows / median["full"], rows / scan, "rows/s", 0),
    ]
    notes = [
        f"{rows:,} generated delegates in one XLSX ({size / 1024:,.0f} KiB, {scans[0][1]:,} cells, written in "
        f"{written:.2f} s); medians of {repeat} alternating run(s) of each; {machine()}",
        "baseline = openpyxl load_workbook(read_only=True) iterating every cell of the same file",
        "full import = parse_roster (read, normalise, validate) + RosterService.import_entries into a fresh "
        "SQLite database (one transaction, WAL, synchronous=FULL); opening/migrating the DB is shown apart",
    ]
    print_table("Roster import", rows_table, notes)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000, help="delegates in the generated XLSX (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; medians are shown (3)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    return run(args.rows, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
