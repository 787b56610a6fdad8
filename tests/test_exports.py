"""The organizers' XLSX files: one module for /export in the chat and `delegate-bot export …`, read back."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from bot.services.exports import TABLE_KINDS
from handlers import exports as export_handlers
from tests.support.harness import ORGANIZER_ID, Harness
from tests.support.proposals import propose

TODAY = "2026-12-01"  # the harness clock's date in Hà Nội time


async def _activity(h: Harness) -> int:
    """Two delegates connected, one answers, one proposal that looks like a formula, one broadcast queued."""
    await h.open_link(101, "DB001")
    await h.open_link(102, "DB002")
    delegate = await h.services.invitations.delegate_of(101)
    assert delegate is not None
    async with h.services.db.transaction() as uow:
        await uow.rsvps.save(delegate.id, "attending", h.clock.now())
    await propose(h, 102, "Cơ chế, chính sách", '=HYPERLINK("http://x";"bấm")')
    draft = await h.services.broadcasts.create_draft(ORGANIZER_ID, "all", (), "Kính gửi đồng chí", None)
    await h.services.broadcasts.send_now(draft.id, ORGANIZER_ID)
    return draft.id


async def test_every_table_is_vietnamese_dated_frozen_sized_and_safe(harness: Harness, tmp_path: Path) -> None:
    broadcast = await _activity(harness)
    names = {}
    for kind in TABLE_KINDS:
        written = await harness.services.exports.write(
            kind, tmp_path, actor="test", broadcast_id=broadcast, bot_username="hoinghi_test_bot"
        )
        names[kind] = written.name
        assert stat.S_IMODE(written.path.stat().st_mode) == 0o600
        book = openpyxl.load_workbook(written.path)
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2", (kind, sheet.title)
            assert sheet.column_dimensions["B"].width >= 8
    assert names == {
        "rsvps": f"tra-loi-giay-moi-{TODAY}.xlsx",
        "proposals": f"y-kien-kien-nghi-theo-linh-vuc-{TODAY}.xlsx",
        "nominations": f"de-xuat-bieu-duong-{TODAY}.xlsx",
        "deliveries": f"ket-qua-gui-thong-bao-so-{broadcast}-{TODAY}.xlsx",
        "invitations": f"duong-dan-giay-moi-{TODAY}.xlsx",
        "audit": f"nhat-ky-thao-tac-{TODAY}.xlsx",
        "checkins": f"diem-danh-{TODAY}.xlsx",
        "questions": f"cau-hoi-doan-chu-tich-{TODAY}.xlsx",
    }
    answers = openpyxl.load_workbook(tmp_path / names["rsvps"])
    rows = list(answers["Trả lời"].iter_rows())
    assert [c.value for c in rows[0]][:9] == [
        "STT",
        "Mã đại biểu",
        "Họ và tên",
        "Chức vụ",
        "Phòng",
        "Cơ quan, đơn vị",
        "Số điện thoại",
        "Đã kết nối Telegram",
        "Trả lời",
    ]
    first = rows[1]
    assert first[2].value == "Nguyễn Văn An" and first[8].value == "Tham dự" and first[6].value == "+84912345678"
    assert first[12].value.strftime("%d/%m/%Y %H:%M") == "01/12/2026 09:00"  # the event's wall clock
    assert first[12].number_format == "dd/mm/yyyy hh:mm"
    assert rows[3][8].value == "Chưa xác nhận"
    by_agency = list(answers["Theo cơ quan"].iter_rows(values_only=True))
    assert by_agency[-1] == ("Tổng cộng", 3, 2, 1, 0, 0, 2)
    proposals = openpyxl.load_workbook(tmp_path / names["proposals"])
    cell = proposals["Cơ chế, chính sách"]["G2"]
    assert cell.value == '=HYPERLINK("http://x";"bấm")' and cell.data_type == "s"  # text, never a formula
    links = list(openpyxl.load_workbook(tmp_path / names["invitations"]).active.iter_rows(values_only=True))
    assert links[0][-1] == "Đường dẫn cá nhân"
    assert links[3][-1] == f"https://t.me/hoinghi_test_bot?start={await harness.token_of('DB003')}"
    deliveries = list(openpyxl.load_workbook(tmp_path / names["deliveries"]).worksheets[0].iter_rows(values_only=True))
    assert len(deliveries) == 4 and deliveries[3][2] == "Lê <b>Cường</b> & Co" and deliveries[3][7] == "Chưa kết nối"
    audit = list(openpyxl.load_workbook(tmp_path / names["audit"]).active.iter_rows(values_only=True))
    assert ("Nhập danh sách đại biểu" in [r[3] for r in audit]) and ("Gửi ý kiến" in [r[3] for r in audit])


async def _export_in_chat(h: Harness, button: str) -> object:
    menu = await h.say(ORGANIZER_ID, "/export")
    since = h.emu.sent_count(ORGANIZER_ID)
    await h.press(ORGANIZER_ID, menu, button)
    return await h.emu.wait_for_message(ORGANIZER_ID, since=since)


async def test_export_in_the_chat_sends_the_same_file(harness: Harness) -> None:
    await _activity(harness)
    sent = await _export_in_chat(harness, "Xác nhận tham dự")
    assert sent.document_name == f"tra-loi-giay-moi-{TODAY}.xlsx"  # type: ignore[attr-defined]
    assert "3 đại biểu" in sent.plain_text  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(io.BytesIO(sent.document_bytes))  # type: ignore[attr-defined]
    assert book["Trả lời"]["C2"].value == "Nguyễn Văn An"
    async with harness.services.db.read() as uow:
        log = await uow.console.audit(harness.services.event.id, limit=1)
    assert (log[0].actor, log[0].action, log[0].subject) == (f"telegram:{ORGANIZER_ID}", "export", "rsvps")


async def test_deliveries_are_chosen_by_broadcast(harness: Harness) -> None:
    broadcast = await _activity(harness)
    choose = await _export_in_chat(harness, "Kết quả gửi thông báo")
    assert "chọn thông báo" in choose.plain_text  # type: ignore[attr-defined]
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, choose, f"Số {broadcast}")  # type: ignore[arg-type]
    sent = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: m.document_name is not None, since=since)
    assert sent.document_name == f"ket-qua-gui-thong-bao-so-{broadcast}-{TODAY}.xlsx"


async def test_a_file_over_telegrams_limit_is_refused_clearly(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_handlers, "MAX_DOCUMENT_BYTES", 1000)
    sent = await _export_in_chat(harness, "Nhật ký thao tác")
    assert sent.document_name is None  # type: ignore[attr-defined]
    assert "vượt giới hạn" in sent.plain_text and "delegate-bot export audit" in sent.plain_text  # type: ignore[attr-defined]


async def test_export_is_an_unknown_command_for_a_delegate(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    reply = await harness.say(101, "/export")
    assert "xuất" not in reply.plain_text.lower() and reply.document_name is None
    assert reply.plain_text == (await harness.say(101, "/no_such_command")).plain_text


CONFIG = """
[telegram]
organizers = [1]
[database]
path = "bot.sqlite3"
[event]
code = "{code}"
name = "{name}"
venue = "Nghệ An"
starts_at = "2026-12-28 08:00"
rsvp_deadline = "2026-12-20 17:00"
proposals_deadline = "2026-12-15 17:00"
"""
ROSTER = "Mã,Họ và tên,Chức vụ,Cơ quan,Số điện thoại\nDB1,Nguyễn Văn An,Trưởng phòng,Sở Nội vụ,0912 345 678\n"


def test_cli_writes_the_vietnamese_name_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(code="gap-mat", name="Hội nghị gặp mặt"), encoding="utf-8")
    roster = tmp_path / "ds.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert main(["--config", str(config), "roster", "import", str(roster)]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["--config", str(config), "export", "audit"]) == 0
    written = sorted(p.name for p in tmp_path.glob("nhat-ky-thao-tac-*.xlsx"))
    assert len(written) == 1 and written[0] in capsys.readouterr().out
    assert main(["--config", str(config), "export", "deliveries", "--broadcast", "7"]) == 1
    assert "Không có thông báo số 7" in capsys.readouterr().err
    assert main(["--config", str(config), "export", "audit", "--out", str(tmp_path / "x.pdf")]) == 2
    assert ".xlsx" in capsys.readouterr().err
