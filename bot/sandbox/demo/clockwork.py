"""Moving the rehearsal's clock and waiting for the bot's own jobs (issue 17).

The demo never runs a job itself: it moves the sandbox clock (`SandboxClock.advance_to`, read by the bot process
too), and the bot's jobs — re-placed when the clock jumps — send what came due. The demo then waits for what should
have happened, reading the database only to verify.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.sandbox.clock import SandboxClock
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services
from storage.reminder_models import Reminder


async def until(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 600.0) -> None:
    """Poll an async condition (the bot works in its own process); TimeoutError naming `what`."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done after {timeout:.0f} s")
        await asyncio.sleep(0.1)


async def nothing_due(services: Services, now: datetime) -> bool:
    """No reminder waits for a time already passed, and no committee notice is due unclaimed."""
    if await services.reminders.due(now):
        return False
    send, _ = await services.tasks.due_notices(now)
    return not send


async def advance(emu: BotApiEmulator, services: Services, clock: SandboxClock, moment: datetime) -> None:
    """Jump to moment, then wait until the bot has run what came due and gone quiet."""
    clock.advance_to(moment)
    now = clock.now()
    await until(lambda: nothing_due(services, now), f"the bot's jobs due at {now.isoformat()}")
    await emu.wait_idle(quiet=1.0, timeout=600.0)


async def reminder_finished(services: Services, key: str) -> Reminder:
    """Wait until the bot's job has run this reminder (status no longer 'scheduled'); return it."""
    found: list[Reminder] = []

    async def finished() -> bool:
        reminder = await services.reminders.get(key)
        if reminder is not None and reminder.status != "scheduled":
            found.append(reminder)
            return True
        return False

    await until(finished, f"reminder {key}")
    return found[0]


async def delivered(services: Services, reminder: Reminder, prefix: str = "d:") -> int:
    """How many of this reminder's messages were sent (prefix d: delegates, c: agency contacts, o: organizers)."""
    async with services.db.read() as uow:
        return (await uow.reminder_deliveries.counts(reminder.id, prefix)).get("sent", 0)
