"""Check-in at the door, end to end through the emulator: QR codes, staff vs stranger scans, double scans, undo,
manual search, walk-in substitutes, live attendance."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from bot.services.checkins import is_checkin_code
from tests.support.day import STAFF2_ID, STAFF_ID, day, decode_qr, link_and_answer, standing_checkins
from tests.support.harness import ORGANIZER_ID, ROSTER, Harness, entry, later

__all__ = ["day"]


async def _qr_code_of(harness: Harness, user_id: int) -> str:
    since = harness.emu.sent_count(user_id)
    harness.emu.send_command(user_id, "checkin")
    photo = await harness.emu.wait_for_message(user_id, lambda m: m.method == "sendPhoto", since=since)
    assert photo.document_bytes
    link = urlparse(decode_qr(photo.document_bytes))
    assert link.netloc == "t.me" and link.path == "/hoinghi_test_bot"
    return parse_qs(link.query)["start"][0]


async def _scan(harness: Harness, staff_id: int, code: str) -> str:
    since = harness.emu.sent_count(staff_id)
    harness.emu.send_command(staff_id, "start", code)
    return (await harness.emu.wait_for_message(staff_id, since=since)).plain_text


async def test_delegate_gets_a_qr_that_is_not_the_invite_token(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    code = await _qr_code_of(day, 101)
    assert is_checkin_code(code) and len(code) <= 64
    assert code != await day.token_of("DB001")
    photo = day.emu.messages(101)[-1]
    assert "Mã điểm danh của đồng chí Nguyễn Văn An" in photo.plain_text
    assert await _qr_code_of(day, 101) == code  # the same code every time


async def test_staff_scan_checks_in_with_details_and_count(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    await link_and_answer(day, 102, "DB002", "attending")
    code = await _qr_code_of(day, 101)
    answer = await _scan(day, STAFF_ID, code)
    assert "ĐÃ ĐIỂM DANH" in answer and "Nguyễn Văn An" in answer
    assert "Chức vụ: Trưởng phòng" in answer and "Cơ quan: Sở Nội vụ" in answer
    assert "Tình trạng: Tham dự" in answer and "Đã có mặt: 1/2" in answer
    assert await standing_checkins(day) == [(1, "scan", STAFF_ID)]


async def test_second_scan_says_already_with_time_and_staff(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    code = await _qr_code_of(day, 101)
    await _scan(day, STAFF_ID, code)
    day.clock.advance(later(minutes=7))
    again = await _scan(day, STAFF2_ID, code)
    assert "ĐÃ ĐIỂM DANH TRƯỚC ĐÓ lúc 09 giờ 00 (cán bộ: Hoa Lê)" in again
    assert "Đã có mặt: 1/1" in again
    assert await standing_checkins(day) == [(1, "scan", STAFF_ID)]


async def test_stranger_and_delegate_scans_reveal_nothing_and_check_no_one_in(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    await link_and_answer(day, 102, "DB002", "attending")
    code = await _qr_code_of(day, 101)
    for user_id in (104, 102):
        answer = await _scan(day, user_id, code)
        assert "chỉ có hiệu lực khi cán bộ đón tiếp quét" in answer
        assert "Nguyễn Văn An" not in answer and "Sở Nội vụ" not in answer
    assert await standing_checkins(day) == []
    assert await day.services.invitations.delegate_of(104) is None  # scanning never binds an account


async def test_declined_and_substitute_statuses(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "declined", decline_reason="Ốm")
    await link_and_answer(
        day, 102, "DB002", "substitute", substitute_name="Hồ Thị Lan", substitute_position="Phó Trưởng phòng"
    )
    declined = await _scan(day, STAFF_ID, await _qr_code_of(day, 101))
    assert "ĐẠI BIỂU ĐÃ BÁO VẮNG MẶT" in declined and "kiểm tra tại bàn đón tiếp" in declined
    photo_code = await _qr_code_of(day, 102)
    assert "Hồ Thị Lan (người dự thay)" in day.emu.messages(102)[-1].plain_text
    substitute = await _scan(day, STAFF_ID, photo_code)
    assert "Người dự thay cho đồng chí Trần Thị Bình: Hồ Thị Lan, Phó Trưởng phòng" in substitute


async def test_unknown_code_for_staff(day: Harness) -> None:
    answer = await _scan(day, STAFF_ID, "ci-AAAAAAAAAAAAAAAA")
    assert "không hợp lệ" in answer
    assert await standing_checkins(day) == []


async def test_manual_check_in_by_accentless_name_then_undo(day: Harness) -> None:
    await link_and_answer(day, 102, "DB002", "attending")
    since = day.emu.sent_count(STAFF_ID)
    day.emu.send_command(STAFF_ID, "checkin")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "họ tên" in m.plain_text, since=since)
    found = await day.say(STAFF_ID, "tran thi binh")
    assert "Tìm thấy 1 đại biểu" in found.plain_text
    since = day.emu.sent_count(STAFF_ID)
    await day.press(STAFF_ID, found, "Trần Thị Bình")
    done = await day.emu.wait_for_message(STAFF_ID, lambda m: "ĐÃ ĐIỂM DANH" in m.plain_text, since=since)
    assert "Đã có mặt: 1/1" in done.plain_text
    assert await standing_checkins(day) == [(2, "manual", STAFF_ID)]
    # Another staff member cannot undo it (the button is in the first one's chat; the service says why).
    checkin_id = int(done.button_data("Hoàn tác").rsplit(":", 1)[1])
    refused = await day.services.checkins.undo(checkin_id, STAFF2_ID)
    assert refused.outcome.value == "undo_not_yours"
    day.clock.advance(later(minutes=4))
    since = day.emu.sent_count(STAFF_ID)
    await day.press(STAFF_ID, done, "Hoàn tác")
    undone = await day.emu.wait_for_message(STAFF_ID, since=since)
    assert "Đã hủy điểm danh của đồng chí Trần Thị Bình. Đã có mặt: 0/1." in undone.plain_text
    assert await standing_checkins(day) == []


async def test_manual_search_tells_namesakes_apart_and_checks_in_the_one_picked(day: Harness) -> None:
    # Two more "Trần Thị Bình" in the same agency: only position and department tell them apart at the desk.
    namesakes = [
        dataclasses.replace(
            entry(5, "DB004", "Trần Thị Bình", None, agency="Sở Tài chính"), position="Phó Trưởng phòng"
        ),
        dataclasses.replace(
            entry(6, "DB005", "Trần Thị Bình", None, agency="Sở Tài chính"), department="Phòng Ngân sách"
        ),
    ]
    await day.services.roster.import_entries([*ROSTER, *namesakes], actor="test")
    await link_and_answer(day, 102, "DB002", "attending")
    since = day.emu.sent_count(STAFF_ID)
    day.emu.send_command(STAFF_ID, "checkin")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "họ tên" in m.plain_text, since=since)
    found = await day.say(STAFF_ID, "binh")
    lines = [line for line in found.plain_text.splitlines() if line[:1].isdigit()]
    assert "Tìm thấy 3 đại biểu" in found.plain_text and len(lines) == 3
    assert len(set(line.split(". ", 1)[1] for line in lines)) == 3  # no two matches read the same
    wanted = next(line for line in lines if "Phòng Ngân sách" in line)
    assert wanted.endswith("Trưởng phòng Phòng Ngân sách, Sở Tài chính")
    number = wanted.split(".", 1)[0]
    assert found.button_texts()[int(number) - 1].startswith(f"{number}. Trần Thị Bình")
    since = day.emu.sent_count(STAFF_ID)
    await day.press(STAFF_ID, found, f"{number}. ")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "ĐÃ ĐIỂM DANH" in m.plain_text, since=since)
    async with day.services.db.read() as uow:
        picked = await uow.delegates.by_code(day.services.event.id, "DB005")
    assert picked is not None
    assert await standing_checkins(day) == [(picked.id, "manual", STAFF_ID)]
    # Searching again marks the one already here, so the desk does not pick them a second time.
    day.emu.send_command(STAFF_ID, "checkin")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "họ tên" in m.plain_text, since=since + 1)
    again = await day.say(STAFF_ID, "tran thi binh")
    marked = [line for line in again.plain_text.splitlines() if "đã điểm danh" in line]
    assert len(marked) == 1 and "Phòng Ngân sách" in marked[0]


async def test_the_whole_name_is_listed_before_longer_names_that_contain_it(day: Harness) -> None:
    longer = [entry(5, "DB004", "Nguyễn Văn Anh Tuấn", None), entry(6, "DB005", "Nguyễn Văn Anh", None)]
    await day.services.roster.import_entries([*ROSTER, *longer], actor="test")
    found = await day.services.checkins.search("nguyen van an")
    assert [a.delegate.full_name for a in found[0]][0] == "Nguyễn Văn An"
    found = await day.services.checkins.search("Văn Anh")
    assert [a.delegate.full_name for a in found[0]] == ["Nguyễn Văn Anh", "Nguyễn Văn Anh Tuấn"]


async def test_undo_refused_after_five_minutes(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    since = day.emu.sent_count(STAFF_ID)
    day.emu.send_command(STAFF_ID, "start", await _qr_code_of(day, 101))
    done = await day.emu.wait_for_message(STAFF_ID, since=since)
    day.clock.advance(later(minutes=6))
    query = await day.press(STAFF_ID, done, "Hoàn tác")
    assert "Đã quá 5 phút" in ((await day.emu.wait_for_callback_answer(query)).text or "")
    assert await standing_checkins(day) == [(1, "scan", STAFF_ID)]


async def test_walk_in_substitute_at_the_desk_and_export(day: Harness, tmp_path: Path) -> None:
    await link_and_answer(day, 101, "DB001", "declined")
    since = day.emu.sent_count(STAFF_ID)
    day.emu.send_command(STAFF_ID, "walkin")
    await day.emu.wait_for_message(STAFF_ID, since=since)
    found = await day.say(STAFF_ID, "AN")
    since = day.emu.sent_count(STAFF_ID)
    await day.press(STAFF_ID, found, "Nguyễn Văn An")
    await day.emu.wait_for_message(STAFF_ID, lambda m: "Người dự thay cho đồng chí" in m.plain_text, since=since)
    done = await day.say(STAFF_ID, "Đặng Văn Hải, Phó Trưởng phòng")
    assert "Người dự thay (ghi nhận tại bàn) cho đồng chí Nguyễn Văn An: Đặng Văn Hải, Phó Trưởng phòng" in (
        done.plain_text
    )
    assert await standing_checkins(day) == [(1, "walk_in", STAFF_ID)]
    # The export lists every delegate with the check-in: time, staff member, method, substitute.
    from openpyxl import load_workbook

    out = tmp_path / "diem-danh.xlsx"
    assert await day.services.checkins.export(out) == 3
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("DB001", "Nguyễn Văn An")
    assert rows[1][5:] == (
        "Vắng mặt / Declined",
        "01/12/2026 09:00",
        "Hoa Lê",
        "Dự thay tại bàn / Walk-in",
        "Đặng Văn Hải, Phó Trưởng phòng",
    )
    assert rows[2][6] in ("", None)


async def test_delegates_cannot_use_the_desk(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    for command in ("walkin", "attendance"):
        reply = await day.say(101, f"/{command}")
        assert "Lệnh không hợp lệ" in reply.plain_text
    assert (await day.say(101, "/checkin")).method == "sendPhoto"  # a delegate's /checkin is their own QR


async def test_live_attendance_and_missing_with_phones(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    await link_and_answer(day, 102, "DB002", "attending")
    await link_and_answer(day, 103, "DB003", "declined")
    await _scan(day, STAFF_ID, await _qr_code_of(day, 101))
    attendance = await day.services.checkins.attendance()
    assert (attendance.checked_in, attendance.expected) == (1, 2)
    assert {a.agency: (a.checked_in, a.expected) for a in attendance.agencies} == {
        "Sở Nội vụ": (1, 1),
        "Sở Tài chính": (0, 1),
        "Sở Y tế": (0, 0),
    }
    staff_view = await day.say(STAFF_ID, "/attendance")
    assert "Đại biểu đã có mặt: 1/2" in staff_view.plain_text and "Sở Tài chính: 0/1" in staff_view.plain_text
    assert not staff_view.has_inline_keyboard()  # phone numbers are for admins only
    admin_view = await day.say(ORGANIZER_ID, "/attendance")
    since = day.emu.sent_count(ORGANIZER_ID)
    await day.press(ORGANIZER_ID, admin_view, "Chưa có mặt")
    missing = await day.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert "chưa có mặt: 1" in missing.plain_text
    assert "Sở Tài chính" in missing.plain_text and "Trần Thị Bình — +84987654321" in missing.plain_text
    assert "Nguyễn Văn An" not in missing.plain_text


async def test_seat_column_is_read_and_shown_at_check_in_and_in_the_attendance_reminder(day: Harness) -> None:
    from datetime import datetime

    from bot.services.roster_file import parse_roster_bytes
    from bot.telegram.jobs import runner_of
    from tests.support.harness import VN

    csv = "Mã,Họ và tên,Chức vụ,Cơ quan,Số điện thoại,Chỗ ngồi\nDB001,Nguyễn Văn An,Trưởng phòng,Sở Nội vụ,0912345678,Hàng C - ghế 12\n"
    entries = parse_roster_bytes(csv.encode(), "roster.csv")
    assert entries[0].seat == "Hàng C - ghế 12"
    await day.services.roster.import_entries(entries, actor="test")
    await link_and_answer(day, 101, "DB001", "attending")
    day.clock.set(datetime(2026, 12, 28, 6, 0, tzinfo=VN))
    runner = runner_of(day.app)
    assert runner is not None
    since = day.emu.sent_count(101)
    await runner.run("attendance:2h", day.clock.now())
    reminder = await day.emu.wait_for_message(101, lambda m: "khai mạc vào lúc" in m.plain_text, since=since)
    assert reminder.method == "sendPhoto" and "Chỗ ngồi: Hàng C - ghế 12" in reminder.plain_text
    assert reminder.document_bytes is not None
    code = parse_qs(urlparse(decode_qr(reminder.document_bytes)).query)["start"][0]
    assert is_checkin_code(code)
    answer = await _scan(day, STAFF_ID, code)
    assert "Chỗ ngồi: Hàng C - ghế 12" in answer
    # A later roster without the seat column keeps the seat.
    await day.services.roster.import_entries(
        parse_roster_bytes("Mã,Họ và tên\nDB001,Nguyễn Văn An\n".encode(), "r.csv"), actor="test"
    )
    attendee = await day.services.checkins.attendee_of_user(101)
    assert attendee is not None and attendee.seat == "Hàng C - ghế 12"
