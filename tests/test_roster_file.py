"""Parsing delegate rosters from CSV and XLSX, and refusing bad files with every error at once."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.i18n import plain
from bot.services.roster_file import (
    MAX_LENGTHS,
    REASONS,
    RosterEntry,
    RosterFileError,
    RowError,
    header_key,
    parse_roster,
    parse_roster_bytes,
)

VI_HEADER = "STT,Mã,Họ và tên,Chức vụ,Phòng,Cơ quan,Số điện thoại,Email"


def write_text(tmp_path: Path, text: str, name: str = "roster.csv", encoding: str = "utf-8") -> Path:
    """Write a text file into the test folder."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "roster.xlsx") -> Path:
    """Write rows into the first sheet of a workbook, plus a decoy second sheet."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Khác").append(["Họ và tên", "Mã"])
    path = tmp_path / name
    workbook.save(path)
    return path


def workbook_bytes(sheets: list[tuple[str, list[list[object]]]], hidden: tuple[str, ...] = ()) -> bytes:
    """An XLSX workbook with these sheets (title, rows); the titles in `hidden` are hidden sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.active = next(i for i, (title, _) in enumerate(sheets) if title not in hidden)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def errors_of(path: Path, **kwargs: int) -> list[RowError]:
    """The errors a refused file reports."""
    with pytest.raises(RosterFileError) as caught:
        parse_roster(path, **kwargs)
    assert caught.value.errors, "a refused file must say why"
    return caught.value.errors


def summary(errors: list[RowError]) -> list[tuple[int | None, str]]:
    """(row, reason) pairs, in report order."""
    return [(error.row, error.reason) for error in errors]


def test_vietnamese_csv_is_parsed_into_entries(tmp_path: Path) -> None:
    path = write_text(
        tmp_path,
        VI_HEADER + "\n"
        "1,DB0001,Nguyễn Văn An,Trưởng phòng,Phòng Tổ chức cán bộ,Sở Nội vụ,0912 345 678,An.NV@NgheAn.gov.vn\n"
        "2,DB0002,Trần Thị Bình,Phó Trưởng phòng,Phòng Kế hoạch - Tài chính,Sở Y tế,,\n",
    )
    assert parse_roster(path) == [
        RosterEntry(
            row=2,
            code="DB0001",
            full_name="Nguyễn Văn An",
            position="Trưởng phòng",
            department="Phòng Tổ chức cán bộ",
            agency="Sở Nội vụ",
            phone="+84912345678",
            email="an.nv@nghean.gov.vn",
        ),
        RosterEntry(
            row=3,
            code="DB0002",
            full_name="Trần Thị Bình",
            position="Phó Trưởng phòng",
            department="Phòng Kế hoạch - Tài chính",
            agency="Sở Y tế",
            phone=None,
            email=None,
        ),
    ]


