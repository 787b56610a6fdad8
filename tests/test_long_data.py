"""Real data at the roster's own limits must never make Telegram refuse a message (audit, issue 12).

The roster accepts names of 120 characters, positions of 120, departments of 150 and agencies of 200, and a province
has ~100 agencies and many namesakes. The screens that list people or agencies are driven through the emulator, which
refuses (as Telegram does) a text over 4096 characters: none may be refused, and each list says what it left out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.roster_file import MAX_LENGTHS, RosterEntry
from bot.telegram.app import stop_application
from tests.support.harness import NOW, ORGANIZER_ID, VN, Harness, boot, make_settings, nothing_more

AGENCIES = 70
NAMESAKES = 8  # as many as a search shows
DELEGATE = 101


def pad(text: str, length: int) -> str:
    """`text` lengthened with Vietnamese words to exactly `length` characters."""
    while len(text) < length:
        text += " Phát triển nông nghiệp và nông thôn bền vững tỉnh Nghệ An"
    return text[:length]


def long_roster() -> list[RosterEntry]:
    """One delegate per agency, every field at its limit; the first NAMESAKES are all "Nguyễn Văn An"."""
    return [
        RosterEntry(
            row=number + 1,
            code=f"DB{number:03d}",
            full_name="Nguyễn Văn An"
            if number <= NAMESAKES
            else pad(f"Trần Thị {number:03d}", MAX_LENGTHS["full_name"]),
            position=pad(f"Phó Trưởng phòng {number}", MAX_LENGTHS["position"]),
            department=pad(f"Phòng Quản lý {number}", MAX_LENGTHS["department"]),
            agency=pad(f"Sở số {number:03d} & <đơn vị>", MAX_LENGTHS["agency"]),
            phone=f"+8491{number:07d}",
            email=None,
            seat=pad(f"Khu A, hàng {number}", 40),
        )
        for number in range(1, AGENCIES + 1)
    ]


async def start(emulator: BotApiEmulator, tmp_path: Path, at: datetime) -> Harness:
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    emulator.add_user(DELEGATE, "Bình", "Trần", language_code="vi")
    return await boot(emulator, make_settings(tmp_path, emulator), clock=FakeClock(at), roster=long_roster())


@pytest.fixture
async def before(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start(emulator, tmp_path, NOW)
    try:
        yield harness
    finally:
        await stop_application(harness.app)


@pytest.fixture
async def on_the_day(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start(emulator, tmp_path, datetime(2026, 12, 28, 7, 30, tzinfo=VN))
    async with harness.services.db.transaction() as uow:
        for delegate in await uow.delegates.all(harness.services.event.id):
            await uow.rsvps.save(delegate.id, "attending", harness.clock.now())
    try:
        yield harness
    finally:
        await stop_application(harness.app)


def refused(emu: BotApiEmulator) -> list[tuple[str, int | str | None]]:
    """Requests the emulator refused as Telegram would (polling aside: a long poll may be cut at shutdown)."""
    return [(r.method, r.chat_id) for r in emu.request_log if r.status_code >= 400 and r.method != "getUpdates"]


async def say(h: Harness, user_id: int, words: str, needle: str = "") -> SentMessage:
    """Send words; the next message containing needle (the day's catch-up reminder report may come in between)."""
    since = h.emu.sent_count(user_id)
    h.emu.send_text(user_id, words)
    return await h.emu.wait_for_message(user_id, lambda m: needle in m.plain_text, since=since, timeout=20)


async def test_searches_among_long_namesakes_fit_one_message(before: Harness) -> None:
    h = before
    await say(h, ORGANIZER_ID, "/checkin")
    desk = await say(h, ORGANIZER_ID, "Nguyễn Văn An")
    await h.open_link(DELEGATE, f"DB{AGENCIES:03d}")
    await say(h, DELEGATE, "/nominate")
    nominee = await say(h, DELEGATE, "Nguyễn Văn An")
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    assert f"(hiển thị {NAMESAKES})" not in desk.plain_text  # the desk's lines (with seats) do not all fit
    for found in (desk, nominee):
        body = found.plain_text
        assert f"Tìm thấy {NAMESAKES}" in body and "1. Nguyễn Văn An, Phó Trưởng phòng 1" in body
        shown = sum(f"{n}. Nguyễn Văn An" in body for n in range(1, NAMESAKES + 1))
        assert 1 <= shown <= NAMESAKES and f"(hiển thị {shown})" in body  # what fits, and it says how many
        assert [t.split(".")[0] for t in found.button_texts()] == [str(n) for n in range(1, shown + 1)]


async def test_attendance_lists_with_many_long_agencies_fit_one_message(on_the_day: Harness) -> None:
    h = on_the_day
    summary = await say(h, ORGANIZER_ID, "/attendance", "Đại biểu đã có mặt")
    since = h.emu.sent_count(ORGANIZER_ID)
    h.emu.press_button(ORGANIZER_ID, summary.message_id, summary.button_data("Chưa có mặt"))
    missing = await h.emu.wait_for_message(
        ORGANIZER_ID, lambda m: "chưa có mặt" in m.plain_text, since=since, timeout=20
    )
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    assert "Đại biểu đã có mặt: 0/70" in summary.plain_text and "Sở số 001 &amp; <đơn vị>" not in summary.plain_text
    assert (
        "• Sở số 001 & <đơn vị>" in summary.plain_text
        and "dòng không hiển thị hết trong một tin nhắn" in summary.plain_text
    )
    assert "chưa có mặt: 70" in missing.plain_text and "Sở số 001 & <đơn vị>" in missing.plain_text
    assert "dòng không hiển thị hết trong một tin nhắn" in missing.plain_text


async def test_button_labels_with_an_ampersand_show_it_as_typed(before: Harness) -> None:
    # Button labels are plain text for Telegram (no parse mode): an agency "Sở số 001 & <đơn vị>" must not read
    # "&amp; &lt;đơn vị&gt;" on the organizer's button.
    stats = await say(before, ORGANIZER_ID, "/stats", "Số liệu")
    since = before.emu.sent_count(ORGANIZER_ID)
    before.emu.press_button(ORGANIZER_ID, stats.message_id, stats.button_data("Chưa xác nhận theo cơ quan"))
    choose = await before.emu.wait_for_message(ORGANIZER_ID, lambda m: bool(m.callback_datas()), since=since)
    labels = choose.button_texts()
    assert (
        labels and labels[0].startswith("Sở số 001 & <đơn vị>") and not any("&amp;" in t or "&lt;" in t for t in labels)
    )


async def test_ten_long_approved_questions_fit_one_message(on_the_day: Harness) -> None:
    # question_max_length is 500 by default: ten approved questions are ~5,800 characters.
    h = on_the_day
    questions = h.services.questions
    await questions.set_open(True, ORGANIZER_ID)
    topic = questions.topics[0].code
    async with h.services.db.transaction() as uow:
        people = (await uow.delegates.all(h.services.event.id))[:11]
        for number, delegate in enumerate(people):
            await uow.delegates.link(delegate.id, 200_000 + number, h.clock.now())
    for number in range(11):
        h.emu.add_user(200_000 + number, f"Đại biểu {number}", language_code="vi")
        asked = await questions.submit(200_000 + number, topic, pad(f"Câu hỏi {number} & <kiến nghị>:", 500), True)
        assert asked.question is not None
        await questions.moderate(ORGANIZER_ID, asked.question.id, "approved")
    listing = await say(h, 200_000, "/questions", "Các câu hỏi đã được chọn")
    presidium = await say(h, ORGANIZER_ID, "/presidium", "Tiếp theo")
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    assert "… và " in listing.plain_text and "câu hỏi khác" in listing.plain_text
    shown = sum(f"Câu hỏi {n} & <kiến nghị>" in listing.plain_text for n in range(11))
    assert 1 <= shown < 10 and len(listing.callback_datas()) == shown - 1  # support buttons: not one's own question
    assert "câu hỏi khác" in presidium.plain_text


async def test_sixty_unanswered_of_one_agency_fit_one_message(emulator: BotApiEmulator, tmp_path: Path) -> None:
    # Realistic lengths, not the limits: a district with 60 delegates, nobody has answered yet (the first days).
    agency = "Ủy ban nhân dân huyện Quỳnh Lưu"
    roster = [
        RosterEntry(
            row=n + 1,
            code=f"QL{n:02d}",
            full_name=f"Nguyễn Thị Phương Thảo {n:02d}",
            position="Phó Trưởng phòng Tài chính - Kế hoạch",
            department="",
            agency=agency,
            phone=f"+8491{n:07d}",
            email=None,
        )
        for n in range(1, 61)
    ]
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    h = await boot(emulator, make_settings(tmp_path, emulator), clock=FakeClock(NOW), roster=roster)
    try:
        stats = await say(h, ORGANIZER_ID, "/stats", "Số liệu")
        since = h.emu.sent_count(ORGANIZER_ID)
        h.emu.press_button(ORGANIZER_ID, stats.message_id, stats.button_data("Chưa xác nhận theo cơ quan"))
        choose = await h.emu.wait_for_message(ORGANIZER_ID, lambda m: bool(m.callback_datas()), since=since)
        since = h.emu.sent_count(ORGANIZER_ID)
        h.emu.press_button(ORGANIZER_ID, choose.message_id, choose.button_data(agency))
        listing = await h.emu.wait_for_message(ORGANIZER_ID, lambda m: "chưa xác nhận" in m.plain_text, since=since)
        await nothing_more(h.emu)
    finally:
        await stop_application(h.app)
    assert refused(h.emu) == []
    assert (
        f"{agency}: 60 đại biểu chưa xác nhận" in listing.plain_text
        and "1. Nguyễn Thị Phương Thảo 01" in listing.plain_text
    )
    shown = sum(f"Thảo {n:02d} (" in listing.plain_text for n in range(1, 61))
    assert 1 <= shown < 60 and f"… và {60 - shown} đại biểu khác" in listing.plain_text


async def test_fifteen_long_inquiries_fit_one_message(before: Harness) -> None:
    # /ask takes questions of up to 500 characters and /inquiries lists the latest 15.
    h = before
    async with h.services.db.transaction() as uow:
        for number, delegate in enumerate((await uow.delegates.all(h.services.event.id))[:15]):
            await uow.delegates.link(delegate.id, 300_000 + number, h.clock.now())
    for number in range(15):
        asked = await h.services.inquiries.ask(300_000 + number, pad(f"Hỏi {number:02d} & <xe đưa đón>:", 450))
        assert asked.outcome.name == "SAVED", asked
    queue = await say(h, ORGANIZER_ID, "/inquiries", "Câu hỏi của đại biểu")
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    shown = sum(f"Hỏi {n:02d} & <xe đưa đón>" in queue.plain_text for n in range(15))
    assert 1 <= shown < 15 and f"… và {15 - shown} câu hỏi khác" in queue.plain_text
    assert len(queue.callback_datas()) == shown  # an answer button for each open question shown, no more


async def test_roster_upload_preview_and_refusal_with_long_cells_fit_one_message(before: Harness) -> None:
    import io

    from openpyxl import Workbook

    def workbook(rows: list[list[object]]) -> bytes:
        book = Workbook()
        for row in [["Mã", "Họ và tên", "Cơ quan", "Số điện thoại"], *rows]:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    h = before
    new = [[f"MOI{n}", pad(f"Lê Văn Mới {n}", 120), pad(f"Ban mới {n} & <x>", 200), f"+8498{n:07d}"] for n in range(12)]
    since = h.emu.sent_count(ORGANIZER_ID)
    h.emu.send_document(ORGANIZER_ID, "moi.xlsx", workbook(new))  # 12 new, the 70 others missing from the file
    preview = await h.emu.wait_for_message(ORGANIZER_ID, lambda m: "moi.xlsx" in m.plain_text, since=since, timeout=20)
    bad = [[f"SAI{n}", f"Người {n}", "Sở", "09" + "x" * 300] for n in range(20)]  # a note typed in the phone column
    since = h.emu.sent_count(ORGANIZER_ID)
    h.emu.send_document(ORGANIZER_ID, "sai.xlsx", workbook(bad))
    refusal = await h.emu.wait_for_message(ORGANIZER_ID, lambda m: "sai.xlsx" in m.plain_text, since=since, timeout=20)
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    assert "Thêm mới: 12" in preview.plain_text and "đại biểu khác" in preview.plain_text
    assert preview.button_texts() == ["✅ Xác nhận nhập", "✖️ Hủy"]
    assert "Dòng 2: số điện thoại không hợp lệ" in refusal.plain_text and "không hiển thị hết" in refusal.plain_text


async def test_a_members_many_tasks_and_the_board_fit_one_message(emulator: BotApiEmulator, tmp_path: Path) -> None:
    # A unit such as the Văn phòng may own dozens of the plan's tasks (titles of up to 300 characters).
    from datetime import timedelta

    from tests.support.tasks import AN, CHAIR, committee_settings

    for user_id in (CHAIR, AN, ORGANIZER_ID):
        emulator.add_user(user_id, "Ủy viên", language_code="vi")
    h = await boot(emulator, committee_settings(emulator, tmp_path), clock=FakeClock(NOW), roster=None)
    try:
        for n in range(40):
            title = pad(f"Việc {n:02d} & <chuẩn bị>:", 150)
            deadline = NOW + timedelta(days=(n % 3) * 10 - 5)  # some overdue: the board's "needs attention"
            await h.services.tasks.create("test", title=title, owner_id=AN, deadline=deadline)
        mine = await say(h, AN, "/tasks", "Việc 00")
        board = await say(h, CHAIR, "/tasks", "Việc")
        await nothing_more(h.emu)
    finally:
        await stop_application(h.app)
    assert refused(h.emu) == []
    shown = sum(f"Việc {n:02d} & <chuẩn bị>" in mine.plain_text for n in range(40))
    assert 1 <= shown < 40 and f"… còn {40 - shown} dòng" in mine.plain_text
    assert len(mine.callback_datas()) == min(shown, 20)
    assert "Việc" in board.plain_text


async def test_the_nominations_ranking_with_long_names_fits_one_message(before: Harness) -> None:
    from bot.services.nominations import CRITERIA

    h = before
    async with h.services.db.transaction() as uow:
        people = await uow.delegates.all(h.services.event.id)
        for nominator, nominee in zip(people[:30], people[30:60], strict=True):
            await uow.nominations.save(h.services.event.id, nominator.id, nominee.id, tuple(CRITERIA), "x", NOW)
    ranking = await say(h, ORGANIZER_ID, "/nominations", "Đề xuất")
    await nothing_more(h.emu)
    assert refused(h.emu) == []
    assert "Trần Thị 031" in ranking.plain_text
