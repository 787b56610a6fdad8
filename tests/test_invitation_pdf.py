"""Printable invitations: A5 pages read back with pypdf, the QR decoded back to the exact link, a page rendered."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from bot.cli import main
from bot.services.roster_file import RosterEntry
from tests.support.harness import ORGANIZER_ID, Harness

# Decomposed (NFD) letters, Đ/ư/ơ with stacked marks, HTML-ish text and an emoji: all break naive PDF fonts.
TRICKY = unicodedata.normalize("NFD", "Đặng Thị Ngọc Ánh") + " <Ư&Ơ> 🌟"
PAGE_POINTS = (419.53, 595.28)  # A5


async def _add_tricky(h: Harness) -> None:
    entries = [
        RosterEntry(5, "DB004", TRICKY, "Phó Trưởng phòng", "Phòng Kế hoạch", "Sở Khoa học và Công nghệ", None, None)
    ]
    await h.services.roster.import_entries(entries, actor="test")


def _qr_links(pdf: bytes, page: int) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    image = document[page].render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


async def test_one_a5_page_per_delegate_with_text_and_a_qr_of_the_link(harness: Harness, tmp_path: Path) -> None:
    await _add_tricky(harness)
    written = await harness.services.exports.write(
        "invitations_pdf", tmp_path, actor="test", bot_username="hoinghi_test_bot"
    )
    assert written.name == "giay-moi-2026-12-01.pdf" and written.rows == 4
    reader = PdfReader(written.path)
    assert len(reader.pages) == 4
    assert [round(float(v), 1) for v in reader.pages[0].mediabox.upper_right] == [round(v, 1) for v in PAGE_POINTS]
    first = " ".join(reader.pages[0].extract_text().split())
    assert "GIẤY MỜI" in first
    assert "Kính gửi đồng chí Nguyễn Văn An, Trưởng phòng, Sở Nội vụ" in first
    assert "Hội nghị gặp mặt trưởng, phó phòng <2026>" in first
    assert "08 giờ 00, thứ Hai, ngày 28/12/2026" in first and "Trung tâm Hội nghị tỉnh" in first
    assert "trước 17 giờ 00, Chủ nhật, ngày 20/12/2026" in first
    assert "quét mã QR" in first and "Bắt đầu (Start)" in first
    link = f"https://t.me/hoinghi_test_bot?start={await harness.token_of('DB001')}"
    assert link in first.replace(" ", "")
    assert _qr_links(written.path.read_bytes(), 0) == [link]
    tricky = " ".join(reader.pages[3].extract_text().split())
    assert "Đặng Thị Ngọc Ánh <Ư&Ơ>" in unicodedata.normalize("NFC", tricky)
    assert _qr_links(written.path.read_bytes(), 3) == [
        f"https://t.me/hoinghi_test_bot?start={await harness.token_of('DB004')}"
    ]


async def test_only_one_agency_or_only_the_unlinked(harness: Harness, tmp_path: Path) -> None:
    await harness.open_link(101, "DB001")
    services = harness.services
    unlinked = await services.exports.write(
        "invitations_pdf", tmp_path / "a.pdf", actor="test", unlinked=True, bot_username="b"
    )
    assert unlinked.rows == 2
    names = " ".join(p.extract_text() for p in PdfReader(unlinked.path).pages)
    assert "Nguyễn Văn An" not in names and "Trần Thị Bình" in names
    one = await services.exports.write(
        "invitations_pdf", tmp_path / "b.pdf", actor="test", agency="sở y tế", bot_username="b"
    )
    assert one.rows == 1 and "Lê <b>Cường</b> & Co" in PdfReader(one.path).pages[0].extract_text()
    none = await services.exports.write(
        "invitations_pdf", tmp_path / "c.pdf", actor="test", agency="Không có", bot_username="b"
    )
    assert none.rows == 0 and "Không có đại biểu nào" in PdfReader(none.path).pages[0].extract_text()


async def test_invitations_pdf_in_the_chat(harness: Harness) -> None:
    menu = await harness.say(ORGANIZER_ID, "/export")
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, menu, "Giấy mời để in")
    sent = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: m.document_name is not None, since=since)
    assert sent.document_name == "giay-moi-2026-12-01.pdf" and "3 trang khổ A5" in sent.plain_text
    assert sent.document_bytes is not None
    assert len(PdfReader(io.BytesIO(sent.document_bytes)).pages) == 3


def test_cli_invites_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[database]\npath = "bot.sqlite3"\n[event]\nname = "Hội nghị"\nvenue = "Nghệ An"\n'
        'starts_at = "2026-12-28 08:00"\nrsvp_deadline = "2026-12-20 17:00"\n'
        'proposals_deadline = "2026-12-15 17:00"\n',
        encoding="utf-8",
    )
    roster = tmp_path / "ds.csv"
    roster.write_text(
        "Mã,Họ và tên,Cơ quan\nDB1,Nguyễn Văn An,Sở Nội vụ\nDB2,Trần Thị Bình,Sở Y tế\n", encoding="utf-8"
    )
    assert main(["--config", str(config), "roster", "import", str(roster)]) == 0
    out = tmp_path / "giay-moi.pdf"
    assert main(["--config", str(config), "invites", "print", "--out", str(out)]) == 2  # the bot never ran
    assert "--bot-username" in capsys.readouterr().err
    args = ["--config", str(config), "invites", "print", "--out", str(out), "--bot-username", "@hn_bot"]
    assert main([*args, "--agency", "Sở Y tế"]) == 0
    assert "Đã ghi 1 trang giấy mời khổ A5" in capsys.readouterr().out
    assert "https://t.me/hn_bot?start=" in PdfReader(out).pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert (
        main(["--config", str(config), "invites", "print", "--out", str(tmp_path / "x.xlsx"), "--bot-username", "b"])
        == 2
    )
