"""pinChatMessage / unpinChatMessage in the sandbox as Telegram documents them: parameters, errors, getChat."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden

from bot.sandbox.emulator import BotApiEmulator
from tests.support.emulator import raw

LAN = 1001
GROUP = -100500


@pytest.fixture
def emu() -> Iterator[BotApiEmulator]:
    """A running sandbox with one delegate and one group."""
    with BotApiEmulator() as emulator:
        emulator.add_user(LAN, "Lan")
        emulator.add_group(GROUP, "Ban Tổ chức")
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    """A plain telegram.Bot talking to the sandbox."""
    async with Bot(emu.token, base_url=emu.base_url) as client:
        yield client


async def test_pin_shows_in_get_chat_and_unpin_removes_it(bot: Bot, emu: BotApiEmulator) -> None:
    assert (await bot.get_chat(LAN)).pinned_message is None
    first = await bot.send_message(LAN, "Chương trình v1")
    second = await bot.send_message(LAN, "Thông báo")
    assert await bot.pin_chat_message(LAN, first.message_id, disable_notification=True) is True
    pinned = emu.pinned_message(LAN)
    assert pinned is not None and pinned.message_id == first.message_id and pinned.pinned_silently is True
    chat = await bot.get_chat(LAN)
    assert chat.pinned_message is not None and chat.pinned_message.text == "Chương trình v1"
    # An edit shows in the pinned message; the most recent pinned one by sending date is the chat's pinned message.
    await bot.edit_message_text("Chương trình v2", chat_id=LAN, message_id=first.message_id)
    assert (await bot.get_chat(LAN)).pinned_message.text == "Chương trình v2"  # type: ignore[union-attr]
    await bot.pin_chat_message(LAN, second.message_id)
    assert emu.pinned_message(LAN).message_id == second.message_id  # type: ignore[union-attr]
    assert emu.pinned_message(LAN).pinned_silently is False  # type: ignore[union-attr]
    assert [m.message_id for m in emu.pinned_messages(LAN)] == [first.message_id, second.message_id]
    # Without message_id the most recent pinned message goes; then the older one is shown again.
    assert await bot.unpin_chat_message(LAN) is True
    assert emu.pinned_message(LAN).message_id == first.message_id  # type: ignore[union-attr]
    await bot.unpin_chat_message(LAN, first.message_id)
    assert emu.pinned_message(LAN) is None and (await bot.get_chat(LAN)).pinned_message is None
    assert emu.stats()["pinned"] == 2


async def test_pin_errors(bot: Bot, emu: BotApiEmulator) -> None:
    message = await bot.send_message(LAN, "Chương trình")
    with pytest.raises(BadRequest, match="Message to pin not found"):
        await bot.pin_chat_message(LAN, message.message_id + 10)
    assert raw(emu, "pinChatMessage", chat_id=LAN).json()["description"] == (
        "Bad Request: message identifier is not specified"
    )
    assert raw(emu, "pinChatMessage", chat_id=4242, message_id=1).json()["description"] == (
        "Bad Request: chat not found"
    )
    with pytest.raises(BadRequest, match="Message to unpin not found"):
        await bot.unpin_chat_message(LAN, message.message_id + 10)
    with pytest.raises(BadRequest, match="Not enough rights"):
        await bot.pin_chat_message(GROUP, 1)
    # A deleted message is no longer pinned and cannot be pinned again.
    await bot.pin_chat_message(LAN, message.message_id)
    await bot.delete_message(LAN, message.message_id)
    assert emu.pinned_message(LAN) is None
    with pytest.raises(BadRequest, match="Message to pin not found"):
        await bot.pin_chat_message(LAN, message.message_id)
    other = await bot.send_message(LAN, "Khác")
    emu.block(LAN)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.pin_chat_message(LAN, other.message_id)
