"""Parse a delegate roster (CSV or XLSX) into validated entries, reporting every bad row at once.

- Row numbers are those a spreadsheet shows (a CSV record with quoted newlines is one row).
- The header is the first of the first 30 non-empty rows that has a name column, so title lines above it are
  skipped; STT/No. and unknown columns are ignored; a row whose known columns are all empty is skipped.
- Header names are matched without accents, case, punctuation or a bracketed note ("Họ và tên (1)", "SĐT (Zalo)");
  a name that is not a listed alias is matched by its start ("Số điện thoại di động", "Điện thoại liên hệ",
  "Tên đại biểu", "Chức vụ, đơn vị"); a listed alias wins over such a match, two columns of one kind are refused.
- A header on two rows (a group cell such as "Điện thoại" over "Cơ quan" / "Di động", the other cells merged down
  or empty below) is read as one: "Điện thoại Cơ quan", "Điện thoại Di động".
- Skipped as layout, not delegates: a column-numbering row under the header ("(1) (2) (3)" or "1 2 3"), and a
  section heading ("I | KHỐI ĐẢNG", "A. Khối chính quyền", a title merged across the row: a name-only row with a
  Roman numeral or letter as its number or before its text, or merged; a name in capitals alone is still a row).
- A name split in two columns, as HR software exports it ("Họ và đệm" / "Họ đệm" / "Họ" + "Tên"), is joined.
- "Cơ quan" beside "Đơn vị" (and no department column): the unit is the department.
- Two phone columns where one is the mobile ("Điện thoại" + "Điện thoại di động"): the mobile is read; other
  columns of one kind are refused (duplicate_column when the same header repeats, ambiguous_column otherwise).
- Under the table of an official list: a total ("Tổng số: 45 đồng chí", "Cộng khối Đảng: 12") and, from the
  signature block on ("Người lập biểu", "TM. BAN THƯỜNG VỤ", "KT. TRƯỞNG BAN", "Nơi nhận"), every row without a phone or
  code is skipped (a signer's name is not a delegate, "TM. BAN THƯỜNG VỤ" in the phone column is no phone); a row
  with a phone number or a code is always read.
- A phone cell holding two numbers ("0912 345 678 - 0238 3844 123", "DĐ: 0912345678; CQ: …") keeps the first
  mobile number (else the first number).
- XLSX: the visible worksheet that has the roster header is read (hidden sheets, and an instructions sheet before
  the list, are passed over); two visible sheets with a roster are refused (reason several_sheets {sheets}).
  Old Excel 97–2003 files (.xls) are refused with how to save them as .xlsx (reason old_xls). A .txt file is read
  as CSV (Excel's "Unicode Text" is UTF-16, tab-separated).
- RowError.detail: {column} is the header as written in the file (for missing_column: "Họ và tên");
  extra keys the texts may ignore: "field" (code, full_name, ...) and, for bad_phone, "problem" (InvalidPhone.code).
- Added reason: bad_code {value} (a code with spaces or unprintable characters). Emails are stored lower-case.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bot.phones import InvalidPhone, normalize_phone
from bot.services.cleaning import normalise

__all__ = [
    "RosterEntry",
    "RowError",
    "RosterFileError",
    "parse_roster",
    "parse_roster_bytes",
    "TEMPLATE_HEADERS",
    "MAX_LENGTHS",
    "REASONS",
    "normalize_text",
    "header_key",
    "ascii_fold",
]

MAX_LENGTHS: dict[str, int] = {"code": 32, "full_name": 120, "position": 120, "department": 150, "agency": 200}
MAX_EMAIL_LENGTH = 254
MAX_SEAT_LENGTH = 40
REASONS: tuple[str, ...] = (
    "unsupported_file",
    "unreadable_file",
    "not_xlsx",
    "encrypted_xlsx",
    "not_utf8",
    "empty_file",
    "missing_column",
    "duplicate_column",
    "missing_name",
    "missing_identity",
    "bad_phone",
    "bad_email",
    "too_long",
    "bad_code",
    "duplicate_code",
    "duplicate_phone",
    "too_many_rows",
    "ambiguous_column",
    "several_sheets",
    "old_xls",
)
TEMPLATE_HEADERS: dict[str, str] = {
    "code": "Mã",
    "full_name": "Họ và tên",
    "position": "Chức vụ",
    "department": "Phòng",
    "agency": "Cơ quan",
    "phone": "Số điện thoại",
    "email": "Email",
    "seat": "Chỗ ngồi",
}
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
OLD_EXCEL_SUFFIXES = frozenset({".xls", ".xlt"})
SHEET_SEARCH_ROWS = 200  # rows of each worksheet read to find the roster header
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 30  # an official list has a national motto, numbers, a title and a note above its table
SNIFF_RECORDS = 20

_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("Mã", "Mã đại biểu", "Mã số", "Mã ĐB", "code", "id", "delegate code", "delegate id"),
    "full_name": ("Họ và tên", "Họ tên", "Họ và tên đại biểu", "full name", "name", "fullname"),
    "position": ("Chức vụ", "Chức danh", "position", "title", "job title"),
    "department": ("Phòng", "Phòng ban", "Phòng, ban", "Đơn vị trực thuộc", "department", "division"),
    "agency": (
        "Cơ quan",
        "Đơn vị",
        "Sở, ngành",
        "Sở ngành",
        "Cơ quan, đơn vị",
        "Đơn vị công tác",
        "agency",
        "organization",
        "organisation",
    ),
    "phone": (
        "Số điện thoại",
        "Điện thoại",
        "SĐT",
        "Số ĐT",
        "ĐT",
        "Điện thoại di động",
        "Di động",
        "phone",
        "phone number",
        "mobile",
        "telephone",
        "tel",
    ),
    "email": ("Email", "E-mail", "Thư điện tử", "mail", "email address"),
    "seat": ("Chỗ ngồi", "Vị trí ngồi", "Ghế", "Số ghế", "seat", "seat number"),
}
# A name split in two columns (joined into full_name when the file has no full-name column).
_SPLIT_NAME: dict[str, str] = {
    "ho": "family_name",
    "ho dem": "family_name",
    "ho va dem": "family_name",
    "ho va ten dem": "family_name",
    "ho lot": "family_name",
    "ho va chu dem": "family_name",
    "ten": "given_name",
    "first name": "given_name",
    "last name": "family_name",
}
_MOBILE_WORDS = ("di dong", "dtdd", "mobile", "zalo")
# Header starts (folded by header_key) for names that are not listed above; a listed alias wins over these.
_HEADER_STARTS: tuple[tuple[str, str], ...] = (
    ("ho va ten", "full_name"),
    ("ho ten", "full_name"),
    ("ten dai bieu", "full_name"),
    ("full name", "full_name"),
    ("so dien thoai", "phone"),
    ("dien thoai", "phone"),
    ("so dt", "phone"),
    ("sdt", "phone"),
    ("dtdd", "phone"),
    ("so dtdd", "phone"),
    ("dt di dong", "phone"),
    ("di dong", "phone"),
    ("phone", "phone"),
    ("mobile", "phone"),
    ("chuc vu", "position"),
    ("chuc danh", "position"),
    ("co quan", "agency"),
    ("don vi", "agency"),
    ("email", "email"),
    ("e mail", "email"),
    ("thu dien tu", "email"),
    ("ma dai bieu", "code"),
    ("cho ngoi", "seat"),
    ("so ghe", "seat"),
)
# Rows under an official list that are not delegates (they carry no phone or code): totals, and from the signature
# block on, everything ("Người lập biểu", "TM. BAN THƯỜNG VỤ", "KT. TRƯỞNG BAN", the signer's name).
_TOTAL = ("tổng cộng", "tổng số", "tổng:", "cộng:", "cộng khối", "cộng danh sách", "total")
_SIGNATURE = ("người lập", "tm.", "t/m", "kt.", "k/t", "nơi nhận", "xác nhận của", "(ký")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING_CELL = re.compile(r"\(?(?:\d{1,2}|[A-Za-z])\)?")
_SECTION_NUMBER = re.compile(r"(?:[IVXLC]+|[A-Z])\.?")
_SECTION_PREFIX = re.compile(r"(?:[IVXLC]+|[A-Z])[.)\-]\s")
_SEPARATED_PHONES = re.compile(r"[;,|\n]|\s[-–—/]\s|/|\s(?:và|hoặc|or|and)\s", re.IGNORECASE)
_NOTE_IN_BRACKETS = re.compile(r"\([^)]*[^\W\d_][^)]*\)")  # "(Zalo)", "(cơ quan)"; not "(+84)"
_BEFORE_NUMBER = re.compile(r"^[^\d+(]*")
_AFTER_NUMBER = re.compile(r"[^\d)]*$")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NUMBER_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "no", "nr", "#"})
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True)
class RosterEntry:
    """One validated delegate; `row` is the spreadsheet row number a person sees."""

    row: int
    code: str | None
    full_name: str
    position: str
    department: str
    agency: str
    phone: str | None
    email: str | None
    seat: str | None = None  # None: the file has no seat column (seats already stored are kept)


@dataclass(frozen=True)
class RowError:
    """One problem found in a roster file; `reason` is a stable code, `detail` fills its text placeholders."""

    row: int | None
    reason: str
    detail: dict[str, str] = field(default_factory=dict)


class RosterFileError(Exception):
    """The roster was refused; `errors` lists every problem found, in file order."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors: list[RowError] = list(errors)
        first = self.errors[0] if self.errors else None
        summary = f"{len(self.errors)} error(s); first: {first.reason} at row {first.row}" if first else "no errors"
        super().__init__(summary)


