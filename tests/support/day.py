"""Shared setup of the conference-day tests: a harness with staff, a moderator and answers on the roster."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.config import HallScreenSettings
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from storage.models import RsvpStatus
from tests.support.harness import NOW, ORGANIZER_ID, Harness, boot, make_settings

STAFF_ID = 700001
STAFF2_ID = 700002
MODERATOR_ID = 700003


def decode_qr(png: bytes) -> str:
    """The text of the one QR code in a PNG (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, found
    return str(found[0].text)


async def start_day(
    emu: BotApiEmulator,
    tmp_path: Path,
    clock: FakeClock,
    hall: HallScreenSettings | None = None,
    contacts: tuple[tuple[str, int], ...] = (),
    **day: Any,
) -> Harness:
    """The bot with two staff members and one moderator configured (and the hall screen's settings, agency contacts
    when given)."""
    settings = make_settings(tmp_path, emu)
    settings = dataclasses.replace(
        settings,
        reminders=dataclasses.replace(
            settings.reminders, agency_contacts=contacts or settings.reminders.agency_contacts
        ),
        telegram=dataclasses.replace(settings.telegram, staff=frozenset({STAFF_ID, STAFF2_ID, MODERATOR_ID})),
        conference_day=dataclasses.replace(settings.conference_day, moderators=frozenset({MODERATOR_ID}), **day),
        hall_screen=hall or settings.hall_screen,
    )
    return await boot(emu, settings, clock=clock)


def add_users(emu: BotApiEmulator) -> None:
    for user_id, first in ((101, "An"), (102, "Bình"), (103, "Cường"), (104, "Lạ")):
        emu.add_user(user_id, first, "Nguyễn", language_code="vi")
    emu.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    emu.add_user(STAFF_ID, "Hoa", "Lê", language_code="vi")
    emu.add_user(STAFF2_ID, "Minh", "Phạm", language_code="vi")
    emu.add_user(MODERATOR_ID, "Thư ký", language_code="vi")


@pytest.fixture
async def day(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    """The bot on the conference morning (01/12/2026 09:00 in the fake clock) with staff and a moderator."""
    add_users(emulator)
    running = await start_day(emulator, tmp_path, FakeClock(NOW))
    try:
        yield running
    finally:
        await stop_application(running.app)


async def link_and_answer(harness: Harness, user_id: int, code: str, status: RsvpStatus, **extra: str) -> int:
    """Link the account through its personal link and store the delegate's answer; return the delegate id."""
    await harness.open_link(user_id, code)
    async with harness.services.db.transaction() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, code)
        assert delegate is not None
        await uow.rsvps.save(delegate.id, status, harness.clock.now(), **extra)  # type: ignore[arg-type]
    return delegate.id


async def standing_checkins(harness: Harness) -> list[tuple[int, str, int]]:
    """(delegate id, method, staff id) of every standing check-in."""
    async with harness.services.db.read() as uow:
        rows = await uow.checkins.all_standing(harness.services.event.id)
    return sorted((c.delegate_id, c.method, c.staff_id) for c in rows.values())


async def scan(harness: Harness, staff_id: int, code: str) -> str:
    """A staff member scans a check-in QR (the phone sends /start <code>); return the bot's answer."""
    since = harness.emu.sent_count(staff_id)
    harness.emu.send_command(staff_id, "start", code)
    return (await harness.emu.wait_for_message(staff_id, since=since)).plain_text
