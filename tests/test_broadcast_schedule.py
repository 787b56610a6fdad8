"""Scheduled broadcasts: stored in SQLite, re-created as JobQueue jobs after a restart, sent at once when overdue."""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.jobs import broadcast_job as job_name
from tests.support.broadcast import Bots, broadcast_messages, compose, id_from, restart, user_id_of, wait_done
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more


async def schedule(harness: Harness, text_vi: str, when: str) -> int:
    """Compose, press Schedule and type the time; return the broadcast id."""
    summary = await compose(harness, "Tất cả", text_vi)
    await harness.press(ORGANIZER_ID, summary, "Hẹn giờ")
    await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "thời điểm gửi" in m.plain_text)
    confirmed = await harness.say(ORGANIZER_ID, when)
    day, hour = when.split()
    assert f"sẽ được gửi vào lúc {hour.replace(':', ' giờ ')}, " in confirmed.plain_text
    assert f", ngày {day}." in confirmed.plain_text
    return id_from(summary)


def job_of(harness: Harness, broadcast_id: int):  # type: ignore[no-untyped-def]
    """The one APScheduler job of a scheduled broadcast."""
    assert harness.app.job_queue is not None
    jobs = harness.app.job_queue.get_jobs_by_name(job_name(broadcast_id))
    assert len(jobs) == 1
    return jobs[0]


async def test_job_is_recreated_after_a_restart_and_fires(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=3)
    broadcast_id = await schedule(harness, "Nhắc lịch đón đại biểu", "01/12/2026 09:01")
    job = job_of(harness, broadcast_id)
    assert job.job.misfire_grace_time is None and job.job.id == job_name(broadcast_id)
    await restart(harness)
    harness.clock.advance(timedelta(seconds=59))
    await restart(harness)  # the new job's delay is measured on the injected clock: about one second now
    job = job_of(harness, broadcast_id)
    assert job.job.misfire_grace_time is None
    assert all(broadcast_messages(emulator, user_id_of(n), "Nhắc lịch") == [] for n in (1, 2, 3))
    await wait_done(harness, broadcast_id, timeout=6.0)
    await nothing_more(emulator)
    assert [len(broadcast_messages(emulator, user_id_of(n), "Nhắc lịch")) for n in (1, 2, 3)] == [1, 1, 1]


async def test_overdue_schedule_is_sent_at_start_up(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=2)
    broadcast_id = await schedule(harness, "Thông báo hẹn giờ", "01/12/2026 10:00")
    harness.clock.advance(timedelta(hours=2))  # the bot was down at 10:00
    await restart(harness)
    await wait_done(harness, broadcast_id)
    await nothing_more(emulator)
    assert [len(broadcast_messages(emulator, user_id_of(n), "hẹn giờ")) for n in (1, 2)] == [1, 1]
    assert harness.app.job_queue is not None
    assert harness.app.job_queue.get_jobs_by_name(job_name(broadcast_id)) == ()