def parse_roster(path: Path, *, max_rows: int = 20000) -> list[RosterEntry]:
    """Read and validate the roster file at `path`; raise RosterFileError listing every problem."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise RosterFileError([RowError(None, "unreadable_file", {"detail": detail})]) from None
    return parse_roster_bytes(data, Path(path).name, max_rows=max_rows)


def parse_roster_bytes(data: bytes, filename: str, *, max_rows: int = 20000) -> list[RosterEntry]:
    """Validate roster file content (e.g. a Telegram upload); the suffix of `filename` picks the format."""
    suffix = Path(filename).suffix.lower()
    if not data and suffix in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise RosterFileError([RowError(None, "empty_file", {})])
    if suffix in OLD_EXCEL_SUFFIXES or (suffix in CSV_SUFFIXES and data.startswith(_OLE_MAGIC)):
        raise RosterFileError([RowError(None, "old_xls", {"name": filename})])
    if suffix in CSV_SUFFIXES:
        rows = _csv_rows(data)
    elif suffix in XLSX_SUFFIXES:
        rows = _xlsx_rows(data)
    else:
        raise RosterFileError([RowError(None, "unsupported_file", {"name": filename})])
    return _parse_rows(rows, max_rows)


def normalize_text(value: object) -> str:
    """Turn a cell value into clean NFC text with single spaces."""
    if value is None:
        return ""
    if type(value) is str:
        return normalise(value, multiline=False)  # the one input cleaner
    if isinstance(value, bool):
        text = str(value).upper()
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime | date | time):
        text = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    else:
        text = str(value)
    return normalise(text, multiline=False)  # the one input cleaner


def ascii_fold(text: str) -> str:
    """Vietnamese text without accents: "Đặng Thị Hằng" -> "Dang Thi Hang"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def header_key(text: str) -> str:
    """Fold a header for matching: no accents, no case, punctuation and spacing ignored."""
    return _NON_ALNUM.sub(" ", ascii_fold(text).casefold()).strip()


