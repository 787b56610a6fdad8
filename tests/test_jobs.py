"""One jobs module (bot/telegram/jobs.py): one way to name, schedule, rebuild and remove every job."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.telegram.jobs import JOB_OPTIONS, due_of, jobs_named, schedule_at, unschedule
from tests.support.harness import Harness


async def test_every_job_of_the_running_bot_follows_one_convention(harness: Harness) -> None:
    assert harness.app.job_queue is not None
    jobs = harness.app.job_queue.scheduler.get_jobs()
    assert {job.id.split(":")[0] for job in jobs} >= {"reminder", "reminders", "tasks"}
    for job in jobs:
        assert re.fullmatch(r"[a-z]+:[a-z0-9:]+", job.id), job.id
        assert job.name == job.id and job.misfire_grace_time is None and job.coalesce, job.id


async def test_schedule_at_is_measured_on_the_injected_clock_and_replaces_by_name(harness: Harness) -> None:
    app, clock = harness.app, harness.clock
    ran: list[str] = []

    async def note(context: object) -> None:
        ran.append("ran")

    due = clock.now() + timedelta(days=3)
    schedule_at(app, "test:1", note, due, "first")
    schedule_at(app, "test:1", note, due + timedelta(hours=1), "second")
    [job] = jobs_named(app, "test:1")
    assert job.data.payload == "second" and due_of(app, "test:1") == due + timedelta(hours=1)
    assert job.job.misfire_grace_time is JOB_OPTIONS["misfire_grace_time"]
    unschedule(app, "test:1")
    assert jobs_named(app, "test:1") == () and due_of(app, "test:1") is None
    # A time already passed (by the injected clock) runs at once.
    schedule_at(app, "test:2", note, clock.now() - timedelta(minutes=5))
    await harness.emu.wait_for(lambda: ran == ["ran"])
