"""Issue 18: the programme pinned in each attending delegate's chat, edited in place when a new version is announced.

End to end through the emulator: "Tham dự" pins the current agenda silently; the organizer's agenda notice (a
broadcast through the outbox) edits the pinned message in place for a delegate who has one and sends and pins one for
a delegate who has none; a pinned message the delegate deleted is replaced by a new one; the report counts them;
declining unpins it."""

from __future__ import annotations

import asyncio
import dataclasses

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from bot.services.agenda_pins import Unpaced
from bot.telegram.sender import TelegramSender
from tests.support.broadcast import broadcast_messages, id_from, wait_done
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more

FIRST = "07:30 Đón tiếp đại biểu\n08:00 Khai mạc hội nghị\n09:00 Báo cáo tổng kết"
SECOND = "07:30 Đón tiếp đại biểu\n08:15 Khai mạc hội nghị\n09:00 Báo cáo tổng kết\n10:00 Thảo luận"
THIRD = "07:30 Đón tiếp đại biểu\n08:15 Khai mạc hội nghị\n09:30 Báo cáo tổng kết\n10:00 Thảo luận"


async def publish_and_send(harness: Harness, agenda: str, button: str) -> SentMessage:
    """The organizer publishes a version, presses the notify button and "Gửi ngay"; return the report."""
    emu = harness.emu
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    published = await harness.say(ORGANIZER_ID, agenda)
    since = emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, published, button)
    summary = await emu.wait_for_message(ORGANIZER_ID, lambda m: "Người nhận:" in m.plain_text, since=since)
    since = emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await wait_done(harness, id_from(summary))
    return await emu.wait_for_message(ORGANIZER_ID, lambda m: "Báo cáo thông báo" in m.plain_text, since=since)


def pinned(emu: BotApiEmulator, chat_id: int) -> SentMessage:
    message = emu.pinned_message(chat_id)
    assert message is not None, f"nothing pinned in chat {chat_id}"
    return message


async def test_pinned_agenda_is_edited_in_place_by_each_new_version(emulator: BotApiEmulator, harness: Harness) -> None:
    # Version 1 is published before anyone answers; An attends and gets it pinned, silently.
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    await harness.say(ORGANIZER_ID, FIRST)
    an_card = await harness.open_link(101, "DB001")
    await harness.press(101, an_card, "Tham dự")
    await emulator.wait_for(lambda: emulator.pinned_message(101) is not None)
    first_pin = pinned(emulator, 101)
    assert first_pin.pinned_silently is True and first_pin.disable_notification is True
    assert "Bản số 1" in first_pin.plain_text and "08:00 Khai mạc hội nghị" in first_pin.plain_text

    # Bình attended before (no pinned agenda yet); Cường has not answered.
    await harness.open_link(102, "DB002")
    async with harness.services.db.transaction() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB002")
        assert delegate is not None
        await uow.rsvps.save(delegate.id, "attending", harness.clock.now())

    # Version 2 announced: An's pinned message is edited in place, Bình gets one sent and pinned, both the notice.
    report = await publish_and_send(harness, SECOND, "Thông báo thay đổi")
    await nothing_more(emulator)
    an = pinned(emulator, 101)
    assert an.message_id == first_pin.message_id and an.edit_count == 1
    assert (
        "Bản số 2" in an.plain_text
        and "08:15 Khai mạc hội nghị" in an.plain_text
        and "10:00 Thảo luận" in an.plain_text
    )
    binh = pinned(emulator, 102)
    assert "Bản số 2" in binh.plain_text and binh.pinned_silently is True
    for chat in (101, 102):
        (notice,) = broadcast_messages(emulator, chat, "điều chỉnh chương trình")
        assert "từ 08:00 sang 08:15" in notice.plain_text and "Bổ sung: 10:00 Thảo luận" in notice.plain_text
        assert len(emulator.pinned_messages(chat)) == 1
    assert emulator.pinned_message(103) is None
    assert "Chương trình ghim: cập nhật tại chỗ 1, ghim mới 1, chưa cập nhật được 0" in report.plain_text

    # An deleted the pinned message: version 3 sends a new one and pins it; Bình's is edited again.
    emulator.delete_for_user(101, an.message_id)
    report = await publish_and_send(harness, THIRD, "Thông báo thay đổi")
    await nothing_more(emulator)
    renewed = pinned(emulator, 101)
    assert renewed.message_id > an.message_id and "Bản số 3" in renewed.plain_text
    assert "09:30 Báo cáo tổng kết" in renewed.plain_text
    again = pinned(emulator, 102)
    assert again.message_id == binh.message_id and "Bản số 3" in again.plain_text
    assert "cập nhật tại chỗ 1, ghim mới 1, chưa cập nhật được 0" in report.plain_text
    pin = await harness.services.agenda_pins.pin_of((await harness.services.calendar.attendee(101)).id)  # type: ignore[union-attr]
    assert pin is not None and pin.message_id == renewed.message_id and pin.version == 3

    # Declining after attending unpins it (the message stays in the chat).
    card = next(m for m in emulator.messages(101) if m.message_id == an_card.message_id)
    await harness.press(101, card, "Xin vắng mặt")
    await emulator.wait_for(lambda: emulator.pinned_message(101) is None)
    assert not next(m for m in emulator.messages(101) if m.message_id == renewed.message_id).deleted


