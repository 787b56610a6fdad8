"""The organizing plan as XLSX: imported in the chat (preview, confirm) and from the CLI, bad rows refused with row
numbers, Vietnamese or English headers, and the export read back (issue 13)."""

from __future__ import annotations

import io
import os
import stat
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot.cli import main
from bot.services.tasks_file import PlanFileError, parse_plan_bytes
from tests.support.cli import CONFIG
from tests.support.harness import ORGANIZER_ID, VN, Harness
from tests.support.tasks import (
    AN,
    BINH,
    CHAIR,
    MEMBERS,
    board_fixture,  # noqa: F401 - the `board` fixture
    command,
    tap,
)

VI_HEADERS = ["STT", "Nội dung công việc", "Đơn vị/người thực hiện", "Thời hạn", "Ghi chú", "Nhóm"]
GOOD_ROWS = [
    [
        1,
        "Chuẩn bị hội trường, âm thanh",
        "Nguyễn Văn An",
        datetime(2026, 12, 20, 17, 0),
        "Phối hợp Văn phòng",
        "Hậu cần",
    ],
    [2, "Tổng hợp ý kiến theo lĩnh vực", "Ban Tuyên giáo Tỉnh ủy", "22/12/2026 17:00", "", "Nội dung"],
    [3, "Thông cáo báo chí", "Trần Thị Bình", date(2026, 12, 27), None, "Tuyên truyền"],
]


