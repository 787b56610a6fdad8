"""The demo's organizer broadcast: an agenda change sent to attending delegates through the real Telegram flow.

The organizer publishes the new agenda (/agenda_publish) and presses "Thông báo thay đổi": the agenda notice goes
through the outbox to every attending delegate and edits the agenda pinned in their chat (bot/sandbox/demo/phone.py
checks the pins)."""

from __future__ import annotations

import time
from functools import partial

from bot.sandbox.demo.people import press, say
from bot.sandbox.demo.phone import SECOND_AGENDA
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services

NOTICE = "Ban Tổ chức thông báo điều chỉnh chương trình hội nghị (bản số 2)"
NOTICE_EN = "The Organizing Committee announces changes to the conference agenda (version 2)"
READING = 1.5  # seconds an organizer takes to read a reply before the next tap (Telegram allows ~1 message/s/chat)


def is_notice(text: str) -> bool:
    """The agenda notice in either language."""
    return NOTICE in text or NOTICE_EN in text


# The organizer reads each reply before the next tap.
_say = partial(say, reading=READING, timeout=15.0)
_press = partial(press, reading=READING, timeout=15.0)


async def play_broadcast(emu: BotApiEmulator, services: Services, organizer_id: int) -> tuple[str, list[str]]:
    """The organizer sends a notice to attending delegates; check each got it exactly once. Return (line, problems)."""
    started = time.monotonic()
    await _say(emu, organizer_id, "/agenda_publish", "chương trình hội nghị")
    published = await _say(emu, organizer_id, SECOND_AGENDA, "bản số 2")
    summary = await _press(emu, organizer_id, published, "Thông báo thay đổi", "Người nhận:")
    report = await _press(emu, organizer_id, summary, "Gửi ngay", "Báo cáo thông báo", timeout=300.0)
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
    attending = [a.delegate for a in answers if a.rsvp and a.rsvp.status in ("attending", "substitute")]
    problems = []
    for delegate in attending:
        if delegate.telegram_user_id is None:
            continue
        got = sum(1 for m in emu.messages(delegate.telegram_user_id) if is_notice(m.plain_text))
        if got != 1:
            problems.append(f"{delegate.code}: thông báo nhận {got} lần / notice received {got} times")
    first_line = report.plain_text.splitlines()[0]
    counts = ", ".join(line.strip() for line in report.plain_text.splitlines()[2:5])
    return (
        f"Thông báo của Ban Tổ chức / organizer broadcast: {first_line}; {counts}; {time.monotonic() - started:.1f} s"
    ), problems
