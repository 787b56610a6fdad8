"""Send-budget benchmarks (issue 14): bulk takes all the budget replies leave, replies stay first, bulk senders share.

All with the emulator's Telegram-like flood limits ON (30/s overall, 1/s per chat with a burst of 3) and 50 ms latency,
`[broadcast] rate_per_second` unset (no cap), everything else at its defaults:

1. An 800-recipient broadcast while nobody presses anything: time ÷ (800 ÷ 30 s), goal ≤ 1.05; 429s, goal 0.
2. The same broadcast while 40 delegates press Attend at ~4/s: p95 press → answered (notice + card edit) ÷ the same
   p95 measured idle, goal ≤ 1.5; broadcast time ÷ (800 ÷ 30 s), goal ≤ 1.15. Then the same with 40 delegates
   sending /me (a reply that is a new message, so it needs a bot-wide token) — not in the issue, shown for priority.
3. A reminder run to 600 and a broadcast to 800 started together: both finish; total ÷ (1400 ÷ 30 s), goal ≤ 1.1.

Run: .venv/bin/python bench/send_budget.py [--delegates 800] [--presses 40] [--reminded 600]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import random
import time

from bench.broadcast import presses, running_bot, send_cards, timed_broadcast
from bench.common import (
    USER_BASE,
    Row,
    machine,
    percentile,
    print_table,
    quiet_logging,
)
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.jobs import runner_of

TELEGRAM_RATE = 30.0


async def me_and_time(emu: BotApiEmulator, user_id: int) -> float:
    """The delegate sends /me; seconds until the bot's reply (a new message) is in their chat."""
    since = emu.sent_count(user_id)
    started = time.perf_counter()
    emu.send_text(user_id, "/me")
    await emu.wait_for_message(user_id, since=since, timeout=30.0)
    return time.perf_counter() - started


async def commands(emu: BotApiEmulator, users: list[int], spacing: float, seed_value: int) -> list[float]:
    """Delegates send /me one after another at random moments (mean spacing seconds)."""
    rng = random.Random(seed_value)
    tasks = []
    for user_id in users:
        tasks.append(asyncio.create_task(me_and_time(emu, user_id)))
        await asyncio.sleep(rng.uniform(0, 2 * spacing))
    return list(await asyncio.gather(*tasks))


async def broadcasts(delegates: int, press_count: int) -> tuple[list[Row], list[str]]:
    """Benchmarks 1 and 2 on one bot."""
    async with running_bot(delegates) as bot:
        emu, services = bot.emu, bot.services
        ids = [USER_BASE + i for i in range(1, 4 * press_count + 1)]
        idle_users, busy_users = ids[:press_count], ids[press_count : 2 * press_count]
        me_idle, me_busy = ids[2 * press_count : 3 * press_count], ids[3 * press_count :]
        cards = await send_cards(emu, services, idle_users + busy_users)
        emu.reset_limits()
        emu.limits = True
        idle = await presses(emu, {u: cards[u] for u in idle_users}, 0.25, 1)
        await asyncio.sleep(1.5)
        idle_me = await commands(emu, me_idle, 0.25, 3)
        await asyncio.sleep(1.5)

        emu.reset_limits()
        before = emu.stats()["429"]
        _, alone = await timed_broadcast(bot)
        limited_alone = emu.stats()["429"] - before
        await asyncio.sleep(1.5)

        before = emu.stats()["429"]
        pressing = asyncio.create_task(_later(presses(emu, {u: cards[u] for u in busy_users}, 0.25, 2), 3.0))
        broadcast_id, with_presses = await timed_broadcast(bot)
        busy = await pressing
        limited_presses = emu.stats()["429"] - before
        report = await services.broadcasts.report(broadcast_id)
        await asyncio.sleep(1.5)

        before = emu.stats()["429"]
        asking = asyncio.create_task(_later(commands(emu, me_busy, 0.25, 4), 3.0))
        _, with_me = await timed_broadcast(bot)
        busy_me = await asking
        limited_me = emu.stats()["429"] - before
    ideal = delegates / TELEGRAM_RATE
    assert report is not None
    rows = [
        Row(
            f"1. {delegates}-recipient broadcast, nobody pressing: time (baseline {delegates}/30 s)",
            alone,
            ideal,
            "s",
            2,
        ),
        Row("1. 429 answers during that broadcast", limited_alone, None, "", 0),
        Row(
            "2. p95 press → answered during the broadcast (baseline: idle)",
            percentile(busy, 95) * 1000,
            percentile(idle, 95) * 1000,
            "ms",
            0,
        ),
        Row(
            "2. p50 press → answered during the broadcast (baseline: idle)",
            percentile(busy, 50) * 1000,
            percentile(idle, 50) * 1000,
            "ms",
            0,
        ),
        Row(f"2. broadcast time with {len(busy)} presses (baseline {delegates}/30 s)", with_presses, ideal, "s", 2),
        Row("2. 429 answers during that broadcast", limited_presses, None, "", 0),
        Row("2. delivered", report.count("sent"), delegates, "", 0),
        Row(
            "2b. p95 /me → reply during the broadcast (baseline: idle)",
            percentile(busy_me, 95) * 1000,
            percentile(idle_me, 95) * 1000,
            "ms",
            0,
        ),
        Row(f"2b. broadcast time with {len(busy_me)} /me replies (baseline {delegates}/30 s)", with_me, ideal, "s", 2),
        Row("2b. 429 answers during that broadcast", limited_me, None, "", 0),
    ]
    notes = [
        f"{len(idle)} presses idle and {len(busy)} during the broadcast, ~4/s from 3 s after queueing; "
        "a press is answered when the bot has answered the callback query with its notice and edited the card",
        "2b: /me replies are new messages, so they need a bot-wide token: the interactive class goes first",
        "emulator: flood limits on (30/s overall, 1/s per chat, burst 3), 50 ms latency per call; no rate cap",
    ]
    return rows, notes


