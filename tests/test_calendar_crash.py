"""Issue 18: the calendar change notice is claimed per recipient, so a crash mid-notice resends it to nobody.

The bot runs as its own process (`python -m bot --config … run`) against the emulator in this process: the meeting
moves, the bot starts sending the notice with the updated .ics, it is killed (SIGKILL) after the first ones arrived,
and restarted; the emulator's record shows each attending delegate got the notice exactly once.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

from bot.clock import SystemClock
from bot.config import load_settings
from bot.sandbox.emulator import BotApiEmulator
from bot.services import open_services
from tests.support.broadcast import roster, user_id_of
from tests.support.crash import config_text as crash_config
from tests.support.crash import start_process, wait
from tests.support.harness import ORGANIZER_ID

DELEGATES = 6
MOVED = "Thời gian khai mạc mới"


def config_text(emu: BotApiEmulator, folder: Path, starts_at: str) -> str:
    # One message a second overall: the notices are spaced, so the kill lands between two sends.
    event = f'starts_at = "{starts_at}"\nrsvp_deadline = "2026-12-20 17:00"\nproposals_deadline = "2026-12-15 17:00"'
    return crash_config(emu, folder, event=event, telegram="messages_per_second = 1")


def notices(emu: BotApiEmulator) -> dict[int, int]:
    return {
        n: sum(m.method == "sendDocument" and MOVED in m.plain_text for m in emu.messages(user_id_of(n)))
        for n in range(1, DELEGATES + 1)
    }


async def test_a_crash_mid_notice_resends_it_to_nobody(emulator: BotApiEmulator, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(config_text(emulator, tmp_path, "2026-12-28 08:00"), encoding="utf-8")
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    clock = SystemClock()
    services = await open_services(load_settings(config), clock)
    try:
        await services.roster.import_entries(roster(DELEGATES), actor="test")
        async with services.db.transaction() as uow:
            for delegate in await uow.delegates.all(services.event.id):
                number = int(delegate.code[2:])
                emulator.add_user(user_id_of(number), f"ĐB{number}", language_code="vi")
                await uow.delegates.link(delegate.id, user_id_of(number), clock.now())
                await uow.rsvps.save(delegate.id, "attending", clock.now())
        assert await services.calendar.sync() is None  # the meeting as first seen: sequence 0
    finally:
        await services.db.close()

    config.write_text(config_text(emulator, tmp_path, "2026-12-28 14:00"), encoding="utf-8")
    process = await start_process("--config", str(config), "run", log=tmp_path / "bot.log")
    try:
        await wait(lambda: sum(notices(emulator).values()) >= 2, 60, "the bot sent no calendar notice")
        process.kill()
        await process.wait()
        assert sum(notices(emulator).values()) < DELEGATES, "killed too late: every notice had gone out"
        process = await start_process("--config", str(config), "run", log=tmp_path / "bot.log")
        await wait(lambda: all(notices(emulator).values()), 60, "the restarted bot did not finish the notice")
        await emulator.wait_idle(quiet=0.5)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert notices(emulator) == {n: 1 for n in range(1, DELEGATES + 1)}
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        rows = dict(db.execute("SELECT status, COUNT(*) FROM calendar_notices GROUP BY status").fetchall())
    assert set(rows) <= {"sent", "unknown"} and sum(rows.values()) == DELEGATES, rows
