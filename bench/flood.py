"""Flood benchmark (issue 12, "One user cannot slow everyone"): another user's /me during a 120-message flood ÷ idle.

A stranger sends 120 messages as fast as the emulator takes them while a delegate asks /me now and then; the
delegate's reply time is compared with the same /me when nobody floods (goal: within 2×). Also shown: how many
replies the flooder got (one notice, the rest dropped before any handler) and, for reference, the same flood with
the per-user flood control switched off. Emulator: Telegram-like flood limits on, 50 ms latency.

Run: .venv/bin/python bench/flood.py [--flood 120] [--asks 6]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import statistics
import time

from bench.broadcast import running_bot
from bench.common import (
    USER_BASE,
    Row,
    machine,
    print_table,
    quiet_logging,
)
from bot.i18n import text
from bot.sandbox.emulator import BotApiEmulator

FLOODER = 777_001
ASKER = USER_BASE + 1


async def ask(emu: BotApiEmulator) -> float:
    """The delegate sends /me; seconds until the reply."""
    since = emu.sent_count(ASKER)
    started = time.perf_counter()
    emu.send_text(ASKER, "/me")
    await emu.wait_for_message(ASKER, since=since, timeout=60.0)
    return time.perf_counter() - started


async def asks(emu: BotApiEmulator, count: int) -> list[float]:
    """count /me, 1.2 s apart (Telegram's one message a second in the delegate's own chat)."""
    times = []
    for _ in range(count):
        times.append(await ask(emu))
        await asyncio.sleep(1.2)
    return times


async def flood(emu: BotApiEmulator, count: int) -> None:
    """The stranger sends count messages back to back (a few ms apart: as fast as a script can)."""
    for n in range(count):
        emu.send_text(FLOODER, f"spam {n}")
        await asyncio.sleep(0.005)


async def run(flood_count: int, ask_count: int, guard: bool) -> tuple[list[float], list[float], int, int, int]:
    """(idle /me times, /me times during the flood, replies to the flooder, notices, 429s)."""
    async with running_bot(3) as bot:
        emu = bot.emu
        emu.add_user(FLOODER, "Người lạ", language_code="vi")
        if not guard:
            bot.data.flood_guard = None
        emu.reset_limits()
        emu.limits = True
        await ask(emu)  # warm-up
        await asyncio.sleep(1.2)
        idle = await asks(emu, ask_count)
        before = emu.stats()["429"]
        flooding = asyncio.create_task(flood(emu, flood_count))
        await asyncio.sleep(0.1)
        during = await asks(emu, ask_count)
        await flooding
        notice = text("vi", "flood.notice")
        if guard:
            await emu.wait_for_message(FLOODER, lambda m: m.plain_text == notice, timeout=30.0)
        await asyncio.sleep(2.0)
        replies = emu.sent_count(FLOODER)
        notices = sum(m.plain_text == notice for m in emu.messages(FLOODER))
        limited = emu.stats()["429"] - before
    return idle, during, replies, notices, limited


async def main_async(flood_count: int, ask_count: int) -> None:
    """Run with the flood control, then without it for reference."""
    quiet_logging()
    idle, during, replies, notices, limited = await run(flood_count, ask_count, guard=True)
    _, unguarded, replies_off, _, limited_off = await run(flood_count, ask_count, guard=False)
    rows = [
        Row(
            f"median /me during a {flood_count}-message flood (baseline: idle)",
            statistics.median(during) * 1000,
            statistics.median(idle) * 1000,
            "ms",
            0,
        ),
        Row("slowest /me during the flood (baseline: slowest idle)", max(during) * 1000, max(idle) * 1000, "ms", 0),
        Row("messages to the flooder by the end (of the messages sent)", replies, flood_count, "", 0),
        Row("flood notices sent", notices, None, "", 0),
        Row("429 answers", limited, None, "", 0),
        Row(
            "for reference, flood control off: median /me (baseline: idle above)",
            statistics.median(unguarded) * 1000,
            statistics.median(idle) * 1000,
            "ms",
            0,
        ),
        Row("for reference, flood control off: messages to the flooder by then", replies_off, flood_count, "", 0),
        Row("for reference, flood control off: 429 answers", limited_off, None, "", 0),
    ]
    notes = [
        f"{ask_count} /me 1.2 s apart idle, then {ask_count} while a stranger sends {flood_count} messages ~5 ms apart",
        "with flood control off, every message gets a reply, queued in the flooder's own chat at 1/s (2 minutes of "
        "replies, 120 handlers waiting); with it on, the burst's replies and one notice (sent ahead of them)",
        "emulator: flood limits on (30/s overall, 1/s per chat), 50 ms latency; [telegram] flood_burst 20, 60/min",
    ]
    print_table(f"Flood control ({machine()})", rows, notes)


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=120)
    parser.add_argument("--asks", type=int, default=6)
    args = parser.parse_args()
    asyncio.run(main_async(args.flood, args.asks))


if __name__ == "__main__":
    main()
