"""/stats end to end: totals and agencies paged, proposals and nominations, the chart (PNG read back), who has not
answered with phones (admins), an agency contact sees their agency only, staff see figures but no phone numbers."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.roster_file import RosterEntry
from bot.telegram.app import stop_application
from tests.support.harness import NOW, ORGANIZER_ID, ROSTER, Harness, boot, make_settings
from tests.support.proposals import forge_press, propose

STAFF_ID, CONTACT_ID = 900002, 900003
AGENCIES = [f"Sở số {n:02d}" for n in range(1, 11)]


def _extra_roster() -> list[RosterEntry]:
    """Two delegates in each of ten more agencies (13 agencies in all with the conftest roster)."""
    return [
        RosterEntry(
            10 + n, f"X{n:03d}", f"Đại biểu {n:03d}", "Phó Trưởng phòng", "", AGENCIES[n % 10], f"+8491300{n:04d}", None
        )
        for n in range(20)
    ]


@pytest.fixture
async def bot(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    """The bot with staff and an agency contact (Sở Y tế) configured."""
    for user_id, name in (
        (ORGANIZER_ID, "Tổ chức"),
        (STAFF_ID, "Phục vụ"),
        (CONTACT_ID, "Đầu mối"),
        (101, "An"),
        (102, "Bình"),
    ):
        emulator.add_user(user_id, name, language_code="vi")
    settings = make_settings(tmp_path, emulator)
    settings = replace(
        settings,
        telegram=replace(settings.telegram, staff=frozenset({STAFF_ID})),
        reminders=replace(settings.reminders, agency_contacts=(("Sở Y tế", CONTACT_ID),)),
    )
    app = (await boot(emulator, settings, clock=FakeClock(NOW), roster=None)).app
    h = Harness(emulator, app, FakeClock(NOW), settings)
    try:
        await h.services.roster.import_entries(ROSTER, actor="test")
        yield h
    finally:
        await stop_application(app)


async def _answer(h: Harness, code: str, status: str) -> None:
    async with h.services.db.transaction() as uow:
        delegate = await uow.delegates.by_code(h.services.event.id, code)
        assert delegate is not None
        await uow.rsvps.save(delegate.id, status, h.clock.now())  # type: ignore[arg-type]


async def _press(h: Harness, user_id: int, message: SentMessage, label: str) -> SentMessage:
    since = h.emu.sent_count(user_id)
    await h.press(user_id, message, label)
    return await h.emu.wait_for_message(user_id, since=since)


async def test_admin_sees_totals_agencies_proposals_and_nominations(bot: Harness) -> None:
    await bot.open_link(101, "DB001")
    await _answer(bot, "DB001", "attending")
    await _answer(bot, "DB002", "declined")
    await propose(bot, 101, "Cơ chế, chính sách", "Tăng phân cấp cho sở")
    stats = await bot.say(ORGANIZER_ID, "/stats")
    body = stats.plain_text
    assert "Số liệu: Hội nghị gặp mặt trưởng, phó phòng <2026>" in body
    assert "Được mời: 3 · đã kết nối Telegram: 1" in body
    assert "Tham dự: 1 · cử người dự thay: 0 · xin vắng mặt: 1 · chưa xác nhận: 1" in body
    assert "• Sở Nội vụ: 1 · 1 · 0 · 0 · 0" in body and "• Sở Y tế: 1 · 0 · 0 · 0 · 1" in body
    assert "Ý kiến, kiến nghị: 1 (đã tiếp nhận 1)" in body and "• Cơ chế, chính sách: 1 (đã trả lời 0)" in body
    assert "Đề xuất biểu dương: 0 đồng chí được đề xuất, 0 lượt" in body
    assert "📞 Chưa xác nhận theo cơ quan, đơn vị" in stats.button_texts()
    assert "Trang sau ▶️" not in stats.button_texts()


async def test_agencies_are_paged_and_refreshed_in_place(bot: Harness) -> None:
    await bot.services.roster.import_entries([*ROSTER, *_extra_roster()], actor="test")
    stats = await bot.say(ORGANIZER_ID, "/stats")
    assert "trang 1/2" in stats.plain_text and stats.plain_text.count("\n• ") == 8
    since = bot.emu.sent_count(ORGANIZER_ID)
    await bot.press(ORGANIZER_ID, stats, "Trang sau")
    second = await bot.emu.wait_for(
        lambda: next(
            (
                m
                for m in bot.emu.messages(ORGANIZER_ID)
                if m.message_id == stats.message_id and "trang 2/2" in m.plain_text
            ),
            None,
        )
    )
    assert bot.emu.sent_count(ORGANIZER_ID) == since  # edited, not a new message
    assert second.plain_text.count("\n• ") == 5 and "Trang trước" in " ".join(second.button_texts())


async def test_chart_is_a_png_and_redraws(bot: Harness) -> None:
    await _answer(bot, "DB001", "attending")
    stats = await bot.say(ORGANIZER_ID, "/stats")
    chart = await _press(bot, ORGANIZER_ID, stats, "Biểu đồ")
    assert chart.method == "sendPhoto" and chart.document_bytes is not None
    assert "tham dự 1" in chart.plain_text and "chưa xác nhận 2" in chart.plain_text
    image = Image.open(io.BytesIO(chart.document_bytes))
    assert image.format == "PNG" and image.size[0] >= 1000
    await _answer(bot, "DB002", "substitute")
    again = await _press(bot, ORGANIZER_ID, chart, "Vẽ lại")
    assert again.method == "sendPhoto" and "cử người dự thay 1" in again.plain_text


async def test_chart_with_no_data_yet(emulator: BotApiEmulator, tmp_path: Path) -> None:
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    app = (await boot(emulator, make_settings(tmp_path, emulator), clock=FakeClock(NOW), roster=None)).app
    try:
        h = Harness(emulator, app, FakeClock(NOW), app.bot_data.settings)
        stats = await h.say(ORGANIZER_ID, "/stats")
        assert "Chưa có đại biểu nào trong danh sách." in stats.plain_text
        chart = await _press(h, ORGANIZER_ID, stats, "Biểu đồ")
        assert chart.method == "sendPhoto" and "mời 0" in chart.plain_text
        assert Image.open(io.BytesIO(chart.document_bytes or b"")).format == "PNG"
    finally:
        await stop_application(app)


async def test_admin_lists_who_has_not_answered_in_an_agency_with_phones(bot: Harness) -> None:
    await _answer(bot, "DB001", "attending")
    stats = await bot.say(ORGANIZER_ID, "/stats")
    choose = await _press(bot, ORGANIZER_ID, stats, "Chưa xác nhận theo cơ quan")
    assert choose.button_texts() == ["Sở Tài chính (1)", "Sở Y tế (1)"]
    listing = await _press(bot, ORGANIZER_ID, choose, "Sở Y tế")
    assert (
        listing.plain_text
        == "📞 Sở Y tế: 1 đại biểu chưa xác nhận\n1. Lê <b>Cường</b> & Co (Trưởng phòng): +84909000111"
    )


async def test_agency_contact_sees_only_their_agency_and_staff_no_phones(bot: Harness) -> None:
    await _answer(bot, "DB003", "declined")
    mine = await bot.say(CONTACT_ID, "/stats")
    body = mine.plain_text
    assert "Cơ quan, đơn vị: Sở Y tế" in body and "Được mời: 1" in body and "xin vắng mặt: 1" in body
    assert "Sở Nội vụ" not in body and "Sở Tài chính" not in body
    assert "📞 Chưa xác nhận theo cơ quan" not in mine.button_texts()
    chart = await _press(bot, CONTACT_ID, mine, "Biểu đồ")
    assert "mời 1," in chart.plain_text
    staff = await bot.say(STAFF_ID, "/stats")
    assert "Được mời: 3" in staff.plain_text and "📞 Chưa xác nhận theo cơ quan" not in staff.button_texts()
    stranger = await bot.say(101, "/stats")
    assert stranger.plain_text == (await bot.say(101, "/khong_co")).plain_text


def test_no_chart_pdf_or_word_library_is_loaded_until_asked_for() -> None:
    """P6 (bench/memory.py): a bot that has drawn nothing carries none of matplotlib, numpy, fpdf2, python-docx."""
    code = (
        "import sys, bot.telegram.app, bot.cli, bot.services.exports, handlers.organizer, handlers.exports;"
        "print(sorted(m for m in ('matplotlib', 'fpdf', 'docx', 'numpy') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


async def test_audit_lists_the_latest_organizer_actions(bot: Harness, tmp_path: Path) -> None:
    await bot.open_link(101, "DB001")  # a delegate's action: not listed
    await bot.services.exports.write("rsvps", tmp_path, actor=f"telegram:{ORGANIZER_ID}")
    await bot.services.exports.write("audit", tmp_path, actor="cli")
    log = await bot.say(ORGANIZER_ID, "/audit")
    lines = log.plain_text.splitlines()
    assert lines[0] == "🗂 Nhật ký thao tác (2 thao tác gần nhất, mới nhất trước)"
    assert lines[1] == "• 01/12/2026 09:00 — máy chủ (dòng lệnh): Xuất tệp (audit)"
    assert lines[2] == f"• 01/12/2026 09:00 — tài khoản {ORGANIZER_ID}: Xuất tệp (rsvps)"
    full = await _press(bot, ORGANIZER_ID, log, "Toàn bộ nhật ký")
    assert full.document_name == "nhat-ky-thao-tac-2026-12-01.xlsx"
    staff = await bot.say(STAFF_ID, "/audit")
    assert staff.plain_text == (await bot.say(STAFF_ID, "/khong_co")).plain_text


async def test_an_export_asked_by_staff_or_an_agency_contact_looks_unknown(bot: Harness) -> None:
    unknown = (await bot.say(STAFF_ID, "/khong_co")).plain_text
    for user_id in (STAFF_ID, CONTACT_ID):
        reply = await bot.say(user_id, "/export")
        assert reply.plain_text == unknown and reply.document_name is None and reply.callback_datas() == []
    stats = await bot.say(STAFF_ID, "/stats")
    since = bot.emu.sent_count(STAFF_ID)
    # A forged "exp:rsvps" press (staff have no such button) gets the stale alert and no file.
    answer = await bot.emu.wait_for_callback_answer(forge_press(bot.emu, STAFF_ID, stats, "exp:rsvps"))
    assert answer.show_alert and bot.emu.sent_count(STAFF_ID) == since