def test_csv_with_bom_reads_the_first_header(tmp_path: Path) -> None:
    path = write_text(tmp_path, "Mã,Họ và tên,SĐT\nDB1,Lê Văn Cường,0987654321\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    [entry] = parse_roster(path)
    assert (entry.code, entry.full_name, entry.phone) == ("DB1", "Lê Văn Cường", "+84987654321")


def test_semicolon_csv_with_comma_inside_a_header(tmp_path: Path) -> None:
    path = write_text(
        tmp_path,
        "STT;Họ tên;Sở, ngành;Điện thoại\n1;Phạm Thị Dung;Sở Tư pháp;0912.345.678\n"
        "2;Hồ Đức Em;Sở Công Thương, Nghệ An;+84 987 654 321\n",
    )
    entries = parse_roster(path)
    assert [(e.full_name, e.agency, e.phone) for e in entries] == [
        ("Phạm Thị Dung", "Sở Tư pháp", "+84912345678"),
        ("Hồ Đức Em", "Sở Công Thương, Nghệ An", "+84987654321"),
    ]


def test_tab_delimited_file(tmp_path: Path) -> None:
    path = write_text(tmp_path, "Mã\tHọ và tên\tChức vụ\nA1\tVũ Thị Hoa\tChánh Văn phòng\n", name="roster.tsv")
    [entry] = parse_roster(path)
    assert (entry.code, entry.full_name, entry.position) == ("A1", "Vũ Thị Hoa", "Chánh Văn phòng")


def test_quoted_fields_with_newlines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = write_text(
        tmp_path, 'Mã,Họ và tên,Phòng\nX1,"Đặng\nThị  Giang","Phòng Quản lý\r\nxây dựng"\nX2,Bùi Văn Hải,Thanh tra Sở\n'
    )
    entries = parse_roster(path)
    assert [(e.row, e.full_name, e.department) for e in entries] == [
        (2, "Đặng Thị Giang", "Phòng Quản lý xây dựng"),
        (3, "Bùi Văn Hải", "Thanh tra Sở"),
    ]


def test_utf16_text_exported_by_excel(tmp_path: Path) -> None:
    path = write_text(tmp_path, "Mã\tHọ và tên\nM9\tNgô Thị Lan\n", encoding="utf-16")
    assert [(e.code, e.full_name) for e in parse_roster(path)] == [("M9", "Ngô Thị Lan")]


def test_english_headers_in_any_case_and_punctuation(tmp_path: Path) -> None:
    path = write_text(
        tmp_path,
        "No.,Delegate Code,FULL NAME,Title,Division,Organization,Mobile,E-mail,Notes\n"
        "1,c-7,Do Van Khoa,Head of Division,Planning,Department of Finance,912345678,k@x.vn,vip\n",
    )
    [entry] = parse_roster(path)
    assert entry == RosterEntry(
        row=2,
        code="c-7",
        full_name="Do Van Khoa",
        position="Head of Division",
        department="Planning",
        agency="Department of Finance",
        phone="+84912345678",
        email="k@x.vn",
    )


@pytest.mark.parametrize("header", ["HỌ VÀ TÊN", "ho va ten", "Họ  và   tên:", "Họ tên (*)", "name", "Full-Name"])
def test_name_header_is_matched_ignoring_case_accents_and_punctuation(tmp_path: Path, header: str) -> None:
    path = write_text(tmp_path, f"so dien thoai,{header}\n0912345678,Lý Thị Mai\n")
    assert [(e.full_name, e.phone) for e in parse_roster(path)] == [("Lý Thị Mai", "+84912345678")]


def test_header_key_folds_vietnamese() -> None:
    assert header_key("Sở, ngành") == "so nganh"
    assert header_key("  SĐT ") == "sdt"
    assert header_key(unicodedata.normalize("NFD", "Thư điện tử")) == "thu dien tu"


def test_nfd_text_is_nfc_normalised(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Mã,Họ và tên,Cơ quan\nĐ1,Nguyễn Thị Thủy,Sở Văn hóa và Thể thao\n")
    assert nfd != unicodedata.normalize("NFC", nfd)
    [entry] = parse_roster(write_text(tmp_path, nfd))
    assert entry.full_name == "Nguyễn Thị Thủy" and unicodedata.is_normalized("NFC", entry.full_name)
    assert entry.agency == "Sở Văn hóa và Thể thao" and entry.code == "Đ1"


def test_whitespace_is_stripped_and_collapsed(tmp_path: Path) -> None:
    path = write_text(tmp_path, "Mã,Họ và tên,Chức vụ\n  DB5 ,\u00a0 Trần \t Văn   Nam \u200b, Phó  Trưởng phòng\n")
    [entry] = parse_roster(path)
    assert (entry.code, entry.full_name, entry.position) == ("DB5", "Trần Văn Nam", "Phó Trưởng phòng")


def test_empty_rows_and_stt_only_rows_are_skipped(tmp_path: Path) -> None:
    path = write_text(tmp_path, "STT,Mã,Họ và tên\n\n1,A,Lê Văn Long\n,,\n3,,\n;;\n4,B,Lê Thị Hồng\n")
    assert [(e.row, e.code) for e in parse_roster(path)] == [(3, "A"), (7, "B")]


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = write_text(
        tmp_path,
        "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ,,\n(Kèm theo Công văn số 123),,\n,,\n"
        "Mã,Họ và tên,Cơ quan\nDB1,Hoàng Văn Phúc,Sở Du lịch\n",
    )
    assert [(e.row, e.full_name) for e in parse_roster(path)] == [(5, "Hoàng Văn Phúc")]


def test_missing_name_column(tmp_path: Path) -> None:
    errors = errors_of(write_text(tmp_path, "Mã,Chức vụ,Số điện thoại\nDB1,Trưởng phòng,0912345678\n"))
    assert [(e.row, e.reason, e.detail["column"]) for e in errors] == [(1, "missing_column", "Họ và tên")]


def test_duplicate_column(tmp_path: Path) -> None:
    errors = errors_of(write_text(tmp_path, "Họ và tên,SĐT,Họ và tên\nLê A,0912345678,Lê A\n"))
    assert errors == [RowError(1, "duplicate_column", {"column": "Họ và tên", "field": "full_name"})]
    errors = errors_of(write_text(tmp_path, "Họ và tên,SĐT,Họ tên\nLê A,0912345678,Lê A\n"))  # two spellings
    assert errors == [RowError(1, "ambiguous_column", {"columns": "“Họ và tên”, “Họ tên”", "field": "full_name"})]


def test_every_row_error_is_reported_at_once_with_spreadsheet_row_numbers(tmp_path: Path) -> None:
    long_name = "Nguyễn " + "A" * MAX_LENGTHS["full_name"]
    lines = [
        "Mã,Họ và tên,Chức vụ,Số điện thoại,Email",
        "DB1,Nguyễn Văn Một,Trưởng phòng,0912345678,mot@nghean.gov.vn",  # 2 ok
        "DB2,,Trưởng phòng,0912345679,",  # 3 missing_name
        ",Trần Văn Ba,Trưởng phòng,,",  # 4 missing_identity
        "",  # 5 empty, skipped
        "DB4,Lê Văn Bốn,Trưởng phòng,01699123456,",  # 6 bad_phone (retired)
        "DB5,Phạm Văn Năm,Trưởng phòng,0912345675,nam@@x",  # 7 bad_email
        f"DB6,{long_name},Trưởng phòng,,",  # 8 too_long
        "DB 7,Hoàng Văn Bảy,Trưởng phòng,,",  # 9 bad_code
        "db1,Vũ Văn Tám,Trưởng phòng,,",  # 10 duplicate_code
        "DB9,Đỗ Văn Chín,Trưởng phòng,+84 912 345 678,",  # 11 duplicate_phone
        "DB10,Ngô Văn Mười,Trưởng phòng,abc,x",  # 12 bad_phone + bad_email
    ]
    errors = errors_of(write_text(tmp_path, "\n".join(lines) + "\n"))
    assert summary(errors) == [
        (3, "missing_name"),
        (4, "missing_identity"),
        (6, "bad_phone"),
        (7, "bad_email"),
        (8, "too_long"),
        (9, "bad_code"),
        (10, "duplicate_code"),
        (11, "duplicate_phone"),
        (12, "bad_phone"),
        (12, "bad_email"),
    ]
    by_row = {(e.row, e.reason): e.detail for e in errors}
    assert by_row[(6, "bad_phone")] == {"value": "01699123456", "problem": "retired_prefix"}
    assert by_row[(7, "bad_email")] == {"value": "nam@@x"}
    assert by_row[(8, "too_long")] == {"column": "Họ và tên", "field": "full_name", "limit": "120"}
    assert by_row[(9, "bad_code")] == {"value": "DB 7"}
    assert by_row[(10, "duplicate_code")] == {"value": "db1", "first_row": "2"}
    assert by_row[(11, "duplicate_phone")] == {"value": "+84 912 345 678", "first_row": "2"}


@pytest.mark.parametrize(("column", "limit"), sorted(MAX_LENGTHS.items()))
def test_length_limits(tmp_path: Path, column: str, limit: int) -> None:
    headers = {
        "code": "Mã",
        "full_name": "Họ và tên",
        "position": "Chức vụ",
        "department": "Phòng",
        "agency": "Cơ quan",
    }
    at_limit = {name: "x" for name in headers} | {column: "x" * limit}
    over = {name: "y" for name in headers} | {column: "y" * (limit + 1)}
    text = ",".join(headers.values()) + "\n" + ",".join(at_limit.values()) + "\n" + ",".join(over.values()) + "\n"
    errors = errors_of(write_text(tmp_path, text))
    assert errors == [RowError(3, "too_long", {"column": headers[column], "field": column, "limit": str(limit)})]


def test_too_many_rows(tmp_path: Path) -> None:
    rows = "".join(f"D{i},Người {i}\n" for i in range(5))
    path = write_text(tmp_path, "Mã,Họ và tên\n" + rows)
    assert len(parse_roster(path, max_rows=5)) == 5
    assert errors_of(path, max_rows=4)[-1] == RowError(6, "too_many_rows", {"limit": "4"})


def test_every_reason_renders_with_its_placeholders(tmp_path: Path) -> None:
    produced: dict[str, dict[str, str]] = {}
    samples = [
        ("a.doc", b"x"),
        ("a.xlsx", b"not a zip"),
        ("a.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + "EncryptedPackage".encode("utf-16-le")),
        ("a.csv", b"garbage \xc3\x28"),
        ("a.csv", b""),
        ("a.csv", "Mã\nA\n".encode()),
        ("a.csv", "Họ tên,Name\nA,B\n".encode()),
        (
            "a.csv",
            "Mã,Họ và tên,SĐT,Email\nA,,,\n,B,,\nC,D,123,e\nC,F,,\nG,H,0912345678,\nI,J,0912345678,\n"
            f"K L,M,,\nN,{'O' * 121},,\n".encode(),
        ),
    ]
    for name, data in samples:
        with pytest.raises(RosterFileError) as caught:
            parse_roster_bytes(data, name, max_rows=100)
        produced.update({error.reason: error.detail for error in caught.value.errors})
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes("Mã,Họ và tên\nA,B\nC,D\n".encode(), "a.csv", max_rows=1)
    produced.update({error.reason: error.detail for error in caught.value.errors})
    with pytest.raises(RosterFileError) as caught:
        parse_roster(tmp_path / "absent.csv")
    produced.update({error.reason: error.detail for error in caught.value.errors})
    for name, data in [
        ("a.xls", b"old"),
        ("a.csv", "Họ và tên,SĐT,SĐT\nA,0912345678,0987654321\n".encode()),
        ("a.csv", "Họ và tên,Điện thoại cơ quan,Điện thoại nhà riêng\nA,0912345678,0987654321\n".encode()),
        ("a.xlsx", workbook_bytes([("A", [["Họ và tên"], ["B"]]), ("C", [["Họ và tên"], ["D"]])])),
    ]:
        with pytest.raises(RosterFileError) as caught:
            parse_roster_bytes(data, name)
        produced.update({error.reason: error.detail for error in caught.value.errors})
    assert sorted(produced) == sorted(REASONS)
    for reason, detail in produced.items():
        assert all(isinstance(value, str) for value in detail.values())
        for language in ("vi", "en"):
            assert plain(language, f"roster_error.{reason}", **detail)


def test_xlsx_with_numeric_cells_none_cells_and_title_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["DANH SÁCH TRƯỞNG, PHÓ PHÒNG"],
            [],
            ["STT", "Mã", "Họ và tên", "Chức vụ", "Phòng", "Cơ quan", "Số điện thoại", "Email"],
            [1, 101, "Nguyễn Văn Quân", "Trưởng phòng", None, "Sở Xây dựng", 912345678, None],
            [
                2,
                "DB102",
                unicodedata.normalize("NFD", "Trần Thị Quỳnh"),
                None,
                "Văn phòng Sở",
                "Sở Xây dựng",
                987654321.0,
                "quynh@nghean.gov.vn",
            ],
            [None, None, None, None, None, None, None, None],
            [4, "DB104", "Lê Văn Sơn", "Phó Chánh Thanh tra", "Thanh tra Sở", "Sở Xây dựng", 2383844123, None],
        ],
    )
    entries = parse_roster(path)
    assert [(e.row, e.code, e.full_name, e.position, e.department, e.phone, e.email) for e in entries] == [
        (4, "101", "Nguyễn Văn Quân", "Trưởng phòng", "", "+84912345678", None),
        (5, "DB102", "Trần Thị Quỳnh", "", "Văn phòng Sở", "+84987654321", "quynh@nghean.gov.vn"),
        (7, "DB104", "Lê Văn Sơn", "Phó Chánh Thanh tra", "Thanh tra Sở", "+842383844123", None),
    ]


def test_xlsx_errors_carry_sheet_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["Họ và tên", "Điện thoại"],
            ["Ngô Thị Vân", 912345678],
            [None, None],
            ["Ngô Văn Xuân", 912345678],
            ["Ngô Thị Yến", 12345],
        ],
    )
    assert summary(errors_of(path)) == [(4, "duplicate_phone"), (5, "bad_phone")]