_FIELD_BY_HEADER: dict[str, str] = {header_key(a): f for f, aliases in _HEADER_ALIASES.items() for a in aliases}


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    """Decode CSV bytes (UTF-8, BOM optional; UTF-16 with BOM) and return its non-empty records."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise RosterFileError([RowError(None, "not_utf8", {})]) from None
    if "\x00" in text:
        raise RosterFileError([RowError(None, "not_utf8", {})])
    try:
        return _non_empty(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error as exc:
        raise RosterFileError([RowError(None, "unreadable_file", {"detail": f"CSV: {exc}"})]) from None


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter giving the most consistent, then widest, records in the first lines."""
    best, best_score = ",", (0, 1)  # a one-column file stays comma-separated
    for delimiter in CSV_DELIMITERS:
        widths: list[int] = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if widths:
            width, count = Counter(widths).most_common(1)[0]
            score = (count if width > 1 else 0, width)
            if score > best_score:
                best, best_score = delimiter, score
    return best


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    """Return the non-empty rows of the workbook's roster: the visible worksheet with a roster header."""
    from openpyxl import load_workbook  # local import keeps module import cheap

    if _is_encrypted_office_file(data):
        raise RosterFileError([RowError(None, "encrypted_xlsx", {})])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many exception types for a corrupt, encrypted or foreign file
        raise RosterFileError([RowError(None, "not_xlsx", {})]) from None
    try:
        sheets = [s for s in workbook.worksheets if hasattr(s, "iter_rows") and s.sheet_state == "visible"]
        if not sheets:
            raise RosterFileError([RowError(None, "empty_file", {})])
        for sheet in sheets:
            sheet.reset_dimensions()  # some writers record a wrong used range
        with_roster = [s for s in sheets if _has_roster(_sheet_rows(s, SHEET_SEARCH_ROWS))]
        if len(with_roster) > 1:
            names = ", ".join(f"“{s.title}”" for s in with_roster)
            raise RosterFileError([RowError(None, "several_sheets", {"sheets": names})])
        return _sheet_rows((with_roster or sheets)[0], None)
    except RosterFileError:
        raise
    except Exception:
        raise RosterFileError([RowError(None, "not_xlsx", {})]) from None
    finally:
        workbook.close()


