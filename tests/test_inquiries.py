"""Issue 18: practical questions — [[faq]] buttons under /help, "Hỏi Ban Tổ chức" end to end through the emulator:
asked (cleaned, one a minute), queued for admins and staff with name and agency, answered with one tap + text,
delivered in the delegate's language, the queue says who answered and when, one tap makes it an FAQ entry; a
stranger is refused (the board's buttons for anyone else: tests/test_access_matrix.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.config import FaqEntry
from bot.sandbox.emulator import BotApiEmulator
from tests.support.harness import ORGANIZER_ID, make_settings, running

STAFF_ID, STRANGER = 900002, 555
FAQ = (
    FaqEntry("Gửi xe ở đâu?", "Bãi xe phía sau hội trường.", "Where can I park?", "Behind the hall."),
    FaqEntry("Trang phục?", "Trang phục công sở."),
)


async def test_faq_and_a_question_answered_by_staff(emulator: BotApiEmulator, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, emulator)
    settings = dataclasses.replace(
        settings, faq=FAQ, telegram=dataclasses.replace(settings.telegram, staff=frozenset({STAFF_ID}))
    )
    emulator.add_user(105, "John", "Smith", language_code="en")
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    emulator.add_user(STAFF_ID, "Phạm Thu", language_code="vi")
    emulator.add_user(STRANGER, "Người lạ", language_code="vi")
    async with running(emulator, settings) as h:
        await h.open_link(105, "DB002")  # Trần Thị Bình, Sở Tài chính, reads English
        since = emulator.sent_count(105)
        emulator.send_command(105, "help")
        faq = await emulator.wait_for_message(105, lambda m: "Frequently asked" in m.plain_text, since=since)
        assert faq.button_texts() == ["Where can I park?", "Trang phục?", "✍️ Ask the Organizing Committee"]
        since = emulator.sent_count(105)
        emulator.press_button(105, faq.message_id, faq.button_data("park"))
        shown = await emulator.wait_for_message(105, since=since)
        assert shown.plain_text == "Where can I park?\nBehind the hall."

        # Ask: the prompt, the question (zero-width characters cleaned), the board gets it with name and agency.
        since = emulator.sent_count(105)
        emulator.press_button(105, faq.message_id, faq.button_data("Ask"))
        await emulator.wait_for_message(105, lambda m: "Please enter your question" in m.plain_text, since=since)
        staff_since = emulator.sent_count(STAFF_ID)
        sent = await h.say(105, "Có chỗ\u200b đỗ xe ô tô không?")
        assert "has received your question" in sent.plain_text
        new = await emulator.wait_for_message(STAFF_ID, lambda m: "Câu hỏi số" in m.plain_text, since=staff_since)
        assert new.plain_text == "✍️ Câu hỏi số 1 của đồng chí Trần Thị Bình (Sở Tài chính):\nCó chỗ đỗ xe ô tô không?"
        organizer_copy = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Câu hỏi số 1" in m.plain_text)

        # Flood limit: the next question within a minute waits.
        since = emulator.sent_count(105)
        emulator.send_command(105, "ask")
        await emulator.wait_for_message(105, lambda m: "Please enter your question" in m.plain_text, since=since)
        too_soon = await h.say(105, "Còn một câu nữa")
        assert "Please send the next one in" in too_soon.plain_text

        # A stranger is refused and nothing reaches the board.
        refused = await h.say(STRANGER, "/ask")
        assert "chưa được kết nối với giấy mời" in refused.plain_text
        after = await h.say(STRANGER, "Cho tôi hỏi")
        assert "Câu hỏi" not in after.plain_text

        # Staff answer with one tap + text; the delegate gets it in English.
        since = emulator.sent_count(STAFF_ID)
        emulator.press_button(STAFF_ID, new.message_id, new.button_data("Giải đáp"))
        await emulator.wait_for_message(STAFF_ID, lambda m: "nhập nội dung giải đáp" in m.plain_text, since=since)
        delegate_since = emulator.sent_count(105)
        done = await h.say(STAFF_ID, "Có, bãi xe phía sau hội trường.")
        assert done.plain_text == "Đã gửi giải đáp câu hỏi số 1 tới đồng chí Trần Thị Bình."
        delivered = await emulator.wait_for_message(105, since=delegate_since)
        assert delivered.plain_text.startswith("Dear Comrade Trần Thị Bình,\nThe Organizing Committee answers")
        assert "“Có chỗ đỗ xe ô tô không?”" in delivered.plain_text and "Có, bãi xe phía sau" in delivered.plain_text

        # The organizer's tap comes second: told who answered and when; the queue shows it too.
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.press_button(ORGANIZER_ID, organizer_copy.message_id, organizer_copy.button_data("Giải đáp"))
        late = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert late.plain_text.startswith("Câu hỏi số 1 đã được đồng chí Phạm Thu giải đáp vào lúc 09 giờ 00")
        queue = await h.say(ORGANIZER_ID, "/inquiries")
        assert "(0 câu hỏi chưa giải đáp)" in queue.plain_text
        assert "→ Đã giải đáp: đồng chí Phạm Thu, vào lúc 09 giờ 00, thứ Ba, ngày 01/12/2026." in queue.plain_text

        # One tap: an FAQ entry that /help shows.
        since = emulator.sent_count(STAFF_ID)
        emulator.press_button(STAFF_ID, done.message_id, done.button_data("câu hỏi thường gặp"))
        added = await emulator.wait_for_message(STAFF_ID, since=since)
        assert "đã được đưa vào danh sách câu hỏi thường gặp" in added.plain_text
        since = emulator.sent_count(105)
        emulator.send_command(105, "help")
        faq = await emulator.wait_for_message(105, lambda m: "Frequently asked" in m.plain_text, since=since)
        assert "Có chỗ đỗ xe ô tô không?" in faq.button_texts()
