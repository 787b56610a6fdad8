"""Writing organizer tables as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.services.tabular import Sheet, safe_sheet_titles, write_table, write_workbook

HEADERS = ("Mã", "Họ và tên", "Số điện thoại", "Ghi chú")
ROWS = [
    ("DB0001", "Nguyễn Văn An", "+84912345678", "Trưởng phòng, Sở Nội vụ"),
    ("DB0002", "Trần Thị Bình", "", 'Nói "điểm nghẽn"\ncần tháo gỡ'),
    ("DB0003", "Lê Văn Cường", None, 42),
]
DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def read_csv(path: Path) -> list[list[str]]:
    """Rows of a CSV written by write_table, after checking its BOM."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_has_bom_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    write_table(path, HEADERS, iter(ROWS))
    assert read_csv(path) == [
        list(HEADERS),
        ["DB0001", "Nguyễn Văn An", "'+84912345678", "Trưởng phòng, Sở Nội vụ"],
        ["DB0002", "Trần Thị Bình", "", 'Nói "điểm nghẽn"\ncần tháo gỡ'],
        ["DB0003", "Lê Văn Cường", "", "42"],
    ]


def test_csv_neutralises_formulas_but_not_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write_table(path, ["v"], [[text] for text in DANGEROUS] + [[-5], [1.5], ["a=b"], [True]])
    values = [row[0] for row in read_csv(path)[1:]]
    assert values[: len(DANGEROUS)] == ["'" + text for text in DANGEROUS]
    assert values[len(DANGEROUS) :] == ["-5", "1.5", "a=b", "TRUE"]


def test_csv_datetimes_are_local_and_naive(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    moment = datetime(2019, 9, 28, 1, 30, tzinfo=UTC)
    write_table(path, ["Thời điểm", "Ngày"], [[moment, date(2019, 9, 28)], [datetime(2019, 9, 28, 8, 0), None]])
    assert read_csv(path)[1:] == [["2019-09-28 08:30:00", "2019-09-28"], ["2019-09-28 08:00:00", ""]]


def test_xlsx_round_trips_with_bold_frozen_header_and_widths(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_table(path, HEADERS, ROWS, sheet_title="Đại biểu")
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet.title == "Đại biểu"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        list(HEADERS),
        ["DB0001", "Nguyễn Văn An", "+84912345678", "Trưởng phòng, Sở Nội vụ"],
        ["DB0002", "Trần Thị Bình", None, 'Nói "điểm nghẽn"\ncần tháo gỡ'],
        ["DB0003", "Lê Văn Cường", None, 42],
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].data_type == "s"
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert 8 <= widths["A"] < widths["D"] <= 60


def test_xlsx_stores_formula_like_text_as_plain_strings(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_table(path, ["=not a header formula"], [[text] for text in DANGEROUS + ["#N/A", "=1+1"]])
    sheet = load_workbook(path).active
    cells = [row[0] for row in sheet.iter_rows()]
    expected = ["=not a header formula", *(text.replace("\r", "\n") for text in DANGEROUS), "#N/A", "=1+1"]
    assert [cell.value for cell in cells] == expected
    assert {cell.data_type for cell in cells} == {"s"}
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_xlsx_datetimes_are_excel_datetimes_without_tzinfo(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    aware = datetime(2019, 9, 28, 1, 30, tzinfo=UTC)
    other = datetime(2019, 9, 28, 10, 30, tzinfo=timezone(timedelta(hours=9)))
    write_table(path, ["a", "b", "c"], [[aware, other, date(2019, 9, 28)]])
    row = load_workbook(path).active[2]
    assert [cell.value for cell in row] == [
        datetime(2019, 9, 28, 8, 30),
        datetime(2019, 9, 28, 8, 30),
        datetime(2019, 9, 28, 0, 0),
    ]
    assert all(cell.is_date for cell in row)
    assert row[0].value.tzinfo is None


def test_xlsx_drops_characters_excel_cannot_store(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_table(path, ["a"], [["Lê\x00Văn\x0bAn"]])
    assert load_workbook(path).active["A2"].value == "LêVănAn"


def test_unsupported_suffix_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_table(tmp_path / "x.txt", ["a"], [[1]])
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.csv", [Sheet("a", ["a"], [[1]])])
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", [])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"old content")
    write_table(path, ["a"], [["new"]])
    assert path.read_bytes() != b"old content"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"old content")

    def rows() -> object:
        yield ["first"]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_table(path, ["a"], rows())
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_workbook_with_several_sheets_and_sanitised_titles(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    write_workbook(
        path,
        [
            Sheet("Trả lời 28/9: [tất cả]?", ["a"], [[1]]),
            Sheet("trả lời 28 9 tất cả", ["b"], [[2]]),
            Sheet("Danh sách đại biểu dự hội nghị gặp mặt", ["c"], [[3]]),
            Sheet("", ["d"], []),
        ],
    )
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Trả lời 28 9 tất cả",
        "trả lời 28 9 tất cả (2)",
        "Danh sách đại biểu dự hội nghị",
        "Sheet",
    ]
    assert [sheet["A2"].value for sheet in workbook.worksheets] == [1, 2, 3, None]
    assert workbook.worksheets[3]["A1"].value == "d"


def test_safe_sheet_titles_follow_excel_rules() -> None:
    titles = safe_sheet_titles(["a/b\\c*d", "'quoted'", "History", "x" * 40, "X" * 40, "Sheet", ""])
    assert titles == ["a b c d", "quoted", "History (2)", "x" * 31, "X" * 27 + " (2)", "Sheet", "Sheet (2)"]
    assert all(1 <= len(title) <= 31 for title in titles)
    assert len({title.casefold() for title in titles}) == len(titles)