async def test_first_version_is_sent_and_pinned_to_attending_delegates(
    emulator: BotApiEmulator, harness: Harness
) -> None:
    await harness.open_link(101, "DB001")
    await harness.open_link(105, "DB002")
    async with harness.services.db.transaction() as uow:
        for code in ("DB001", "DB002"):
            delegate = await uow.delegates.by_code(harness.services.event.id, code)
            assert delegate is not None
            await uow.rsvps.save(delegate.id, "attending", harness.clock.now())
    report = await publish_and_send(harness, FIRST, "Gửi chương trình")
    await nothing_more(emulator)
    vi, en = pinned(emulator, 101), pinned(emulator, 105)
    assert "Bản số 1" in vi.plain_text and "Version 1" in en.plain_text
    (notice,) = broadcast_messages(emulator, 105, "publishes the conference agenda")
    assert "pinned at the top of this chat" in notice.plain_text
    assert "ghim mới 2" in report.plain_text


async def test_a_pinned_copy_that_cannot_be_edited_is_unpinned_before_its_replacement(
    emulator: BotApiEmulator, harness: Harness
) -> None:
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    await harness.say(ORGANIZER_ID, FIRST)
    card = await harness.open_link(101, "DB001")
    await harness.press(101, card, "Tham dự")
    await emulator.wait_for(lambda: emulator.pinned_message(101) is not None)
    # The recorded copy is one Telegram refuses to edit ("message can't be edited"; here: a message the delegate
    # wrote, pinned in its place).
    first = pinned(emulator, 101)
    own = emulator.send_text(101, "Ghi chú của tôi")
    await nothing_more(emulator)
    await harness.app.bot.unpin_chat_message(101, first.message_id)
    await harness.app.bot.pin_chat_message(101, own)
    delegate = await harness.services.calendar.attendee(101)
    assert delegate is not None
    pin = await harness.services.agenda_pins.pin_of(delegate.id)
    assert pin is not None
    async with harness.services.db.transaction() as uow:
        await uow.agenda_pins.put(harness.services.event.id, dataclasses.replace(pin, message_id=own))

    report = await publish_and_send(harness, SECOND, "Thông báo thay đổi")
    await nothing_more(emulator)
    (renewed,) = emulator.pinned_messages(101)
    assert renewed.message_id > own and "Bản số 2" in renewed.plain_text
    assert "ghim mới 1" in report.plain_text


async def test_two_updates_at_once_pin_one_copy(emulator: BotApiEmulator, harness: Harness) -> None:
    """ "Tham dự" and the agenda notice reaching the same delegate at the same moment (two refreshes, no copy yet)."""
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    await harness.say(ORGANIZER_ID, FIRST)
    await harness.open_link(101, "DB001")
    delegate = await harness.services.calendar.attendee(101)
    assert delegate is not None
    sender = TelegramSender(harness.app.bot)
    pins = harness.services.agenda_pins
    await asyncio.gather(*(pins.refresh(sender, Unpaced(), delegate.id, 101, "vi") for _ in range(2)))
    await nothing_more(emulator)
    (only,) = emulator.pinned_messages(101)
    pin = await pins.pin_of(delegate.id)
    assert pin is not None and pin.message_id == only.message_id and pin.outcome == "edited"
