"""Issue 18: FAQ entries made from answered questions — the English version added by the board (without it English
readers get the Vietnamese with a note), and removal by an admin (/faq, confirmed, audited), end to end."""

from __future__ import annotations

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from tests.support.harness import ORGANIZER_ID, Harness

ENGLISH = 105  # John Smith, reads English


async def help_keyboard(harness: Harness, user_id: int) -> SentMessage:
    since = harness.emu.sent_count(user_id)
    harness.emu.send_command(user_id, "help")
    return await harness.emu.wait_for_message(user_id, lambda m: bool(m.button_texts()), since=since)


async def show(harness: Harness, user_id: int, label: str) -> str:
    keyboard = await help_keyboard(harness, user_id)
    since = harness.emu.sent_count(user_id)
    harness.emu.press_button(user_id, keyboard.message_id, keyboard.button_data(label))
    return (await harness.emu.wait_for_message(user_id, since=since)).plain_text


async def press(harness: Harness, user_id: int, message: SentMessage, label: str) -> SentMessage:
    since = harness.emu.sent_count(user_id)
    harness.emu.press_button(user_id, message.message_id, message.button_data(label))
    return await harness.emu.wait_for_message(user_id, since=since)


async def test_faq_entry_in_english_and_removed_by_an_admin(emulator: BotApiEmulator, harness: Harness) -> None:
    await harness.open_link(ENGLISH, "DB002")
    await harness.open_link(101, "DB001")
    # A question asked and answered by the organizer, then made an FAQ entry with one tap.
    emulator.send_command(ENGLISH, "ask")
    await emulator.wait_for_message(ENGLISH, lambda m: "Please enter your question" in m.plain_text)
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.say(ENGLISH, "Có chỗ đỗ xe ô tô không?")
    new = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Câu hỏi số 1" in m.plain_text, since=since)
    await press(harness, ORGANIZER_ID, new, "Giải đáp")
    answered = await harness.say(ORGANIZER_ID, "Có, bãi xe phía sau hội trường.")
    added = await press(harness, ORGANIZER_ID, answered, "câu hỏi thường gặp")
    assert "đã được đưa vào danh sách câu hỏi thường gặp" in added.plain_text

    # Vietnamese only so far: an English reader sees the Vietnamese entry with a note; a Vietnamese reader without.
    shown = await show(harness, ENGLISH, "Có chỗ đỗ xe")
    assert (
        shown
        == "Có chỗ đỗ xe ô tô không?\nCó, bãi xe phía sau hội trường.\n\n(This answer is available in Vietnamese only.)"
    )
    assert await show(harness, 101, "Có chỗ đỗ xe") == "Có chỗ đỗ xe ô tô không?\nCó, bãi xe phía sau hội trường."

    # The organizer adds the English version (first line the question, then the answer); an empty one is refused.
    prompt = await press(harness, ORGANIZER_ID, added, "Bản tiếng Anh")
    assert "dòng đầu là câu hỏi" in prompt.plain_text and "Có, bãi xe phía sau hội trường." in prompt.plain_text
    assert "cả hai phần" in (await harness.say(ORGANIZER_ID, "Can I park my car?")).plain_text
    saved = await harness.say(ORGANIZER_ID, "Can I park my car?\nYes, behind the hall.")
    assert "Can I park my car?\nYes, behind the hall." in saved.plain_text
    assert await show(harness, ENGLISH, "Can I park") == "Can I park my car?\nYes, behind the hall."
    assert await show(harness, 101, "Có chỗ đỗ xe") == "Có chỗ đỗ xe ô tô không?\nCó, bãi xe phía sau hội trường."

    # /faq: the admin's list; "Giữ lại" keeps it, the confirmed removal takes it off /help and is audited.
    listing = await harness.say(ORGANIZER_ID, "/faq")
    assert "Số 1. Có chỗ đỗ xe ô tô không?\n🇬🇧 Can I park my car?" in listing.plain_text
    confirm = await press(harness, ORGANIZER_ID, listing, "Gỡ số 1")
    assert "Gỡ câu hỏi thường gặp số 1 khỏi /help?" in confirm.plain_text
    emulator.press_button(ORGANIZER_ID, confirm.message_id, confirm.button_data("Giữ lại"))
    await emulator.wait_for(
        lambda: (
            "giữ nguyên"
            in next(m for m in emulator.messages(ORGANIZER_ID) if m.message_id == confirm.message_id).plain_text
        )
    )
    assert "Can I park my car?" in (await help_keyboard(harness, ENGLISH)).button_texts()
    confirm = await press(harness, ORGANIZER_ID, listing, "Gỡ số 1")
    emulator.press_button(ORGANIZER_ID, confirm.message_id, confirm.button_data("Gỡ khỏi /help"))
    await emulator.wait_for(
        lambda: (
            "Đã gỡ" in next(m for m in emulator.messages(ORGANIZER_ID) if m.message_id == confirm.message_id).plain_text
        )
    )
    buttons = (await help_keyboard(harness, ENGLISH)).button_texts()
    assert "Can I park my car?" not in buttons and "Có chỗ đỗ xe ô tô không?" not in buttons
    assert "Chưa có câu hỏi thường gặp" in (await harness.say(ORGANIZER_ID, "/faq")).plain_text
    async with harness.services.db.read() as uow:
        actions = [action for _, action, _ in await uow.audit.actions(harness.services.event.id)]
    assert actions.count("faq_english") == 1 and actions.count("faq_removed") == 1
