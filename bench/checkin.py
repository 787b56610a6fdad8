"""P7 — check-in at the door: 8 staff scan N delegates' QR codes at 5 scans/s in total (a few twice).

Each scan is the /start <check-in code> update a phone sends when the QR is scanned. Latency = the scan reaching the
emulator → the bot's answer to that staff member recorded by the emulator. Baseline: a bare python-telegram-bot echo
bot answering /start <payload> under the same scan schedule. Ours must lose nothing and check no one in twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import dataclasses
import random
import tempfile
import time
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bench.common import (
    LATENCY,
    NOW,
    ErrorCounter,
    Row,
    machine,
    make_settings,
    percentile,
    print_table,
    quiet_logging,
    roster_entries,
    start_bare,
    start_emulator,
    stop_bare,
)
from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import build_application, start_application, stop_application

STAFF_BASE = 700_000


@dataclass
class ScanResult:
    """What one run measured."""

    name: str
    scans: int
    latencies: list[float]
    lost: int
    duration: float
    checked_in: int = 0
    checkin_rows: int = 0
    already_answers: int = 0
    errors: dict[str, int] = field(default_factory=dict)


def schedule(codes: list[str], staff: int, repeat: float, seed: int) -> list[tuple[int, str]]:
    """(staff user id, code) in scan order: every code once, a fraction scanned again a little later."""
    rng = random.Random(seed)
    order: list[tuple[int, str]] = []
    again = set(rng.sample(range(len(codes)), int(len(codes) * repeat)))
    pending: list[tuple[int, str]] = []
    for index, code in enumerate(codes):
        order.append((STAFF_BASE + index % staff, code))
        if index in again:
            pending.append((index + rng.randint(3, 30), code))
        while pending and pending[0][0] <= index:
            _, repeat_code = pending.pop(0)
            order.append((STAFF_BASE + rng.randrange(staff), repeat_code))
        pending.sort()
    order += [(STAFF_BASE + rng.randrange(staff), code) for _, code in pending]
    return order


async def scan_all(
    emu: BotApiEmulator, order: list[tuple[int, str]], rate: float, timeout: float
) -> tuple[list[float], int, float]:
    """Send the scans at `rate` per second; pair each with its staff member's next answer (answers come in order)."""
    sent: dict[int, list[float]] = {}
    started = time.monotonic()
    wall_started = time.time()
    for index, (staff, code) in enumerate(order):
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        sent.setdefault(staff, []).append(time.time())
        emu.send_command(staff, "start", code)
    deadline = time.monotonic() + timeout

    def answers(staff: int) -> list[float]:
        return [r.timestamp for r in emu.request_log if r.method == "sendMessage" and r.chat_id == staff]

    while time.monotonic() < deadline and any(len(answers(s)) < len(t) for s, t in sent.items()):
        await asyncio.sleep(0.05)
    latencies: list[float] = []
    lost = 0
    for staff, times in sent.items():
        got = [t for t in answers(staff) if t >= wall_started]
        lost += max(0, len(times) - len(got))
        latencies += [answer - scan for scan, answer in zip(times, got)]
    return latencies, lost, time.monotonic() - started


async def run_ours(n: int, staff: int, rate: float, repeat: float, latency: float, errors: ErrorCounter) -> ScanResult:
    """Our bot: roles, SQLite check-in with its unique index, the staff answer from the catalogue."""
    with tempfile.TemporaryDirectory(prefix="bench-checkin-") as tmp:
        emu = start_emulator(latency=latency, limits=False)
        try:
            settings = make_settings(Path(tmp), emu.base_url, emu.base_file_url)
            staff_ids = frozenset(STAFF_BASE + i for i in range(staff))
            settings = dataclasses.replace(settings, telegram=dataclasses.replace(settings.telegram, staff=staff_ids))
            for user_id in staff_ids:
                emu.add_user(user_id, "Cán bộ", language_code="vi")
            app = build_application(settings, clock=FakeClock(NOW))
            await start_application(app)
            try:
                services = app.bot_data.services
                await services.roster.import_entries(roster_entries(n, Path(tmp)), actor="bench")
                async with services.db.transaction() as uow:
                    delegates = await uow.delegates.all(services.event.id)
                    for delegate in delegates:
                        await uow.rsvps.save(delegate.id, "attending", NOW)
                codes = await services.checkins.codes_for([d.id for d in delegates])
                order = schedule([codes[d.id] for d in delegates], staff, repeat, seed=1)
                errors.reset()
                latencies, lost, duration = await scan_all(emu, order, rate, timeout=60)
                async with services.db.read() as uow:
                    standing = await uow.checkins.all_standing(services.event.id)
                    rows = await uow.checkins.count_all(services.event.id)
                already = sum(
                    1 for m in emu.all_messages() if m.chat_id in staff_ids and "ĐÃ ĐIỂM DANH TRƯỚC ĐÓ" in m.plain_text
                )
                result = ScanResult("ours", len(order), latencies, lost, duration, len(standing), rows, already)
            finally:
                await stop_application(app)
        finally:
            emu.stop()
    result.errors = dict(errors.counts)
    return result


