"""Reminders through the emulator with a FakeClock: schedule, recipients, at-most-once, catch-up, deadlines."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.services.reminder_run import ReminderRunner
from bot.telegram.jobs import REMINDERS_SWEEP, due_of, runner_of
from tests.support.harness import ORGANIZER_ID, VN, Harness, nothing_more, restart


def runner(harness: Harness) -> ReminderRunner:
    """The runner the application's jobs use."""
    found = runner_of(harness.app)
    assert found is not None
    return found


async def attend(harness: Harness, user_id: int, code: str) -> None:
    """Link a delegate and answer Attend, waiting for the answer to be saved."""
    card = await harness.open_link(user_id, code)
    await harness.emu.wait_for_callback_answer(await harness.press(user_id, card, "Tham dự"))


async def deliveries(harness: Harness, key: str) -> dict[str, int]:
    """Delegate delivery rows of one reminder by status."""
    reminder = await harness.services.reminders.get(key)
    assert reminder is not None
    async with harness.services.db.read() as uow:
        return await uow.reminder_deliveries.counts(reminder.id)


def reminders_to(harness: Harness, user_id: int, words: str = "xác nhận tham dự trước") -> list[str]:
    """Texts of the RSVP reminders a user received."""
    return [m.plain_text for m in harness.emu.messages(user_id) if words in m.plain_text]


async def test_schedule_comes_from_config_and_jobs_exist(harness: Harness) -> None:
    schedule = {r.key: r for r in await harness.services.reminders.all()}
    assert set(schedule) == {"rsvp:7d", "rsvp:3d", "rsvp:1d", "attendance:1d", "attendance:2h", "proposals:2d"}
    assert schedule["rsvp:7d"].due_at == datetime(2026, 12, 13, 17, 0, tzinfo=VN)
    assert schedule["attendance:2h"].due_at == datetime(2026, 12, 28, 6, 0, tzinfo=VN)
    assert schedule["proposals:2d"].due_at == datetime(2026, 12, 13, 17, 0, tzinfo=VN)
    assert all(r.status == "scheduled" for r in schedule.values())
    scheduler = harness.app.job_queue.scheduler
    for key, reminder in schedule.items():
        job = scheduler.get_job(f"reminder:{key}")
        assert job is not None and job.misfire_grace_time is None and job.coalesce
        assert due_of(harness.app, f"reminder:{key}") == reminder.due_at
    assert scheduler.get_job(REMINDERS_SWEEP) is not None


async def test_changing_dates_and_restarting_reschedules(harness: Harness) -> None:
    harness.settings = harness.settings.__class__(
        **{
            **harness.settings.__dict__,
            "event": harness.settings.event.__class__(
                **{**harness.settings.event.__dict__, "rsvp_deadline": datetime(2026, 12, 22, 17, 0, tzinfo=VN)}
            ),
        }
    )
    await restart(harness)
    moved = await harness.services.reminders.get("rsvp:7d")
    assert moved is not None and moved.due_at == datetime(2026, 12, 15, 17, 0, tzinfo=VN)
    assert due_of(harness.app, "reminder:rsvp:7d") == moved.due_at


async def test_rsvp_reminder_goes_to_unanswered_with_buttons_that_answer(harness: Harness) -> None:
    await attend(harness, 101, "DB001")
    await harness.open_link(102, "DB002")
    harness.clock.set(datetime(2026, 12, 13, 17, 0, tzinfo=VN))
    since = harness.emu.sent_count(102)
    reports = await runner(harness).run_due(harness.clock.now())
    assert {r.reminder.key for r in reports} == {"rsvp:7d", "proposals:2d"}
    reminder = await harness.emu.wait_for_message(102, lambda m: "xác nhận tham dự trước" in m.plain_text, since=since)
    assert "Kính gửi đồng chí Trần Thị Bình" in reminder.plain_text
    assert "trước 17 giờ 00, Chủ nhật, ngày 20/12/2026" in reminder.plain_text
    assert reminders_to(harness, 101) == []
    query = await harness.press(102, reminder, "Tham dự")
    await harness.emu.wait_for_callback_answer(query)
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB002")
        assert delegate is not None and (await uow.rsvps.get(delegate.id)).status == "attending"  # type: ignore[union-attr]
    assert await deliveries(harness, "rsvp:7d") == {"sent": 1}
    summary = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "Nhắc xác nhận tham dự" in m.plain_text)
    assert "1 đã gửi" in summary.plain_text and "1 đại biểu chưa kết nối" in summary.plain_text


