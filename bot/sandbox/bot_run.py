"""`python -m bot.sandbox.bot_run --config FILE --clock-file FILE`: the bot as `delegate-bot run` runs it, with the
sandbox's clock (issue 17). Only the sandbox starts this (bot/sandbox/demo/bot_process.py); production runs
`delegate-bot run`, whose clock is the system's.

The one difference from `run`: the Application's clock is `SandboxClock` (real time plus an offset the demo moves in
a file) and a sandbox-only job checks that offset every `FOLLOW_EVERY` seconds; when it has moved, the dated jobs
(reminders, task notices, scheduled broadcasts) are re-placed (`bot.telegram.jobs.replace_dated`), so those the
jump passed run at once — the same code path as a reminder whose time comes in production.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.config import Settings, load_settings
from bot.sandbox.clock import SandboxClock
from bot.telegram.app import build_application
from bot.telegram.jobs import repeat, replace_dated
from bot.telegram.runner import run_bot
from storage.files import make_process_private

log = logging.getLogger(__name__)

FOLLOW_EVERY = 0.2
CLOCK_JOB = "sandbox:clock"


def build_sandbox_application(settings: Settings, clock: SandboxClock) -> Application:
    """The product's Application on the sandbox clock, following the clock's jumps."""
    app = build_application(settings, clock=clock)
    follow(app, clock)
    return app


def follow(app: Application, clock: SandboxClock) -> None:
    """Check the clock's offset every FOLLOW_EVERY seconds and re-place the dated jobs when it has moved (before
    or after the Application starts; the check runs once the job queue does)."""
    seen = [clock.offset]

    async def check(context: CallbackContext[Any, Any, Any, Any]) -> None:
        offset = clock.offset
        if offset != seen[0]:
            seen[0] = offset
            moved = replace_dated(context.application)
            log.info("sandbox clock moved %s ahead: %d dated jobs re-placed", offset, moved)

    repeat(app, CLOCK_JOB, check, FOLLOW_EVERY)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bot until SIGTERM, like `delegate-bot run --config FILE`."""
    make_process_private()
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox.bot_run", description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--clock-file", type=Path, required=True)
    args = parser.parse_args(argv)
    settings = load_settings(args.config, require_token=True)
    clock = SandboxClock(args.clock_file)
    if clock.offset > timedelta(0):
        print(f"sandbox clock: {clock.offset} ahead of real time", file=sys.stderr)
    return run_bot(settings, build=lambda s: build_sandbox_application(s, clock))


if __name__ == "__main__":
    sys.exit(main())
