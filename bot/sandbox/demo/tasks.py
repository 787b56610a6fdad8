"""The demo's organizing plan, played before the invitations go out: the chair imports the plan from XLSX, owners
accept, report progress, finish or report a blockage, reminders go out on an accelerated clock, the chair reads the
board and its chart."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from bot.sandbox.clock import SandboxClock
from bot.sandbox.demo import people
from bot.sandbox.demo.clockwork import advance
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services import Services

CHAIR_ID = 4_200_000
MEMBERS = (
    (CHAIR_ID, "Hoàng Văn Quang", "Văn phòng Tỉnh ủy"),
    (4_200_001, "Nguyễn Văn Hùng", "Văn phòng Tỉnh ủy"),
    (4_200_002, "Trần Thị Lan", "Ban Tuyên giáo Tỉnh ủy"),
    (4_200_003, "Lê Văn Minh", "Ban Tổ chức Tỉnh ủy"),
)
HUNG, LAN, MINH = (member[0] for member in MEMBERS[1:])
# (days from now, group, task, owner as the plan names it: a member or a unit)
PLAN = (
    (2, "Hậu cần", "Chuẩn bị hội trường, âm thanh, ánh sáng", "Nguyễn Văn Hùng"),
    (4, "Tuyên truyền", "In tài liệu, khẩu hiệu, pano tuyên truyền", "Ban Tuyên giáo Tỉnh ủy"),
    (5, "Nội dung", "Tổng hợp danh sách đại biểu từ các sở, ngành", "Lê Văn Minh"),
    (6, "Hậu cần", "Bố trí xe đưa đón đại biểu", "Văn phòng Tỉnh ủy"),
    (7, "Tuyên truyền", "Thông cáo báo chí, đưa tin trên Cổng thông tin", "Trần Thị Lan"),
)
BLOCK_REASON = "Còn 3 sở chưa gửi danh sách"
PROGRESS = "Đã in 600/800 bộ tài liệu"


def committee_config() -> dict[str, object]:
    """The [committee] section of the demo's configuration."""
    return {
        "chair": CHAIR_ID,
        "members": [{"id": user_id, "name": name, "unit": unit} for user_id, name, unit in MEMBERS],
    }


def add_users(emu: BotApiEmulator) -> None:
    """The committee's Telegram accounts."""
    for user_id, name, _ in MEMBERS:
        emu.add_user(user_id, name.split()[-1], name.split()[0], language_code="vi")


