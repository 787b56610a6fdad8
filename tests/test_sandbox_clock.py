"""The sandbox's clock (issue 17): the demo moves it in a file, the bot (its own process) reads it, and the bot's
dated jobs follow the jump — so the demo never runs a job itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import SystemClock
from bot.sandbox.bot_run import CLOCK_JOB, follow
from bot.sandbox.clock import SandboxClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.jobs import jobs_named, replace_dated, schedule_at
from tests.support.harness import Harness, make_settings, nothing_more, running


def test_every_clock_on_the_file_follows_a_jump_at_once_and_never_goes_back(tmp_path: Path) -> None:
    demo, bot = SandboxClock(tmp_path / "clock"), SandboxClock(tmp_path / "clock")
    assert abs(bot.now() - datetime.now(UTC)) < timedelta(seconds=5)  # no file yet: real time
    target = datetime.now(UTC) + timedelta(days=15)
    demo.advance_to(target)
    assert target <= bot.now() < target + timedelta(seconds=5) and bot.offset == demo.offset
    demo.advance_to(target - timedelta(days=3))  # never backwards
    assert bot.now() >= target
    assert not (tmp_path / "clock.new").exists()


async def test_a_dated_job_the_clock_jumped_past_runs_when_re_placed(harness: Harness) -> None:
    app, clock = harness.app, harness.clock
    ran: list[str] = []

    async def note(context: object) -> None:
        ran.append("ran")

    schedule_at(app, "test:later", note, clock.now() + timedelta(days=3))
    clock.advance(timedelta(days=4))
    assert replace_dated(app) >= 1 and jobs_named(app, "test:later")
    await harness.emu.wait_for(lambda: ran == ["ran"])


async def test_the_bot_sends_a_reminder_when_the_demo_moves_the_clock_to_it(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    # The conference a month from the real today: the sandbox clock starts at real time.
    fmt, now = "%Y-%m-%d %H:%M", SystemClock().now().astimezone().replace(tzinfo=None)
    start = now + timedelta(days=30)
    dates = {
        "starts_at": start.strftime(fmt),
        "rsvp_deadline": (start - timedelta(days=8)).strftime(fmt),
        "proposals_deadline": (start - timedelta(days=10)).strftime(fmt),
    }
    settings = make_settings(tmp_path, emulator, **dates)
    emulator.add_user(101, "An", "Nguyễn", language_code="vi")
    bot_clock, demo_clock = SandboxClock(tmp_path / "clock"), SandboxClock(tmp_path / "clock")
    async with running(emulator, settings, clock=bot_clock) as bot:
        follow(bot.app, bot_clock)
        assert jobs_named(bot.app, CLOCK_JOB)
        card = await bot.open_link(101, "DB001")
        assert "rsvp:a:" in " ".join(card.callback_datas())
        reminder = await bot.services.reminders.get("rsvp:7d")
        assert reminder is not None and reminder.due_at > bot_clock.now() + timedelta(days=10)
        since = emulator.sent_count(101)
        demo_clock.advance_to(reminder.due_at)  # what the demo does, from its own process
        got = await emulator.wait_for_message(101, lambda m: "rsvp:a:" in " ".join(m.callback_datas()), since=since)
        assert "trân trọng đề nghị đồng chí xác nhận tham dự" in got.plain_text
        await nothing_more(emulator)
        assert emulator.sent_count(101) == since + 1
        done = await bot.services.reminders.get("rsvp:7d")
        assert done is not None and done.status == "sent"
