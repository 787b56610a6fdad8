"""Telegram's limits end to end (emulator limits on): bulk senders share, the organizer's chat keeps its limit, paid."""

from __future__ import annotations

import asyncio
import dataclasses
import time

from telegram import Bot

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.limits import FloodControl, FloodSettings
from bot.telegram.jobs import runner_of
from tests.support.broadcast import FAST, Bots, user_id_of
from tests.support.harness import ORGANIZER_ID, TOKEN, Harness


async def real_limits(harness: Harness) -> None:
    """Telegram's per-chat limit in the bot (tests relax it) and the emulator's flood limits on."""
    telegram = dataclasses.replace(harness.settings.telegram, per_chat_per_second=1.0)
    budget = harness.app.bot_data.send_budget
    budget._per_chat = (telegram.per_chat_per_second, budget._per_chat[1])
    harness.emu.reset_limits()
    harness.emu.limits = True


async def broadcast_now(harness: Harness, audience: str, body: str) -> int:
    """Queue a broadcast straight through the service; return its id."""
    services = harness.services
    draft = await services.broadcasts.create_draft(ORGANIZER_ID, audience, (), body, None)  # type: ignore[arg-type]
    await services.broadcasts.send_now(draft.id, ORGANIZER_ID)
    harness.app.bot_data.delivery.wake()  # type: ignore[union-attr]
    return draft.id


async def wait_done(harness: Harness, broadcast_id: int, timeout: float = 20.0) -> None:
    async def done() -> bool:
        broadcast = await harness.services.broadcasts.get(broadcast_id)
        return broadcast is not None and broadcast.status == "done"

    deadline = time.monotonic() + timeout
    while not await done():
        assert time.monotonic() < deadline, "broadcast not done"
        await asyncio.sleep(0.05)


async def test_a_reminder_run_during_a_broadcast_shares_bulk_and_the_organizer_chat_gets_no_429(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=40, broadcast=dataclasses.replace(FAST, progress_interval=0.5))
    services = harness.services
    for number in range(1, 21):  # half attend: the broadcast goes to them, the RSVP reminder to the others
        async with services.db.read() as uow:
            delegate = await uow.delegates.by_user(services.event.id, user_id_of(number))
        assert delegate is not None
        await services.rsvp.choose(user_id_of(number), delegate.id, "attend")
    await real_limits(harness)
    runner = runner_of(harness.app)
    assert runner is not None
    budget = harness.app.bot_data.send_budget
    budget.trace = []  # what the budget granted, when (the emulator's clock moves with the machine's load)
    since = emulator.sent_count(ORGANIZER_ID)
    broadcast_id = await broadcast_now(harness, "attending", "Thông báo khẩn của Ban Tổ chức")
    reminder = asyncio.create_task(runner.run("rsvp:7d", runner.now(), force=True))
    for _ in range(3):  # the organizer keeps using the bot meanwhile
        emulator.send_text(ORGANIZER_ID, "/help")
        await asyncio.sleep(0.1)
    await wait_done(harness, broadcast_id)
    report = await reminder
    assert report is not None and report.counts.get("sent") == 20
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Báo cáo thông báo" in m.plain_text, since=since)
    log = emulator.request_log
    # None with Telegram's limits on; at most one if a loaded machine delays some requests by more than a second.
    assert len([r for r in log if r.status_code == 429]) <= 1
    sends = [r for r in log if r.method == "sendMessage" and r.status_code == 200]
    to_attending = [r.timestamp for r in sends if r.chat_id in {user_id_of(n) for n in range(1, 21)}]
    to_others = [r.timestamp for r in sends if r.chat_id in {user_id_of(n) for n in range(21, 41)}]
    assert len(to_attending) == 20 and len(to_others) == 20
    assert min(to_others) < max(to_attending) and min(to_attending) < max(to_others)  # both progressed together
    organizer = [at for at, _, _, chat, _ in budget.trace if chat == ORGANIZER_ID]
    assert len(organizer) >= 6  # replies, the progress card and its edits, the report, the reminder's summary
    for first, third in zip(organizer, organizer[2:], strict=False):  # burst 2, then ≤ 1/s: under Telegram's limit
        assert third - first >= 1.0 - 0.01
    texts = [m.plain_text for m in emulator.messages(ORGANIZER_ID)]
    assert sum("/broadcast" in t for t in texts) >= 3  # each /help answered (it lists /broadcast)
    assert any(m.edit_count for m in emulator.messages(ORGANIZER_ID))  # the progress card was updated


async def test_paid_broadcasts_are_sent_as_paid_and_nothing_else_is(emulator: BotApiEmulator, bots: Bots) -> None:
    paid = dataclasses.replace(FAST, paid=True, rate_per_second=None)
    harness = await bots.start(emulator, delegates=60, broadcast=paid)
    await real_limits(harness)
    broadcast_id = await broadcast_now(harness, "all", "Thông báo gửi có trả phí")
    await wait_done(harness, broadcast_id)
    stats = emulator.stats()
    assert stats["paid"] == 60 and stats["429"] == 0  # 60 at once: over the free 30/s burst, within the paid limit
    runner = runner_of(harness.app)
    assert runner is not None
    report = await runner.run("rsvp:7d", runner.now(), force=True)
    assert report is not None and report.counts.get("sent") == 60
    assert emulator.stats()["paid"] == 60  # reminders are never paid


async def test_the_emulator_models_the_paid_limit(emulator: BotApiEmulator) -> None:
    flood = FloodControl(FloodSettings())
    now = 100.0
    assert all(flood.acquire(800 + n, False, now, paid=True) is None for n in range(200))  # 1000/s when paid
    free = [flood.acquire(1000 + n, False, now) for n in range(40)]
    assert free[:30] == [None] * 30 and all(wait is not None for wait in free[30:])  # the free 30/s is untouched
    again = [flood.acquire(800, False, now, paid=True) for _ in range(3)]
    assert again[:2] == [None, None] and again[2] is not None  # the chat's burst of 3, then 1/s, holds for paid too
    emulator.add_user(700, "Người nhận")
    async with Bot(TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url) as bot:
        await bot.send_message(700, "trả phí", allow_paid_broadcast=True)
        await bot.send_message(700, "miễn phí")
    assert emulator.stats()["paid"] == 1  # what Telegram would charge for