def _has_roster(rows: list[tuple[int, list[str]]]) -> bool:
    """Whether rows start with a roster header followed by at least one row (a header alone is a template)."""
    header = _header_at(rows)
    return header is not None and len(rows) > header + 1


def _sheet_rows(sheet: Any, limit: int | None) -> list[tuple[int, list[str]]]:
    """The non-empty rows of one worksheet (the first `limit` rows only, when given), merged cells filled."""
    rows: list[list[object]] = [list(row) for row in sheet.iter_rows(max_row=limit, values_only=True)]
    return _non_empty(_fill_merged(rows, _merged_ranges(sheet)))


_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # a Compound File (OLE2) container
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream name of a password-protected OOXML file


def _is_encrypted_office_file(data: bytes) -> bool:
    """Whether data is a password-protected Office file: Excel saves it as an OLE2 container (not a zip) holding
    the streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO), whose names are in its directory."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_PACKAGE in data


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')


def _merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, read from the sheet's XML.

    A read-only worksheet does not expose merges, and a full (non read-only) load is several times slower.
    """
    from openpyxl.utils import column_index_from_string

    with sheet.parent._archive.open(sheet._worksheet_path) as part:
        xml = part.read()
    # <mergeCells> follows <sheetData> in a worksheet: search only the part after the rows.
    tail = xml[max(xml.rfind(b"sheetData>"), 0) :]
    ranges = []
    for first_col, first_row, last_col, last_row in _MERGE_CELL.findall(tail):
        ranges.append(
            (
                int(first_row),
                column_index_from_string(first_col.decode()),
                int(last_row or first_row),
                column_index_from_string((last_col or first_col).decode()),
            )
        )
    return ranges


def _fill_merged(rows: list[list[object]], ranges: Sequence[tuple[int, int, int, int]]) -> list[list[object]]:
    """Give every cell of a merged range the value of its top-left cell (what a secretary means by merging)."""
    for first_row, first_col, last_row, last_col in ranges:
        if first_row > len(rows):
            continue
        top = rows[first_row - 1]
        value = top[first_col - 1] if first_col <= len(top) else None
        for number in range(first_row, min(last_row, len(rows)) + 1):
            row = rows[number - 1]
            if len(row) < last_col:
                row.extend([None] * (last_col - len(row)))
            for column in range(first_col, last_col + 1):
                row[column - 1] = value
    return rows


