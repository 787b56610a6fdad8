"""Parse a delegate roster (CSV or XLSX) into validated entries, reporting every bad row at once.

- Row numbers are those a spreadsheet shows (a CSV record with quoted newlines is one row).
- The header is the first of the first 10 non-empty rows that has a name column, so title lines above it are
  skipped; STT/No. and unknown columns are ignored; a row whose known columns are all empty is skipped.
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
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 10
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

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
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
    """Return the non-empty rows of the first worksheet of an XLSX workbook."""
    from openpyxl import load_workbook  # local import keeps module import cheap

    if _is_encrypted_office_file(data):
        raise RosterFileError([RowError(None, "encrypted_xlsx", {})])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many exception types for a corrupt, encrypted or foreign file
        raise RosterFileError([RowError(None, "not_xlsx", {})]) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise RosterFileError([RowError(None, "empty_file", {})])
        sheet.reset_dimensions()  # some writers record a wrong used range
        rows: list[list[object]] = [list(row) for row in sheet.iter_rows(values_only=True)]
        return _non_empty(_fill_merged(rows, _merged_ranges(sheet)))
    except RosterFileError:
        raise
    except Exception:
        raise RosterFileError([RowError(None, "not_xlsx", {})]) from None
    finally:
        workbook.close()


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
    header_at = next(
        (i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]) if "full_name" in _map_header(0, cells)[0]), 0
    )
    header_row, header_cells = rows[header_at]
    columns, errors = _map_header(header_row, header_cells)
    if "full_name" not in columns:
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
    data_rows = 0
    for row_number, cells in rows[header_at + 1 :]:
        values = {name: (cells[index] if index < len(cells) else "") for name, index in columns.items()}
        if not any(values.values()):
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


def _map_header(row: int, cells: Sequence[str]) -> tuple[dict[str, int], list[RowError]]:
    """Map known header names to column indexes; STT/No. and unknown columns are ignored."""
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, text in enumerate(cells):
        name = _FIELD_BY_HEADER.get(header_key(text))
        if name is None:
            continue
        if name in columns:
            errors.append(RowError(row, "duplicate_column", {"column": text, "field": name}))
        else:
            columns[name] = index
    return columns, errors


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
            phone = normalize_phone(raw_phone)
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
