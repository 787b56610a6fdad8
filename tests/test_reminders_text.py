"""Reminder texts: what to bring, and each delegate's own language."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from bot.telegram.jobs import runner_of
from tests.support.harness import NOW, ROSTER, VN, Harness, boot, make_settings


async def test_attendance_reminder_says_what_to_bring_in_each_delegates_language(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, emulator)
    settings = dataclasses.replace(
        settings, reminders=dataclasses.replace(settings.reminders, what_to_bring="giấy mời & thẻ <đại biểu>")
    )
    emulator.add_user(101, "An", language_code="vi")
    emulator.add_user(105, "John", language_code="en")
    app = (await boot(emulator, settings, clock=FakeClock(NOW), roster=None)).app
    harness = Harness(emulator, app, app.bot_data.clock, settings)
    try:
        await harness.services.roster.import_entries(ROSTER, actor="test")
        for user_id, code in ((101, "DB001"), (105, "DB002")):
            card = await harness.open_link(user_id, code)
            await emulator.wait_for_callback_answer(await harness.press(user_id, card, "✅"))
        harness.clock.set(datetime(2026, 12, 28, 6, 0, tzinfo=VN))
        runner = runner_of(app)
        assert runner is not None
        await runner.run("attendance:2h", harness.clock.now())
        vi = await emulator.wait_for_message(
            101, lambda m: m.method != "sendDocument" and "khai mạc vào lúc" in m.plain_text
        )
        en = await emulator.wait_for_message(105, lambda m: m.method != "sendDocument" and "opens at" in m.plain_text)
        assert "Kính gửi đồng chí Nguyễn Văn An" in vi.plain_text
        assert "mang theo: giấy mời & thẻ <đại biểu>" in vi.plain_text
        assert "Dear Comrade Trần Thị Bình" in en.plain_text and "at 08:00 on Monday, 28/12/2026" in en.plain_text
        assert "Please bring: giấy mời & thẻ <đại biểu>" in en.plain_text
    finally:
        await stop_application(app)
