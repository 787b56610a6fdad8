"""The shared test helpers themselves: "nothing more arrives" is decided on the emulator's request log once idle."""

from __future__ import annotations

import time

import pytest

from bot.sandbox.emulator import BotApiEmulator
from tests.support.harness import Harness, nothing_more


async def test_nothing_more_waits_until_the_bot_has_fetched_and_answered_everything(harness: Harness) -> None:
    since = harness.emu.sent_count(101)
    harness.emu.send_command(101, "help")
    await nothing_more(harness.emu)
    assert harness.emu.sent_count(101) == since + 1  # the reply was in before "idle" was declared


async def test_nothing_more_refuses_to_call_a_bot_idle_while_updates_wait(emulator: BotApiEmulator) -> None:
    emulator.add_user(101, "An")
    emulator.send_text(101, "không có bot nào nhận")  # no application polls this emulator
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await nothing_more(emulator, quiet=0.1, timeout=0.5)
    assert time.monotonic() - started >= 0.5
