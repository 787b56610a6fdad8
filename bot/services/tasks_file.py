"""The organizing plan as XLSX: read it (Vietnamese or English headers, every bad row reported) and export it.

- The header is the first of the first 10 non-empty rows that has a title column; STT/No. and unknown columns are
  ignored; a row whose known columns are all empty is skipped. Row numbers are the spreadsheet's.
- The owner column names a committee member (name or Telegram id) or a unit: a unit's contact is its first member
  in [[committee.members]].
- The deadline is a date-time cell, a date cell (17:00 that day), or text dd/mm/yyyy HH:MM or dd/mm/yyyy.
- PlanError(reason, row, detail) → catalogue `task_error.<reason>`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import CommitteeMember
from bot.services.cleaning import normalise
from bot.services.roster_file import header_key, normalize_text
from bot.services.tabular import Sheet, write_workbook
from bot.services.tasks import TITLE_LIMIT, PlanRow, TaskService, state_of
from storage.task_models import Task, TaskNote

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 2000
DEFAULT_HOUR = time(17, 0)
_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("Nội dung công việc", "Nội dung", "Công việc", "Tên công việc", "Nhiệm vụ", "Task", "Title"),
    "owner": (
        "Đơn vị/người thực hiện",
        "Đơn vị, người thực hiện",
        "Người thực hiện",
        "Đơn vị thực hiện",
        "Đơn vị chủ trì",
        "Người phụ trách",
        "Owner",
        "Responsible",
        "Assignee",
    ),
    "deadline": ("Thời hạn", "Thời hạn hoàn thành", "Hạn", "Hạn hoàn thành", "Thời gian hoàn thành", "Deadline", "Due"),
    "notes": ("Ghi chú", "Notes", "Note", "Remarks"),
    "group": ("Nhóm", "Nhóm việc", "Nhóm công việc", "Lĩnh vực", "Mảng", "Tiểu ban", "Group", "Category"),
}
_FIELD_BY_HEADER = {header_key(alias): name for name, aliases in _ALIASES.items() for alias in aliases}
_TEXT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d")


@dataclass(frozen=True)
class PlanError:
    """One problem: a reason (catalogue key suffix), the spreadsheet row (None: the whole file), details."""

    reason: str
    row: int | None = None
    detail: dict[str, str] = field(default_factory=dict)


class PlanFileError(Exception):
    """The plan is refused whole; every problem is listed."""

    def __init__(self, errors: Sequence[PlanError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the plan")
        self.errors = list(errors)


def parse_plan(path: Path, members: Sequence[CommitteeMember], zone: ZoneInfo) -> list[PlanRow]:
    """Read a plan file from disk."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise PlanFileError([PlanError("unreadable_file")]) from None
    return parse_plan_bytes(data, Path(path).name, members, zone)


def parse_plan_bytes(data: bytes, filename: str, members: Sequence[CommitteeMember], zone: ZoneInfo) -> list[PlanRow]:
    """Read a plan from an .xlsx file's bytes; raise PlanFileError listing every bad row."""
    if Path(filename).suffix.lower() not in (".xlsx", ".xlsm"):
        raise PlanFileError([PlanError("unsupported_file")])
    rows = _xlsx_rows(data)
    if not rows:
        raise PlanFileError([PlanError("empty_file")])
    header_at = next((i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]) if "title" in _columns(cells)), None)
    if header_at is None:
        raise PlanFileError([PlanError("missing_column", rows[0][0], {"column": _ALIASES["title"][0]})])
    header_row, header_cells = rows[header_at]
    columns = _columns(header_cells)
    missing = [name for name in ("owner", "deadline") if name not in columns]
    if missing:
        raise PlanFileError([PlanError("missing_column", header_row, {"column": _ALIASES[m][0]}) for m in missing])
    body = rows[header_at + 1 :]
    if len(body) > MAX_ROWS:
        raise PlanFileError([PlanError("too_many_rows", None, {"limit": str(MAX_ROWS)})])
    result: list[PlanRow] = []
    errors: list[PlanError] = []
    seen: dict[str, int] = {}
    for row_number, cells in body:
        values = {name: cells[index] if index < len(cells) else None for name, index in columns.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        title = _text(values["title"])
        owner_text = _text(values["owner"])
        if not title:
            errors.append(PlanError("missing_title", row_number))
            continue
        if len(title) > TITLE_LIMIT:
            errors.append(PlanError("too_long", row_number, {"limit": str(TITLE_LIMIT)}))
            continue
        folded = " ".join(title.casefold().split())
        if folded in seen:
            errors.append(PlanError("duplicate_title", row_number, {"first": str(seen[folded])}))
            continue
        seen[folded] = row_number
        owner = _owner(owner_text, members)
        if owner is None:
            reason = "missing_owner" if not owner_text else "unknown_owner"
            errors.append(PlanError(reason, row_number, {"value": owner_text[:80]}))
            continue
        deadline = _deadline(values["deadline"], zone)
        if deadline is None:
            errors.append(PlanError("bad_deadline", row_number, {"value": _text(values["deadline"])[:40]}))
            continue
        result.append(
            PlanRow(
                row=row_number,
                title=title,
                owner_id=owner[0],
                owner_label=owner[1],
                deadline=deadline,
                notes=_text(values.get("notes")),
                group=_text(values.get("group")),
            )
        )
    if errors:
        raise PlanFileError(errors)
    if not result:
        raise PlanFileError([PlanError("no_tasks")])
    return result


def _xlsx_rows(data: bytes) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook  # local import keeps the module cheap to import

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage in the file is one refusal
        raise PlanFileError([PlanError("unreadable_file")]) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[object]]] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values: list[object] = list(cells)
            if any(_text(v) for v in values):
                rows.append((number, values))
        return rows
    finally:
        workbook.close()