async def _later(work: asyncio.Future[list[float]] | object, delay: float) -> list[float]:
    await asyncio.sleep(delay)
    return await work  # type: ignore[misc]


async def together(delegates: int, reminded: int) -> tuple[list[Row], list[str]]:
    """Benchmark 3: a reminder run and a broadcast, queued at the same moment."""
    async with running_bot(delegates + reminded) as bot:
        emu, services = bot.emu, bot.services
        for index in range(1, delegates + 1):  # the broadcast goes to those attending, the reminder to the rest
            async with services.db.read() as uow:
                delegate = await uow.delegates.by_user(services.event.id, USER_BASE + index)
            assert delegate is not None
            await services.rsvp.choose(USER_BASE + index, delegate.id, "attend")
        runner = runner_of(bot.app)
        assert runner is not None
        emu.reset_limits()
        emu.limits = True
        before = emu.stats()["429"]
        started = time.perf_counter()
        finished: dict[str, float] = {}

        async def reminder() -> None:
            report = await runner.run("rsvp:7d", runner.now(), force=True)
            assert report is not None and report.counts.get("sent", 0) == reminded, report
            finished["reminder"] = time.perf_counter() - started

        async def broadcast() -> None:
            _, seconds = await timed_broadcast(bot, "attending")
            finished["broadcast"] = seconds

        await asyncio.gather(reminder(), broadcast())
        total = time.perf_counter() - started
        limited = emu.stats()["429"] - before
        trace_note = f"budget: {bot.data.send_budget.granted}"
    ideal = (delegates + reminded) / TELEGRAM_RATE
    rows = [
        Row(
            f"3. reminder to {reminded} + broadcast to {delegates} together: total (baseline {delegates + reminded}/30 s)",
            total,
            ideal,
            "s",
            2,
        ),
        Row("3. reminder run finished after", finished["reminder"], reminded / TELEGRAM_RATE, "s", 2),
        Row("3. broadcast finished after", finished["broadcast"], delegates / TELEGRAM_RATE, "s", 2),
        Row("3. 429 answers", limited, None, "", 0),
    ]
    notes = [
        "both share the bulk capacity round-robin (one lane each), so each alone would take twice its own ideal; "
        "the total is what matters: no token is left unused",
        trace_note,
    ]
    return rows, notes


async def main_async(delegates: int, press_count: int, reminded: int, only: str) -> None:
    """Run the benchmarks and print the tables."""
    quiet_logging()
    if only in ("all", "broadcast"):
        rows, notes = await broadcasts(delegates, press_count)
        print_table(f"Send budget: broadcast alone and with replies ({machine()})", rows, notes)
    if only in ("all", "together"):
        rows, notes = await together(delegates, reminded)
        print_table("Send budget: reminder run and broadcast together", rows, notes)


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=800)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--reminded", type=int, default=600)
    parser.add_argument("--only", choices=("all", "broadcast", "together"), default="all")
    args = parser.parse_args()
    asyncio.run(main_async(args.delegates, args.presses, args.reminded, args.only))


if __name__ == "__main__":
    main()
