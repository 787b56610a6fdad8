"""Write tables for organizers as CSV or XLSX: atomic, readable in Excel, safe from formula injection.

Formula injection: a text cell starting with = + - @ tab or CR
- in CSV gets a leading apostrophe ("'=SUM(A1)"); values meant to stay text, such as phone numbers, are
  wrapped in ExcelText and written as ="+84912345678" (shown without an apostrophe, never a formula from the data);
- in XLSX is stored as a plain string cell (never a formula), without any apostrophe, so phones stay "+84...";
  XLSX text also gets Excel line breaks (CR -> LF) and loses control characters Excel cannot store.
Numbers, dates and booleans are never prefixed. Aware datetimes are converted to Vietnam time (UTC+7)
and written without tzinfo; naive ones are written as they are.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = [
    "ExcelText",
    "Sheet",
    "write_table",
    "write_workbook",
    "safe_sheet_titles",
    "neutralize_csv_text",
    "VIETNAM_TZ",
]

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_TITLE = 31
MAX_CELL_TEXT = 32767
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 2000
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DATE_FORMAT = "dd/mm/yyyy"

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]+")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExcelText(str):
    """Text Excel must keep as typed, e.g. a phone number "0912345678" or "+84912345678".

    In CSV it is written as ="0912345678", which Excel and LibreOffice show as the plain text (no apostrophe, no
    leading zero lost, never a formula from the data: the quotes are escaped); in XLSX it is a plain string cell.
    """


@dataclass(frozen=True)
class Sheet:
    """One worksheet of a workbook: a title, a header row and data rows."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


def write_table(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *, sheet_title: str = "Sheet1"
) -> None:
    """Write one table to `path`; the suffix (.csv or .xlsx) picks the format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _atomic_write(path, lambda tmp: _write_csv(tmp, headers, rows))
    elif suffix == ".xlsx":
        write_workbook(path, [Sheet(sheet_title, headers, list(rows))])
    else:
        raise ValueError(f"unsupported table format {path.suffix!r}: use .csv or .xlsx")


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write several sheets to one .xlsx workbook, with safe and unique sheet titles."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"unsupported workbook format {path.suffix!r}: use .xlsx")
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    titles = safe_sheet_titles([sheet.title for sheet in sheets])
    _atomic_write(path, lambda tmp: _write_xlsx(tmp, sheets, titles))


def safe_sheet_titles(titles: Sequence[str]) -> list[str]:
    """Make titles valid for Excel: no []:*?/\\, no edge apostrophes, 1-31 chars, unique ignoring case."""
    used = {"history"}  # reserved by Excel
    result: list[str] = []
    for raw in titles:
        base = " ".join(_BAD_TITLE_CHARS.sub(" ", str(raw)).split()).strip("' ")[:MAX_SHEET_TITLE].strip("' ")
        base = base or "Sheet"
        title, counter = base, 1
        while title.casefold() in used:
            counter += 1
            suffix = f" ({counter})"
            title = base[: MAX_SHEET_TITLE - len(suffix)].rstrip("' ") + suffix
        used.add(title.casefold())
        result.append(title)
    return result


def neutralize_csv_text(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _to_local_naive(value: datetime) -> datetime:
    """Drop tzinfo, converting an aware datetime to Vietnam time first."""
    return value.astimezone(VIETNAM_TZ).replace(tzinfo=None) if value.tzinfo is not None else value


def _csv_cell(value: object) -> str:
    """Render one value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return _to_local_naive(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, ExcelText):
        return '="' + str(value).replace('"', '""') + '"' if value else ""
    return neutralize_csv_text(str(value))


def _write_csv(target: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write UTF-8 CSV with a BOM (so Excel shows Vietnamese) and standard quoting."""
    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_csv_cell(h) for h in headers])
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def _xlsx_value(sheet: Any, value: object) -> object:
    """Turn a value into what openpyxl's write-only sheet should store."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=_to_local_naive(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # openpyxl writes dates; its stub is narrower
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, time):
        return value
    text = _xlsx_text(value)
    if text.startswith(FORMULA_TRIGGERS) or text.startswith("#"):
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # never a formula or an error value
        return cell
    return text


def _xlsx_text(value: object) -> str:
    """Text an .xlsx cell can hold: Excel line breaks, no control characters, at most 32767 characters."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _XLSX_ILLEGAL.sub("", text)[:MAX_CELL_TEXT]


def _display_width(value: object) -> int:
    """Approximate characters a value needs in a column."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    """Column widths fitting the header and a sample of rows, within sensible bounds."""
    widths = [_display_width(h) for h in headers]
    for row in rows[:WIDTH_SAMPLE_ROWS]:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            widths[index] = max(widths[index], _display_width(value))
    return [min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, width + 2)) for width in widths]


def _write_xlsx(target: Path, sheets: Sequence[Sheet], titles: Sequence[str]) -> None:
    """Stream the sheets into an .xlsx file with a bold, frozen header row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet, title in zip(sheets, titles):
        worksheet = workbook.create_sheet(title=title)
        for index, width in enumerate(_column_widths(sheet.headers, sheet.rows), start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A2"
        if sheet.headers:
            worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
        header_cells = []
        for header in sheet.headers:
            cell = WriteOnlyCell(worksheet, value=_xlsx_text(header))
            cell.data_type = "s"
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in sheet.rows:
            worksheet.append([_xlsx_value(worksheet, value) for value in row])
    workbook.save(target)


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename it over `path`."""
    handle, temporary_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