def _columns(cells: Sequence[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _FIELD_BY_HEADER.get(header_key(_text(cell)))
        if name and name not in columns:
            columns[name] = index
    return columns


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise(normalize_text(value), multiline=False)


def _owner(value: str, members: Sequence[CommitteeMember]) -> tuple[int, str] | None:
    """(member id, label as written) by Telegram id, member name, or unit (its first member)."""
    if not value:
        return None
    if value.isdigit():
        found = next((m for m in members if m.user_id == int(value)), None)
        return (found.user_id, _label(found)) if found else None
    key = header_key(value)
    by_name = next((m for m in members if header_key(m.name) == key), None)
    if by_name is not None:
        return by_name.user_id, _label(by_name)
    by_unit = next((m for m in members if m.unit and header_key(m.unit) == key), None)
    if by_unit is not None:
        return by_unit.user_id, f"{by_unit.unit} ({by_unit.name})"
    return None


def _label(member: CommitteeMember) -> str:
    return f"{member.name} ({member.unit})" if member.unit else member.name


def _deadline(value: object, zone: ZoneInfo) -> datetime | None:
    if isinstance(value, datetime):
        naive = value.replace(tzinfo=None)
        if naive.time() == time(0, 0):
            naive = datetime.combine(naive.date(), DEFAULT_HOUR)
        return naive.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, DEFAULT_HOUR, zone)
    raw = _text(value)
    for fmt in _TEXT_FORMATS:
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            parsed = datetime.combine(parsed.date(), DEFAULT_HOUR)
        return parsed.replace(tzinfo=zone)
    return None


def write_plan(
    path: Path,
    tasks: Sequence[Task],
    notes: dict[int, list[TaskNote]],
    now: datetime,
    headers: dict[str, Sequence[str]],
    labels: dict[str, str],
    owner_name: dict[int, str],
) -> None:
    """The plan with states, dates and progress notes (sheet "plan"), counts by group ("summary") and the history
    ("history"), as an .xlsx the secretariat pastes into its weekly report; readable by its owner only (0600)."""
    plan_rows = [
        [
            task.number,
            task.group,
            task.title,
            owner_name.get(task.owner_id, str(task.owner_id)),
            task.owner_label,
            task.deadline,
            labels[state_of(task, now)],
            task.progress or "",
            task.blocked_reason or "",
            task.done_at,
            task.notes,
        ]
        for task in sorted(tasks, key=lambda t: (t.group, t.deadline, t.number))
    ]
    summary: dict[str, dict[str, int]] = {}
    for task in tasks:
        bucket = summary.setdefault(task.group, {"done": 0, "in_progress": 0, "overdue": 0, "blocked": 0})
        bucket[state_of(task, now)] += 1
    summary_rows = [
        [group, sum(c.values()), c["done"], c["in_progress"], c["overdue"], c["blocked"]]
        for group, c in summary.items()
    ]
    by_id = {task.id: task for task in tasks}
    history_rows = [
        [by_id[task_id].number, note.created_at, labels.get(f"note.{note.kind}", note.kind), note.text]
        for task_id, items in notes.items()
        if task_id in by_id
        for note in items
    ]
    write_workbook(
        path,
        [
            Sheet(labels["sheet.plan"], headers["plan"], plan_rows),
            Sheet(labels["sheet.summary"], headers["summary"], summary_rows),
            Sheet(labels["sheet.history"], headers["history"], history_rows),
        ],
    )
    os.chmod(path, 0o600)


async def export_plan(service: TaskService, path: Path, language: str = "vi") -> int:
    """Write the plan workbook in the organizer's language; return how many tasks it lists."""
    from bot.i18n import plain

    tasks = await service.all()
    labels = {state: plain(language, f"task.state.{state}") for state in ("done", "in_progress", "overdue", "blocked")}
    for kind in ("created", "accept", "done", "progress", "blocked", "deadline", "owner"):
        labels[f"note.{kind}"] = plain(language, f"task.note.{kind}")
    for sheet in ("plan", "summary", "history"):
        labels[f"sheet.{sheet}"] = plain(language, f"task.xlsx.sheet_{sheet}")
    headers: dict[str, Sequence[str]] = {
        sheet: plain(language, f"task.xlsx.{sheet}_headers").split("|") for sheet in ("plan", "summary", "history")
    }
    names = {m.user_id: m.name for m in service.members()}
    write_plan(path, tasks, await service.history(), service.now(), headers, labels, names)
    return len(tasks)
