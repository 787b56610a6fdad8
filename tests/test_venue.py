"""Issue 18: the venue on the map — [event] venue_latitude/venue_longitude/venue_address validated; when set, the
invitation card and the attendance reminder are followed by a sendVenue pin (the emulator checks its parameters)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from telegram.error import BadRequest

from bot.config_parse import ConfigError
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.jobs import runner_of
from tests.support.harness import VN, make_settings, nothing_more, running

PIN = {"venue_latitude": 18.6796, "venue_longitude": 105.6813, "venue_address": "Số 1 Đường Trường Thi, TP. Vinh"}


async def test_card_and_attendance_reminder_come_with_the_venue_pin(emulator: BotApiEmulator, tmp_path: Path) -> None:
    emulator.add_user(101, "An", language_code="vi")
    async with running(emulator, make_settings(tmp_path, emulator, **PIN)) as h:
        card = await h.open_link(101, "DB001")
        pin = await emulator.wait_for_message(
            101, lambda m: m.method == "sendVenue", since=emulator.sent_count(101) - 1
        )
        assert pin.message_id == card.message_id + 1
        assert pin.venue == {
            "location": {"latitude": 18.6796, "longitude": 105.6813},
            "title": "Trung tâm Hội nghị tỉnh",
            "address": "Số 1 Đường Trường Thi, TP. Vinh",
        }
        await emulator.wait_for_callback_answer(await h.press(101, card, "Tham dự"))
        h.clock.set(datetime(2026, 12, 28, 6, 0, tzinfo=VN))
        since = emulator.sent_count(101)
        runner = runner_of(h.app)
        assert runner is not None
        await runner.run("attendance:2h", h.clock.now())
        reminder = await emulator.wait_for_message(
            101, lambda m: "Rất mong đồng chí có mặt" in m.plain_text, since=since
        )
        after = await emulator.wait_for_message(101, lambda m: m.method == "sendVenue", since=since)
        assert after.message_id > reminder.message_id and after.venue == pin.venue

        # The emulator refuses what Telegram refuses.
        with pytest.raises(BadRequest, match="latitude"):
            await h.app.bot.send_venue(101, 91.0, 105.0, "Hội trường", "Vinh")
        with pytest.raises(BadRequest, match="address"):
            await h.app.bot.send_venue(101, 18.0, 105.0, "Hội trường", " ")


async def test_without_coordinates_no_pin(harness) -> None:  # type: ignore[no-untyped-def]
    await harness.open_link(101, "DB001")
    await nothing_more(harness.emu)
    assert not [m for m in harness.emu.messages(101) if m.method == "sendVenue"]


@pytest.mark.parametrize(
    ("event", "problem"),
    [
        ({"venue_latitude": 18.6}, "[event] venue_longitude: is needed too"),
        ({"venue_latitude": 95, "venue_longitude": 105.6}, "[event] venue_latitude"),
        ({"venue_latitude": 18.6, "venue_longitude": "105,6"}, "[event] venue_longitude"),
    ],
)
def test_venue_settings_are_checked(emulator: BotApiEmulator, tmp_path: Path, event: dict, problem: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as caught:
        make_settings(tmp_path, emulator, **event)
    assert problem in str(caught.value)
