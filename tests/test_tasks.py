"""The organizing committee's tasks end to end through the emulator (issue 13)."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime

from PIL import Image

from bot.services.tasks import Act
from bot.telegram.app import stop_application
from bot.telegram.jobs import TASKS_JOB, TASKS_SWEEP, due_of
from tests.support.harness import NOW, ORGANIZER_ID, VN, Harness, boot
from tests.support.tasks import (
    AN,
    BINH,
    CHAIR,
    DELEGATE,
    STRANGER,
    board_fixture,  # noqa: F401 - the `board` fixture
    command,
    create_task,
    runner,
    tap,
)


async def test_admin_creates_a_task_and_the_owner_gets_it_with_buttons(board: Harness) -> None:
    task, card = await create_task(board, "Chuẩn bị hội trường", "Nguyễn Văn An", "20/12/2026 17:00")
    assert task.title == "Chuẩn bị hội trường" and task.owner_id == AN and task.status == "assigned"
    assert task.deadline == datetime(2026, 12, 20, 17, 0, tzinfo=VN)
    assert "Kính gửi đồng chí Nguyễn Văn An" in card.plain_text
    assert "17 giờ 00, Chủ nhật, ngày 20/12/2026" in card.plain_text
    assert card.button_texts() == ["Nhận việc", "Đã hoàn thành", "Báo cáo tiến độ", "Báo vướng mắc"]
    confirmation = board.emu.messages(ORGANIZER_ID)[-1]
    assert "Đã giao công việc số 1" in confirmation.plain_text
    # "/task ²" is not a task number ("²".isdigit() is True): it starts a new task instead of failing.
    assert "nhập nội dung công việc" in (await board.say(ORGANIZER_ID, "/task ²")).plain_text


async def test_the_chair_creates_tasks_and_a_bad_or_past_deadline_is_asked_again(board: Harness) -> None:
    await command(board, CHAIR, "task")
    assert "Nội dung trống" in (await board.say(CHAIR, "\u200b \u200b")).plain_text  # invisible only: asked again
    owners = await board.say(CHAIR, "Tổng hợp   ý kiến\u200b")
    await tap(board, CHAIR, owners, "Trần Thị Bình")
    assert "Thời hạn chưa đúng định dạng" in (await board.say(CHAIR, "mai 17h")).plain_text
    assert "Thời hạn chưa đúng định dạng" in (await board.say(CHAIR, "30/11/2026 17:00")).plain_text
    confirm = await board.say(CHAIR, "15/12/2026 09:30")
    assert "Thời hạn: 09 giờ 30, thứ Ba, ngày 15/12/2026" in confirm.plain_text
    await board.press(CHAIR, confirm, "Giao việc")
    card = await board.emu.wait_for_message(BINH, lambda m: "Tổng hợp ý kiến" in m.plain_text)
    assert "Nhận việc" in card.button_texts()
    assert [t.title for t in await board.services.tasks.all()] == ["Tổng hợp ý kiến"]  # cleaned once, stored clean


async def test_owner_accepts_reports_progress_and_finishes(board: Harness) -> None:
    task, card = await create_task(board, "In tài liệu", "Nguyễn Văn An", "20/12/2026 17:00")
    answer = await board.emu.wait_for_callback_answer(await board.press(AN, card, "Nhận việc"))
    assert "nhận công việc số 1" in (answer.text or "")
    edited = await board.emu.wait_for(
        lambda: next((m for m in board.emu.messages(AN) if m.message_id == card.message_id and m.edit_count), None)
    )
    assert "Đang thực hiện" in edited.plain_text and "Nhận việc" not in edited.button_texts()
    ask = await tap(board, AN, edited, "Báo cáo tiến độ")
    assert "tiến độ công việc số 1" in ask.plain_text
    saved = await board.say(AN, "Đã in 500/800 bộ")
    assert "Đã ghi nhận tiến độ" in saved.plain_text
    assert (await board.services.tasks.get(task.id)).progress == "Đã in 500/800 bộ"  # type: ignore[union-attr]
    answer = await board.emu.wait_for_callback_answer(await board.press(AN, saved, "Đã hoàn thành"))
    assert "đã hoàn thành" in (answer.text or "")
    stored = await board.services.tasks.get(task.id)
    assert stored is not None and stored.status == "done" and stored.done_at == NOW
    # The answered message loses its buttons; done is final: a press on the older card is refused with an alert.
    await board.emu.wait_for(
        lambda: next((m for m in board.emu.messages(AN) if m.message_id == saved.message_id and m.edit_count), None)
    )
    assert not [m for m in board.emu.messages(AN) if m.message_id == saved.message_id][0].button_texts()
    answer = await board.emu.wait_for_callback_answer(await board.press(AN, edited, "Đã hoàn thành"))
    assert answer.show_alert and "đã hoàn thành" in (answer.text or "")


async def test_blocked_goes_to_the_chair_once_with_the_reason(board: Harness) -> None:
    task, card = await create_task(board, "Thuê xe đưa đón", "Trần Thị Bình", "20/12/2026 17:00")
    await tap(board, BINH, card, "Báo vướng mắc")
    since = board.emu.sent_count(CHAIR)
    saved = await board.say(BINH, "Chưa có kinh phí")
    assert "báo cáo Trưởng Ban" in saved.plain_text
    alert = await board.emu.wait_for_message(CHAIR, lambda m: "vướng mắc" in m.plain_text, since=since)
    assert "Thuê xe đưa đón" in alert.plain_text and "Chưa có kinh phí" in alert.plain_text
    assert "Trần Thị Bình" in alert.plain_text
    await runner(board).run_due(board.clock.now())
    await runner(board).run_due(board.clock.now())
    assert len([m for m in board.emu.messages(CHAIR) if "Công việc vướng mắc" in m.plain_text]) == 1


async def test_only_the_owner_answers_and_delegates_and_strangers_are_refused(board: Harness) -> None:
    task, card = await create_task(board, "Khánh tiết", "Nguyễn Văn An", "20/12/2026 17:00")
    for outsider in (DELEGATE, STRANGER):
        for name in ("task", "tasks"):
            reply = await command(board, outsider, name)
            assert reply.plain_text == "Lệnh không hợp lệ. Đồng chí bấm /help để xem danh sách lệnh.", (outsider, name)
        assert "Công việc số" not in (await command(board, outsider, "task", str(task.number))).plain_text
    # A member may not assign tasks nor open tasks by number: /task is the managers' command.
    for payload in (None, str(task.number)):
        assert (await command(board, BINH, "task", payload)).plain_text.startswith("Lệnh không hợp lệ")
    # Once the task is handed over, the previous owner's buttons are refused with an alert.
    await board.services.tasks.reassign(task.id, ORGANIZER_ID, BINH)
    answer = await board.emu.wait_for_callback_answer(await board.press(AN, card, "Nhận việc"))
    assert answer.show_alert and "không được giao cho đồng chí" in (answer.text or "")
    stored = await board.services.tasks.get(task.id)
    assert stored is not None and stored.status == "assigned" and stored.owner_id == BINH


async def test_board_for_the_chair_with_counts_and_chart_and_for_a_member_their_own(board: Harness) -> None:
    services = board.services.tasks
    await services.create(
        "test", title="Hội trường", owner_id=AN, deadline=datetime(2026, 12, 20, 17, tzinfo=VN), group="Hậu cần"
    )
    late = await services.create(
        "test",
        title="Danh sách đại biểu",
        owner_id=BINH,
        deadline=datetime(2026, 12, 1, 8, tzinfo=VN),
        group="Nội dung",
    )
    done = await services.create(
        "test", title="Giấy mời", owner_id=AN, deadline=datetime(2026, 12, 5, 17, tzinfo=VN), group="Nội dung"
    )
    await services.act(done.id, AN, Act.DONE)
    since = board.emu.sent_count(CHAIR)
    text_message = await command(board, CHAIR, "tasks")
    body = text_message.plain_text
    assert "3 công việc" in body
    assert "Nội dung: 2 công việc — 1 đã hoàn thành, 0 đang thực hiện, 1 quá hạn, 0 vướng mắc" in body
    assert "Hậu cần: 1 công việc — 0 đã hoàn thành, 1 đang thực hiện" in body
    assert "Cần chỉ đạo" in body and "Danh sách đại biểu" in body
    photo = await board.emu.wait_for_message(CHAIR, lambda m: m.method == "sendPhoto", since=since)
    assert photo.document_bytes is not None
    image = Image.open(io.BytesIO(photo.document_bytes))
    assert image.format == "PNG" and image.width == 1080
    mine = (await command(board, AN, "tasks")).plain_text
    assert "Hội trường" in mine and "Giấy mời" in mine and "Danh sách đại biểu" not in mine
    assert late.number == 2


async def test_owner_reminders_at_most_once_then_caught_up_after_a_restart(board: Harness) -> None:
    task, _ = await create_task(board, "Phông nền sân khấu", "Nguyễn Văn An", "20/12/2026 17:00")
    # The one job waits for the next notice: today's digest for the chair at 17:00, then the owner's reminders.
    assert board.app.job_queue.scheduler.get_job(TASKS_JOB) is not None
    assert due_of(board.app, TASKS_JOB) == datetime(2026, 12, 1, 17, 0, tzinfo=VN)
    planned = board.services.tasks.planned([task], board.clock.now())
    assert [(n.kind, n.due_at) for n in planned if n.task] == [
        ("before", datetime(2026, 12, 17, 17, 0, tzinfo=VN)),
        ("before", datetime(2026, 12, 19, 17, 0, tzinfo=VN)),
        ("day", datetime(2026, 12, 20, 8, 0, tzinfo=VN)),
        ("overdue", datetime(2026, 12, 20, 17, 0, tzinfo=VN)),
    ]
    assert board.app.job_queue.scheduler.get_job(TASKS_SWEEP) is not None
    board.clock.set(datetime(2026, 12, 17, 17, 0, tzinfo=VN))
    sent = await asyncio.gather(runner(board).run_due(board.clock.now()), runner(board).run_due(board.clock.now()))
    assert [s.notice.kind for batch in sent for s in batch if s.notice.task] == ["before"]
    reminder = await board.emu.wait_for_message(AN, lambda m: "còn 3 ngày" in m.plain_text)
    assert "Kính gửi đồng chí Nguyễn Văn An" in reminder.plain_text and "Nhận việc" in reminder.button_texts()
    # The bot is down across the 1-day reminder and the morning of the deadline: one catch-up at start, not two.
    await stop_application(board.app)
    board.clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=VN))
    board.app = (await boot(board.emu, board.settings, clock=board.clock, roster=None)).app
    caught = await board.emu.wait_for_message(AN, lambda m: "đến hạn hôm nay" in m.plain_text)
    assert "Phông nền sân khấu" in caught.plain_text
    await runner(board).run_due(board.clock.now())
    reminders = [
        m for m in board.emu.messages(AN) if "Ban Tổ chức nhắc" in m.plain_text or "đến hạn hôm nay" in m.plain_text
    ]
    assert len(reminders) == 2  # 3 days before, then the day's (the 1-day one was skipped, not piled up)
    skipped = [k for k in await board.services.tasks.notice_keys() if k.startswith(f"task:{task.id}:before:1d")]
    assert len(skipped) == 1 and await board.services.tasks.notice_log(skipped[0]) == [(AN, "skipped")]


async def test_overdue_is_escalated_to_the_chair_once_with_how_late(board: Harness) -> None:
    await create_task(board, "Báo cáo chính trị", "Trần Thị Bình", "02/12/2026 08:00")
    board.clock.set(datetime(2026, 12, 2, 10, 30, tzinfo=VN))
    since = board.emu.sent_count(CHAIR)
    await runner(board).run_due(board.clock.now())
    alert = await board.emu.wait_for_message(CHAIR, lambda m: "quá hạn" in m.plain_text, since=since)
    assert "Báo cáo chính trị" in alert.plain_text and "quá hạn 2 giờ 30 phút" in alert.plain_text
    assert "Trần Thị Bình" in alert.plain_text
    board.clock.set(datetime(2026, 12, 3, 10, 30, tzinfo=VN))
    await runner(board).run_due(board.clock.now())
    assert len([m for m in board.emu.messages(CHAIR) if "Công việc quá hạn" in m.plain_text]) == 1


async def test_daily_digest_for_the_chair(board: Harness) -> None:
    services = board.services.tasks
    await services.create("test", title="Âm thanh", owner_id=AN, deadline=datetime(2026, 12, 1, 20, tzinfo=VN))
    await services.create("test", title="Hoa tươi", owner_id=BINH, deadline=datetime(2026, 11, 30, 20, tzinfo=VN))
    board.clock.set(datetime(2026, 12, 1, 17, 0, tzinfo=VN))
    await runner(board).run_due(board.clock.now())
    digest = await board.emu.wait_for_message(CHAIR, lambda m: "Tổng hợp tiến độ ngày 01/12/2026" in m.plain_text)
    due, overdue = digest.plain_text.split("Quá hạn")[:2]
    assert "Âm thanh" in due and "Hoa tươi" in overdue
    await runner(board).run_due(board.clock.now())
    assert len([m for m in board.emu.messages(CHAIR) if "Tổng hợp tiến độ" in m.plain_text]) == 1


async def test_changing_deadline_and_owner_tells_the_people_concerned(board: Harness) -> None:
    task, _ = await create_task(board, "Trang trí", "Nguyễn Văn An", "20/12/2026 17:00")
    card = await command(board, ORGANIZER_ID, "task", str(task.number))
    assert "Đổi thời hạn" in card.button_texts()
    ask = await tap(board, ORGANIZER_ID, card, "Đổi thời hạn")
    assert "thời hạn mới" in ask.plain_text
    since = board.emu.sent_count(AN)
    done = await board.say(ORGANIZER_ID, "22/12/2026 17:00")
    assert "Đã đổi thời hạn công việc số 1" in done.plain_text
    told = await board.emu.wait_for_message(AN, lambda m: "đã được điều chỉnh" in m.plain_text, since=since)
    assert (
        "17 giờ 00, Chủ nhật, ngày 20/12/2026" in told.plain_text
        and "17 giờ 00, thứ Ba, ngày 22/12/2026" in told.plain_text
    )
    owners = await tap(board, ORGANIZER_ID, card, "Đổi người thực hiện")
    since_an, since_binh = board.emu.sent_count(AN), board.emu.sent_count(BINH)
    await board.press(ORGANIZER_ID, owners, "Trần Thị Bình")
    new = await board.emu.wait_for_message(
        BINH, lambda m: "chuyển cho đồng chí thực hiện" in m.plain_text, since=since_binh
    )
    assert "Nhận việc" in new.button_texts()
    old = await board.emu.wait_for_message(AN, lambda m: "đã được chuyển cho đồng chí" in m.plain_text, since=since_an)
    assert "Trần Thị Bình" in old.plain_text
    stored = await board.services.tasks.get(task.id)
    assert stored is not None and stored.owner_id == BINH and stored.deadline == datetime(2026, 12, 22, 17, tzinfo=VN)


async def test_a_notice_claimed_when_the_bot_crashed_is_never_sent_again(board: Harness) -> None:
    task, _ = await create_task(board, "Nước uống, hoa tươi", "Nguyễn Văn An", "20/12/2026 17:00")
    board.clock.set(datetime(2026, 12, 17, 17, 0, tzinfo=VN))
    send, _ = await board.services.tasks.due_notices(board.clock.now())
    (reminder,) = [n for n in send if n.task and n.task.id == task.id]
    assert await board.services.tasks.claim(reminder) is not None  # claimed, then the process died before sending
    await stop_application(board.app)
    board.app = (await boot(board.emu, board.settings, clock=board.clock, roster=None)).app
    assert await board.services.tasks.notice_log(reminder.key) == [(AN, "unknown")]
    await runner(board).run_due(board.clock.now())
    assert not [m for m in board.emu.messages(AN) if "còn 3 ngày" in m.plain_text]
