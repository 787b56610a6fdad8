"""How the demo's scripted people talk to the bot: read for a moment, type or tap, wait for the bot's answer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.sandbox.emulator import BotApiEmulator, SentMessage


def shows(expect: str) -> Callable[[SentMessage], bool]:
    """A message whose text contains `expect` (any message when empty), or a file of that exact name."""
    return lambda message: expect in message.plain_text or expect == (message.document_name or "")


async def say(
    emu: BotApiEmulator, user_id: int, words: str, expect: str = "", *, reading: float = 0.0, timeout: float = 30.0
) -> SentMessage:
    """After `reading` seconds the person sends `words`; return the bot's next message to them that shows `expect`."""
    await asyncio.sleep(reading)
    since = emu.sent_count(user_id)
    emu.send_text(user_id, words)
    return await emu.wait_for_message(user_id, shows(expect), since=since, timeout=timeout)


async def press(
    emu: BotApiEmulator,
    user_id: int,
    message: SentMessage,
    label: str,
    expect: str = "",
    *,
    reading: float = 0.0,
    timeout: float = 30.0,
) -> SentMessage:
    """After `reading` seconds the person taps the button containing `label`; return the bot's next message to them
    that shows `expect`."""
    await asyncio.sleep(reading)
    since = emu.sent_count(user_id)
    emu.press_button(user_id, message.message_id, message.button_data(label))
    return await emu.wait_for_message(user_id, shows(expect), since=since, timeout=timeout)