def workbook(headers: list[str], rows: list[list[object]], *, title_line: bool = True) -> bytes:
    """An .xlsx plan as a secretariat writes it: a title line, the header, the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title_line:
        sheet.append(["KẾ HOẠCH TỔ CHỨC HỘI NGHỊ"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_vietnamese_and_english_headers_dates_and_units() -> None:
    rows = parse_plan_bytes(workbook(VI_HEADERS, GOOD_ROWS), "kehoach.xlsx", MEMBERS, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert [(r.row, r.owner_id, r.group) for r in rows] == [
        (3, AN, "Hậu cần"),
        (4, BINH, "Nội dung"),
        (5, BINH, "Tuyên truyền"),
    ]
    assert rows[0].deadline == datetime(2026, 12, 20, 17, 0, tzinfo=VN) and rows[0].notes == "Phối hợp Văn phòng"
    assert rows[1].deadline == datetime(2026, 12, 22, 17, 0, tzinfo=VN)
    assert rows[1].owner_label == "Ban Tuyên giáo Tỉnh ủy (Trần Thị Bình)"  # a unit: its member is the contact
    assert rows[2].deadline == datetime(2026, 12, 27, 17, 0, tzinfo=VN)  # a date alone: 17:00 that day
    english = workbook(["No.", "Task", "Owner", "Deadline", "Notes"], [[1, "Press release", AN, "20/12/2026 09:30"]])
    (row,) = parse_plan_bytes(english, "plan.xlsx", MEMBERS, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (row.row, row.owner_id, row.deadline) == (3, AN, datetime(2026, 12, 20, 9, 30, tzinfo=VN))


@pytest.mark.parametrize(
    ("data", "name", "reasons"),
    [
        (b"not a zip", "kehoach.xlsx", [("unreadable_file", None)]),
        (b"a,b", "kehoach.csv", [("unsupported_file", None)]),
        (workbook(["Tên", "Ghi chú"], [["x", "y"]]), "k.xlsx", [("missing_column", 1)]),
        (
            workbook(["Nội dung công việc", "Ghi chú"], [["x", "y"]], title_line=False),
            "k.xlsx",
            [("missing_column", 1)] * 2,
        ),
        (
            workbook(
                VI_HEADERS,
                [
                    [1, "Hội trường", "Nguyễn Văn An", "20/12/2026 17:00"],
                    [2, "", "Nguyễn Văn An", "20/12/2026 17:00"],
                    [3, "Xe đưa đón", "Sở Giao thông", "20/12/2026 17:00"],
                    [4, "Hoa", "Trần Thị Bình", "sau hội nghị"],
                    [5, "Hội trường", "Trần Thị Bình", "21/12/2026 17:00"],
                    [6, "Khánh tiết", "", "21/12/2026 17:00"],
                ],
            ),
            "k.xlsx",
            [
                ("missing_title", 4),
                ("unknown_owner", 5),
                ("bad_deadline", 6),
                ("duplicate_title", 7),
                ("missing_owner", 8),
            ],
        ),
    ],
)
def test_bad_plans_are_refused_whole_with_row_numbers(
    data: bytes, name: str, reasons: list[tuple[str, int | None]]
) -> None:
    with pytest.raises(PlanFileError) as refused:
        parse_plan_bytes(data, name, MEMBERS, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert [(e.reason, e.row) for e in refused.value.errors] == reasons


async def test_plan_sent_in_the_chat_is_previewed_then_imported_and_owners_told(board: Harness) -> None:
    menu = await command(board, CHAIR, "tasks")
    ask = await tap(board, CHAIR, menu, "Nhập kế hoạch")
    assert "Nội dung công việc" in ask.plain_text and "dd/mm/yyyy HH:MM" in ask.plain_text
    since = board.emu.sent_count(CHAIR)
    board.emu.send_document(CHAIR, "kehoach.xlsx", workbook(VI_HEADERS, GOOD_ROWS))
    preview = await board.emu.wait_for_message(CHAIR, since=since)
    assert "Kế hoạch có 3 công việc" in preview.plain_text
    assert (
        "Chuẩn bị hội trường, âm thanh — Nguyễn Văn An (Ban Tổ chức Tỉnh ủy) — hạn 20/12/2026 17:00"
        in preview.plain_text
    )
    assert await board.services.tasks.all() == []  # nothing before the confirmation
    await board.emu.wait_for_callback_answer(await board.press(CHAIR, preview, "Nhập 3 công việc"))
    done = await board.emu.wait_for(
        lambda: next(
            (m for m in board.emu.messages(CHAIR) if m.message_id == preview.message_id and m.edit_count), None
        )
    )
    assert "3 công việc mới, 0 công việc được điều chỉnh, 0 không đổi" in done.plain_text
    tasks = await board.services.tasks.all()
    assert [(t.number, t.title, t.owner_id) for t in tasks] == [
        (1, "Chuẩn bị hội trường, âm thanh", AN),
        (2, "Tổng hợp ý kiến theo lĩnh vực", BINH),
        (3, "Thông cáo báo chí", BINH),
    ]
    card = await board.emu.wait_for_message(AN, lambda m: "Chuẩn bị hội trường" in m.plain_text)
    assert "Nhận việc" in card.button_texts()
    await board.emu.wait_for(lambda: len([m for m in board.emu.messages(BINH) if "Kính gửi" in m.plain_text]) == 2)
    # The same plan again changes nothing; a moved deadline updates the task and tells its owner.
    moved = [row[:] for row in GOOD_ROWS]
    moved[0][3] = datetime(2026, 12, 21, 17, 0)
    rows = parse_plan_bytes(workbook(VI_HEADERS, moved), "k.xlsx", MEMBERS, board.services.tasks.zone)
    report = await board.services.tasks.import_rows(rows, "test")
    assert (len(report.created), [t.number for t in report.updated], report.unchanged) == (0, [1], 2)


async def test_a_bad_plan_in_the_chat_is_refused_with_row_numbers(board: Harness) -> None:
    menu = await command(board, CHAIR, "tasks")
    await tap(board, CHAIR, menu, "Nhập kế hoạch")
    since = board.emu.sent_count(CHAIR)
    bad = workbook(
        VI_HEADERS, [[1, "Hội trường", "Sở Giao thông", "20/12/2026 17:00"], [2, "Hoa", "Trần Thị Bình", "x"]]
    )
    board.emu.send_document(CHAIR, "kehoach.xlsx", bad)
    refusal = await board.emu.wait_for_message(CHAIR, since=since)
    assert "Không nhập được kế hoạch “kehoach.xlsx”: 2 lỗi" in refusal.plain_text
    assert "Dòng 3: “Sở Giao thông” không phải thành viên" in refusal.plain_text
    assert "Dòng 4: thời hạn “x” không đúng dạng dd/mm/yyyy HH:MM" in refusal.plain_text
    assert await board.services.tasks.all() == []
    # A member cannot import: the plan file is the managers' (the typed-answer gate answers with the hint).
    await board.services.pending.put(AN, "task.plan", {})
    since = board.emu.sent_count(AN)
    board.emu.send_document(AN, "kehoach.xlsx", workbook(VI_HEADERS, GOOD_ROWS))
    hint = await board.emu.wait_for_message(AN, since=since)
    assert "vui lòng dùng các nút bấm" in hint.plain_text and await board.services.tasks.all() == []


async def test_export_in_the_chat_is_an_xlsx_with_states_and_history(board: Harness) -> None:
    rows = parse_plan_bytes(workbook(VI_HEADERS, GOOD_ROWS), "k.xlsx", MEMBERS, board.services.tasks.zone)
    await board.services.tasks.import_rows(rows, "test")
    menu = await command(board, CHAIR, "tasks")
    since = board.emu.sent_count(CHAIR)
    await board.press(CHAIR, menu, "Xuất kế hoạch")
    sent = await board.emu.wait_for_message(CHAIR, lambda m: m.document_name is not None, since=since)
    assert sent.document_name == "ke-hoach-cong-viec-2026-12-01.xlsx"
    assert sent.caption == "Kế hoạch công việc của Ban Tổ chức: 3 công việc."
    # The same file from the organizers' /export menu.
    menu = await command(board, ORGANIZER_ID, "export")
    since = board.emu.sent_count(ORGANIZER_ID)
    await board.press(ORGANIZER_ID, menu, "Kế hoạch công việc")
    again = await board.emu.wait_for_message(ORGANIZER_ID, lambda m: m.document_name is not None, since=since)
    assert again.document_name == sent.document_name
    book = openpyxl.load_workbook(io.BytesIO(sent.document_bytes or b""))
    assert book.sheetnames == ["Kế hoạch", "Tổng hợp", "Nhật ký"]
    plan = list(book["Kế hoạch"].iter_rows(values_only=True))
    assert plan[0][:7] == (
        "Số",
        "Nhóm công việc",
        "Nội dung công việc",
        "Người thực hiện",
        "Đơn vị/người thực hiện",
        "Thời hạn",
        "Trạng thái",
    )
    by_title = {row[2]: row for row in plan[1:]}
    assert by_title["Thông cáo báo chí"][5] == datetime(2026, 12, 27, 17, 0)
    assert by_title["Thông cáo báo chí"][6] == "Đang thực hiện"


def test_cli_imports_refuses_and_exports_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        CONFIG
        + "\n[committee]\nchair = 700001\n"
        + "".join(f'[[committee.members]]\nid = {m.user_id}\nname = "{m.name}"\nunit = "{m.unit}"\n' for m in MEMBERS),
        encoding="utf-8",
    )
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(
        workbook(VI_HEADERS, [[1, "", "Nguyễn Văn An", "20/12/2026 17:00"], [2, "Hoa", "Ai đó", "20/12/2026"]])
    )
    assert main(["--config", str(config), "tasks", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Không nhập được sai.xlsx: 2 lỗi" in err and "dòng 3: thiếu nội dung công việc" in err and "dòng 4:" in err
    plan = tmp_path / "kehoach.xlsx"
    plan.write_bytes(workbook(VI_HEADERS, GOOD_ROWS))
    assert main(["--config", str(config), "tasks", "import", str(plan)]) == 0
    assert "3 công việc mới" in capsys.readouterr().out
    out = tmp_path / "ke-hoach.xlsx"
    assert main(["--config", str(config), "export", "tasks", "--out", str(out)]) == 0
    assert "Đã ghi 3 dòng" in capsys.readouterr().out
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    book = openpyxl.load_workbook(out)
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0] == ("Nhóm công việc", "Tổng số", "Đã hoàn thành", "Đang thực hiện", "Quá hạn", "Vướng mắc")
    assert sorted(summary[1:]) == [
        ("Hậu cần", 1, 0, 1, 0, 0),
        ("Nội dung", 1, 0, 1, 0, 0),
        ("Tuyên truyền", 1, 0, 1, 0, 0),
    ]
    assert main(["--config", str(config), "export", "tasks", "--out", str(tmp_path / "x.csv")]) == 2
