"""Flood limits, fault-injection knobs, counting, webhook delivery and the control interface."""

from __future__ import annotations

import datetime as dtm
import socket
import time
import warnings
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import Bot, Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.limits import FloodControl, FloodSettings
from tests.support.emulator import raw

LAN = 1001
GROUP = -100500
# PTB's RetryAfter warns about its own int-vs-timedelta migration; not the sandbox's concern.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after in seconds, whatever PTB_TIMEDELTA says."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


@pytest.fixture
def emu() -> Iterator[BotApiEmulator]:
    """A sandbox with limits on (small, slowly refilling buckets), ten users and a group."""
    with BotApiEmulator(
        limits=True, global_rate=0.5, global_burst=5, per_chat_rate=1.0, per_chat_burst=3, group_per_minute=2
    ) as emulator:
        for offset in range(10):
            emulator.add_user(LAN + offset, f"Đại biểu {offset}")
        emulator.add_group(GROUP, "Ban tổ chức")
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    """A plain telegram.Bot talking to the sandbox."""
    async with Bot(emu.token, base_url=emu.base_url) as client:
        yield client


async def test_per_private_chat_burst_then_429(bot: Bot, emu: BotApiEmulator) -> None:
    for n in range(3):
        await bot.send_message(LAN, f"tin {n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(LAN, "tin 3")
    assert retry_seconds(caught.value) == 1
    body = raw(emu, "sendMessage", chat_id=LAN, text="tin 3").json()
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    assert raw(emu, "getUpdates").status_code == 200  # polling is not a message
    assert emu.sent_count(LAN) == 3
    assert emu.stats()["429"] == 2
    assert [r.status_code for r in emu.request_log if r.method == "sendMessage"].count(429) == 2


async def test_global_rate_across_chats(bot: Bot, emu: BotApiEmulator) -> None:
    for offset in range(5):
        await bot.send_message(LAN + offset, "thông báo")
    with pytest.raises(RetryAfter):
        await bot.send_message(LAN + 5, "thông báo")
    assert sum(emu.sent_count(LAN + o) for o in range(10)) == 5


async def test_group_limit_per_minute(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.send_message(GROUP, "1")
    await bot.send_message(GROUP, "2")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(GROUP, "3")
    assert retry_seconds(caught.value) == 30  # 2 per minute refills one every 30 s


async def test_edits_count_per_chat_but_callback_answers_do_not(bot: Bot, emu: BotApiEmulator) -> None:
    message = await bot.send_message(LAN, "v0")
    await bot.edit_message_text("v1", chat_id=LAN, message_id=message.message_id)
    await bot.edit_message_text("v2", chat_id=LAN, message_id=message.message_id)
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("v3", chat_id=LAN, message_id=message.message_id)
    with pytest.raises(Exception, match="Query is too old"):
        await bot.answer_callback_query("1")  # reaches validation, not flood control
    for offset in range(1, 5):  # edits did not use the global bucket: 4 more sends fit in its 5
        await bot.send_message(LAN + offset, "x")


async def test_limits_off_allows_bursts_and_can_be_toggled(bot: Bot, emu: BotApiEmulator) -> None:
    emu.limits = False
    for n in range(20):
        await bot.send_message(LAN, str(n))
    emu.limits = True
    emu.reset_limits()
    for n in range(3):
        await bot.send_message(LAN, str(n))
    with pytest.raises(RetryAfter):
        await bot.send_message(LAN, "over")
    assert emu.sent_count(LAN) == 23


async def test_latency_is_added_to_requests(bot: Bot, emu: BotApiEmulator) -> None:
    emu.latency = 0.2
    started = time.monotonic()
    await bot.send_message(LAN, "chậm")
    assert time.monotonic() - started >= 0.2


async def test_timeout_means_delivered_but_unanswered(emu: BotApiEmulator) -> None:
    emu.timeout_rate = 1.0
    emu.timeout_delay = 5.0
    async with Bot(emu.token, base_url=emu.base_url, request=HTTPXRequest(read_timeout=0.3)) as slow_bot:
        with pytest.raises(TimedOut):
            await slow_bot.send_message(LAN, "có thể đã tới")
        assert [m.plain_text for m in emu.messages(LAN)] == ["có thể đã tới"]
        emu.timeout_rate = 0.0
        await slow_bot.send_message(LAN, "lần hai")
    assert emu.stats()["injected_timeouts"] == 1
    assert emu.duplicates(LAN) == {}


async def test_error_rate_delivers_nothing(bot: Bot, emu: BotApiEmulator) -> None:
    emu.error_rate = 1.0
    for _ in range(4):
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(LAN + 1, "mất")
        assert str(caught.value) in ("Internal Server Error", "Bad Gateway")
    assert emu.sent_count(LAN + 1) == 0
    stats = emu.stats()
    assert stats["injected_errors"] == 4
    assert sum(stats["errors"].get(code, 0) for code in (500, 502)) == 4
    assert raw(emu, "getMe").status_code == 200  # only sends and edits are faulty


def _status_sequence(seed: int) -> list[int]:
    """Status codes of 30 sends with a 50 % error rate."""
    with BotApiEmulator(seed=seed, error_rate=0.5) as emulator, httpx.Client() as client:
        emulator.add_user(LAN, "Lan")
        url = f"{emulator.base_url}{emulator.token}/sendMessage"
        return [client.post(url, data={"chat_id": LAN, "text": "x"}).status_code for _ in range(30)]


def test_seed_makes_faults_repeatable() -> None:
    first = _status_sequence(7)
    assert first == _status_sequence(7)
    assert {200, 500, 502} <= set(first) or {200} < set(first)
    assert first != _status_sequence(8)


async def test_duplicates_helper_counts_exactly(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.send_message(LAN, "Lịch họp")
    await bot.send_message(LAN, "Lịch họp")
    await bot.send_message(LAN, "Khác")
    assert emu.duplicates(LAN) == {"Lịch họp": 2}
    assert emu.duplicates(LAN, key=lambda m: m.method) == {"sendMessage": 3}
    assert len(emu.all_messages()) == 3
    assert emu.stats()["sent"] == 3


def test_token_buckets_refill_over_time() -> None:
    flood = FloodControl(FloodSettings(global_rate=30, per_chat_rate=1, per_chat_burst=3, group_per_minute=20))
    assert [flood.acquire(LAN, False, 100.0) for _ in range(4)] == [None, None, None, 1]
    assert flood.acquire(LAN, False, 100.5) == 1  # half a token is not enough
    assert flood.acquire(LAN, False, 101.0) is None
    assert [flood.acquire(GROUP, True, 0.0) for _ in range(21)][-2:] == [None, 3]
    assert flood.acquire(GROUP, True, 3.0) is None
    fresh = FloodControl(FloodSettings(global_rate=30, per_chat_rate=100, per_chat_burst=100))
    assert [fresh.acquire(n, False, 0.0) for n in range(31)][-2:] == [None, 1]  # 30 per second overall
    assert fresh.acquire(99, False, 1 / 30) is None


def _free_port() -> int:
    """A port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_ptb_webhook_receives_updates_with_secret(emu: BotApiEmulator) -> None:
    emu.limits = False

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"webhook: {' '.join(context.args or [])}")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("start", start))
    port = _free_port()
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg-hook",
            webhook_url=f"http://127.0.0.1:{port}/tg-hook",
            secret_token="s3cret_T",
        )
        try:
            assert emu.webhook_url == f"http://127.0.0.1:{port}/tg-hook"
            assert raw(emu, "getUpdates").status_code == 409
            emu.send_command(LAN, "start", "qua_webhook")
            reply = await emu.wait_for_message(LAN)
        finally:
            await app.updater.stop()
            await app.stop()
    assert reply.plain_text == "webhook: qua_webhook"
    assert emu.pending_updates() == 0


class _Receiver(tornado.web.RequestHandler):
    """Test webhook: fails the first POST, then accepts; records secret headers."""

    def initialize(self, seen: list[tuple[str | None, bytes]]) -> None:
        """Share the record list."""
        self.seen = seen

    def post(self) -> None:
        """Record and answer."""
        self.seen.append((self.request.headers.get("X-Telegram-Bot-Api-Secret-Token"), self.request.body))
        self.set_status(500 if len(self.seen) == 1 else 200)


async def test_webhook_retries_failed_deliveries_and_reports_errors(emu: BotApiEmulator) -> None:
    emu.webhook_retry_delay = 0.05
    seen: list[tuple[str | None, bytes]] = []
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
    server = tornado.httpserver.HTTPServer(tornado.web.Application([(r"/hook", _Receiver, {"seen": seen})]))
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient() as client:
            url = f"{emu.base_url}{emu.token}"
            set_hook = await client.post(
                f"{url}/setWebhook", data={"url": f"http://127.0.0.1:{port}/hook", "secret_token": "abc-123"}
            )
            assert set_hook.json() == {"ok": True, "result": True, "description": "Webhook was set"}
            emu.send_text(LAN, "xin chào")
            await emu.wait_for(lambda: len(seen) >= 2)
            await emu.wait_for(lambda: emu.pending_updates() == 0)
            info = (await client.post(f"{url}/getWebhookInfo")).json()["result"]
    finally:
        server.stop()
    assert [secret for secret, _ in seen] == ["abc-123", "abc-123"]
    assert seen[0][1] == seen[1][1] and b'"xin ch\xc3\xa0o"' in seen[0][1]
    assert info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"
    assert info["pending_update_count"] == 0


async def test_delete_webhook_can_drop_pending_updates(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.set_webhook(f"http://127.0.0.1:{_free_port()}/nobody-listens")
    emu.send_text(LAN, "một")
    emu.send_text(LAN, "hai")
    info = await emu.wait_for(
        lambda: (
            raw(emu, "getWebhookInfo").json()["result"].get("last_error_message")
            and raw(emu, "getWebhookInfo").json()["result"]
        )
    )
    assert info["pending_update_count"] == 2
    assert info["last_error_message"] == "Connection refused"
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert emu.pending_updates() == 0
    assert await bot.get_updates() == ()


async def test_control_interface(emu: BotApiEmulator) -> None:
    async with httpx.AsyncClient(base_url=emu.url) as client:
        added = await client.post("/_sandbox/users", json={"user_id": 2001, "first_name": "Hùng"})
        assert added.json() == {"ok": True}
        sent = await client.post("/_sandbox/users/2001/command", json={"command": "start", "payload": "p1"})
        assert sent.json()["ok"] is True
        updates = raw(emu, "getUpdates").json()["result"]
        assert updates[-1]["message"]["text"] == "/start p1"
        raw(emu, "sendMessage", chat_id=2001, text="<b>Chào</b> Hùng", parse_mode="HTML")
        listed = (await client.get("/_sandbox/chats/2001/messages")).json()["result"]
        assert [m["plain_text"] for m in listed] == ["Chào Hùng"]
        missing = await client.post("/_sandbox/users/2001/press", json={"message_id": 99, "callback_data": "x"})
        assert missing.status_code == 404
        assert (await client.get("/_sandbox/stats")).json()["result"]["sent"] == 1
