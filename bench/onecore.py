"""One core vs two (issue 17): an RSVP burst against the bot as its own process, pinned to 1 then 2 cores.

The bot is the product as an operator runs it (`python -m bot run --config …`, bot/sandbox/demo/bot_process.py); the
emulator and the pressing delegates live in this process. With `--demo` the whole `delegate-bot demo` is also timed
with the bot on one core and on two.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file (.venv/bin/python bench/onecore.py): make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import contextlib
import io
import os
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup

from bench.common import (
    LATENCY,
    NOW,
    USER_BASE,
    Row,
    bench_config,
    machine,
    percentile,
    print_table,
    roster_entries,
    start_emulator,
)
from bench.rsvp_burst import Card, send_cards, wait_until
from bot.clock import FakeClock
from bot.config import settings_from_mapping
from bot.sandbox.demo.bot_process import BotProcess, split_cpus, write_config
from bot.sandbox.emulator import BotApiEmulator
from bot.services import open_services
from handlers.views import card_keyboard, card_text


@dataclass
class Result:
    """One burst."""

    cores: list[int]
    presses: int
    duration: float
    delays: list[float]
    edited: int
    attending: int
    unanswered: int
    too_old: int

    @property
    def lost(self) -> int:
        """Presses without an 'attending' row or without an answer."""
        return (self.presses - self.attending) + self.unanswered

    @property
    def throughput(self) -> float:
        """Cards edited per second from the first press to the last edit."""
        return self.edited / self.duration if self.duration else 0.0


def _config(workdir: Path, emu: BotApiEmulator) -> dict[str, dict[str, Any]]:
    """The bench conference for a bot process on the real clock: a year later, so that answers are still open."""
    config = bench_config(workdir, emu.base_url, emu.base_file_url)
    config["event"].update(
        starts_at="2027-12-28 08:00", rsvp_deadline="2027-12-20 17:00", proposals_deadline="2027-12-15 17:00"
    )
    config["logging"] = {"level": "WARNING"}
    return config


async def _prepare(emu: BotApiEmulator, workdir: Path, n: int) -> tuple[dict[str, Any], list[Card]]:
    """Import n delegates, link each to a simulated user, send their cards (setup, not measured)."""
    config = _config(workdir, emu)
    settings = settings_from_mapping(config, source=workdir / "config.toml", env={})
    services = await open_services(settings, FakeClock(NOW))
    try:
        await services.roster.import_entries(roster_entries(n, workdir), actor="bench")
        async with services.db.read() as uow:
            delegates = await uow.delegates.all(services.event.id)
            tokens = [await uow.tokens.active_token(d.id) for d in delegates]
        outgoing: list[tuple[int, str, InlineKeyboardMarkup | None]] = []
        data: dict[int, str] = {}
        for index, (delegate, token) in enumerate(zip(delegates, tokens)):
            user_id = USER_BASE + index
            emu.add_user(user_id, delegate.full_name.split()[-1], language_code="vi")
            linked = await services.invitations.bind_by_token(user_id, token or "")
            assert linked.delegate is not None
            keyboard = card_keyboard("vi", services.event, linked.delegate, NOW)
            outgoing.append((user_id, card_text("vi", services.event, linked.delegate, None, NOW), keyboard))
            data[user_id] = f"rsvp:a:{linked.delegate.id}"
    finally:
        await services.db.close()
    ids = await send_cards(emu, outgoing)
    return config, [Card(u, ids[u], data[u]) for u, _, _ in outgoing]


async def _attending(config: dict[str, Any], workdir: Path) -> int:
    settings = settings_from_mapping(config, source=workdir / "config.toml", env={})
    services = await open_services(settings, FakeClock(NOW))
    try:
        async with services.db.read() as uow:
            answers = await uow.rsvps.answers(services.event.id)
    finally:
        await services.db.close()
    return sum(1 for a in answers if a.rsvp is not None and a.rsvp.status == "attending")


async def burst(n: int, cpus: int, latency: float, timeout: float) -> Result:
    """All n press Attend at once against the bot process pinned to `cpus` cores."""
    bot_cores, sandbox_cores = split_cpus(cpus)
    affinity = os.sched_getaffinity(0)
    emu = start_emulator(latency=latency, limits=False, callback_query_ttl=15.0)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-onecore-") as tmp:
            workdir = Path(tmp)
            config, cards = await _prepare(emu, workdir, n)
            if sandbox_cores:
                os.sched_setaffinity(0, sandbox_cores)  # the sandbox stays off the bot's core(s)
            bot = BotProcess(write_config(workdir / "config.toml", config), emu, bot_cores).start()
            try:
                before = emu.stats()
                started = time.monotonic()
                for card in cards:
                    emu.press_button(card.user_id, card.message_id, card.callback_data)
                await wait_until(
                    lambda: emu.stats()["edited"] - before["edited"] >= n and not emu.unanswered_callback_queries(),
                    lambda: (emu.stats()["edited"], len(emu.callback_answers)),
                    timeout,
                    stall=20.0,
                )
                duration = time.monotonic() - started
                stats = emu.stats()
            finally:
                bot.stop()
                os.sched_setaffinity(0, affinity)
            too_old = sum(1 for r in emu.request_log if r.method == "answerCallbackQuery" and r.status_code == 400)
            return Result(
                cores=bot.affinity,
                presses=n,
                duration=duration,
                delays=emu.callback_delays(),
                edited=stats["edited"] - before["edited"],
                attending=await _attending(config, workdir),
                unanswered=len(emu.unanswered_callback_queries()),
                too_old=too_old,
            )
    finally:
        emu.stop()


async def demo_time(cpus: int, delegates: int) -> tuple[float, int]:
    """`delegate-bot demo` with the bot pinned to `cpus` cores: (seconds, exit status); its output is swallowed."""
    from bot.sandbox.demo import run_demo

    started = time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = await run_demo(delegates=delegates, cpus=cpus, transcript=None)
    return time.monotonic() - started, status


async def run(args: argparse.Namespace) -> int:
    """One core, then two; print the table; exit 1 if anything was lost."""
    one = await burst(args.delegates, 1, args.latency, args.timeout)
    two = await burst(args.delegates, 2, args.latency, args.timeout)
    rows = [
        Row("throughput (cards edited/s)", one.throughput, two.throughput, "", 1),
        Row("callback answered p50", percentile(one.delays, 50), percentile(two.delays, 50), "s", 2),
        Row("callback answered p99", percentile(one.delays, 99), percentile(two.delays, 99), "s", 2),
        Row("first press -> all done", one.duration, two.duration, "s", 1),
        Row("lost ('attending' rows missing + unanswered)", one.lost, two.lost, "", 0),
        Row("answers refused as too old (400)", one.too_old, two.too_old, "", 0),
    ]
    notes = [
        f"{args.delegates} linked delegates press 'Attend' at once; the bot is `python -m bot run` in its own process, "
        f"pinned to cores {one.cores} ('ours' column) then {two.cores} ('baseline' column); the emulator and the "
        f"delegates run in this process (on the other core when the bot has one); latency {1000 * args.latency:.0f} "
        f"ms per call; {machine()}",
    ]
    failed = one.lost or two.lost
    if args.demo:
        demo_one, status_one = await demo_time(1, args.demo)
        demo_two, status_two = await demo_time(2, args.demo)
        rows.append(Row(f"delegate-bot demo, {args.demo} delegates", demo_one, demo_two, "s", 1))
        notes.append(f"demo exit status: one core {status_one}, two cores {status_two} (0 = nothing lost/duplicated)")
        failed = failed or status_one or status_two
    print_table("One core (ours) vs two cores (baseline)", rows, notes)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegates", type=int, default=800, help="delegates pressing at once (800)")
    parser.add_argument("--latency", type=float, default=LATENCY, help="emulator latency in seconds (0.05)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the burst (180)")
    parser.add_argument("--demo", type=int, default=0, metavar="N", help="also time the demo with N delegates")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
