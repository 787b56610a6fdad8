"""Meeting documents, end to end through the emulator: added once by an organizer, published for /documents,
sent to every attending delegate through the broadcast outbox by file_id (no new upload), too-big files refused."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from tests.support.day import add_users, day, link_and_answer, start_day
from tests.support.harness import NOW, ORGANIZER_ID, Harness

__all__ = ["day"]
PDF = b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"


async def _add(harness: Harness, name: str, data: bytes, caption: str | None = None) -> str:
    listing = await harness.say(ORGANIZER_ID, "/documents")
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, listing, "Thêm tài liệu")
    await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "gửi tệp tài liệu" in m.plain_text, since=since)
    since = harness.emu.sent_count(ORGANIZER_ID)
    harness.emu.send_document(ORGANIZER_ID, name, data, caption=caption, mime_type="application/pdf")
    return (await harness.emu.wait_for_message(ORGANIZER_ID, since=since)).plain_text


async def test_publish_then_delegates_fetch_and_broadcast_by_file_id(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    day.emu.add_user(102, "Bình", "Trần", language_code="en")  # reads Telegram in English
    await link_and_answer(day, 102, "DB002", "substitute", substitute_name="Hồ Thị Lan", substitute_position="PTP")
    await link_and_answer(day, 103, "DB003", "declined")
    assert "Ban Tổ chức chưa công bố tài liệu" in (await day.say(101, "/documents")).plain_text
    assert "Đã nhận tài liệu “Dự thảo Nghị quyết”" in await _add(day, "du-thao.pdf", PDF, "Dự thảo Nghị quyết")
    files_after_upload = len(day.emu.state.files)
    listing = await day.emu.wait_for(
        lambda: (m := day.emu.messages(ORGANIZER_ID)[-1]) and "Công bố 1" in " ".join(m.button_texts()) and m
    )
    since = day.emu.sent_count(ORGANIZER_ID)
    await day.press(ORGANIZER_ID, listing, "Công bố 1")
    listing = await day.emu.wait_for_message(ORGANIZER_ID, lambda m: "đã công bố" in m.plain_text, since=since)
    # The organizer's document actions are in /audit, named in Vietnamese.
    audit = (await day.say(ORGANIZER_ID, "/audit")).plain_text
    assert f"tài khoản {ORGANIZER_ID}: Công bố tài liệu (1)" in audit
    assert f"tài khoản {ORGANIZER_ID}: Thêm tài liệu hội nghị (1)" in audit
    since = day.emu.sent_count(101)
    day.emu.send_command(101, "documents")
    fetched = await day.emu.wait_for_message(101, lambda m: m.method == "sendDocument", since=since)
    assert fetched.document_bytes == PDF and fetched.document_name == "du-thao.pdf"
    assert "Dự thảo Nghị quyết" in fetched.plain_text
    # Sent to everyone who will attend through the outbox: by file_id, nothing uploaded again.
    since = day.emu.sent_count(ORGANIZER_ID)
    await day.press(ORGANIZER_ID, listing, "Gửi 1")
    queued = await day.emu.wait_for_message(ORGANIZER_ID, lambda m: "xếp hàng" in m.plain_text, since=since)
    assert "Dự thảo Nghị quyết" in queued.plain_text
    engine = day.app.bot_data.delivery
    assert engine is not None
    await engine.wait_idle()
    # The bot's framing in each recipient's language; the title as the organizer typed it.
    for user_id, caption in (
        (101, "Kính gửi đồng chí Nguyễn Văn An,\n\nBan Tổ chức gửi đồng chí tài liệu hội nghị: Dự thảo Nghị quyết."),
        (
            102,
            "Dear Comrade Trần Thị Bình,\n\nThe Organizing Committee sends you a conference document: Dự thảo Nghị quyết.",
        ),
    ):
        got = [m for m in day.emu.messages(user_id) if m.method == "sendDocument" and m.plain_text == caption]
        assert len(got) == 1 and got[0].document_bytes == PDF, [m.plain_text for m in day.emu.messages(user_id)]
    assert not [m for m in day.emu.messages(103) if m.method == "sendDocument"]
    assert len(day.emu.state.files) == files_after_upload
    broadcasts = await day.services.broadcasts.recent()
    report = await day.services.broadcasts.report(broadcasts[0].id)
    assert report is not None and report.count("sent") == 2


async def test_too_big_and_wrong_type_refused_before_anything_is_sent(emulator: BotApiEmulator, tmp_path: Path) -> None:
    add_users(emulator)
    harness = await start_day(emulator, tmp_path, FakeClock(NOW), document_max_mb=1)
    try:
        await link_and_answer(harness, 101, "DB001", "attending")
        too_big = await _add(harness, "bao-cao.pdf", b"%PDF" + b"0" * (1024 * 1024 + 10))
        assert "vượt quá giới hạn 1 MB" in too_big and "chưa gửi tới ai" in too_big
        harness.emu.send_document(ORGANIZER_ID, "virus.exe", b"MZ0000")
        wrong = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "Chỉ nhận tài liệu" in m.plain_text)
        assert "PDF" in wrong.plain_text
        assert await harness.services.documents.all() == []
        assert await harness.services.broadcasts.recent() == []
        assert not [m for m in harness.emu.messages(101) if m.method == "sendDocument"]
    finally:
        await stop_application(harness.app)
