"""The bot-wide send budget: new messages draw from it, other calls do not, and a 429 delays only its own request."""

from __future__ import annotations

import asyncio

from telegram.ext import ExtBot

from bot.rate_limit import SharedBudgetRateLimiter
from bot.sandbox.emulator import BotApiEmulator
from bot.services.sending import Pacer
from tests.support.harness import TOKEN


class CountingPacer(Pacer):
    """A budget that counts what drew from it."""

    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.taken = 0

    async def take(self) -> None:
        self.taken += 1
        await super().take()


def _bot(emulator: BotApiEmulator, budget: Pacer) -> ExtBot[None]:
    return ExtBot(
        TOKEN,
        base_url=emulator.base_url,
        base_file_url=emulator.base_file_url,
        rate_limiter=SharedBudgetRateLimiter(budget),
    )


async def test_only_new_messages_draw_from_the_budget(emulator: BotApiEmulator) -> None:
    emulator.add_user(11, "An")
    budget = CountingPacer(1000.0)
    async with _bot(emulator, budget) as bot:
        message = await bot.send_message(11, "một")
        await bot.edit_message_text("hai", chat_id=11, message_id=message.message_id)
        await bot.send_chat_action(11, "typing")
        await bot.send_message(11, "ba")
    assert budget.taken == 2
    assert [m.plain_text for m in emulator.messages(11)] == ["hai", "ba"]


async def test_a_429_is_retried_for_that_request_without_holding_up_others(emulator: BotApiEmulator) -> None:
    emulator.add_user(21, "Bình")
    emulator.add_user(22, "Cường")
    emulator.limits = True
    async with _bot(emulator, Pacer(1000.0)) as bot:
        burst = asyncio.gather(*(bot.send_message(21, f"tin {i}") for i in range(5)))
        await asyncio.sleep(0.2)
        other = await bot.send_message(22, "không phải chờ")
        await burst
    log = emulator.request_log
    assert any(r.status_code == 429 and r.chat_id == 21 for r in log)
    assert len(emulator.messages(21)) == 5 and emulator.duplicates(21) == {}
    last_of_burst = max(r.timestamp for r in log if r.chat_id == 21 and r.status_code == 200)
    other_at = next(r.timestamp for r in log if r.chat_id == 22 and r.status_code == 200)
    assert other.text == "không phải chờ" and other_at < last_of_burst


async def test_bulk_pacer_draws_from_the_shared_budget_too() -> None:
    budget = CountingPacer(1000.0)
    bulk = Pacer(1000.0, shared=budget)
    for _ in range(3):
        await bulk.take()
    assert budget.taken == 3


async def test_many_waiters_queue_in_order_instead_of_polling() -> None:
    clock = [0.0]
    sleeps: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds
        await asyncio.sleep(0)

    pacer = Pacer(8.0, monotonic=lambda: clock[0], sleep=fake_sleep)  # 1/8 s is exact in binary
    order: list[int] = []

    async def take(n: int) -> None:
        await pacer.take()
        order.append(n)

    await asyncio.gather(*(take(n) for n in range(50)))
    assert order == list(range(50))
    assert len(sleeps) == 49  # one sleep per slot, by the head of the queue only — no herd of pollers
    assert clock[0] == 49 / 8
