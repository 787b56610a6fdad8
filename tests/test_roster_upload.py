"""An admin uploads the roster in the chat: preview (new / updated with fields / unchanged / missing / invalid rows),
Confirm imports all or nothing, Cancel, a second file replaces the preview, the preview expires after 30 minutes."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl

from bot.sandbox.emulator import SentMessage
from tests.support.harness import ORGANIZER_ID, Harness

HEADER = ("Mã", "Họ và tên", "Chức vụ", "Phòng", "Cơ quan", "Số điện thoại")
# DB001 unchanged; DB002 changes position and phone; DB003 is missing; DB004 is new (a name naive fonts break).
CORRECTED = [
    ("DB001", "Nguyễn Văn An", "Trưởng phòng", "Phòng Tổ chức", "Sở Nội vụ", "0912345678"),
    ("DB002", "Trần Thị Bình", "Phó Giám đốc", "Phòng Tổ chức", "Sở Tài chính", "0987 000 999"),
    ("DB004", "Đặng Thị Ngọc Ánh", "Trưởng phòng", "Phòng Kế hoạch", "Sở Y tế", "0903 111 222"),
]


def xlsx(rows: list[tuple[str, ...]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def upload(h: Harness, name: str, data: bytes, user_id: int = ORGANIZER_ID) -> SentMessage:
    since = h.emu.sent_count(user_id)
    h.emu.send_document(user_id, name, data)
    return await h.emu.wait_for_message(user_id, since=since)


async def press(h: Harness, message: SentMessage, label: str) -> SentMessage:
    since = h.emu.sent_count(ORGANIZER_ID)
    await h.press(ORGANIZER_ID, message, label)
    return await h.emu.wait_for_message(ORGANIZER_ID, since=since)


async def roster(h: Harness) -> dict[str, tuple[str, str | None]]:
    async with h.services.db.read() as uow:
        return {d.code: (d.position, d.phone) for d in await uow.delegates.all(h.services.event.id)}


async def test_corrected_roster_preview_then_confirm(harness: Harness) -> None:
    preview = await upload(harness, "danh-sach-moi.xlsx", xlsx(CORRECTED))
    body = preview.plain_text
    assert "Xem trước danh sách danh-sach-moi.xlsx" in body
    assert "Thêm mới: 1 · cập nhật: 1 · giữ nguyên: 1 · có trong danh sách cũ nhưng không có trong tệp: 1" in body
    assert "• DB004 Đặng Thị Ngọc Ánh — Sở Y tế" in body
    assert "• DB002 Trần Thị Bình: chức vụ, số điện thoại" in body
    assert "Không có trong tệp (vẫn giữ trong danh sách):\n• DB003 Lê <b>Cường</b> & Co — Sở Y tế" in body
    assert "đến 09 giờ 30, thứ Ba, ngày 01/12/2026" in body
    assert await roster(harness) == {
        "DB001": ("Trưởng phòng", "+84912345678"),
        "DB002": ("Trưởng phòng", "+84987654321"),
        "DB003": ("Trưởng phòng", "+84909000111"),
    }  # nothing saved before Confirm
    done = await press(harness, preview, "Xác nhận nhập")
    assert "Đã nhập danh-sach-moi.xlsx: thêm 1, cập nhật 1, giữ nguyên 1; 1 đại biểu" in done.plain_text
    link = f"https://t.me/hoinghi_test_bot?start={await harness.token_of('DB004')}"
    assert f"• DB004 Đặng Thị Ngọc Ánh: {link}" in done.plain_text
    stored = await roster(harness)
    assert stored["DB002"] == ("Phó Giám đốc", "+84987000999") and stored["DB003"][0] == "Trưởng phòng"
    assert stored["DB004"] == ("Trưởng phòng", "+84903111222")
    edited = next(m for m in harness.emu.messages(ORGANIZER_ID) if m.message_id == preview.message_id)
    assert edited.callback_datas() == []  # the buttons are gone
    async with harness.services.db.read() as uow:
        log = await uow.console.audit(harness.services.event.id, limit=1)
    assert (log[0].actor, log[0].action) == (f"telegram:{ORGANIZER_ID}", "roster_imported")


async def test_bad_rows_are_listed_and_nothing_is_imported(harness: Harness) -> None:
    bad = "Mã,Họ và tên,Số điện thoại\nDB009,,0912 000 111\nDB010,Lê Văn C,12ab\nDB011,Phạm Văn D,0912 000 333\n"
    reply = await upload(harness, "sai.csv", bad.encode("utf-8"))
    assert "Không nhập được sai.csv: có 2 lỗi, danh sách giữ nguyên" in reply.plain_text
    assert (
        "Dòng 2: thiếu họ và tên" in reply.plain_text and "Dòng 3: số điện thoại không hợp lệ: 12ab" in reply.plain_text
    )
    assert reply.callback_datas() == [] and set(await roster(harness)) == {"DB001", "DB002", "DB003"}
    taken = "Mã,Họ và tên,Số điện thoại\nDB009,Phạm Văn D,0912345678\n"  # DB001's phone
    reply = await upload(harness, "trung.csv", taken.encode("utf-8"))
    assert "Dòng 2: số điện thoại +84912345678 đã thuộc đại biểu mã DB001" in reply.plain_text


async def test_a_document_that_is_not_a_roster(harness: Harness) -> None:
    reply = await upload(harness, "ke-hoach.pdf", b"%PDF-1.7 ...")
    assert "Tệp ke-hoach.pdf không phải danh sách đại biểu" in reply.plain_text
    reply = await upload(harness, "hong.xlsx", b"not a zip at all")
    assert "Tệp hong.xlsx không đọc được như một danh sách đại biểu" in reply.plain_text
    reply = await upload(harness, "khong-cot.csv", "Tên món,Giá\nPhở,40000\n".encode())
    assert "không đọc được như một danh sách" in reply.plain_text and "thiếu cột" in reply.plain_text
    assert reply.callback_datas() == []


async def test_a_second_file_replaces_the_preview_and_cancel_changes_nothing(harness: Harness) -> None:
    first = await upload(harness, "lan-1.xlsx", xlsx(CORRECTED[:1]))
    second = await upload(harness, "lan-2.xlsx", xlsx(CORRECTED))
    assert "lan-2.xlsx" in second.plain_text
    query = harness.emu.press_button(ORGANIZER_ID, first.message_id, first.button_data("Xác nhận nhập"))
    answer = await harness.emu.wait_for_callback_answer(query)
    assert answer.show_alert and "không còn hiệu lực" in (answer.text or "")
    cancelled = await press(harness, second, "Hủy")
    assert cancelled.plain_text == "Đã hủy. Danh sách đại biểu giữ nguyên."
    assert set(await roster(harness)) == {"DB001", "DB002", "DB003"}


async def test_the_preview_expires_after_thirty_minutes(harness: Harness) -> None:
    preview = await upload(harness, "danh-sach.xlsx", xlsx(CORRECTED))
    harness.clock.advance(timedelta(minutes=31))
    reply = await press(harness, preview, "Xác nhận nhập")
    assert "đã hết hạn (quá 30 phút)" in reply.plain_text
    assert "DB004" not in await roster(harness)


async def test_a_delegate_sending_a_file_gets_the_usual_hint(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    reply = await upload(harness, "danh-sach.xlsx", xlsx(CORRECTED), user_id=101)
    assert "Xem trước" not in reply.plain_text and reply.callback_datas() == []
    assert "DB004" not in await roster(harness)


async def test_an_old_excel_file_is_refused_with_how_to_save_it(harness: Harness) -> None:
    # .xls is what many secretariats still save; it reaches the roster reader and is refused with the way out.
    before = await roster(harness)
    reply = await upload(harness, "danh-sach.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "Tệp danh-sach.xls không đọc được như một danh sách đại biểu" in reply.plain_text
    assert "Excel 97–2003 (.xls)" in reply.plain_text and "(.xlsx)" in reply.plain_text
    assert reply.callback_datas() == [] and await roster(harness) == before
