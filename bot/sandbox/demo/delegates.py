"""Simulated delegates for the demo: who does what, and the scripts they follow in the sandbox."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Literal

from bot.i18n import LANGUAGES
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.roster_file import RosterEntry

How = Literal["link", "contact", "never"]
Answer = Literal["attend", "decline", "decline_skip", "substitute", "silent"]
REASONS = ("Trùng lịch công tác tại huyện", "Đang đi học lớp bồi dưỡng", "Ốm, đang điều trị", "Họp đoàn kiểm tra")
SUBSTITUTES = (
    ("Nguyễn Thị Hà", "Phó Trưởng phòng"),
    ("Trần Văn Hùng", "Chuyên viên chính"),
    ("Lê Minh Tâm", "Phó Chánh Văn phòng"),
)
USER_ID_BASE = 5_000_000


@dataclass(frozen=True)
class Plan:
    """What one simulated delegate will do."""

    user_id: int
    entry: RosterEntry
    how: How
    answer: Answer
    language: str
    start_after: float

    @property
    def expected_status(self) -> str | None:
        """The answer the database must hold at the end."""
        if self.how == "never" or self.answer == "silent":
            return None
        return {"attend": "attending", "decline": "declined", "decline_skip": "declined"}.get(self.answer, "substitute")


def plan_delegates(entries: list[RosterEntry], seed: int, spread: float) -> list[Plan]:
    """A realistic mix: most open their link, some share their phone, a few never come; most attend."""
    rng = random.Random(seed)
    plans = []
    for index, entry in enumerate(entries):
        how: How = rng.choices(("link", "contact", "never"), (82, 12, 6))[0]
        if how == "contact" and not entry.phone:
            how = "link"
        answer: Answer = rng.choices(("attend", "decline", "decline_skip", "substitute", "silent"), (72, 8, 4, 8, 8))[0]
        plans.append(
            Plan(
                USER_ID_BASE + index, entry, how, answer, rng.choices(("vi", "en"), (95, 5))[0], rng.uniform(0, spread)
            )
        )
    return plans


CARD_HEADINGS = tuple(
    catalogue["card.body"].split("\n", 1)[0].replace("<b>", "").replace("</b>", "") for catalogue in LANGUAGES.values()
)
"""The first line of the attendance card in each language ("XÁC NHẬN THAM DỰ HỘI NGHỊ")."""


def is_card(message: SentMessage) -> bool:
    """Whether a message is the delegate's attendance card."""
    return message.plain_text.startswith(CARD_HEADINGS)


class DelegateScript:
    """Plays one delegate's part against the sandbox; records what went wrong."""

    def __init__(
        self,
        emu: BotApiEmulator,
        plan: Plan,
        token: str,
        rng: random.Random,
        pace: float = 1.0,
        gate: asyncio.Semaphore | None = None,
    ) -> None:
        """gate bounds how many delegates act at once (a closed loop: each waits for the bot's answer)."""
        self.emu, self.plan, self.token, self.rng, self.pace = emu, plan, token, rng, pace
        self.gate = gate or asyncio.Semaphore(1_000_000)
        self.problem: str | None = None
        self.done = False

    async def _next(
        self, since: int, needle: str | tuple[str, ...] | None = None, timeout: float = 90.0
    ) -> SentMessage:
        chat = self.plan.user_id

        def found() -> SentMessage | None:
            if self.emu.sent_count(chat) <= since:
                return None
            for message in self.emu.messages(chat)[since:]:
                if message.method == "sendVenue":
                    continue  # the venue pin that follows the card may land after the card was seen
                if needle is None or (
                    message.plain_text.startswith(needle) if isinstance(needle, tuple) else needle in message.plain_text
                ):
                    return message
            return None

        return await self.emu.wait_for(found, timeout=timeout, interval=0.25)

    async def _think(self, low: float = 1.0, high: float = 3.0) -> None:
        await asyncio.sleep(self.rng.uniform(low, high) * self.pace)

    async def _write(self) -> None:
        """Typing a sentence on a phone takes a person a few seconds."""
        await self._think(3.0, 6.0)

    async def _type(self, text: str, needle: str | None = None) -> SentMessage:
        since = self.emu.sent_count(self.plan.user_id)
        self.emu.send_text(self.plan.user_id, text)
        return await self._next(since, needle)

    async def run(self) -> None:
        """Open the invitation, answer it, and follow up as planned."""
        try:
            await asyncio.sleep(self.plan.start_after)
            if self.plan.how == "never":
                return
            async with self.gate:
                card = await self._open()
                await self._answer(card)
        except TimeoutError as error:
            self.problem = f"no reply in time ({error})"
        finally:
            self.done = True

    async def _open(self) -> SentMessage:
        user = self.plan.user_id
        if self.plan.language == "en":
            since = self.emu.sent_count(user)
            self.emu.send_command(user, "language")
            chooser = await self._next(since)
            await self._think()
            since = self.emu.sent_count(user)
            self.emu.press_button_by_text(user, chooser.message_id, "English")
            await self._next(since)
            await self._think()
        since = self.emu.sent_count(user)
        if self.plan.how == "contact":
            self.emu.send_command(user, "start")
            await self._next(since)
            await self._think()
            since = self.emu.sent_count(user)
            self.emu.share_contact(user, self.plan.entry.phone or "")
        else:
            self.emu.send_command(user, "start", self.token)
        return await self._next(since, CARD_HEADINGS)

    async def _answer(self, card: SentMessage) -> None:
        answer, user = self.plan.answer, self.plan.user_id
        if answer == "silent":
            return
        await self._think()
        label = {"attend": 0, "decline": 1, "decline_skip": 1, "substitute": 2}[answer]
        since = self.emu.sent_count(user)
        query = self.emu.press_button(user, card.message_id, card.callback_datas()[label])
        if answer == "attend":
            await self.emu.wait_for_callback_answer(query, timeout=90.0)
            return
        question = await self._next(since)
        await (self._think() if answer == "decline_skip" else self._write())
        if answer == "decline_skip":
            since = self.emu.sent_count(user)
            self.emu.press_button(user, question.message_id, question.callback_datas()[0])
            await self._next(since)
        elif answer == "decline":
            await self._type(self.rng.choice(REASONS))
        else:
            name, position = self.rng.choice(SUBSTITUTES)
            await self._type(name)
            await self._write()
            await self._type(position)