def test_parse_roster_bytes_reads_an_upload(tmp_path: Path) -> None:
    data = write_xlsx(tmp_path, [["Mã", "Họ và tên"], ["Z1", "Cao Văn Tú"]]).read_bytes()
    assert [(e.code, e.full_name) for e in parse_roster_bytes(data, "Danh sach.XLSX")] == [("Z1", "Cao Văn Tú")]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("roster.ods", "Mã,Họ và tên\nA,B\n".encode(), RowError(None, "unsupported_file", {"name": "roster.ods"})),
        (
            "roster.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            RowError(None, "old_xls", {"name": "roster.xls"}),
        ),
        (  # an old Excel file saved with a .csv or .txt name
            "roster.txt",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            RowError(None, "old_xls", {"name": "roster.txt"}),
        ),
        ("roster", b"x", RowError(None, "unsupported_file", {"name": "roster"})),
        ("roster.csv", bytes(range(256)) * 4, RowError(None, "not_utf8", {})),
        ("roster.csv", "Mã,Tên\nÂn,Bá\n".encode("latin-1"), RowError(None, "not_utf8", {})),
        ("roster.csv", b"", RowError(None, "empty_file", {})),
        ("roster.csv", b"\xef\xbb\xbf\n\n ,, \n", RowError(None, "empty_file", {})),
        ("roster.csv", "STT,Mã,Họ và tên\n\n".encode(), RowError(None, "empty_file", {})),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, name: str, data: bytes, expected: RowError) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert errors_of(path) == [expected]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 truncated zip", b"plain text, not a workbook", b"\x00" * 512])
