"""P8, paid broadcasts (issue 12, "Scale: paid broadcasts"): 800 recipients with `[broadcast] paid = true`.

The emulator's flood limits are on and model the paid limit (messages sent with allow_paid_broadcast count towards
1000/s instead of the free 30/s; one message a second per chat still holds). Figure: time from queueing to 'done'
÷ (800 ÷ 1000 s), goal ≤ 1.5. For reference, the same sends by a bare python-telegram-bot loop with as many
requests in flight (the machine's ceiling), and the free broadcast's ideal (800 ÷ 30 s). The emulator runs in its own
process (bench/emulator_process.py) so it does not share this one's CPU and GIL; --in-process puts it back here.

Run: .venv/bin/python bench/paid.py [--delegates 800] [--in-flight 64] [--latency 0.05] [--in-process]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import dataclasses
from typing import Any

from telegram.request import BaseRequest, HTTPXRequest

from bench.broadcast import bare_loop, running_bot, timed_broadcast
from bench.common import (
    Row,
    machine,
    print_table,
    quiet_logging,
    start_emulator,
)
from bench.emulator_process import RemoteEmulator
from bot.config import BroadcastSettings, Settings
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services
from bot.telegram.request import ShardedRequest

PAID_RATE = 1000.0


async def ours(
    delegates: int, in_flight: int, latency: float, in_process: bool
) -> tuple[float, int, int, int, float, float]:
    """(seconds queue → done, sent, 429s, paid messages, bare loop seconds with PTB's HTTPXRequest, and with our
    ShardedRequest) for one paid broadcast through the running bot; the emulator in its own process unless
    in_process."""
    emu: Any = start_emulator(latency=latency, limits=False) if in_process else RemoteEmulator(latency, limits=True)

    def paid(settings: Settings) -> Settings:
        return dataclasses.replace(
            settings, broadcast=BroadcastSettings(paid=True, max_in_flight=in_flight, progress_interval=60.0)
        )

    async with running_bot(delegates, emu=emu, change=paid) as bot:
        services = bot.services
        if in_process:
            emu.reset_limits()
            emu.limits = True
        before = emu.stats()
        broadcast_id, elapsed = await timed_broadcast(bot, timeout=120)
        after = emu.stats()
        report = await services.broadcasts.report(broadcast_id)
        assert report is not None
        bare = await bare_loop_paid(emu, services, in_flight, HTTPXRequest(connection_pool_size=in_flight + 2))
        sharded = await bare_loop_paid(emu, services, in_flight, ShardedRequest(connection_pool_size=in_flight + 2))
    return elapsed, report.count("sent"), after["429"] - before["429"], after["paid"] - before["paid"], bare, sharded


async def bare_loop_paid(emu: Any, services: Services, in_flight: int, request: BaseRequest) -> float:
    """bench/broadcast.py's plain PTB loop with this HTTP client, paid, once every chat's bucket has room again;
    seconds."""
    if isinstance(emu, BotApiEmulator):
        emu.reset_limits()
    else:
        await asyncio.sleep(1.0)  # every chat's bucket (1/s, burst 3) has room again
    return await bare_loop(emu, services, in_flight, request, paid=True)


async def main_async(delegates: int, in_flight: int, latency: float, in_process: bool) -> None:
    """Run and print."""
    quiet_logging()
    elapsed, sent, limited, paid, bare, sharded = await ours(delegates, in_flight, latency, in_process)
    ideal = delegates / PAID_RATE
    rows = [
        Row(f"P8: {delegates}-recipient paid broadcast, time (baseline {delegates}/1000 s)", elapsed, ideal, "s", 2),
        Row("for reference: a bare PTB loop, same in flight, our ShardedRequest", elapsed, sharded, "s", 2),
        Row("for reference: the same loop with PTB's HTTPXRequest (one pool)", elapsed, bare, "s", 2),
        Row("delivered", sent, delegates, "", 0),
        Row("sent as paid (allow_paid_broadcast)", paid, delegates, "", 0),
        Row("429 answers", limited, None, "", 0),
        Row(f"for reference: the free limit's ideal ({delegates}/30 s)", delegates / 30.0, None, "s", 2),
    ]
    notes = [
        f"[broadcast] paid = true, max_in_flight = {in_flight}, no cap; emulator: limits on (paid 1000/s, "
        f"1/s per chat), {latency * 1000:.0f} ms latency; the emulator runs "
        + ("in this process, on the same CPUs" if in_process else "in its own process (bench/emulator_process.py)"),
    ]
    print_table(f"Paid broadcast ({machine()})", rows, notes)


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=800)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--in-process", action="store_true", help="the emulator in this process (as before)")
    args = parser.parse_args()
    asyncio.run(main_async(args.delegates, args.in_flight, args.latency, args.in_process))


if __name__ == "__main__":
    main()