def _non_empty(rows: Iterable[Sequence[object]]) -> list[tuple[int, list[str]]]:
    """Number rows as a spreadsheet does (from 1), normalise their text and drop empty ones."""
    kept: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(rows, start=1):
        cells = [normalize_text(value) for value in raw]
        if any(cells):
            kept.append((number, cells))
    return kept


def _parse_rows(rows: list[tuple[int, list[str]]], max_rows: int) -> list[RosterEntry]:
    """Find the header, validate every data row and return the entries or raise with all errors."""
    if not rows:
        raise RosterFileError([RowError(None, "empty_file", {})])
    header_at = _header_at(rows) or 0
    header_row = rows[header_at][0]
    header_cells, body_at = _two_row_header(rows, header_at)
    columns, errors = _map_header(header_row, header_cells)
    if not _has_name(columns):
        found = ", ".join(f"“{cell}”" for cell in header_cells if cell) or "—"
        accepted = ", ".join(f"“{name}”" for name in _HEADER_ALIASES["full_name"])
        detail = {"column": TEMPLATE_HEADERS["full_name"], "field": "full_name", "found": found, "accepted": accepted}
        errors.append(RowError(header_row, "missing_column", detail))
    if errors:
        raise RosterFileError(errors)
    entries: list[RosterEntry] = []
    first_code_row: dict[str, int] = {}
    first_phone_row: dict[str, int] = {}
    labels = {name: header_cells[index] for name, index in columns.items()}
    if "given_name" in columns:
        labels["full_name"] = f"{labels.pop('family_name')} + {labels.pop('given_name')}"
    number_column = next((i for i, cell in enumerate(header_cells) if header_key(cell) in _NUMBER_HEADERS), None)
    data_rows, signed = 0, False
    for position, (row_number, cells) in enumerate(rows[body_at:]):
        values = _row_values(cells, columns)
        if not any(values.values()) or (position == 0 and _is_numbering(cells)):
            continue
        number = cells[number_column] if number_column is not None and number_column < len(cells) else ""
        if _is_section(values, number, cells):
            continue
        phone_digits = sum(ch.isdigit() for ch in values.get("phone", ""))
        if not (phone_digits >= 6 or values.get("code")):  # no one to invite: maybe a total or the signatures
            signed = signed or any(cell.casefold().startswith(_SIGNATURE) for cell in cells)
            if signed or any(cell.casefold().startswith(_TOTAL) for cell in cells if cell):
                continue
        data_rows += 1
        if data_rows > max_rows:
            errors.append(RowError(row_number, "too_many_rows", {"limit": str(max_rows)}))
            break
        entry, row_errors = _validate_row(row_number, values, labels, first_code_row, first_phone_row)
        errors.extend(row_errors)
        if entry is not None:
            entries.append(entry)
    if errors:
        raise RosterFileError(errors)
    if not entries:
        raise RosterFileError([RowError(None, "empty_file", {})])
    return entries


def header_field(text: str) -> tuple[str, bool] | None:
    """The field a header names and whether by a listed alias (True) or only by how it starts (False)."""
    for candidate in (text, _BRACKETED.sub(" ", text)):
        key = header_key(candidate)
        name = _FIELD_BY_HEADER.get(key) or _SPLIT_NAME.get(key)
        if name is not None:
            return name, True
    key = header_key(_BRACKETED.sub(" ", text))
    for start, name in _HEADER_STARTS:
        if key == start or key.startswith(start + " "):
            return name, False
    return None


