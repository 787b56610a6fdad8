"""The committee's report (DOCX): opened with python-docx, sections, counts and a proposal's text checked."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import docx
import pytest

from bot.cli import main
from bot.config import ReportSettings
from tests.support.harness import ORGANIZER_ID, Harness
from tests.support.proposals import nominate, proposals_of, propose

ADMIN, POLICY = "Cải cách hành chính", "Cơ chế, chính sách"


async def _material(h: Harness) -> None:
    await h.open_link(101, "DB001")
    await h.open_link(102, "DB002")
    await h.open_link(103, "DB003")
    await propose(h, 101, ADMIN, "Thủ tục đất đai còn chồng chéo, đề nghị rà soát")
    await propose(h, 102, ADMIN, "Một cửa liên thông chưa thông")
    await propose(h, 102, POLICY, "=Cơ chế tự chủ tài chính cho đơn vị sự nghiệp")
    first = (await proposals_of(h, "DB001"))[0].id
    review = h.services.proposal_review
    await review.set_status(ORGANIZER_ID, first, "selected")
    await review.begin(ORGANIZER_ID, first, "padmin.answer")
    await review.submit_text(ORGANIZER_ID, "Sở Tài nguyên và Môi trường chủ trì rà soát trong quý I.")
    await review.send_answer(ORGANIZER_ID, first)
    await nominate(h, 101, "Bình", "Trần Thị Bình", ["Đảng viên", "Chiến sĩ"], "Lý do một")
    await nominate(h, 103, "Bình", "Trần Thị Bình", ["Chiến sĩ"], "Lý do hai")


def _texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


async def test_report_is_laid_out_with_sections_counts_and_texts(harness: Harness, tmp_path: Path) -> None:
    await _material(harness)
    written = await harness.services.exports.write("report", tmp_path, actor="test")
    assert written.name == "bao-cao-tong-hop-y-kien-kien-nghi-2026-12-01.docx" and written.rows == 3
    document = docx.Document(str(written.path))
    texts = _texts(document)
    header = document.tables[0]
    assert "BAN TỔ CHỨC HỘI NGHỊ" in header.cell(0, 0).text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header.cell(0, 1).text
    assert "Ngày 01 tháng 12 năm 2026" in header.cell(0, 1).text
    assert "BÁO CÁO" in texts
    assert (
        "Tổng hợp ý kiến, kiến nghị của đội ngũ trưởng, phó phòng tại Hội nghị gặp mặt trưởng, phó phòng <2026>"
        in texts
    )
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["I. TỔNG HỢP CHUNG", "II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ THEO LĨNH VỰC"]
    assert headings[-1] == "III. ĐỀ XUẤT BIỂU DƯƠNG ĐIỂN HÌNH"
    topics = [h for h in headings if h[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(topics) == 6
    assert "2. Cải cách hành chính (vận hành bộ máy, thực thi công vụ, thủ tục hành chính) (2 ý kiến)" in topics
    assert "3. Cơ chế, chính sách (1 ý kiến)" in topics
    summary = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert summary[0] == ["STT", "Lĩnh vực", "Số ý kiến", "Đưa ra hội nghị", "Đã trả lời"]
    assert summary[2][1].startswith("Cải cách hành chính") and summary[2][2:] == ["2", "0", "1"]
    assert summary[-1][1:] == ["Tổng cộng", "3", "0", "1"]
    by_agency = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert by_agency[1] == ["1", "Sở Tài chính", "2", "1"] and by_agency[2] == ["2", "Sở Nội vụ", "1", "1"]
    body = "\n".join(texts)
    assert "Thủ tục đất đai còn chồng chéo, đề nghị rà soát" in body
    assert "=Cơ chế tự chủ tài chính cho đơn vị sự nghiệp" in body
    assert "Trả lời của Ban Tổ chức: Sở Tài nguyên và Môi trường chủ trì rà soát trong quý I." in body
    assert "Ý kiến số" in body and "(Sở Nội vụ): " in body
    assert "Nguyễn Văn An" not in body  # authors are named only when [report] show_authors = true
    nominees = [[c.text for c in row.cells] for row in document.tables[3].rows]
    assert nominees[1][:4] == ["1", "Trần Thị Bình", "Trưởng phòng, Sở Tài chính", "2"]
    assert "Chiến sĩ thi đua cấp tỉnh trở lên: 2" in nominees[1][4]
    assert "Có 1 đồng chí được đồng nghiệp đề xuất biểu dương, với tổng số 2 lượt đề xuất:" in body
    assert "trân trọng báo cáo Thường trực Tỉnh ủy xem xét" in body
    footer = document.tables[-1]
    assert "Nơi nhận:" in footer.cell(0, 0).text and "T/M BAN TỔ CHỨC HỘI NGHỊ" in footer.cell(0, 1).text


async def test_authors_named_when_the_config_says_so_and_an_empty_report(
    harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = await harness.services.exports.write("report", tmp_path / "empty.docx", actor="test")
    body = "\n".join(_texts(docx.Document(str(empty.path))))
    assert empty.rows == 0 and "Chưa có ý kiến, kiến nghị thuộc lĩnh vực này." in body
    assert "Chưa có đề xuất biểu dương." in body
    await harness.open_link(101, "DB001")
    await propose(harness, 101, POLICY, "Tăng cường phân cấp")
    settings = harness.services.settings
    report = ReportSettings(parent_body="Tỉnh ủy Nghệ An", place="Nghệ An", show_authors=True, signer="Nguyễn Văn Nam")
    monkeypatch.setattr(harness.services.exports, "_settings", dataclasses.replace(settings, report=report))
    named = await harness.services.exports.write("report", tmp_path / "named.docx", actor="test")
    document = docx.Document(str(named.path))
    body = "\n".join(_texts(document))
    assert "(đồng chí Nguyễn Văn An, Trưởng phòng, Sở Nội vụ): Tăng cường phân cấp" in body
    assert "TỈNH ỦY NGHỆ AN" in document.tables[0].cell(0, 0).text
    assert "Nghệ An, ngày 01 tháng 12 năm 2026" in document.tables[0].cell(0, 1).text
    assert "Nguyễn Văn Nam" in document.tables[-1].cell(0, 1).text


async def test_report_in_the_chat(harness: Harness) -> None:
    menu = await harness.say(ORGANIZER_ID, "/export")
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, menu, "Báo cáo tổng hợp")
    sent = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: m.document_name is not None, since=since)
    assert sent.document_name == "bao-cao-tong-hop-y-kien-kien-nghi-2026-12-01.docx"
    assert sent.document_bytes is not None
    assert "BÁO CÁO" in [p.text for p in docx.Document(io.BytesIO(sent.document_bytes)).paragraphs]


def test_cli_export_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[database]\npath = "bot.sqlite3"\n[event]\nname = "Hội nghị"\nvenue = "Nghệ An"\n'
        'starts_at = "2026-12-28 08:00"\nrsvp_deadline = "2026-12-20 17:00"\n'
        'proposals_deadline = "2026-12-15 17:00"\n[report]\nissuer = "Văn phòng Tỉnh ủy"\n',
        encoding="utf-8",
    )
    out = tmp_path / "bao-cao.docx"
    assert main(["--config", str(config), "export", "report", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert "VĂN PHÒNG TỈNH ỦY" in docx.Document(str(out)).tables[0].cell(0, 0).text
    assert main(["--config", str(config), "export", "report", "--out", str(tmp_path / "r.xlsx")]) == 2