def write_plan(path: Path, now: datetime) -> Path:
    """The organizing plan as the secretariat writes it (title line, Vietnamese headers, STT)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["KẾ HOẠCH TỔ CHỨC HỘI NGHỊ"])
    sheet.append(["STT", "Nhóm", "Nội dung công việc", "Đơn vị/người thực hiện", "Thời hạn", "Ghi chú"])
    for number, (days, group, title, owner) in enumerate(PLAN, start=1):
        deadline = (now + timedelta(days=days)).replace(hour=17, minute=0, second=0, microsecond=0, tzinfo=None)
        sheet.append([number, group, title, owner, deadline, ""])
    book.save(path)
    return path


async def play_plan(
    emu: BotApiEmulator, services: Services, clock: SandboxClock, folder: Path, pace: float
) -> tuple[list[str], list[str]]:
    """Play the plan; return (report lines, problems)."""
    reading = 1.2 * max(pace, 0.1)

    async def wait(user_id: int, since: int, expect: str, timeout: float = 30.0) -> SentMessage:
        return await emu.wait_for_message(user_id, lambda m: expect in m.plain_text, since=since, timeout=timeout)

    say = partial(people.say, emu, reading=reading)
    press = partial(people.press, emu, reading=reading)

    problems: list[str] = []
    plan = write_plan(folder / "ke-hoach-to-chuc.xlsx", clock.now().astimezone(services.tasks.zone))
    menu = await say(CHAIR_ID, "/tasks", "Kế hoạch công việc")
    await press(CHAIR_ID, menu, "Nhập kế hoạch", "tệp kế hoạch")
    await asyncio.sleep(reading)
    since = emu.sent_count(CHAIR_ID)
    emu.send_document(CHAIR_ID, plan.name, plan.read_bytes())
    preview = await wait(CHAIR_ID, since, "Kế hoạch có")
    await asyncio.sleep(reading)
    emu.press_button(CHAIR_ID, preview.message_id, preview.button_data("Nhập"))
    await emu.wait_for(
        lambda: next((m for m in emu.messages(CHAIR_ID) if m.message_id == preview.message_id and m.edit_count), None),
        timeout=30.0,
    )
    tasks = await services.tasks.all()
    if len(tasks) != len(PLAN):
        problems.append(f"kế hoạch / plan: {len(tasks)} công việc, cần {len(PLAN)}")

    def card(owner: int, title: str) -> SentMessage:
        found = next((m for m in emu.messages(owner) if title in m.plain_text and m.button_texts()), None)
        assert found is not None, f"{owner} has no card for {title}"
        return found

    await emu.wait_for(lambda: all(any(m.button_texts() for m in emu.messages(u)) for u in (HUNG, LAN, MINH)), 30.0)
    await asyncio.sleep(reading)
    hall = card(HUNG, PLAN[0][2])
    await emu.wait_for_callback_answer(emu.press_button(HUNG, hall.message_id, hall.button_data("Nhận việc")), 30.0)
    await press(LAN, card(LAN, PLAN[1][2]), "Báo cáo tiến độ", "tiến độ")
    await say(LAN, PROGRESS, "Đã ghi nhận tiến độ")
    await press(MINH, card(MINH, PLAN[2][2]), "Báo vướng mắc", "lý do")
    since_chair = emu.sent_count(CHAIR_ID)
    await say(MINH, BLOCK_REASON, "Đã ghi nhận vướng mắc")
    await wait(CHAIR_ID, since_chair, BLOCK_REASON)
    await asyncio.sleep(reading)
    hall = card(HUNG, PLAN[0][2])
    await emu.wait_for_callback_answer(emu.press_button(HUNG, hall.message_id, hall.button_data("Đã hoàn thành")), 30.0)
    # Jump (accelerated clock) to the first reminder before a deadline: the bot's own job reminds its owner.
    reminded_before = {u: emu.sent_count(u) for u in (HUNG, LAN, MINH)}
    planned = services.tasks.planned(await services.tasks.all(), clock.now())
    first = min((n.due_at for n in planned if n.kind == "before" and n.due_at > clock.now()), default=clock.now())
    due, _ = await services.tasks.due_notices(first + timedelta(minutes=1))
    expected = [n for n in due if n.kind in ("before", "day")]
    await advance(emu, services, clock, first + timedelta(minutes=1))
    reminders = [n for n in expected if (n.chat_id, "sent") in await services.tasks.notice_log(n.key)]
    if not reminders or len(reminders) != len(expected):
        problems.append(f"nhắc việc / task reminders: {len(reminders)} sent of {len(expected)} due")
    got = {u: emu.sent_count(u) - reminded_before[u] for u in reminded_before}
    await asyncio.sleep(reading)
    since = emu.sent_count(CHAIR_ID)
    emu.send_text(CHAIR_ID, "/tasks")
    board = await wait(CHAIR_ID, since, "Tổng cộng")
    chart = await emu.wait_for_message(CHAIR_ID, lambda m: m.method == "sendPhoto", since=since, timeout=60.0)
    if not chart.document_bytes:
        problems.append("biểu đồ / chart: no image")
    total_line = next(line for line in board.plain_text.splitlines() if line.startswith("Tổng cộng"))
    lines = [
        f"Kế hoạch của Ban Tổ chức / committee plan: {len(tasks)} công việc nhập từ {plan.name} (xem trước, xác nhận)",
        f"  Trưởng Ban nhận báo cáo vướng mắc: “{BLOCK_REASON}”; {len(reminders)} lời nhắc trước hạn gửi tự động "
        f"({sum(got.values())} tin tới người thực hiện)",
        f"  Bảng tiến độ: {total_line} Biểu đồ {len(chart.document_bytes or b'') // 1024} KB.",
    ]
    return lines, problems