def _two_row_header(rows: Sequence[tuple[int, Sequence[str]]], at: int) -> tuple[list[str], int]:
    """The header's cells and where the data starts: a header on two rows (a group cell over its sub-columns, the
    other cells merged down or left empty) is read as one, "Điện thoại" over "Cơ quan" / "Di động" giving
    "Điện thoại Cơ quan" / "Điện thoại Di động"."""
    top = list(rows[at][1])
    if at + 1 >= len(rows):
        return top, at + 1
    below = list(rows[at + 1][1])
    name_at = _map_header(0, top)[0].get("full_name")
    below_name = below[name_at] if name_at is not None and name_at < len(below) else ""
    filled = [cell for cell in below if cell]
    merged_down = name_at is not None and bool(below_name) and below_name == top[name_at]  # the name merged down
    sub_header = not below_name and bool(filled) and all(header_field(cell) for cell in filled)
    if not (merged_down or sub_header):
        return top, at + 1
    width = max(len(top), len(below))
    top += [""] * (width - len(top))
    below += [""] * (width - len(below))
    cells = [a if a == b or not b else (b if not a else f"{a} {b}") for a, b in zip(top, below, strict=True)]
    return cells, at + 2


def _header_at(rows: Sequence[tuple[int, Sequence[str]]]) -> int | None:
    """Index of the header: the first of the first rows that has a name column."""
    found = (i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]) if _has_name(_map_header(0, cells)[0]))
    return next(found, None)


def _map_header(row: int, cells: Sequence[str]) -> tuple[dict[str, int], list[RowError]]:
    """Map known header names to column indexes; STT/No. and unknown columns are ignored.

    A listed alias wins over a header matched by its start; two columns of one kind at the same level are refused.
    """
    found: dict[str, dict[bool, list[int]]] = {}
    for index, text in enumerate(cells):
        match = header_field(text)
        if match is not None:
            found.setdefault(match[0], {}).setdefault(match[1], []).append(index)
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    agencies = found.get("agency", {}).get(True, [])
    if "department" not in found and len(agencies) == 2:
        keys = [header_key(cells[i]) for i in agencies]
        if sorted(keys) == ["co quan", "don vi"]:  # "Cơ quan" (the sở, ban) beside "Đơn vị" (its phòng, unit)
            unit = agencies[keys.index("don vi")]
            found["agency"][True] = [i for i in agencies if i != unit]
            found["department"] = {True: [unit]}
    for name, by_kind in found.items():
        indexes = by_kind.get(True) or by_kind[False]
        mobile = [i for i in indexes if any(word in header_key(cells[i]) for word in _MOBILE_WORDS)]
        if name == "phone" and len(indexes) > 1 and len(mobile) == 1:
            indexes = mobile  # "Điện thoại" (the office) beside "Điện thoại di động": the mobile is the one
        columns[name] = indexes[0]
        if len(indexes) > 1 and len({header_key(cells[i]) for i in indexes}) == 1:
            for index in indexes[1:]:
                errors.append(RowError(row, "duplicate_column", {"column": cells[index], "field": name}))
        elif len(indexes) > 1:
            listed = ", ".join(f"“{cells[index]}”" for index in indexes)
            errors.append(RowError(row, "ambiguous_column", {"columns": listed, "field": name}))
    if "full_name" in columns or not {"family_name", "given_name"} <= columns.keys():
        columns.pop("family_name", None)
        columns.pop("given_name", None)
    return columns, errors


def _has_name(columns: dict[str, int]) -> bool:
    """A full-name column, or a name split in two columns."""
    return "full_name" in columns or {"family_name", "given_name"} <= columns.keys()


def _row_values(cells: Sequence[str], columns: dict[str, int]) -> dict[str, str]:
    """The known columns of one row; a split name is joined into full_name."""
    values = {name: (cells[index] if index < len(cells) else "") for name, index in columns.items()}
    if "given_name" in values:
        family, given = values.pop("family_name", ""), values.pop("given_name")
        values["full_name"] = " ".join(part for part in (family, given) if part)
    return values


def _is_numbering(cells: Sequence[str]) -> bool:
    """A column-numbering row under a header: "(1) (2) (3)", "1 2 3" or "A B C"."""
    filled = [cell.strip("()") for cell in cells if cell]
    if len(filled) < 3 or not all(_NUMBERING_CELL.fullmatch(cell) for cell in filled):
        return False
    order = [int(cell) if cell.isdigit() else ord(cell.upper()) for cell in filled]
    return order == list(range(order[0], order[0] + len(order)))  # consecutive: 1 2 3 …, (1) (2) (3) …, A B C …


