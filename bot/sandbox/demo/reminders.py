"""The demo's reminder rehearsal: jump the clock to each reminder's time, run it, check who got what."""

from __future__ import annotations

import asyncio
import html
import random

from telegram.ext import Application

from bot.clock import ShiftedClock
from bot.i18n import format_local
from bot.sandbox.demo.delegates import Plan
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services
from bot.services.reminder_run import label as reminder_label
from bot.telegram.jobs import runner_of

SUMMARY_GAP = 1.2  # seconds between accelerated runs: each sends the organizer a summary (1 message/s per chat)
TAP_SHARE = 0.4  # silent delegates who answer from an RSVP reminder with one tap


async def _unanswered(services: Services) -> set[int]:
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
    return {a.delegate.telegram_user_id for a in answers if a.delegate.telegram_user_id and a.rsvp is None}


async def _tap_attend(emu: BotApiEmulator, chats: list[int], counts: dict[int, int], rng: random.Random) -> int:
    """Some recipients press Attend on the reminder they just got; return how many did."""
    tapped = 0
    for chat in chats:
        if rng.random() >= TAP_SHARE:
            continue
        reminder = next(
            (m for m in emu.messages(chat)[counts[chat] :] if any(d.startswith("rsvp:a:") for d in m.callback_datas())),
            None,
        )
        if reminder is None:
            continue
        query = emu.press_button(chat, reminder.message_id, reminder.button_data("✅"))
        await emu.wait_for_callback_answer(query, timeout=30.0)
        tapped += 1
    return tapped


async def play_reminders(
    emu: BotApiEmulator,
    app: Application,
    services: Services,
    clock: ShiftedClock,
    plans: list[Plan],
    seed: int,
    send_all: bool,
) -> tuple[list[str], list[str]]:
    """Rehearse the schedule in time order; RSVP reminders always, the others only with send_all."""
    runner = runner_of(app)
    assert runner is not None
    rng, lines, problems = random.Random(seed), [], []
    chats = [plan.user_id for plan in plans]
    for reminder in sorted(await services.reminders.scheduled(), key=lambda r: r.due_at):
        when = format_local(reminder.due_at, services.event.timezone)
        label = html.unescape(reminder_label("vi", reminder))
        if reminder.kind != "rsvp" and not send_all:
            linked, _ = await services.reminders.recipients(reminder)
            lines.append(
                f"  ⏸ {when} {label}: {len(linked)} người nhận (không gửi trong bản diễn tập ngắn; --all-reminders)"
            )
            continue
        clock.advance_to(reminder.due_at)
        expected = await _unanswered(services) if reminder.kind == "rsvp" else None
        before = {chat: emu.sent_count(chat) for chat in chats}
        report = await runner.run(reminder.key, clock.now())
        got = [chat for chat in chats if emu.sent_count(chat) > before[chat]]
        problems += [
            f"{reminder.key}: chat {c} got {emu.sent_count(c) - before[c]}"
            for c in got
            if emu.sent_count(c) - before[c] != 1
        ]
        if expected is not None and set(got) != expected:
            problems.append(f"{reminder.key}: sent to {len(got)}, expected the {len(expected)} who had not answered")
        tapped = await _tap_attend(emu, got, before, rng) if reminder.kind == "rsvp" else 0
        sent = report.counts.get("sent", 0) if report else 0
        await asyncio.sleep(SUMMARY_GAP)  # the runs are days apart really; let each summary reach the organizer first
        lines.append(
            f"  ⏩ {when} {label}: gửi {sent}, {report.rollups if report else 0} tin tổng hợp theo cơ quan"
            + (f", {tapped} đồng chí trả lời ngay bằng một chạm" if tapped else "")
        )
    return lines, problems
