"""The demo's organizer console: an admin uploads a corrected roster in the chat, draws the chart, downloads the
answers and the committee's report — every step through the real Telegram flow. The files are kept in a folder
that outlives the demo, and its path is printed."""

from __future__ import annotations

import asyncio
import io
import tempfile
import time
from functools import partial
from pathlib import Path

from bot.sandbox.demo.people import press, say, shows
from bot.sandbox.demo.roster_gen import ROSTER_HEADERS, generate_roster
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services import Services
from bot.services.tabular import write_table

READING = 1.5  # an organizer reads before the next tap (Telegram allows ~1 message/s to one chat)
NEW_PEOPLE = (
    ("Đặng Thị Ngọc Ánh", "Phó Trưởng phòng Kế hoạch - Tài chính"),
    ("Nguyễn Hữu Phước", "Trưởng phòng Tổng hợp"),
)


def corrected_roster(path: Path, delegates: int, seed: int) -> Path:
    """The demo's roster with the first delegate promoted and two delegates added (what a secretariat re-sends)."""
    people = generate_roster(delegates, seed=seed)
    people[0] = {**people[0], "position": "Phó Giám đốc"}
    width = len(people[-1]["code"]) - 2 if people else 4
    for offset, (full_name, position) in enumerate(NEW_PEOPLE, start=1):
        template = people[offset % len(people)] if people else {"department": "", "agency": "Sở Nội vụ"}
        people.append(
            {
                "code": f"DB{delegates + offset:0{width}d}",
                "full_name": full_name,
                "position": position,
                "department": template["department"],
                "agency": template["agency"],
                "phone": f"+8490999{offset:04d}",
                "email": "",
                "seat": "",
            }
        )
    rows = [
        (n, p["code"], p["full_name"], p["position"], p["department"], p["agency"], p["phone"], p["email"], p["seat"])
        for n, p in enumerate(people, start=1)
    ]
    write_table(path, ROSTER_HEADERS, rows, sheet_title="Danh sách đại biểu")
    return path


async def _wait(emu: BotApiEmulator, user_id: int, since: int, expect: str, timeout: float) -> SentMessage:
    return await emu.wait_for_message(user_id, shows(expect), since=since, timeout=timeout)


# The organizer reads each reply before the next tap.
_say = partial(say, reading=READING)
_press = partial(press, reading=READING, timeout=60.0)


def _keep(folder: Path, name: str, message: SentMessage) -> Path:
    path = folder / name
    path.write_bytes(message.document_bytes or b"")
    path.chmod(0o600)
    return path


async def play_console(
    emu: BotApiEmulator, services: Services, organizer_id: int, source: Path, delegates: int, seed: int
) -> tuple[list[str], list[str]]:
    """Roster upload, chart, export and report in the chat; return (lines to print, problems)."""
    started = time.monotonic()
    problems: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="hoinghi-demo-tep-"))
    roster = corrected_roster(source / "danh-sach-bo-sung.xlsx", delegates, seed)
    await asyncio.sleep(READING)
    since = emu.sent_count(organizer_id)
    emu.send_document(organizer_id, roster.name, roster.read_bytes())
    preview = await _wait(emu, organizer_id, since, "Xem trước danh sách", 120.0)
    first = preview.plain_text.splitlines()[1]
    imported = await _press(emu, organizer_id, preview, "Xác nhận nhập", "Đã nhập", timeout=120.0)
    if "thêm 2, cập nhật 1" not in imported.plain_text:
        problems.append(f"roster upload: {imported.plain_text.splitlines()[0]}")
    stats = await _say(emu, organizer_id, "/stats", "Số liệu")
    chart = await _press(emu, organizer_id, stats, "Biểu đồ", "Xác nhận tham dự:")
    chart_path = folder / "bieu-do-tra-loi-theo-co-quan.png"
    chart_path.write_bytes(chart.document_bytes or b"")
    menu = await _say(emu, organizer_id, "/export", "Tải tệp")
    answers_name = services.exports.file_name("rsvps")
    answers = _keep(folder, answers_name, await _press(emu, organizer_id, menu, "Xác nhận tham dự", answers_name))
    report_name = services.exports.file_name("report")
    report = _keep(folder, report_name, await _press(emu, organizer_id, menu, "Báo cáo tổng hợp", report_name))
    for path in (chart_path, answers, report):
        if not path.stat().st_size:
            problems.append(f"{path.name}: empty file")
    if not (chart.document_bytes or b"").startswith(b"\x89PNG"):
        problems.append("chart: not a PNG")
    if not io.BytesIO(report.read_bytes()).read(2) == b"PK":
        problems.append("report: not a DOCX")
    lines = [
        f"Bảng điều khiển Ban Tổ chức / organizer console ({time.monotonic() - started:.1f} s):",
        f"  danh sách bổ sung / corrected roster: {first}",
        f"  {imported.plain_text.splitlines()[0]}",
        f"  Tệp đã tải / files downloaded in the chat: {folder}",
        *(f"    {path.name}" for path in (chart_path, answers, report)),
    ]
    return lines, problems