async def bare_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo the payload: the least a bot can do for a scan."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"OK {' '.join(context.args or [])}")


async def run_bare(n: int, staff: int, rate: float, repeat: float, latency: float, errors: ErrorCounter) -> ScanResult:
    """A bare PTB Application (same concurrent updates as ours) echoing /start <payload>."""
    emu = start_emulator(latency=latency, limits=False)
    try:
        app = emu.application_builder().concurrent_updates(1024).build()
        app.add_handler(CommandHandler("start", bare_start))
        for i in range(staff):
            emu.add_user(STAFF_BASE + i, "Bare", language_code="vi")
        await start_bare(app)
        try:
            codes = [f"ci-{i:016d}" for i in range(n)]
            order = schedule(codes, staff, repeat, seed=1)
            errors.reset()
            latencies, lost, duration = await scan_all(emu, order, rate, timeout=60)
        finally:
            await stop_bare(app)
    finally:
        emu.stop()
    result = ScanResult("bare PTB", len(order), latencies, lost, duration)
    result.errors = dict(errors.counts)
    return result


def main() -> int:
    """Run both and print the table; exit 1 when ours lost a scan or checked someone in twice."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegates", type=int, default=800)
    parser.add_argument("--staff", type=int, default=8)
    parser.add_argument("--rate", type=float, default=5.0, help="scans per second, all staff together")
    parser.add_argument("--repeat", type=float, default=0.05, help="fraction of delegates scanned twice")
    parser.add_argument("--latency", type=float, default=LATENCY)
    args = parser.parse_args()
    errors = quiet_logging()
    shape = (args.delegates, args.staff, args.rate, args.repeat, args.latency, errors)
    bare = asyncio.run(run_bare(*shape))
    ours = asyncio.run(run_ours(*shape))
    ms = 1000.0
    rows = [
        Row("scans", ours.scans, bare.scans, digits=0),
        Row("answer latency p50", percentile(ours.latencies, 50) * ms, percentile(bare.latencies, 50) * ms, "ms"),
        Row("answer latency p95", percentile(ours.latencies, 95) * ms, percentile(bare.latencies, 95) * ms, "ms"),
        Row("answer latency max", max(ours.latencies, default=0) * ms, max(bare.latencies, default=0) * ms, "ms"),
        Row("lost scans (no answer)", ours.lost, bare.lost, digits=0),
        Row("delegates checked in", ours.checked_in, digits=0),
        Row("check-in rows (no double check-in)", ours.checkin_rows, digits=0),
        Row("'already checked in' answers", ours.already_answers, digits=0),
        Row("logged errors", sum(ours.errors.values()), sum(bare.errors.values()), digits=0),
    ]
    print_table(
        f"P7 check-in: {args.staff} staff, {args.rate:g} scans/s, {args.delegates} delegates "
        f"(+{int(args.delegates * args.repeat)} scanned twice), emulator latency {args.latency * ms:.0f} ms",
        rows,
        [machine(), "goal: p95 ratio ≤ 1.5, 0 lost, check-in rows = delegates"],
    )
    failed = ours.lost or ours.checkin_rows != args.delegates or ours.checked_in != args.delegates
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
