"""Demo part two: some delegates send proposals and nominate exemplary colleagues; the report counts them."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.sandbox.demo.broadcast import is_notice
from bot.sandbox.demo.delegates import Plan
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services import Services

PROPOSALS = (
    "Thủ tục giao đất, cho thuê đất còn qua nhiều khâu; đề nghị rút ngắn thời gian thẩm định.",
    "Đề nghị có cơ chế khuyến khích cán bộ dám nghĩ, dám làm, dám chịu trách nhiệm.",
    "Phần mềm một cửa điện tử giữa các sở chưa liên thông, công dân phải nộp hồ sơ giấy nhiều lần.",
    "Hiến kế: lập tổ công tác liên ngành tháo gỡ vướng mắc cho các dự án đầu tư trọng điểm.",
    "Trụ sở làm việc xuống cấp, thiếu trang thiết bị; đề nghị bố trí kinh phí sửa chữa.",
)
REASONS = (
    "Nhiều năm hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng toàn tỉnh.",
    "Tận tụy, được doanh nghiệp và người dân ghi nhận.",
)


T = TypeVar("T")


class _Actor:
    """One simulated delegate's chat, waiting for the bot's replies by callback data or text."""

    def __init__(self, emu: BotApiEmulator, user_id: int, pace: float) -> None:
        self.emu, self.user, self.pace = emu, user_id, pace

    async def after(self, act: Callable[[], object], check: Callable[[SentMessage], bool]) -> SentMessage:
        await asyncio.sleep(1.2 * self.pace)  # a person reads the last message before tapping or typing
        since = self.emu.sent_count(self.user)
        act()
        # A committee notice may arrive at any moment (the broadcast runs meanwhile): it is not the bot's reply.
        return await self.emu.wait_for(
            lambda: next(
                (m for m in self.emu.messages(self.user)[since:] if not is_notice(m.plain_text) and check(m)), None
            ),
            timeout=90.0,
            interval=0.25,
        )

    async def press(self, message: SentMessage, prefix: str) -> SentMessage:
        """Press the first button whose data starts with prefix; return the next message that has buttons or text."""
        data = next(d for d in message.callback_datas() if d.startswith(prefix))
        return await self.after(lambda: self.emu.press_button(self.user, message.message_id, data), lambda m: True)


async def _propose(emu: BotApiEmulator, plan: Plan, rng: random.Random, pace: float) -> None:
    actor = _Actor(emu, plan.user_id, pace)
    chooser = await actor.after(
        lambda: emu.send_command(plan.user_id, "proposal"),
        lambda m: any(d.startswith("prop:cat:") for d in m.callback_datas()),
    )
    categories = [d for d in chooser.callback_datas() if d.startswith("prop:cat:")]
    await actor.press(chooser, rng.choice(categories))
    preview = await actor.after(
        lambda: emu.send_text(plan.user_id, rng.choice(PROPOSALS)), lambda m: "prop:ok" in m.callback_datas()
    )
    await actor.press(preview, "prop:ok")


async def _nominate(emu: BotApiEmulator, plan: Plan, colleague: str, rng: random.Random, pace: float) -> bool:
    actor = _Actor(emu, plan.user_id, pace)
    await actor.after(lambda: emu.send_command(plan.user_id, "nominate"), lambda m: m.plain_text.startswith("🏅"))
    found = await actor.after(lambda: emu.send_text(plan.user_id, colleague), lambda m: True)
    if not any(d.startswith("nom:p:") for d in found.callback_datas()):
        return False
    ticks = await actor.press(found, "nom:p:")
    nominee = ticks.callback_datas()[0].split(":")[2]
    toggle = f"nom:t:{nominee}:{1 << rng.randrange(4)}"
    emu.press_button(plan.user_id, ticks.message_id, toggle)
    ticked = await emu.wait_for(
        lambda: next(
            (
                m
                for m in emu.messages(plan.user_id)
                if m.message_id == ticks.message_id and f"nom:c:{nominee}:0" not in m.callback_datas()
            ),
            None,
        ),
        timeout=90.0,
    )
    await actor.press(ticked, f"nom:c:{nominee}:")
    preview = await actor.after(
        lambda: emu.send_text(plan.user_id, rng.choice(REASONS)), lambda m: "nom:ok" in m.callback_datas()
    )
    await actor.press(preview, "nom:ok")
    return True


async def _after(ready: Callable[[int], Awaitable[None]], user_id: int, job: Awaitable[T]) -> T:
    """Start a delegate's proposal or nomination once they have finished answering the invitation."""
    await ready(user_id)
    return await job


async def play_proposals(
    emu: BotApiEmulator,
    services: Services,
    plans: list[Plan],
    seed: int,
    pace: float,
    ready: Callable[[int], Awaitable[None]],
) -> tuple[str, list[str]]:
    """About one linked delegate in ten writes a proposal and one in sixteen nominates a colleague; verify and report."""
    rng = random.Random(seed)
    linked = [p for p in plans if p.how != "never"]
    proposers = linked[::10]
    nominators = linked[3::16]
    names = [p.entry.full_name for p in plans]
    jobs = [_after(ready, p.user_id, _propose(emu, p, random.Random(rng.random()), pace)) for p in proposers]
    jobs += [
        _after(
            ready,
            p.user_id,
            _nominate(
                emu,
                p,
                rng.choice([n for n in names if n != p.entry.full_name] or names),
                random.Random(rng.random()),
                pace,
            ),
        )
        for p in nominators
    ]
    results = await asyncio.gather(*jobs, return_exceptions=True)
    problems = [f"proposals/nominations: {r!r}" for r in results if isinstance(r, BaseException)]
    nominated = sum(1 for r in results[len(proposers) :] if r is True)
    rows = await services.proposal_review.rows()
    nominations = await services.nominations.rows()
    if len(rows) != len(proposers):
        problems.append(f"proposals: expected {len(proposers)}, stored {len(rows)}")
    if len(nominations) != nominated:
        problems.append(f"nominations: expected {nominated}, stored {len(nominations)}")
    by_category = Counter(r.proposal.category for r in rows)
    line = (
        f"Ý kiến, kiến nghị / proposals: {len(rows)} ("
        + ", ".join(f"{code} {count}" for code, count in sorted(by_category.items()))
        + f"); đề xuất biểu dương / nominations: {len(nominations)}"
    )
    return line, problems
