"""Broadcast and agenda tests: a bot with a generated roster and chosen broadcast settings, and their steps."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.clock import FakeClock
from bot.config import BroadcastSettings, Settings
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.roster_file import RosterEntry
from bot.telegram.app import stop_application
from storage.broadcast_models import DeliveryStatus
from tests.support.harness import (
    NOW,
    ORGANIZER_ID,
    Harness,
    boot,
    make_settings,
    restart,  # noqa: F401 — the broadcast tests restart through here
)

SECOND_ORGANIZER = 900002
FAST = BroadcastSettings(rate_per_second=30, max_in_flight=8, send_timeout=5, progress_interval=2.0)
AGENCIES = ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế")


def user_id_of(number: int) -> int:
    """Telegram id of the n-th generated delegate."""
    return 200000 + number


def roster(count: int) -> list[RosterEntry]:
    """count delegates over three agencies; n-th has code DB<n>, phone 0912 000 <n>."""
    return [
        RosterEntry(
            row=n + 1,
            code=f"DB{n:03d}",
            full_name=f"Đại biểu {n:03d}",
            position="Trưởng phòng",
            department="Phòng Tổ chức",
            agency=AGENCIES[n % 3],
            phone=f"+84912000{n:03d}",
            email=None,
        )
        for n in range(1, count + 1)
    ]


def settings_for(
    tmp_path: Path,
    emu: BotApiEmulator,
    broadcast: BroadcastSettings = FAST,
    organizers: Sequence[int] = (ORGANIZER_ID,),
) -> Settings:
    """The conftest settings with other broadcast settings and organizers."""
    base = make_settings(tmp_path, emu)
    return dataclasses.replace(
        base, broadcast=broadcast, telegram=dataclasses.replace(base.telegram, organizers=frozenset(organizers))
    )


async def start_bot(
    emu: BotApiEmulator,
    tmp_path: Path,
    *,
    delegates: int = 3,
    unlinked: Sequence[int] = (),
    english: Sequence[int] = (),
    broadcast: BroadcastSettings = FAST,
    organizers: Sequence[int] = (ORGANIZER_ID,),
    clock: FakeClock | None = None,
) -> Harness:
    """Start the bot on a fresh roster; every delegate but `unlinked` is linked to user_id_of(n)."""
    for organizer in organizers:
        emu.add_user(organizer, "Tổ chức", language_code="vi")
    settings = settings_for(tmp_path, emu, broadcast, organizers)
    clock = clock or FakeClock(NOW)
    harness = await boot(emu, settings, clock=clock, roster=roster(delegates))
    services = harness.services
    async with services.db.transaction() as uow:
        for delegate in await uow.delegates.all(services.event.id):
            number = int(delegate.code[2:])
            if number in unlinked:
                continue
            emu.add_user(user_id_of(number), f"ĐB{number}", language_code="en" if number in english else "vi")
            await uow.delegates.link(delegate.id, user_id_of(number), clock.now())
            if number in english:
                await uow.users.set_language(user_id_of(number), "en", clock.now())
    return harness


async def compose(
    harness: Harness, audience_label: str, text_vi: str, text_en: str | None = None, organizer: int = ORGANIZER_ID
) -> SentMessage:
    """Drive /broadcast → audience → text(s) → preview; return the summary message with Send/Schedule/Cancel."""
    emu = harness.emu
    menu = await harness.say(organizer, "/broadcast")
    since = emu.sent_count(organizer)
    await harness.press(organizer, menu, audience_label)
    await emu.wait_for_message(organizer, lambda m: "nội dung thông báo" in m.plain_text, since=since)
    ask_en = await harness.say(organizer, text_vi)
    since = emu.sent_count(organizer)
    if text_en is None:
        await harness.press(organizer, ask_en, "Bỏ qua")
    else:
        emu.send_text(organizer, text_en)
    return await emu.wait_for_message(organizer, lambda m: "Người nhận:" in m.plain_text, since=since)


async def wait_report(harness: Harness, since: int, organizer: int = ORGANIZER_ID, timeout: float = 8.0) -> SentMessage:
    """The report message sent at the end of a broadcast."""
    return await harness.emu.wait_for_message(
        organizer, lambda m: "Báo cáo thông báo" in m.plain_text, since=since, timeout=timeout
    )


async def statuses(harness: Harness, broadcast_id: int) -> dict[DeliveryStatus, int]:
    """Deliveries of a broadcast by state."""
    async with harness.services.db.read() as uow:
        return await uow.deliveries.counts(broadcast_id)


def broadcast_messages(emu: BotApiEmulator, chat_id: int, needle: str) -> list[SentMessage]:
    """Messages in a chat containing needle."""
    return [m for m in emu.messages(chat_id) if needle in m.plain_text]


def id_from(summary: SentMessage) -> int:
    """The broadcast id from a preview summary's Send button."""
    return int(summary.button_data("Gửi ngay").split(":")[-1])


class Bots:
    """Starts bots for a test and stops whichever is running at the end."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.running: list[Harness] = []

    async def start(self, emu: BotApiEmulator, **options: Any) -> Harness:
        """start_bot(...) remembered for teardown."""
        harness = await start_bot(emu, self.tmp_path, **options)
        self.running.append(harness)
        return harness

    async def stop_all(self) -> None:
        """Stop every application still running."""
        for harness in self.running:
            if harness.app.bot_data.services is not None:
                await stop_application(harness.app)


async def wait_done(harness: Harness, broadcast_id: int, timeout: float = 8.0) -> None:
    """Until the broadcast is done or cancelled."""

    async def finished() -> bool:
        broadcast = await harness.services.broadcasts.get(broadcast_id)
        return broadcast is not None and broadcast.status in ("done", "cancelled")

    deadline = asyncio.get_running_loop().time() + timeout
    while not await finished():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"broadcast {broadcast_id} still not finished after {timeout} s")
        await asyncio.sleep(0.02)
