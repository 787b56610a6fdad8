"""Fixtures only: a Bot API emulator on 127.0.0.1, the real Application wired to it, and a bot starter (and the
collection order: tests marked `slow` first).

Shared test code lives in the `tests.support` package (tests.support.harness boots the bot); import it from there.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from tests.support.broadcast import Bots
from tests.support.harness import (  # noqa: F401 — re-exported for branches that still import from tests.conftest
    NOW,
    ORGANIZER_ID,
    ROSTER,
    TOKEN,
    VN,
    Harness,
    entry,
    later,
    make_settings,
    start_harness,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` first: with two workers (pyproject's addopts) a long test started last would run alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """`delegate-bot run` configures logging for real (stderr handlers, filters): undo it after each test, so no later
    test logs into a closed, captured stderr ("--- Logging error ---" in captured output)."""
    root, updater = logging.getLogger(), logging.getLogger("telegram.ext.Updater")
    handlers, level, filters = root.handlers[:], root.level, updater.filters[:]
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    updater.filters[:] = filters


@pytest.fixture
def emulator() -> Iterator[BotApiEmulator]:
    """A fresh Bot API emulator on 127.0.0.1."""
    emu = BotApiEmulator(token=TOKEN, bot_username="hoinghi_test_bot")
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
async def harness(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    """The real Application running against the emulator with a three-delegate roster."""
    for user_id, first in ((101, "An"), (102, "Bình"), (103, "Cường"), (104, "Lạ")):
        emulator.add_user(user_id, first, "Nguyễn", language_code="vi")
    emulator.add_user(105, "John", "Smith", language_code="en")
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    running = await start_harness(emulator, tmp_path, FakeClock(NOW))
    try:
        yield running
    finally:
        await stop_application(running.app)


@pytest.fixture
async def bots(tmp_path: Path) -> AsyncIterator[Bots]:
    """A bot starter (tests.support.broadcast.start_bot) whose bots are stopped after the test."""
    starter = Bots(tmp_path)
    try:
        yield starter
    finally:
        await starter.stop_all()
