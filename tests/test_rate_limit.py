"""The bot-wide send budget: replies before bulk, fair bulk lanes, per-chat limits, 429 learning."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import ExtBot

from bot.sandbox.emulator import BotApiEmulator
from bot.services.send_budget import RECOVERY_SECONDS, SendBudget, SendClass
from bot.telegram.rate_limit import SharedBudgetRateLimiter
from tests.support.harness import TOKEN
from tests.support.virtual_time import now, run_virtual


def _bot(emulator: BotApiEmulator, budget: SendBudget) -> ExtBot[None]:
    return ExtBot(
        TOKEN,
        base_url=emulator.base_url,
        base_file_url=emulator.base_file_url,
        rate_limiter=SharedBudgetRateLimiter(budget),
    )


async def test_new_messages_take_a_bot_wide_token_edits_only_their_chats(emulator: BotApiEmulator) -> None:
    emulator.add_user(11, "An")
    budget = SendBudget(1000.0, trace=True)
    async with _bot(emulator, budget) as bot:
        message = await bot.send_message(11, "một")
        await bot.edit_message_text("hai", chat_id=11, message_id=message.message_id)
        await bot.send_chat_action(11, "typing")
        await bot.send_message(11, "ba")
    assert budget.trace is not None
    assert [(chat, new) for _, _, _, chat, new in budget.trace] == [(11, True), (11, False), (11, True)]
    assert [m.plain_text for m in emulator.messages(11)] == ["hai", "ba"]


async def test_a_429_is_retried_for_that_request_without_holding_up_others(emulator: BotApiEmulator) -> None:
    emulator.add_user(21, "Bình")
    emulator.add_user(22, "Cường")
    emulator.limits = True
    # A budget that believes in a bigger per-chat burst than Telegram's, so that the emulator answers 429.
    budget = SendBudget(1000.0, per_chat_rate=100.0, per_chat_burst=10.0)
    async with _bot(emulator, budget) as bot:
        burst = asyncio.gather(*(bot.send_message(21, f"tin {i}") for i in range(5)))
        # Telegram's burst is 3: the fourth is answered 429 (retry after ≥ 1 s) and chat 21 pauses.
        await emulator.wait_for(lambda: any(r.status_code == 429 and r.chat_id == 21 for r in emulator.request_log))
        other = await bot.send_message(22, "không phải chờ")
        await burst
    log = emulator.request_log
    assert budget.rate_limited_count >= 1
    assert len(emulator.messages(21)) == 5 and emulator.duplicates(21) == {}
    # the other chat was served while chat 21 still waited for its retries (the order of the emulator's log)
    last_of_burst = max(i for i, r in enumerate(log) if r.chat_id == 21 and r.status_code == 200)
    other_at = next(i for i, r in enumerate(log) if r.chat_id == 22 and r.status_code == 200)
    assert other.text == "không phải chờ" and other_at < last_of_burst


async def test_with_the_real_per_chat_limit_a_burst_to_one_chat_stays_under_telegrams(emulator: BotApiEmulator) -> None:
    emulator.add_user(23, "Dũng")
    emulator.limits = True
    budget = SendBudget(30.0)  # the pacing itself (burst 2, then 1/s): test_the_per_chat_limit_is_a_burst_of_two…
    async with _bot(emulator, budget) as bot:
        await asyncio.gather(*(bot.send_message(23, f"tin {i}") for i in range(5)))
    statuses = [r.status_code for r in emulator.request_log if r.chat_id == 23]
    # Unpaced, two of these five would get 429 (Telegram's burst is 3); paced, none — one at most if the machine is
    # so loaded that the first requests reach the emulator a second late.
    assert statuses.count(429) <= 1 and statuses.count(200) == 5
    # each once (two granted together race over two connections, so their order is not the budget's to keep)
    assert sorted(m.plain_text for m in emulator.messages(23)) == [f"tin {i}" for i in range(5)]


def test_interactive_requests_go_before_waiting_bulk() -> None:
    async def scenario() -> None:
        budget = SendBudget(50.0, capacity=1.0, monotonic=now, trace=True)
        lane = budget.lane("broadcast")
        bulk = [asyncio.create_task(lane.take(1000 + n)) for n in range(40)]
        assert budget.trace is not None
        while len(budget.trace) < 5:
            await asyncio.sleep(0.01)
        arrived = len(budget.trace)
        started = now()
        await asyncio.gather(*(budget.take(2000 + n) for n in range(10)))
        waited = now() - started
        after = [cls for _, cls, _, _, _ in budget.trace[arrived:]]
        assert after[:12].count(SendClass.INTERACTIVE) == 10  # the next tokens went to the replies (one bulk in flight)
        # 10 tokens at 50/s (and the one bulk already granted its turn), not behind the 35 bulk sends still waiting
        assert waited <= 11 / 50 + 1e-6
        await asyncio.gather(*bulk)
        assert budget.granted == {SendClass.INTERACTIVE: 10, SendClass.BULK: 40}

    run_virtual(scenario())


def test_bulk_lanes_share_the_capacity_round_robin() -> None:
    async def scenario() -> None:
        budget = SendBudget(400.0, capacity=1.0, monotonic=now, trace=True)

        async def sender(lane: str, chats: range) -> None:
            way = budget.lane(lane)
            for chat in chats:  # like the engine: one waiter at a time
                await way.take(chat)

        broadcast = asyncio.create_task(sender("broadcast", range(1, 301)))
        assert budget.trace is not None
        while len(budget.trace) < 20:
            await asyncio.sleep(0.005)
        reminders = asyncio.create_task(sender("reminders", range(1001, 1061)))
        await asyncio.gather(broadcast, reminders)
        lanes = [lane for _, _, lane, _, _ in budget.trace]
        first_reminder = lanes.index("reminders")
        window = lanes[first_reminder : first_reminder + 60]
        assert 25 <= window.count("reminders") <= 35  # both progress: about every other token
        assert lanes.count("broadcast") == 300 and lanes.count("reminders") == 60

    run_virtual(scenario())


def test_only_bulk_waiting_takes_the_whole_rate() -> None:
    async def scenario() -> None:
        budget = SendBudget(200.0, capacity=1.0, monotonic=now)
        lane = budget.lane("broadcast")
        started = now()
        for chat in range(100):
            await lane.take(chat)
        # 99 intervals at the full 200/s (the first token is there at once): no margin kept idle
        assert now() - started == pytest.approx(99 / 200)

    run_virtual(scenario())


def test_an_optional_cap_slows_one_lane_only() -> None:
    async def scenario() -> None:
        budget = SendBudget(1000.0, monotonic=now)
        capped = budget.lane("broadcast", cap=20.0)
        started = now()
        for chat in range(11):
            await capped.take(chat)
        assert now() - started == pytest.approx(10 / 20)  # 10 intervals at 20/s
        started = now()
        for chat in range(100, 111):
            await budget.lane("reminders").take(chat)
        assert now() - started <= 10 / 1000 + 1e-6  # the budget's own rate, not the other lane's cap

    run_virtual(scenario())


def test_every_chat_including_the_organizers_keeps_its_own_limit() -> None:
    async def scenario() -> None:
        budget = SendBudget(1000.0, per_chat_rate=20.0, per_chat_burst=2.0, monotonic=now, trace=True)
        organizer = 900001
        replies = [asyncio.create_task(budget.take(organizer)) for _ in range(4)]
        edits = [asyncio.create_task(budget.take(organizer, new_message=False)) for _ in range(2)]
        report = asyncio.create_task(budget.lane("broadcast").take(organizer))
        started = now()
        await budget.take(555)  # another chat is not held up by the organizer's queue
        assert now() == started
        await asyncio.gather(*replies, *edits, report)
        assert budget.trace is not None
        times = [at for at, _, _, chat, _ in budget.trace if chat == organizer]
        assert len(times) == 7
        for first, later in zip(times, times[2:], strict=False):  # burst 2, then 20/s: any 3 span ≥ 1/20 s
            assert later - first >= 0.05 - 1e-9
        assert times[-1] - times[0] == pytest.approx(5 / 20)  # and no slower: 7 grants, 2 at once, then 20/s

    run_virtual(scenario())


async def test_a_429_pauses_its_chat_and_the_rate_backs_off_then_recovers() -> None:
    clock = [100.0]
    budget = SendBudget(30.0, monotonic=lambda: clock[0])
    assert budget.current_rate() == 30.0
    budget.rate_limited(7, 3.0)
    assert budget.current_rate() == 30.0 * 0.75
    clock[0] += 0.5
    budget.rate_limited(8, 3.0)  # a second 429 from the same burst does not cut again
    assert budget.current_rate() == 22.5 + 0.5 * 30.0 / RECOVERY_SECONDS
    clock[0] += 2.0
    budget.rate_limited(9, 3.0)
    cut = (22.5 + 2.5 * 30.0 / RECOVERY_SECONDS) * 0.75
    assert abs(budget.current_rate() - cut) < 1e-9
    clock[0] += RECOVERY_SECONDS
    assert budget.current_rate() == 30.0  # recovered


def test_a_paused_chat_waits_but_the_others_do_not() -> None:
    async def scenario() -> None:
        budget = SendBudget(1000.0, per_chat_rate=100.0, monotonic=now)  # the pause, not the chat's rate, counts
        budget.rate_limited(31, 0.3)
        started = now()
        other = asyncio.create_task(budget.take(32))
        paused = asyncio.create_task(budget.take(31))
        await other
        assert now() == started and not paused.done()
        await paused
        assert now() - started == pytest.approx(0.3)

    run_virtual(scenario())


def test_a_cancelled_waiter_does_not_block_its_chat() -> None:
    async def scenario() -> None:
        budget = SendBudget(1000.0, per_chat_rate=10.0, per_chat_burst=1.0, monotonic=now)
        await budget.take(41)
        doomed = asyncio.create_task(budget.take(41))
        await asyncio.sleep(0.01)
        doomed.cancel()
        started = now()
        await budget.take(41)
        # the chat's next token (0.1 s after the first), not a second interval for the cancelled waiter
        assert now() - started == pytest.approx(0.09)
        await budget.close()

    run_virtual(scenario())


def test_paid_sends_use_their_own_bucket() -> None:
    async def scenario() -> None:
        budget = SendBudget(10.0, capacity=1.0, paid_rate=1000.0, monotonic=now)
        paid = budget.lane("broadcast", paid=True)
        started = now()
        for chat in range(200):
            await paid.take(chat)
        assert now() - started < 0.2  # 200 at 1000/s (a burst of 20 first), not at the free 10/s (20 s)
        started = now()
        await budget.take(999)  # the free budget is untouched
        assert now() == started

    run_virtual(scenario())


def test_the_per_chat_limit_is_a_burst_of_two_then_one_a_second() -> None:
    async def scenario() -> None:
        budget = SendBudget(30.0, monotonic=now, trace=True)
        await asyncio.gather(*(budget.take(23) for _ in range(5)))
        assert budget.trace is not None
        granted = [at for at, _, _, chat, _ in budget.trace if chat == 23]
        # two at once (the second as soon as the bot-wide 30/s allows), then one a second after the first
        assert [round(at - granted[0], 6) for at in granted] == [0, round(1 / 30, 6), 1, 2, 3]

    run_virtual(scenario())


async def test_an_urgent_message_jumps_its_chats_queue() -> None:
    budget = SendBudget(1000.0, per_chat_rate=20.0, per_chat_burst=1.0, trace=True)
    queued = [asyncio.create_task(budget.take(51, lane=f"reply {n}")) for n in range(5)]
    await asyncio.sleep(0)
    await budget.take(51, lane="notice", urgent=True)
    assert budget.trace is not None
    order = [lane for _, _, lane, _, _ in budget.trace]
    assert order.index("notice") <= 2  # right behind what the chat was already serving, not after all five
    await asyncio.gather(*queued)


def test_try_take_grants_only_a_token_free_at_once() -> None:
    async def scenario() -> None:
        budget = SendBudget(1000.0, capacity=1.0, paid_rate=100.0, per_chat_burst=1.0, monotonic=now)
        paid = budget.lane("broadcast", paid=True)
        assert paid.try_take(1)  # the paid bucket starts with one token
        assert not paid.try_take(2)  # none left: "no" at once, nothing waits
        started = now()
        await paid.take(2)
        assert now() - started == pytest.approx(1 / 100)  # the refused try took nothing: the next token is at 1/100 s
        await asyncio.sleep(0.05)
        assert not paid.try_take(1)  # tokens again, but chat 1 used its burst: its own limit counts too
        assert paid.try_take(3)
        capped = budget.lane("tasks", cap=10.0)
        assert capped.try_take(4) and not capped.try_take(5)  # a lane's cap counts too
        assert budget.granted[SendClass.BULK] == 4

    run_virtual(scenario())
