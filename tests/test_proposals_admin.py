"""Organizers' proposals end to end: counts, browsing, statuses, merges, answers delivered, and the XLSX export."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bot.cli import main
from bot.services.proposal_review import ASK_MERGE
from tests.support.harness import ORGANIZER_ID, Harness
from tests.support.proposals import alert_after, click, proposals_of, propose

ADMIN, POLICY = "Cải cách hành chính", "Cơ chế, chính sách"


async def _three_proposals(h: Harness) -> list[int]:
    await h.open_link(101, "DB001")
    await h.open_link(102, "DB002")
    await propose(h, 101, ADMIN, "Thủ tục đất đai còn chồng chéo")
    await propose(h, 101, ADMIN, "Một cửa liên thông chưa thông")
    await propose(h, 102, POLICY, "=Cơ chế tự chủ tài chính cho đơn vị sự nghiệp")
    return [p.id for p in await proposals_of(h)]


async def _detail(h: Harness, number: int) -> object:
    overview = await h.say(ORGANIZER_ID, "/proposals")
    since = h.emu.sent_count(ORGANIZER_ID)
    await h.press(ORGANIZER_ID, overview, ADMIN)
    page = await h.emu.wait_for(
        lambda: next(
            (
                m
                for m in h.emu.messages(ORGANIZER_ID)
                if m.message_id == overview.message_id and "trang 1/1" in m.plain_text
            ),
            None,
        )
    )
    assert h.emu.sent_count(ORGANIZER_ID) == since
    return await click(h, ORGANIZER_ID, page, f"Số {number} ·")


async def test_organizer_commands_look_unknown_to_delegates(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    unknown = (await harness.say(101, "/nonsense")).plain_text
    assert (await harness.say(101, "/proposals")).plain_text == unknown
    assert (await harness.say(101, "/nominations")).plain_text == unknown
    card = await harness.open_link(101, "DB001")
    assert "không còn hiệu lực" in await alert_after(harness, 101, card, "pa:st:1:selected")


async def test_counts_by_category_and_agency_then_browse(harness: Harness) -> None:
    first, second, third = await _three_proposals(harness)
    overview = await harness.say(ORGANIZER_ID, "/proposals")
    text = overview.plain_text
    assert "Ý kiến, kiến nghị: 3" in text
    assert "• Cải cách hành chính (vận hành bộ máy, thực thi công vụ, thủ tục hành chính): 2" in text
    assert "• Cơ chế, chính sách: 1" in text and "• Sở Nội vụ: 2" in text and "• Sở Tài chính: 1" in text
    assert "• Đã tiếp nhận: 3" in text
    detail = await _detail(harness, second)
    assert "Một cửa liên thông chưa thông" in detail.plain_text and "Nguyễn Văn An" in detail.plain_text  # type: ignore[attr-defined]


async def test_status_marks_and_official_answer_reach_the_delegate(harness: Harness) -> None:
    first, _, third = await _three_proposals(harness)
    await harness.services.users.set_language(102, "en")
    detail = await _detail(harness, first)
    marked = await click(harness, ORGANIZER_ID, detail, "Được chọn báo cáo")  # type: ignore[arg-type]
    assert f"Ý kiến số {first}: Được chọn báo cáo tại hội nghị" in marked.plain_text
    assert (await proposals_of(harness, "DB001"))[0].status == "selected"
    asked = await click(harness, ORGANIZER_ID, detail, "Trả lời")  # type: ignore[arg-type]
    assert "trả lời chính thức" in asked.plain_text
    preview = await harness.say(ORGANIZER_ID, "Sở Tài nguyên và Môi trường sẽ <rà soát> trong quý I.")
    since = harness.emu.sent_count(101)
    sent = await click(harness, ORGANIZER_ID, preview, "Gửi trả lời")
    assert "Đã gửi trả lời" in sent.plain_text and "Nguyễn Văn An" in sent.plain_text
    delivered = await harness.emu.wait_for_message(101, since=since)
    assert f"Ban Tổ chức trả lời ý kiến số {first}" in delivered.plain_text
    assert "sẽ <rà soát> trong quý I." in delivered.plain_text and "Thủ tục đất đai" in delivered.plain_text
    stored = (await proposals_of(harness, "DB001"))[0]
    assert (stored.status, stored.answered_by) == ("answered", ORGANIZER_ID)
    assert stored.answer == "Sở Tài nguyên và Môi trường sẽ <rà soát> trong quý I."
    listing = await harness.say(101, "/myproposals")
    assert "Trả lời của Ban Tổ chức: Sở Tài nguyên" in listing.plain_text
    english = await _answer(harness, third, "We will study it.")
    assert "The Organizing Committee answers comment no." in english.plain_text


async def _answer(h: Harness, number: int, answer: str) -> object:
    overview = await h.say(ORGANIZER_ID, "/proposals")
    await h.press(ORGANIZER_ID, overview, POLICY)
    page = await h.emu.wait_for(
        lambda: next(
            (
                m
                for m in h.emu.messages(ORGANIZER_ID)
                if m.message_id == overview.message_id and "trang" in m.plain_text
            ),
            None,
        )
    )
    detail = await click(h, ORGANIZER_ID, page, f"Số {number} ·")
    await click(h, ORGANIZER_ID, detail, "Trả lời")
    preview = await h.say(ORGANIZER_ID, answer)
    since = h.emu.sent_count(102)
    await click(h, ORGANIZER_ID, preview, "Gửi trả lời")
    return await h.emu.wait_for_message(102, since=since)


async def test_merge_into_another_proposal(harness: Harness) -> None:
    first, second, _ = await _three_proposals(harness)
    detail = await _detail(harness, second)
    await click(harness, ORGANIZER_ID, detail, "Tổng hợp chung")  # type: ignore[arg-type]
    assert "Không có ý kiến số này" in (await harness.say(ORGANIZER_ID, "999")).plain_text
    assert "Không có ý kiến số này" in (await harness.say(ORGANIZER_ID, str(second))).plain_text
    merged = await harness.say(ORGANIZER_ID, f"#{first}")
    assert f"Đã tổng hợp chung với ý kiến số {first}" in merged.plain_text
    stored = {p.id: p for p in await proposals_of(harness)}
    assert (stored[second].status, stored[second].merged_into) == ("merged", first)
    result = await harness.services.proposal_review.set_status(ORGANIZER_ID, first, "merged")  # type: ignore[arg-type]
    assert result.outcome.value == "not_found" and (await proposals_of(harness, "DB001"))[0].status == "received"


async def test_export_has_a_summary_and_one_sheet_per_category(harness: Harness, tmp_path: Path) -> None:
    first, second, third = await _three_proposals(harness)
    await harness.services.proposal_review.set_status(ORGANIZER_ID, first, "selected")
    listing = await harness.say(101, "/myproposals")
    confirm = await click(harness, 101, listing, f"Rút ý kiến số {second}")
    await click(harness, 101, confirm, "Rút lại")
    out = tmp_path / "y-kien.xlsx"
    assert (await harness.services.exports.write("proposals", out, actor="test")).rows == 2
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Tổng hợp", "Theo cơ quan"] and len(book.sheetnames) == 8
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0][:3] == ("Lĩnh vực", "Tổng số", "Đã tiếp nhận")
    admin_row = next(r for r in summary if str(r[0]).startswith("Cải cách hành chính"))
    assert admin_row[1] == 1 and admin_row[4] == 1
    agencies = list(book["Theo cơ quan"].iter_rows(values_only=True))
    assert ("Sở Nội vụ", 1) in agencies and ("Sở Tài chính", 1) in agencies
    admin = [s for s in book.sheetnames if s.startswith("Cải cách")][0]
    rows = list(book[admin].iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Số",
        "Mã đại biểu",
        "Họ và tên",
        "Chức vụ",
        "Phòng",
        "Cơ quan, đơn vị",
        "Nội dung ý kiến, kiến nghị",
        "Trạng thái",
    )
    assert len(rows) == 2 and rows[1][:8] == (
        first,
        "DB001",
        "Nguyễn Văn An",
        "Trưởng phòng",
        "Phòng Tổ chức",
        "Sở Nội vụ",
        "Thủ tục đất đai còn chồng chéo",
        "Đưa ra hội nghị",
    )
    policy = list(book["Cơ chế, chính sách"].iter_rows(values_only=True))
    assert policy[1][6] == "=Cơ chế tự chủ tài chính cho đơn vị sự nghiệp"  # text, never a formula


def test_cli_export_refuses_other_formats(tmp_path: Path, capsys: object) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[database]\npath = "bot.sqlite3"\n[event]\nname = "Hội nghị"\nvenue = "Nghệ An"\n'
        'starts_at = "2026-12-28 08:00"\nrsvp_deadline = "2026-12-20 17:00"\n'
        'proposals_deadline = "2026-12-15 17:00"\n',
        encoding="utf-8",
    )
    assert main(["--config", str(config), "export", "proposals", "--out", str(tmp_path / "p.csv")]) == 2
    assert main(["--config", str(config), "export", "proposals", "--out", str(tmp_path / "p.xlsx")]) == 0
    assert main(["--config", str(config), "export", "nominations", "--out", str(tmp_path / "n.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "p.xlsx").sheetnames[0] == "Tổng hợp"
    assert openpyxl.load_workbook(tmp_path / "n.xlsx").sheetnames == ["Xếp thứ tự", "Theo cơ quan", "Chi tiết"]


async def test_merging_into_a_merged_proposal_is_refused(harness: Harness) -> None:
    first, second, third = await _three_proposals(harness)
    review = harness.services.proposal_review
    await review.begin(ORGANIZER_ID, first, ASK_MERGE)
    assert (await review.submit_text(ORGANIZER_ID, str(second))).outcome.value == "ok"
    detail = await _detail(harness, second)
    await click(harness, ORGANIZER_ID, detail, "Tổng hợp chung")  # type: ignore[arg-type]
    refused = await harness.say(ORGANIZER_ID, f"#{first}")
    assert f"Ý kiến số {first} đã được tổng hợp chung với ý kiến số {second}" in refused.plain_text
    stored = {p.id: p for p in await proposals_of(harness)}
    assert (stored[first].status, stored[first].merged_into) == ("merged", second)
    assert stored[second].status == "received" and stored[second].merged_into is None
    merged = await harness.say(ORGANIZER_ID, str(third))
    assert f"Đã tổng hợp chung với ý kiến số {third}" in merged.plain_text
    stored = {p.id: p for p in await proposals_of(harness)}
    assert [stored[i].merged_into for i in (first, second, third)] == [second, third, None]
    await review.begin(ORGANIZER_ID, third, ASK_MERGE)
    for target in (first, second):
        assert (await review.submit_text(ORGANIZER_ID, str(target))).outcome.value == "target_merged"
    # Odd numbers are a bad target, not a crash: a superscript digit, a number too large for SQLite.
    for odd in ("²", "9" * 30):
        assert (await review.submit_text(ORGANIZER_ID, odd)).outcome.value == "bad_target"
    assert {p.id: p for p in await proposals_of(harness)}[third].status == "received"


async def test_an_attachment_is_shown_with_the_proposal_number_in_words(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    chooser = await harness.say(102, "/proposal")
    await click(harness, 102, chooser, ADMIN)
    since = harness.emu.sent_count(102)
    harness.emu.send_document(102, "hien-trang.pdf", b"%PDF-1.4 hien trang", caption="Trụ sở xuống cấp")
    preview = await harness.emu.wait_for_message(102, lambda m: "Đính kèm: hien-trang.pdf" in m.plain_text, since=since)
    await click(harness, 102, preview, "Gửi Ban Tổ chức")
    [proposal] = await proposals_of(harness, "DB002")
    detail = await _detail(harness, proposal.id)
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, detail, "Xem tệp đính kèm")
    sent = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: m.method == "sendDocument", since=since)
    assert sent.document_bytes == b"%PDF-1.4 hien trang"
    assert sent.plain_text == f"📎 Tệp đính kèm ý kiến số {proposal.id}"  # never "#N" (VIETNAMESE-STYLE.md)
