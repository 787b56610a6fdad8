"""Live attendance on the conference day, end to end through the emulator: /stats shows checked-in / expected in total
and by agency, the attendance chart (PNG read back) redraws in place, admins reach "not yet here" with phones; a
withdrawn delegate is in no count (/stats, /attendance, the export agree) and cannot be checked in; staff check-ins
are in /audit."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from PIL import Image

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.charts import GREEN
from bot.telegram.app import stop_application
from tests.support.day import STAFF_ID, add_users, day, link_and_answer, scan, standing_checkins, start_day
from tests.support.harness import NOW, ORGANIZER_ID, VN, Harness, later
from tests.support.proposals import forge_press

__all__ = ["day"]


async def _press(h: Harness, user_id: int, message: SentMessage, label: str) -> SentMessage:
    since = h.emu.sent_count(user_id)
    await h.press(user_id, message, label)
    return await h.emu.wait_for_message(user_id, since=since)


async def _code(h: Harness, delegate_id: int) -> str:
    return await h.services.checkins.code_for(delegate_id)


def _green_pixels(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    green = tuple(int(GREEN[i : i + 2], 16) for i in (1, 3, 5))
    return sum(count for count, colour in image.getcolors(1 << 24) or [] if colour == green)


async def test_stats_shows_live_attendance_by_agency_and_the_chart_redraws_in_place(day: Harness) -> None:
    an = await link_and_answer(day, 101, "DB001", "attending")
    binh = await link_and_answer(day, 102, "DB002", "substitute", substitute_name="Đặng Hải")
    await link_and_answer(day, 103, "DB003", "declined")
    before = await day.say(ORGANIZER_ID, "/stats")
    assert "Có mặt tại hội nghị" not in before.plain_text  # 01/12, the conference is on 28/12, no one is in yet
    assert not any("Biểu đồ điểm danh" in label for label in before.button_texts())

    await scan(day, STAFF_ID, await _code(day, an))
    stats = await day.say(ORGANIZER_ID, "/stats")
    assert "Có mặt tại hội nghị: 1/2 (chưa có mặt: 1)" in stats.plain_text
    lines = stats.plain_text.splitlines()
    assert lines[lines.index(next(x for x in lines if x.startswith("• Sở Nội vụ"))) + 1].strip() == "↳ có mặt 1/1"
    assert lines[lines.index(next(x for x in lines if x.startswith("• Sở Tài chính"))) + 1].strip() == "↳ có mặt 0/1"
    assert "Chưa có mặt (kèm số điện thoại)" in " ".join(stats.button_texts())

    chart = await _press(day, ORGANIZER_ID, stats, "Biểu đồ điểm danh")
    assert chart.method == "sendPhoto" and chart.document_bytes
    assert "Đại biểu có mặt: 1/2 (chưa có mặt: 1). Số liệu lúc 09 giờ 00." in chart.plain_text
    image = Image.open(io.BytesIO(chart.document_bytes))
    assert image.format == "PNG" and image.width == 1080
    green_before = _green_pixels(chart.document_bytes)
    assert green_before > 0

    day.clock.advance(later(minutes=12))
    await scan(day, STAFF_ID, await _code(day, binh))
    index = day.emu.sent_count(ORGANIZER_ID) - 1
    await day.press(ORGANIZER_ID, chart, "Cập nhật số liệu")
    redrawn = await day.emu.wait_for_message(
        ORGANIZER_ID, lambda m: m.message_id == chart.message_id and m.edit_count == 1, since=index
    )
    assert "Đại biểu có mặt: 2/2 (chưa có mặt: 0). Số liệu lúc 09 giờ 12." in redrawn.plain_text
    assert redrawn.document_bytes and redrawn.document_bytes != chart.document_bytes
    assert _green_pixels(redrawn.document_bytes) > 1.5 * green_before  # two present bars instead of one
    assert day.emu.sent_count(ORGANIZER_ID) == index + 1  # edited in place: no new photo
    assert redrawn.button_texts() == ["🔄 Cập nhật số liệu"]

    # "Not yet here" with phones: the /attendance list, reached from /stats.
    await scan(day, STAFF_ID, await _code(day, binh))  # a second scan changes nothing
    missing = await _press(day, ORGANIZER_ID, stats, "Chưa có mặt (kèm số điện thoại)")
    assert "chưa có mặt: 0" in missing.plain_text


async def test_on_the_day_staff_see_attendance_before_anyone_is_in_without_phone_lists(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    add_users(emulator)
    h = await start_day(emulator, tmp_path, FakeClock(datetime(2026, 12, 28, 7, 0, tzinfo=VN)))
    try:
        await link_and_answer(h, 101, "DB001", "attending")
        stats = await h.say(STAFF_ID, "/stats")
        assert "Có mặt tại hội nghị: 0/1 (chưa có mặt: 1)" in stats.plain_text
        assert "Biểu đồ điểm danh" in " ".join(stats.button_texts())
        assert "Chưa có mặt" not in " ".join(stats.button_texts())  # phone numbers are for admins
        chart = await _press(h, STAFF_ID, stats, "Biểu đồ điểm danh")
        assert chart.method == "sendPhoto" and "0/1 (chưa có mặt: 1)" in chart.plain_text
        assert Image.open(io.BytesIO(chart.document_bytes or b"")).format == "PNG"
        # The redraw button on a message that is not a photo (an old one) sends a new chart instead.
        since = h.emu.sent_count(STAFF_ID)
        forge_press(h.emu, STAFF_ID, stats, "st:acr")
        again = await h.emu.wait_for_message(STAFF_ID, since=since)
        assert again.method == "sendPhoto" and again.message_id != chart.message_id
    finally:
        await stop_application(h.app)


async def test_a_withdrawn_delegate_is_in_no_count_and_cannot_be_checked_in(day: Harness, tmp_path: Path) -> None:
    an = await link_and_answer(day, 101, "DB001", "attending")
    binh = await link_and_answer(day, 102, "DB002", "attending")
    assert "Đã có mặt: 1/2" in await scan(day, STAFF_ID, await _code(day, an))
    assert "Đã có mặt: 2/2" in await scan(day, STAFF_ID, await _code(day, binh))
    await day.services.roster.withdraw("test", code="DB002")  # after checking in: the row stays as history

    attendance = await day.services.checkins.attendance()
    assert (attendance.checked_in, attendance.expected, attendance.not_here) == (1, 1, 0)
    assert "Sở Tài chính" not in {a.agency for a in attendance.agencies}
    staff_view = await day.say(STAFF_ID, "/attendance")
    assert "Đại biểu đã có mặt: 1/1" in staff_view.plain_text and "Sở Tài chính" not in staff_view.plain_text
    stats = await day.say(ORGANIZER_ID, "/stats")
    assert "Có mặt tại hội nghị: 1/1 (chưa có mặt: 0)" in stats.plain_text
    assert "Sở Tài chính" not in stats.plain_text
    from openpyxl import load_workbook

    out = tmp_path / "diem-danh.xlsx"
    assert await day.services.checkins.export(out) == 2  # DB001 and DB003: the withdrawn delegate is not listed
    codes = [row[0] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert codes == ["DB001", "DB003"]

    # Scanning the withdrawn delegate's code again (or after an undo) checks no one in and says so.
    async with day.services.db.transaction() as uow:
        standing = await uow.checkins.standing(binh)
        assert standing is not None
        await uow.checkins.undo(standing.id, STAFF_ID, day.clock.now())
    answer = await scan(day, STAFF_ID, await _code(day, binh))
    assert "ĐẠI BIỂU ĐÃ ĐƯỢC RÚT KHỎI DANH SÁCH — CHƯA ĐIỂM DANH" in answer and "Trần Thị Bình" in answer
    assert await standing_checkins(day) == [(an, "scan", STAFF_ID)]


async def test_staff_check_ins_and_undos_are_in_the_audit(day: Harness) -> None:
    an = await link_and_answer(day, 101, "DB001", "attending")
    await scan(day, STAFF_ID, await _code(day, an))
    since = day.emu.sent_count(STAFF_ID)
    done = day.emu.messages(STAFF_ID)[since - 1]
    await day.press(STAFF_ID, done, "Hoàn tác")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "Đã hủy điểm danh" in m.plain_text, since=since)
    log = await day.say(ORGANIZER_ID, "/audit")
    lines = log.plain_text.splitlines()
    assert lines[1] == f"• 01/12/2026 09:00 — tài khoản {STAFF_ID}: Hủy điểm danh ({an})"
    assert lines[2] == f"• 01/12/2026 09:00 — tài khoản {STAFF_ID}: Điểm danh đại biểu ({an})"


async def test_an_agency_contact_sees_the_attendance_of_their_agency_only(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    add_users(emulator)
    contact = 104  # "Lạ": the contact person of Sở Tài chính
    h = await start_day(emulator, tmp_path, FakeClock(NOW), contacts=(("Sở Tài chính", contact),))
    try:
        an = await link_and_answer(h, 101, "DB001", "attending")
        binh = await link_and_answer(h, 102, "DB002", "attending")
        await scan(h, STAFF_ID, await _code(h, an))
        mine = await h.say(contact, "/stats")
        assert "Có mặt tại hội nghị: 0/1 (chưa có mặt: 1)" in mine.plain_text and "↳ có mặt 0/1" in mine.plain_text
        assert "Sở Nội vụ" not in mine.plain_text
        assert not any("điểm danh" in label or "Chưa có mặt" in label for label in mine.button_texts())
        await scan(h, STAFF_ID, await _code(h, binh))
        assert "Có mặt tại hội nghị: 1/1 (chưa có mặt: 0)" in (await h.say(contact, "/stats")).plain_text
    finally:
        await stop_application(h.app)
