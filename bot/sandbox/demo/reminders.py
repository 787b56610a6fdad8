"""The demo's reminder rehearsal: jump the clock to each reminder's time, let the bot's own job send it, check who
got what. Reminders the short rehearsal does not send are held (paused) before the bot starts, as an organizer
would with /reminders."""

from __future__ import annotations

import asyncio
import html
import random

from bot.i18n import format_local
from bot.sandbox.clock import SandboxClock
from bot.sandbox.demo.clockwork import advance, delivered, reminder_finished
from bot.sandbox.demo.delegates import Plan
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services
from bot.services.reminder_run import label as reminder_label

SUMMARY_GAP = 1.2  # seconds between accelerated runs: each sends the organizer a summary (1 message/s per chat)
TAP_SHARE = 0.4  # silent delegates who answer from an RSVP reminder with one tap
DAY_REMINDER = "attendance:2h"  # sent in the conference morning (bot/sandbox/demo/day.py)
HELD_BY = 0  # the actor recorded for holding reminders (the sandbox, not a person)


async def hold_reminders(services: Services, send_all: bool) -> list[str]:
    """Before the bot starts: the schedule as the config makes it; pause what the short rehearsal does not send
    (everything but the RSVP reminders and the morning's QR reminder) unless send_all. Returns the held keys."""
    held = []
    for reminder in await services.reminders.sync_schedule():
        if reminder.status == "scheduled" and reminder.kind not in ("rsvp", "custom") and reminder.key != DAY_REMINDER:
            if not send_all and await services.reminders.pause(reminder.id, HELD_BY) is not None:
                held.append(reminder.key)
    return held


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
    services: Services,
    clock: SandboxClock,
    plans: list[Plan],
    seed: int,
    organizer: int,
) -> tuple[list[str], list[str]]:
    """Rehearse the schedule in time order: jump to each reminder's time and check what the bot's job sent."""
    rng, lines, problems = random.Random(seed), [], []
    chats = [plan.user_id for plan in plans]
    for reminder in sorted(await services.reminders.all(), key=lambda r: r.due_at):
        if reminder.key == DAY_REMINDER or reminder.status not in ("scheduled", "paused"):
            continue
        when = format_local(reminder.due_at, services.event.timezone)
        label = html.unescape(reminder_label("vi", reminder))
        if reminder.status == "paused":
            linked, _ = await services.reminders.recipients(reminder)
            lines.append(
                f"  ⏸ {when} {label}: {len(linked)} người nhận (không gửi trong bản diễn tập ngắn; --all-reminders)"
            )
            continue
        linked, _ = await services.reminders.recipients(reminder)
        expected = {person.chat_id for person in linked}
        before = {chat: emu.sent_count(chat) for chat in chats}
        told = emu.sent_count(organizer)
        await advance(emu, services, clock, reminder.due_at)
        done = await reminder_finished(services, reminder.key)
        await emu.wait_for_message(organizer, lambda m, label=label: label in m.plain_text, since=told, timeout=120.0)
        got = [chat for chat in chats if emu.sent_count(chat) > before[chat]]
        problems += [
            f"{reminder.key}: chat {c} got {emu.sent_count(c) - before[c]}"
            for c in got
            if emu.sent_count(c) - before[c] != 1
        ]
        if done.status == "sent" and set(got) != expected:
            problems.append(f"{reminder.key}: sent to {len(got)}, expected the {len(expected)} who had not answered")
        tapped = await _tap_attend(emu, got, before, rng) if reminder.kind == "rsvp" else 0
        sent, rollups = await delivered(services, done), await delivered(services, done, "c:")
        await asyncio.sleep(SUMMARY_GAP)  # the runs are days apart really; let each summary reach the organizer first
        lines.append(
            f"  ⏩ {when} {label}: gửi {sent}, {rollups} tin tổng hợp theo cơ quan"
            + (f", {tapped} đồng chí trả lời ngay bằng một chạm" if tapped else "")
        )
    return lines, problems
