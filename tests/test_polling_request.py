"""Polling while Telegram is out of reach: the bot polls again within POLL_RETRY_CAP seconds, never after
python-telegram-bot's own back-off of up to 30 s (after a 60 s outage it answered 15 s late: the soak test of
tests/test_telegram_faults.py), and each transport error is logged through the grouped NetworkErrorLog."""

from __future__ import annotations

import socket

import pytest
from telegram.error import TelegramError, TimedOut

from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.request import POLL_RETRY_CAP, PollingRequest
from tests.support.harness import TOKEN, Harness


def _closed_port() -> int:
    """A local port nobody listens on (connections are refused: a transport error, no HTTP answer)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_transport_error_becomes_a_capped_wait_then_an_immediate_poll(emulator: BotApiEmulator) -> None:
    waits: list[float] = []
    errors: list[TelegramError] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    request = PollingRequest(on_error=errors.append, sleep=sleep)
    await request.initialize()
    try:
        down = f"http://127.0.0.1:{_closed_port()}/bot{TOKEN}/getUpdates"
        for _ in range(12):  # a long outage
            with pytest.raises(TimedOut):  # python-telegram-bot polls again at once after a TimedOut
                await request.do_request(down, "POST")
        assert waits[:4] == [0.25, 0.5, 1.0, 2.0] and max(waits) == POLL_RETRY_CAP
        assert len(errors) == 12 and all("httpx" in e.message for e in errors)
        status, _body = await request.do_request(
            f"{emulator.base_url}{emulator.token}/getMe", "POST"
        )  # Telegram is back
        assert status == 200
        with pytest.raises(TimedOut):
            await request.do_request(down, "POST")
        assert waits[-1] == 0.25  # the back-off starts again after a success
    finally:
        await request.shutdown()


async def test_the_application_polls_through_it(harness: Harness) -> None:
    assert isinstance(harness.app.bot._request[0], PollingRequest)  # [0]: getUpdates, [1]: every other call
