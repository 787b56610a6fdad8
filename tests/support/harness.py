"""The test conference and the ONE way tests boot the bot: `boot` (and `restart`, `running`) over the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application

from bot.clock import FakeClock
from bot.config import Settings, settings_from_mapping
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services import Services
from bot.services.roster_file import RosterEntry
from bot.telegram.app import build_application, start_application, stop_application
from bot.telegram.context import BotData

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TOKEN = "123456789:AAH-sandbox-token-000000000000000"
ORGANIZER_ID = 900001
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=VN)


def make_settings(tmp_path: Path, emulator: BotApiEmulator, **event: Any) -> Settings:
    """Settings for a test conference pointing at the emulator."""
    data = {
        "telegram": {
            "token": TOKEN,
            "base_url": emulator.base_url,
            "base_file_url": emulator.base_file_url,
            "organizers": [ORGANIZER_ID],
            # The emulator's flood limits are off in tests unless a test turns them on (and sets this back to 1).
            "per_chat_per_second": 100,
            "flood_burst": 100_000,  # tests drive flows faster than any person; tests/test_flood.py turns it on
        },
        "database": {"path": str(tmp_path / "bot.sqlite3")},
        "event": {
            "code": "gap-mat-2026",
            "name": "Hội nghị gặp mặt trưởng, phó phòng <2026>",
            "venue": "Trung tâm Hội nghị tỉnh",
            "starts_at": "2026-12-28 08:00",
            "rsvp_deadline": "2026-12-20 17:00",
            "proposals_deadline": "2026-12-15 17:00",
            **event,
        },
    }
    return settings_from_mapping(data, source=tmp_path / "config.toml", env={})


def entry(row: int, code: str, name: str, phone: str | None, agency: str = "Sở Nội vụ") -> RosterEntry:
    """A roster entry as the file parser would return it."""
    return RosterEntry(
        row=row,
        code=code,
        full_name=name,
        position="Trưởng phòng",
        department="Phòng Tổ chức",
        agency=agency,
        phone=phone,
        email=None,
    )


ROSTER = [
    entry(2, "DB001", "Nguyễn Văn An", "+84912345678"),
    entry(3, "DB002", "Trần Thị Bình", "+84987654321", agency="Sở Tài chính"),
    entry(4, "DB003", "Lê <b>Cường</b> & Co", "+84909000111", agency="Sở Y tế"),
]


@dataclass
class Harness:
    """The running bot, its emulator, clock and services."""

    emu: BotApiEmulator
    app: Application
    clock: FakeClock
    settings: Settings

    @property
    def services(self) -> Services:
        data: BotData = self.app.bot_data
        assert data.services is not None
        return data.services

    async def token_of(self, code: str) -> str:
        """The active personal token of a delegate."""
        async with self.services.db.read() as uow:
            delegate = await uow.delegates.by_code(self.services.event.id, code)
            assert delegate is not None
            token = await uow.tokens.active_token(delegate.id)
        assert token is not None
        return token

    async def say(self, user_id: int, text: str, *, timeout: float = 5.0) -> SentMessage:
        """The user sends text; return the bot's next message to them."""
        since = self.emu.sent_count(user_id)
        self.emu.send_text(user_id, text)
        return await self.emu.wait_for_message(user_id, since=since, timeout=timeout)

    async def open_link(self, user_id: int, code: str) -> SentMessage:
        """The user opens delegate code's personal link; return the reply."""
        since = self.emu.sent_count(user_id)
        self.emu.send_command(user_id, "start", await self.token_of(code))
        return await self.emu.wait_for_message(user_id, since=since)

    async def press(self, user_id: int, message: SentMessage, label: str) -> str:
        """Press the button whose text contains label; return the callback query id."""
        return self.emu.press_button(user_id, message.message_id, message.button_data(label))


async def boot(
    emu: BotApiEmulator,
    settings: Settings,
    *,
    clock: FakeClock | None = None,
    roster: Sequence[RosterEntry] | None = ROSTER,
    webhook_url: str | None = None,
) -> Harness:
    """Build and start the real Application against the emulator (FakeClock at NOW unless given), import a roster."""
    clock = clock or FakeClock(NOW)
    app = build_application(settings, clock=clock)
    if webhook_url is None:
        await start_application(app)
    else:
        await start_application(app, webhook_url=webhook_url)
    harness = Harness(emu, app, clock, settings)
    if roster:
        await harness.services.roster.import_entries(list(roster), actor="test")
    return harness


async def restart(harness: Harness, settings: Settings | None = None, *, clock_at: datetime | None = None) -> None:
    """Stop the application and start a new one on the same database and clock (optionally other settings, or the
    clock moved to `clock_at` while the bot was down)."""
    await stop_application(harness.app)
    if clock_at is not None:
        harness.clock.set(clock_at)
    harness.settings = settings or harness.settings
    harness.app = (await boot(harness.emu, harness.settings, clock=harness.clock, roster=None)).app


@asynccontextmanager
async def running(emu: BotApiEmulator, settings: Settings, **options: Any) -> AsyncIterator[Harness]:
    """boot(...) for a `with` block; the application is stopped at its end."""
    harness = await boot(emu, settings, **options)
    try:
        yield harness
    finally:
        if harness.app.bot_data.services is not None:
            await stop_application(harness.app)


async def start_harness(emu: BotApiEmulator, tmp_path: Path, clock: FakeClock, **event: Any) -> Harness:
    """The conftest conference: make_settings + boot with the three-delegate roster."""
    return await boot(emu, make_settings(tmp_path, emu, **event), clock=clock)


async def nothing_more(emu: BotApiEmulator, quiet: float = 0.3, timeout: float = 10.0) -> None:
    """Wait until the bot is idle: every update fetched and no Bot API request (polling aside) for `quiet` seconds.

    Use it before asserting that nothing (more) was sent — never a fixed sleep.
    """
    await emu.wait_idle(quiet=quiet, timeout=timeout)


def later(minutes: int = 0, days: int = 0) -> timedelta:
    """A readable offset."""
    return timedelta(minutes=minutes, days=days)
