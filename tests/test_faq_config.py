"""Issue 18's leftover: an admin hides a config file's [[faq]] entry from /help with /faq (confirmed, audited) and can
show it again; stored in the database, so it stays hidden after a restart; the config file is not rewritten.

End to end through the emulator: /help's buttons before and after, the old button of a hidden entry answers nothing,
"Giữ lại" keeps it, a restart keeps it hidden, a reordered config hides the same question (not the same place)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.config import FaqEntry, Settings
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from tests.support.harness import ORGANIZER_ID, Harness, make_settings, nothing_more, restart, running

PARKING = FaqEntry("Gửi xe ở đâu?", "Bãi xe phía sau hội trường.", "Where can I park?", "Behind the hall.")
DRESS = FaqEntry("Trang phục?", "Trang phục công sở.")


def with_faq(settings: Settings, *entries: FaqEntry) -> Settings:
    return dataclasses.replace(settings, faq=entries)


async def help_buttons(h: Harness, user: int) -> tuple[SentMessage, list[str]]:
    since = h.emu.sent_count(user)
    h.emu.send_command(user, "help")
    faq = await h.emu.wait_for_message(user, lambda m: "Câu hỏi thường gặp" in m.plain_text, since=since)
    return faq, faq.button_texts()


async def test_an_admin_hides_a_config_faq_entry_and_shows_it_again(emulator: BotApiEmulator, tmp_path: Path) -> None:
    settings = with_faq(make_settings(tmp_path, emulator), PARKING, DRESS)
    emulator.add_user(101, "An", language_code="vi")
    emulator.add_user(ORGANIZER_ID, "Văn phòng", language_code="vi")
    config = tmp_path / "config.toml"
    config.write_text("# the config file: never rewritten by the bot\n", encoding="utf-8")
    async with running(emulator, settings) as h:
        await h.open_link(101, "DB001")
        old_help, buttons = await help_buttons(h, 101)
        assert buttons == ["Gửi xe ở đâu?", "Trang phục?", "✍️ Hỏi Ban Tổ chức"]

        # /faq: the answered-question part (none yet), then the config entries with "Ẩn".
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.send_command(ORGANIZER_ID, "faq")
        listing = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "tệp cấu hình" in m.plain_text, since=since)
        assert "C1. Gửi xe ở đâu?" in listing.plain_text and "C2. Trang phục?" in listing.plain_text
        assert listing.button_texts() == ["Ẩn C1", "Ẩn C2"]

        # "Giữ lại" keeps it.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, listing, "Ẩn C1")
        confirm = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert "Ẩn câu hỏi thường gặp C1 khỏi /help?" in confirm.plain_text and "“Gửi xe ở đâu?”" in confirm.plain_text
        assert confirm.button_texts() == ["Ẩn khỏi /help", "Giữ lại"]
        await h.press(ORGANIZER_ID, confirm, "Giữ lại")
        await emulator.wait_for(lambda: "Đã giữ nguyên" in emulator.messages(ORGANIZER_ID)[-1].plain_text)
        assert (await help_buttons(h, 101))[1][0] == "Gửi xe ở đâu?"

        # Confirmed: gone from /help; the old button of it answers nothing.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, listing, "Ẩn C1")
        confirm = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        await h.press(ORGANIZER_ID, confirm, "Ẩn khỏi /help")
        await emulator.wait_for(lambda: "Đã ẩn câu hỏi thường gặp C1" in emulator.messages(ORGANIZER_ID)[-1].plain_text)
        assert (await help_buttons(h, 101))[1] == ["Trang phục?", "✍️ Hỏi Ban Tổ chức"]
        since = emulator.sent_count(101)
        emulator.press_button(101, old_help.message_id, old_help.button_data("Gửi xe"))
        await nothing_more(emulator)
        assert emulator.sent_count(101) == since

        # Kept in the database: hidden after a restart, and after the config was reordered (the same question).
        await restart(h, with_faq(settings, DRESS, PARKING))
        assert (await help_buttons(h, 101))[1] == ["Trang phục?", "✍️ Hỏi Ban Tổ chức"]
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.send_command(ORGANIZER_ID, "faq")
        listing = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "tệp cấu hình" in m.plain_text, since=since)
        assert "C2. Gửi xe ở đâu? — đang ẩn" in listing.plain_text
        assert listing.button_texts() == ["Ẩn C1", "👁 Hiện lại C2"]

        # Shown again with one tap.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, listing, "Hiện lại C2")
        shown = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert shown.plain_text == "✅ Đã hiện lại câu hỏi thường gặp C2 trong /help."
        assert (await help_buttons(h, 101))[1] == ["Trang phục?", "Gửi xe ở đâu?", "✍️ Hỏi Ban Tổ chức"]

        async with h.services.db.read() as uow:
            entries = await uow.console.audit(h.services.event.id, actors=(f"telegram:{ORGANIZER_ID}",), limit=50)
        audited = [(e.action, e.subject, e.detail) for e in reversed(entries) if e.action.startswith("faq_config")]
        assert audited == [
            ("faq_config_hidden", "C1", {"question": "Gửi xe ở đâu?"}),
            ("faq_config_shown", "C2", {"question": "Gửi xe ở đâu?"}),
        ]
    assert config.read_text(encoding="utf-8") == "# the config file: never rewritten by the bot\n"


async def test_a_hide_button_for_a_question_no_longer_in_the_config_changes_nothing(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    settings = with_faq(make_settings(tmp_path, emulator), PARKING, DRESS)
    emulator.add_user(ORGANIZER_ID, "Văn phòng", language_code="vi")
    async with running(emulator, settings) as h:
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.send_command(ORGANIZER_ID, "faq")
        listing = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "tệp cấu hình" in m.plain_text, since=since)
        await restart(h, with_faq(settings, DRESS))  # the parking question was taken out of the file
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, listing, "Ẩn C1")
        refused = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert refused.plain_text == "Không tìm thấy câu hỏi này trong tệp cấu hình (có thể tệp đã được sửa)."
        async with h.services.db.read() as uow:
            assert await uow.inquiries.hidden_config_faq(h.services.event.id) == set()