def test_corrupt_xlsx_is_unreadable_not_a_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(data)
    [error] = errors_of(path)
    # One reason in the person's language, never an exception's name (tests/corpus: not_a_spreadsheet, zero_bytes).
    assert error.reason == ("empty_file" if not data else "not_xlsx") and error.row is None


def test_truncated_real_xlsx_is_unreadable(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path, [["Mã", "Họ và tên"], ["Z1", "Cao Văn Tú"]]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    [error] = errors_of(path)
    assert error.reason == "not_xlsx"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path / "absent.csv")
    assert error.reason == "unreadable_file" and error.detail["detail"]


def test_error_message_summarises(tmp_path: Path) -> None:
    with pytest.raises(RosterFileError, match="1 error"):
        parse_roster_bytes(b"", "a.csv")


def test_merged_cells_are_filled_down_with_the_top_left_value(tmp_path: Path) -> None:
    """A secretary merges the agency down a column (and the title across the top): every row gets the agency."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ"])
    sheet.append(["STT", "Mã", "Họ và tên", "Chức vụ", "Phòng", "Cơ quan", "Số điện thoại"])
    sheet.append([1, "DB001", "Nguyễn Văn An", "Trưởng phòng", "Phòng Tổ chức", "Sở Nội vụ", "0912345601"])
    sheet.append([2, "DB002", "Trần Thị Bình", "Phó phòng", "Phòng Tổ chức", None, "0912345602"])
    sheet.append([3, "DB003", "Lê Văn Cường", "Trưởng phòng", "Phòng Ngân sách", None, "0912345603"])
    sheet.append([4, "DB004", "Phạm Thị Dung", "Phó phòng", "Phòng Ngân sách", "Sở Tài chính", "0912345604"])
    sheet.append([5, "DB005", "Hoàng Văn Em", "Trưởng phòng", None, None, "0912345605"])
    sheet.merge_cells("A1:G1")  # the title across the columns
    sheet.merge_cells("F3:F5")  # Sở Nội vụ for rows 3–5
    sheet.merge_cells("E6:E7")
    sheet.merge_cells("F6:F7")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    entries = parse_roster(path)
    assert [(e.row, e.code, e.department, e.agency) for e in entries] == [
        (3, "DB001", "Phòng Tổ chức", "Sở Nội vụ"),
        (4, "DB002", "Phòng Tổ chức", "Sở Nội vụ"),
        (5, "DB003", "Phòng Ngân sách", "Sở Nội vụ"),
        (6, "DB004", "Phòng Ngân sách", "Sở Tài chính"),
        (7, "DB005", "Phòng Ngân sách", "Sở Tài chính"),
    ]


# --- rosters as provincial secretariats make them (audit, issue 12; files in tests/corpus/rosters) -----------------


@pytest.mark.parametrize(
    ("name", "phone", "agency"),
    [
        ("HỌ TÊN", "SĐT", "Cơ quan/đơn vị"),
        ("Ho ten", "Dien thoai", "Don vi"),
        ("Họ và tên (1)", "Số điện thoại (2)", "Đơn vị (3)"),
        ("Họ và tên đại biểu", "Số điện thoại di động", "Đơn vị công tác"),
        ("Tên đại biểu", "Số ĐTDĐ", "Cơ quan công tác"),
        ("Họ, tên", "Điện thoại liên hệ", "Cơ quan / đơn vị"),
        ('"Họ và\ntên"', "ĐT di động", " Đơn vị "),
        (unicodedata.normalize("NFD", "Họ và tên"), "Số điện thoại (Zalo)", unicodedata.normalize("NFD", "Đơn vị")),
    ],
)
def test_header_spellings_of_secretariats(name: str, phone: str, agency: str) -> None:
    data = f"{name};{phone};{agency};Ghi chú\nNguyễn Văn An;0912 345 678;Sở Nội vụ;\n"
    [entry] = parse_roster_bytes(data.encode(), "ds.csv")
    assert (entry.full_name, entry.phone, entry.agency) == ("Nguyễn Văn An", "+84912345678", "Sở Nội vụ")


def test_a_combined_position_and_agency_column_is_the_position() -> None:
    data = 'Họ và tên,"Chức vụ, đơn vị",SĐT\nNguyễn Văn An,"Trưởng phòng, Sở Nội vụ",0912345678\n'
    [entry] = parse_roster_bytes(data.encode(), "ds.csv")
    assert (entry.position, entry.agency) == ("Trưởng phòng, Sở Nội vụ", "")


def test_a_listed_alias_wins_and_two_unlisted_columns_of_one_kind_are_refused() -> None:
    data = "Họ và tên,Điện thoại cơ quan,Điện thoại di động\nA B,0238 3844 123,0912345678\n"
    [entry] = parse_roster_bytes(data.encode(), "ds.csv")
    assert entry.phone == "+84912345678"  # "Điện thoại di động" is a listed name; the office phone is ignored
    data = "Họ và tên,Điện thoại cơ quan,Điện thoại nhà riêng\nA B,0238 3844 123,0912345678\n"
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(data.encode(), "ds.csv")
    [error] = caught.value.errors
    assert error == RowError(
        1, "ambiguous_column", {"columns": "“Điện thoại cơ quan”, “Điện thoại nhà riêng”", "field": "phone"}
    )
    assert "“Điện thoại cơ quan”, “Điện thoại nhà riêng”" in plain(
        "vi", "roster_error.ambiguous_column", **error.detail
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (912345678, "+84912345678"),
        (84912345678, "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("(+84) 912 345 678", "+84912345678"),
        ("0912345678 - 0987654321", "+84912345678"),
        ("0238 3844 123; 0987654321", "+84987654321"),  # the mobile, not the office landline
        ("0912345678/0987654321", "+84912345678"),
        ("0912345678\n0987654321", "+84912345678"),
        ("DĐ: 0912345678 (Zalo)", "+84912345678"),
        ("CQ: 02383844123 hoặc 0913 222 333", "+84913222333"),
        ("02383844123", "+842383844123"),
    ],
)
def test_phone_cells_as_secretariats_type_them(tmp_path: Path, cell: object, expected: str) -> None:
    [entry] = parse_roster(write_xlsx(tmp_path, [["Họ và tên", "Số điện thoại"], ["Nguyễn Văn An", cell]]))
    assert entry.phone == expected


@pytest.mark.parametrize("cell", ["0912 345 678 0987 654 321", "0912345 - 0987", "Zalo", "0162 345 6789 - 012"])
def test_a_phone_cell_without_one_valid_number_is_still_refused(cell: str) -> None:
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(f"Họ và tên,SĐT\nNguyễn Văn An,{cell}\n".encode(), "ds.csv")
    assert [(e.row, e.reason, e.detail["value"]) for e in caught.value.errors] == [(2, "bad_phone", cell)]


def test_numbering_row_and_section_headings_are_layout_not_people() -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Đơn vị", "SĐT"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["I", "KHỐI ĐẢNG"],
        [1, "Nguyễn Văn An", "Ban Tổ chức Tỉnh ủy", "0912345678"],
        [None, "B. Khối chính quyền"],
        ["KHỐI MẶT TRẬN", "KHỐI MẶT TRẬN", "KHỐI MẶT TRẬN", "KHỐI MẶT TRẬN"],  # merged across the row
        [2, "Trần Thị Bình", "Sở Y tế", "0987654321"],
    ]
    entries = parse_roster_bytes(workbook_bytes([("DS", rows)]), "ds.xlsx")
    assert [(e.row, e.full_name) for e in entries] == [(4, "Nguyễn Văn An"), (7, "Trần Thị Bình")]


def test_a_name_in_capitals_without_phone_is_still_reported_not_skipped() -> None:
    # Names are often typed in capitals: only a numbered, prefixed or merged heading is skipped.
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "SĐT"],
        [1, "NGUYỄN VĂN AN", ""],
        [2, "TRẦN THỊ BÌNH", "0987654321"],
    ]
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(workbook_bytes([("DS", rows)]), "ds.xlsx")
    assert [(e.row, e.reason) for e in caught.value.errors] == [(2, "missing_identity")]


def test_the_visible_sheet_with_the_roster_is_read() -> None:
    roster = [["Họ và tên", "SĐT"], ["Nguyễn Văn An", "0912345678"]]
    old = [["Họ và tên", "SĐT"], ["Người Cũ", "0911111111"]]
    guide = [["Hướng dẫn điền danh sách"], ["Mỗi dòng một đồng chí"]]
    template = [["Họ và tên", "SĐT"]]  # a header alone is a template, not a second list
    data = workbook_bytes([("Cũ", old), ("Hướng dẫn", guide), ("Mẫu", template), ("DS", roster)], hidden=("Cũ",))
    assert [e.full_name for e in parse_roster_bytes(data, "ds.xlsx")] == ["Nguyễn Văn An"]
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(workbook_bytes([("Khối Đảng", roster), ("Khối CQ", old)]), "ds.xlsx")
    assert caught.value.errors == [RowError(None, "several_sheets", {"sheets": "“Khối Đảng”, “Khối CQ”"})]


def test_excel_unicode_text_is_read_as_csv() -> None:
    data = "Họ và tên\tĐiện thoại\r\nNguyễn Văn An\t0912345678\r\n".encode("utf-16")
    [entry] = parse_roster_bytes(data, "ds.txt")
    assert (entry.full_name, entry.phone) == ("Nguyễn Văn An", "+84912345678")


@pytest.mark.parametrize("family", ["Họ và đệm", "Họ đệm", "Họ", "HỌ VÀ TÊN ĐỆM", "Họ lót"])
def test_a_name_split_in_two_columns_is_joined(family: str) -> None:
    data = f"STT,{family},Tên,SĐT\n1,Nguyễn Văn,An,0912345678\n2,,Bình,0987654321\n3,,,0903111222\n"
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(data.encode(), "ds.csv")
    assert [(e.row, e.reason) for e in caught.value.errors] == [(4, "missing_name")]
    entries = parse_roster_bytes(data.rsplit("3,", 1)[0].encode(), "ds.csv")
    assert [e.full_name for e in entries] == ["Nguyễn Văn An", "Bình"]


def test_the_mobile_column_is_read_beside_an_office_phone_and_repeats_are_told_apart() -> None:
    data = "Họ và tên,Điện thoại,Điện thoại di động\nNguyễn Văn An,0238 3844 123,0912345678\n"
    [entry] = parse_roster_bytes(data.encode(), "ds.csv")
    assert entry.phone == "+84912345678"
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes("Họ và tên,Điện thoại,Số điện thoại\nA B,0912345678,0987654321\n".encode(), "ds.csv")
    assert caught.value.errors == [
        RowError(1, "ambiguous_column", {"columns": "“Điện thoại”, “Số điện thoại”", "field": "phone"})
    ]
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes("Họ và tên,SĐT,SĐT\nA B,0912345678,0987654321\n".encode(), "ds.csv")
    assert caught.value.errors == [RowError(1, "duplicate_column", {"column": "SĐT", "field": "phone"})]


@pytest.mark.parametrize("merged_down", [True, False])
def test_a_header_on_two_rows_is_read_as_one(merged_down: bool) -> None:
    workbook = Workbook()
    sheet = workbook.active
    rows: list[list[object]] = [
        ["DANH SÁCH ĐẠI BIỂU"],
        ["STT", "Họ và tên", "Điện thoại", None, "Đơn vị"],
        [None, None, "Cơ quan", "Di động", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Nguyễn Văn An", "0238 3844 123", "0912 345 678", "Sở Nội vụ"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("C2:D2")
    if merged_down:
        for column in "ABE":
            sheet.merge_cells(f"{column}2:{column}3")
    out = io.BytesIO()
    workbook.save(out)
    [entry] = parse_roster_bytes(out.getvalue(), "ds.xlsx")
    assert (entry.row, entry.full_name, entry.phone, entry.agency) == (5, "Nguyễn Văn An", "+84912345678", "Sở Nội vụ")


def test_totals_and_the_signature_block_are_not_delegates_but_a_missing_phone_above_them_is_reported() -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Đơn vị", "SĐT"],
        [1, "Nguyễn Văn An", "Sở Nội vụ", "0912345678"],
        [2, "Trần Thị Bình", "Sở Y tế", ""],  # a delegate without a phone: still an error
        [None, "Tổng số: 2 đồng chí"],
        [None, "NGƯỜI LẬP BIỂU", None, "TM. BAN THƯỜNG VỤ"],
        [None, "Lê Văn Lập", None, "Phạm Văn Ký"],
    ]
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(workbook_bytes([("DS", rows)]), "ds.xlsx")
    assert [(e.row, e.reason) for e in caught.value.errors] == [(3, "missing_identity")]
    rows[2][3] = "0987654321"
    assert [e.full_name for e in parse_roster_bytes(workbook_bytes([("DS", rows)]), "ds.xlsx")] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]


def test_co_quan_beside_don_vi_is_agency_and_department() -> None:
    data = "Họ và tên,Cơ quan,Đơn vị,SĐT\nNguyễn Văn An,Sở Nội vụ,Phòng Tổ chức cán bộ,0912345678\n"
    [entry] = parse_roster_bytes(data.encode(), "ds.csv")
    assert (entry.agency, entry.department) == ("Sở Nội vụ", "Phòng Tổ chức cán bộ")
    data = "Họ và tên,Cơ quan,Đơn vị,Phòng,SĐT\nA B,Sở Nội vụ,Sở Nội vụ,Phòng TCCB,0912345678\n"  # a department too
    with pytest.raises(RosterFileError) as caught:
        parse_roster_bytes(data.encode(), "ds.csv")
    assert [e.reason for e in caught.value.errors] == ["ambiguous_column"]


def test_a_delegate_whose_name_reads_like_a_header_is_a_delegate() -> None:
    # hypothesis found it (tests/test_properties.py): a first row "ten dai bieu" was taken for a second header row
    data = "Mã,Họ và tên,Số điện thoại\nDB1,ten dai bieu,0300000000\nDB2,aa,0912345678\n"
    assert [e.full_name for e in parse_roster_bytes(data.encode(), "ds.csv")] == ["ten dai bieu", "aa"]