def _is_section(values: dict[str, str], number: str, cells: Sequence[str]) -> bool:
    """A section heading inside the list: a name-only row numbered "I", "II", "A" …, starting "I. ", "A) " …,
    or merged across the row ("KHỐI ĐẢNG" in every cell). A name in capitals alone is NOT one (names are typed so)."""
    name = values.get("full_name", "")
    if not name or any(value and value != name for field, value in values.items() if field != "full_name"):
        return False
    filled = [cell for cell in cells if cell]
    merged = len(filled) >= 2 and all(cell == name for cell in filled)
    return merged or bool(_SECTION_NUMBER.fullmatch(number)) or bool(_SECTION_PREFIX.match(name))


def pick_phone(raw: str) -> str:
    """The phone of a cell as E.164; a cell with several numbers gives its first mobile (else its first number).

    Raises InvalidPhone (of the whole cell) when no part of it is a valid number.
    """
    try:
        return normalize_phone(raw)
    except InvalidPhone as whole:
        found: list[str] = []
        parts = _SEPARATED_PHONES.split(raw)
        if len(parts) == 1:  # "0912345678 0987654321": numbers apart only by a space (a line break in the cell)
            parts = raw.split()
        for part in parts:
            part = _AFTER_NUMBER.sub("", _BEFORE_NUMBER.sub("", _NOTE_IN_BRACKETS.sub(" ", part)))
            if not part:
                continue
            try:
                found.append(normalize_phone(part))
            except InvalidPhone:
                continue
        if not found:
            raise whole from None
        mobiles = [phone for phone in found if phone.startswith("+84") and phone[3:4] in "35789"]
        return (mobiles or found)[0]


def _validate_row(
    row: int,
    values: dict[str, str],
    labels: dict[str, str],
    first_code_row: dict[str, int],
    first_phone_row: dict[str, int],
) -> tuple[RosterEntry | None, list[RowError]]:
    """Check one data row; return the entry (None if invalid) and its errors."""
    errors: list[RowError] = []
    get = values.get
    if not get("full_name"):
        errors.append(RowError(row, "missing_name", {}))
    for name, limit in MAX_LENGTHS.items():
        if len(get(name, "")) > limit:
            errors.append(RowError(row, "too_long", {"column": labels[name], "field": name, "limit": str(limit)}))
    code = get("code") or None
    if code is not None and len(code) <= MAX_LENGTHS["code"] and (" " in code or not code.isprintable()):
        errors.append(RowError(row, "bad_code", {"value": code}))
    elif code is not None:
        first = first_code_row.setdefault(code.casefold(), row)
        if first != row:
            errors.append(RowError(row, "duplicate_code", {"value": code, "first_row": str(first)}))
    phone: str | None = None
    raw_phone = get("phone", "")
    if raw_phone:
        try:
            phone = pick_phone(raw_phone)
        except InvalidPhone as exc:
            errors.append(RowError(row, "bad_phone", {"value": raw_phone, "problem": exc.code}))
        else:
            first = first_phone_row.setdefault(phone, row)
            if first != row:
                errors.append(RowError(row, "duplicate_phone", {"value": raw_phone, "first_row": str(first)}))
    elif code is None:
        errors.append(RowError(row, "missing_identity", {}))
    email = get("email", "").lower() or None
    if email is not None and (len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email)):
        errors.append(RowError(row, "bad_email", {"value": values["email"]}))
    if errors:
        return None, errors
    entry = RosterEntry(
        row=row,
        code=code,
        full_name=values["full_name"],
        position=get("position", ""),
        department=get("department", ""),
        agency=get("agency", ""),
        phone=phone,
        email=email,
        seat=get("seat", "")[:MAX_SEAT_LENGTH] if "seat" in values else None,
    )
    return entry, errors
