"""Questions to the presidium, end to end through the emulator: the window, flood limits, moderation (approve,
merge, reject with a reason, answered), the presidium's order and support counted once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from bot.sandbox.emulator.records import SentMessage
from tests.support.day import MODERATOR_ID, STAFF_ID, day, link_and_answer
from tests.support.harness import ORGANIZER_ID, VN, Harness, later

__all__ = ["day"]


async def _open(harness: Harness) -> None:
    queue = await harness.say(ORGANIZER_ID, "/moderate")
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, queue, "Mở nhận câu hỏi")
    await harness.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert await harness.services.questions.is_open()


async def _ask(harness: Harness, user_id: int, body: str, *, named: bool = True) -> SentMessage:
    topics = await harness.say(user_id, "/question")
    since = harness.emu.sent_count(user_id)
    await harness.press(user_id, topics, "Cơ chế, chính sách")
    await harness.emu.wait_for_message(user_id, lambda m: "nhập nội dung" in m.plain_text, since=since)
    choice = await harness.say(user_id, body)
    since = harness.emu.sent_count(user_id)
    await harness.press(user_id, choice, "Đồng ý nêu tên" if named else "Không nêu tên")
    return await harness.emu.wait_for_message(user_id, since=since)


async def _moderate(harness: Harness, moderator: int, label: str) -> SentMessage:
    card = harness.emu.messages(moderator)[-1]
    since = harness.emu.sent_count(moderator)
    await harness.press(moderator, card, label)
    return await harness.emu.wait_for_message(moderator, since=since)


async def test_questions_closed_before_opening_and_after_closing(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    refused = await day.say(101, "/question")
    assert "chưa đến thời gian (hoặc đã hết thời gian)" in refused.plain_text
    await _open(day)
    # The window closes while the delegate is writing: the question is refused when sent.
    topics = await day.say(101, "/question")
    since = day.emu.sent_count(101)
    await day.press(101, topics, "Cơ chế, chính sách")
    await day.emu.wait_for_message(101, since=since)
    choice = await day.say(101, "Đề nghị cơ chế đặc thù cho dự án nhóm B")
    await day.services.questions.set_open(False, ORGANIZER_ID)
    since = day.emu.sent_count(101)
    await day.press(101, choice, "Không nêu tên")
    late = await day.emu.wait_for_message(101, since=since)
    assert "hết thời gian" in late.plain_text
    assert await day.services.questions.pending() == []


async def test_configured_window(emulator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from bot.clock import FakeClock
    from bot.telegram.app import stop_application
    from tests.support.day import add_users, start_day

    add_users(emulator)
    clock = FakeClock(datetime(2026, 12, 28, 9, 0, tzinfo=VN))
    harness = await start_day(
        emulator,
        tmp_path,
        clock,
        questions_open_at=datetime(2026, 12, 28, 9, 30, tzinfo=VN),
        questions_close_at=datetime(2026, 12, 28, 11, 0, tzinfo=VN),
    )
    try:
        assert not await harness.services.questions.is_open()
        clock.set(datetime(2026, 12, 28, 9, 30, tzinfo=VN))
        assert await harness.services.questions.is_open()
        clock.set(datetime(2026, 12, 28, 11, 0, tzinfo=VN))
        assert not await harness.services.questions.is_open()
    finally:
        await stop_application(harness.app)


async def test_flood_limits_and_length(day: Harness) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    await _open(day)
    assert "Đã gửi câu hỏi số 1" in (await _ask(day, 101, "Câu hỏi thứ nhất")).plain_text
    too_soon = await day.say(101, "/question")
    assert "chờ 60 giây" in too_soon.plain_text
    day.clock.advance(later(minutes=1))
    topics = await day.say(101, "/question")
    since = day.emu.sent_count(101)
    await day.press(101, topics, "Cơ chế, chính sách")
    await day.emu.wait_for_message(101, since=since)
    too_long = await day.say(101, "x" * 501)
    assert "501" in too_long.plain_text and "500" in too_long.plain_text
    for number in range(2, 6):
        assert f"Đã gửi câu hỏi số {number}" in (await _ask(day, 101, f"Câu hỏi {number}")).plain_text
        day.clock.advance(later(minutes=1))
    capped = await day.say(101, "/question")
    assert "tối đa 5 câu hỏi" in capped.plain_text
    assert len(await day.services.questions.pending()) == 5


async def test_moderation_reject_merge_support_and_presidium_order(day: Harness, tmp_path: Path) -> None:
    await link_and_answer(day, 101, "DB001", "attending")
    await link_and_answer(day, 102, "DB002", "attending")
    await link_and_answer(day, 103, "DB003", "attending")
    await _open(day)
    await _ask(day, 101, "Tháo gỡ vướng mắc giải phóng mặt bằng", named=False)
    await _ask(day, 102, "Giải phóng mặt bằng dự án đường ven biển")
    await _ask(day, 103, "Nội dung không phù hợp <b>")
    day.clock.advance(later(minutes=1))
    await _ask(day, 102, "Cơ chế thu hút nhân lực chất lượng cao")
    # Staff who are not moderators, and delegates, do not see the queue.
    for user_id in (STAFF_ID, 101):
        assert "Lệnh không hợp lệ" in (await day.say(user_id, "/moderate")).plain_text
    card = await day.say(MODERATOR_ID, "/moderate")
    assert "Câu hỏi số 1" in card.plain_text and "(không nêu tên)" in card.plain_text
    assert "Chờ duyệt: 4" in card.plain_text
    await _moderate(day, MODERATOR_ID, "Chọn")  # 1 approved, card of 2 follows
    await day.emu.wait_for_message(MODERATOR_ID, lambda m: "Câu hỏi số 2" in m.plain_text)
    merge = await _moderate(day, MODERATOR_ID, "Tổng hợp chung")
    since = day.emu.sent_count(MODERATOR_ID)
    await day.press(MODERATOR_ID, merge, "1. Tháo gỡ")
    await day.emu.wait_for_message(
        MODERATOR_ID, lambda m: "Đã tổng hợp chung câu hỏi số 2 với câu hỏi số 1" in m.plain_text, since=since
    )
    await day.emu.wait_for_message(MODERATOR_ID, lambda m: "Câu hỏi số 3" in m.plain_text, since=since)
    await _moderate(day, MODERATOR_ID, "Không chọn")
    since = day.emu.sent_count(103)
    await day.say(MODERATOR_ID, "Không thuộc phạm vi hội nghị")
    notice = await day.emu.wait_for_message(103, since=since)
    assert "Câu hỏi số 3 của đồng chí chưa được chọn" in notice.plain_text
    assert "Lý do: Không thuộc phạm vi hội nghị" in notice.plain_text
    await day.emu.wait_for_message(MODERATOR_ID, lambda m: "Câu hỏi số 4" in m.plain_text)
    await _moderate(day, MODERATOR_ID, "Chọn")
    # Support: counted once per delegate, never for one's own question.
    listing = await day.say(101, "/questions")
    assert "Câu hỏi số 1" in listing.plain_text and "Câu hỏi số 4" in listing.plain_text
    assert listing.button_texts() == ["👍 Ủng hộ câu hỏi số 4"]
    for user_id, count in ((101, "(1 lượt)"), (103, "(2 lượt)")):
        listing = await day.say(user_id, "/questions")
        query = await day.press(user_id, listing, "số 4")
        assert count in ((await day.emu.wait_for_callback_answer(query)).text or "")
    again = await day.emu.wait_for_callback_answer(await day.press(103, listing, "số 4"))
    assert "đã ủng hộ câu hỏi số 4 (2 lượt)" in (again.text or "")
    ranked = await day.services.questions.ranked()
    assert [(r.question.id, r.support, r.merged) for r in ranked] == [(4, 2, 0), (1, 0, 1)]
    # The presidium reads no. 4 first (more support), then no. 1 with its merged question.
    view = await day.say(MODERATOR_ID, "/presidium")
    assert "Câu hỏi số 4" in view.plain_text.split("\n")[0] and "2 ủng hộ" in view.plain_text
    await day.press(MODERATOR_ID, view, "Đã trả lời số 4")
    edited = await day.emu.wait_for(
        lambda: (m := day.emu.messages(MODERATOR_ID)[-1]) and "Câu hỏi số 1" in m.plain_text.split("\n")[0] and m
    )
    assert "1 câu hỏi cùng nội dung" in edited.plain_text
    # Export, read back.
    out = tmp_path / "cau-hoi.xlsx"
    assert await day.services.questions.export(out) == 4
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number[4][7].startswith("Đã trả lời") and by_number[2][10] == 1
    assert by_number[3][11] == "Không thuộc phạm vi hội nghị" and by_number[3][3] == "Nội dung không phù hợp <b>"


async def test_the_committee_report_has_an_annex_of_selected_and_answered_questions(
    day: Harness, tmp_path: Path
) -> None:
    import docx

    for user_id, code in ((101, "DB001"), (102, "DB002"), (103, "DB003")):
        await link_and_answer(day, user_id, code, "attending")
    questions = day.services.questions
    await questions.set_open(True, ORGANIZER_ID)
    asked = []
    for user_id, body in ((101, "Cơ chế thu hút nhân lực"), (102, "Giải phóng mặt bằng"), (103, "Không phù hợp")):
        result = await questions.submit(user_id, "policy", body, read_name=True)
        assert result.question is not None
        asked.append(result.question.id)
        day.clock.advance(later(minutes=1))
    first, second, third = asked
    for question_id in (first, second):
        await questions.moderate(ORGANIZER_ID, question_id, "approved")
    await questions.moderate(ORGANIZER_ID, third, "rejected", reason="Ngoài phạm vi")
    await questions.moderate(ORGANIZER_ID, first, "answered")
    await questions.support(101, second)
    await questions.support(103, second)

    written = await day.services.exports.write("report", tmp_path, actor="test")
    document = docx.Document(str(written.path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == "PHỤ LỤC: CÂU HỎI, Ý KIẾN GỬI ĐOÀN CHỦ TỊCH HỘI NGHỊ"
    annex = [[c.text for c in row.cells] for row in document.tables[-1].rows]  # after the signature, as annexes are
    assert annex[0] == ["STT", "Lĩnh vực", "Nội dung", "Đại biểu, cơ quan", "Ủng hộ"]
    assert [row[2] for row in annex[1:]] == [
        "Giải phóng mặt bằng (đã chọn, chờ trả lời tại hội trường)",
        "Cơ chế thu hút nhân lực (đã trả lời tại hội trường)",
    ]
    assert annex[1][4].startswith("2 lượt ủng hộ") and annex[2][4].startswith("0 lượt ủng hộ")
    assert all("Không phù hợp" not in row[2] for row in annex)
    assert "Nguyễn" not in "".join(row[3] for row in annex)  # names only with [report] show_authors
