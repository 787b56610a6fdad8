"""Memory: RSS of our running bot (10,000 delegates imported) vs a bare PTB Application, each in its own process.

The emulator runs in the parent process; each Application runs alone in a child process that polls the parent's
emulator over HTTP, handles a little warm-up traffic, then reports its own VmRSS / VmHWM / ru_maxrss.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file (.venv/bin/python bench/memory.py): make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import json
import subprocess
import tempfile
import time
from typing import Any

from bench.common import (
    NOW,
    ORGANIZER_ID,
    ROOT,
    TOKEN,
    USER_BASE,
    Row,
    machine,
    make_settings,
    print_table,
    roster_entries,
    rss_kib,
    start_bare,
    start_emulator,
    stop_bare,
)
from bot.sandbox.emulator import BotApiEmulator

READY, MEASURE = "READY", "MEASURE"


# ---- child: one Application, measured ----------------------------------------------------------------


async def child(kind: str, base_url: str, workdir: Path) -> None:
    """Run one Application against the parent's emulator; on MEASURE print this process's RSS as JSON."""
    from bot.clock import FakeClock
    from bot.telegram.app import build_application, start_application, stop_application

    file_url = base_url.replace("/bot", "/file/bot")
    if kind == "ours":
        app = build_application(make_settings(workdir, base_url, file_url), clock=FakeClock(NOW))
        await start_application(app)
    else:
        app = bare_application(base_url, file_url)
        await start_bare(app)
    print(READY, flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    print(json.dumps(rss_kib()), flush=True)
    await (stop_application(app) if kind == "ours" else stop_bare(app))


def bare_application(base_url: str, file_url: str) -> Any:
    """A bare PTB Application that answers every private message (commands included) with a short text."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer like a bot that knows nobody."""
        assert update.effective_message is not None
        await update.effective_message.reply_text("Xin chào! Đồng chí chưa được nhận diện.")

    app = ApplicationBuilder().token(TOKEN).base_url(base_url).base_file_url(file_url).concurrent_updates(True).build()
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE, reply))
    return app


# ---- parent: emulator, database, traffic -------------------------------------------------------------


async def prepare_database(workdir: Path, emu: BotApiEmulator, delegates: int) -> None:
    """Import the generated roster into workdir's database, as `delegate-bot roster import` would."""
    from bot.clock import FakeClock
    from bot.services import open_services

    services = await open_services(make_settings(workdir, emu.base_url, emu.base_file_url), FakeClock(NOW))
    try:
        await services.roster.import_entries(roster_entries(delegates, workdir), actor="bench")
    finally:
        await services.db.close()


def warm_up(emu: BotApiEmulator, users: int, kind: str, timeout: float = 30.0) -> None:
    """`users` strangers send /start (and the organizer /stats for ours); wait until each got a reply."""
    senders = [USER_BASE + i for i in range(users)] + ([ORGANIZER_ID] if kind == "ours" else [])
    for user_id in senders:
        emu.add_user(user_id, "Khách", language_code="vi")
    before = {user_id: emu.sent_count(user_id) for user_id in senders}
    for user_id in senders:
        emu.send_command(user_id, "stats" if user_id == ORGANIZER_ID else "start")
    deadline = time.monotonic() + timeout
    while any(emu.sent_count(u) <= before[u] for u in senders):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{kind}: warm-up replies missing after {timeout} s")
        time.sleep(0.05)


def measure(kind: str, emu: BotApiEmulator, workdir: Path, users: int, settle: float) -> dict[str, int]:
    """Start the child, warm it up, let it settle, read its RSS figures."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--base-url",
        emu.base_url,
        "--workdir",
        str(workdir),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdin is not None and process.stdout is not None
        line = process.stdout.readline().strip()
        if line != READY:
            raise RuntimeError(f"{kind} child did not start (said {line!r}, exit {process.poll()})")
        warm_up(emu, users, kind)
        time.sleep(settle)
        process.stdin.write(MEASURE + "\n")
        process.stdin.flush()
        figures: dict[str, int] = json.loads(process.stdout.readline())
        process.wait(timeout=30)
        return figures
    finally:
        if process.poll() is None:
            process.kill()


def run(delegates: int, users: int, settle: float) -> int:
    """Prepare the database, measure the bare Application, then ours; print the comparison."""
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        workdir = Path(tmp)
        with start_emulator() as emu:
            asyncio.run(prepare_database(workdir, emu, delegates))
            bare = measure("bare", emu, workdir, users, settle)
            ours = measure("ours", emu, workdir, users, settle)
    rows = [
        Row("VmRSS after warm-up", ours["VmRSS"] / 1024, bare["VmRSS"] / 1024, "MiB"),
        Row("VmHWM (peak RSS)", ours["VmHWM"] / 1024, bare["VmHWM"] / 1024, "MiB"),
        Row("ru_maxrss", ours["ru_maxrss"] / 1024, bare["ru_maxrss"] / 1024, "MiB"),
    ]
    notes = [
        f"ours = the full Application (services, SQLite with {delegates:,} delegates imported beforehand by the "
        "parent), initialized and polling; baseline = bare PTB Application polling the same emulator",
        "each Application runs alone in a child process; the emulator (50 ms latency, limits off) runs in the parent",
        f"warm-up: {users} strangers send /start (ours also: the organizer's /stats over all delegates), then "
        f"{settle:.0f} s settle; {machine()}",
    ]
    print_table("Memory", rows, notes)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delegates", type=int, default=10_000, help="delegates imported for our bot (10000)")
    parser.add_argument("--users", type=int, default=50, help="warm-up users sending /start (50)")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds between warm-up and measuring (1)")
    parser.add_argument("--child", choices=("ours", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point (parent by default; --child runs one measured Application)."""
    args = parse_args(argv)
    if args.child:
        asyncio.run(child(args.child, args.base_url, args.workdir))
        return 0
    return run(args.delegates, args.users, args.settle)


if __name__ == "__main__":
    sys.exit(main())