async def test_attendance_reminder_goes_to_attending_only(harness: Harness) -> None:
    await attend(harness, 101, "DB001")
    await harness.open_link(102, "DB002")
    harness.clock.set(datetime(2026, 12, 27, 8, 0, tzinfo=VN))
    report = await runner(harness).run("attendance:1d", harness.clock.now())
    assert report is not None and not report.skipped
    note = await harness.emu.wait_for_message(101, lambda m: "khai mạc vào lúc" in m.plain_text)
    assert (
        "vào lúc 08 giờ 00, thứ Hai, ngày 28/12/2026" in note.plain_text
        and "Trung tâm Hội nghị tỉnh" in note.plain_text
    )
    assert not [m for m in harness.emu.messages(102) if "khai mạc vào lúc" in m.plain_text]


async def test_at_most_once_for_two_runs_and_across_a_crash_and_restart(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await harness.open_link(102, "DB002")
    harness.clock.set(datetime(2026, 12, 17, 17, 0, tzinfo=VN))
    run = runner(harness)
    await asyncio.gather(run.run("rsvp:3d", harness.clock.now()), run.run("rsvp:3d", harness.clock.now()))
    await run.run_due(harness.clock.now())
    await harness.emu.wait_for(lambda: len(reminders_to(harness, 102)) >= 2)
    await nothing_more(harness.emu)
    assert len(reminders_to(harness, 101)) == 2 and len(reminders_to(harness, 102)) == 2  # 7d (late) and 3d
    assert await deliveries(harness, "rsvp:3d") == {"sent": 2}
    # A crash between claim and send: the row stays 'sending', the reminder still 'scheduled'.
    reminder = await harness.services.reminders.get("rsvp:1d")
    assert reminder is not None
    async with harness.services.db.transaction() as uow:
        await uow.reminder_deliveries.claim(reminder.id, "d:1", 1, 101, harness.clock.now())
    harness.clock.set(datetime(2026, 12, 19, 17, 0, tzinfo=VN))
    since_101, since_102 = harness.emu.sent_count(101), harness.emu.sent_count(102)
    await restart(harness)
    await harness.emu.wait_for_message(102, lambda m: "xác nhận tham dự trước" in m.plain_text, since=since_102)
    await nothing_more(harness.emu)
    assert harness.emu.sent_count(101) == since_101
    assert await deliveries(harness, "rsvp:1d") == {"sent": 1, "unknown": 1}
    await restart(harness)
    await runner(harness).run_due(harness.clock.now())
    await nothing_more(harness.emu)
    assert len(reminders_to(harness, 102)) == 3 and len(reminders_to(harness, 101)) == 2


async def test_catch_up_after_downtime_is_sent_once_and_marked_late(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    await restart(harness, clock_at=datetime(2026, 12, 14, 9, 0, tzinfo=VN))  # rsvp:7d was due 13/12 17:00 while down
    await harness.emu.wait_for_message(102, lambda m: "xác nhận tham dự trước" in m.plain_text)
    await nothing_more(harness.emu)
    sent = await harness.services.reminders.get("rsvp:7d")
    assert sent is not None and sent.status == "sent" and sent.late
    assert (await harness.services.reminders.get("rsvp:3d")).status == "scheduled"  # type: ignore[union-attr]
    assert len(reminders_to(harness, 102)) == 1
    # The proposals reminder (due the same moment) also runs late; each has its own summary.
    summary = await harness.emu.wait_for_message(
        ORGANIZER_ID, lambda m: "Nhắc xác nhận tham dự, 7 ngày trước hạn xác nhận" in m.plain_text
    )
    assert "gửi muộn" in summary.plain_text


async def test_no_rsvp_reminder_after_the_deadline(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    await restart(harness, clock_at=datetime(2026, 12, 21, 9, 0, tzinfo=VN))
    await runner(harness).run_due(harness.clock.now())
    await nothing_more(harness.emu)
    statuses = {r.key: r.status for r in await harness.services.reminders.all()}
    assert statuses["rsvp:7d"] == statuses["rsvp:3d"] == statuses["rsvp:1d"] == "skipped"
    assert reminders_to(harness, 102) == []


async def test_pause_and_resume(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    service = harness.services.reminders
    reminder = await service.get("rsvp:7d")
    assert reminder is not None
    assert (await service.pause(reminder.id, ORGANIZER_ID)).status == "paused"  # type: ignore[union-attr]
    assert await service.pause(reminder.id, ORGANIZER_ID) is None
    harness.clock.set(datetime(2026, 12, 13, 18, 0, tzinfo=VN))
    await runner(harness).run("rsvp:7d", harness.clock.now())
    await runner(harness).run_due(harness.clock.now())
    await nothing_more(harness.emu)
    assert reminders_to(harness, 102) == []
    assert (await service.resume(reminder.id, ORGANIZER_ID)).status == "scheduled"  # type: ignore[union-attr]
    await runner(harness).run_due(harness.clock.now())
    await harness.emu.wait_for_message(102, lambda m: "xác nhận tham dự trước" in m.plain_text)
    assert len(reminders_to(harness, 102)) == 1
