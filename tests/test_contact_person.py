"""[event] contact: the board's contact person is named on the card, the printed invitation and every text that
sends a delegate to the Organizing Committee (issue 15)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from bot.sandbox.emulator import BotApiEmulator
from tests.support.harness import later, make_settings, running

CONTACT = {"name": "Lê Thị Hương", "phone": "0238.3844.123"}
SAID = "đồng chí Lê Thị Hương, điện thoại 0238 3844 123"


async def test_card_refusals_closed_answers_and_the_pdf_name_the_contact(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    for user_id in (101, 104):
        emulator.add_user(user_id, "Đại biểu", language_code="vi")
    emulator.add_user(105, "John", "Smith", language_code="en")
    async with running(emulator, make_settings(tmp_path, emulator, contact=CONTACT)) as h:
        card = await h.open_link(101, "DB001")
        assert f"Người liên hệ: {SAID}" in card.plain_text
        since = emulator.sent_count(104)
        emulator.share_contact(104, "+84911111111")
        refused = await emulator.wait_for_message(
            104, lambda m: "không có trong danh sách" in m.plain_text, since=since
        )
        assert refused.plain_text.endswith(f"liên hệ Ban Tổ chức ({SAID}).")
        english = await h.say(105, "/start nosuchtoken")
        assert "contact the Organizing Committee (Comrade Lê Thị Hương, phone 0238 3844 123)." in english.plain_text
        h.clock.set(h.services.event.rsvp_deadline + later(minutes=1))
        since = emulator.sent_count(101)
        await h.press(101, card, "Tham dự")
        closed = await emulator.wait_for_message(101, lambda m: "đã kết thúc" in m.plain_text, since=since)
        assert closed.plain_text.endswith(f"liên hệ Ban Tổ chức ({SAID}).")
        written = await h.services.exports.write("invitations_pdf", tmp_path, actor="test", bot_username="hoinghi_bot")
        page = " ".join(PdfReader(written.path).pages[0].extract_text().split())
        assert f"Người liên hệ: {SAID}." in page.replace("\u00a0", " ")


async def test_without_a_contact_the_texts_stay_as_they_were(harness) -> None:  # type: ignore[no-untyped-def]
    card = await harness.open_link(101, "DB001")
    assert "Người liên hệ" not in card.plain_text
    since = harness.emu.sent_count(104)
    harness.emu.share_contact(104, "+84911111111")
    refused = await harness.emu.wait_for_message(104, lambda m: "không có trong danh sách" in m.plain_text, since=since)
    assert refused.plain_text.endswith("Đồng chí vui lòng liên hệ Ban Tổ chức.")
