"""Issue 18: a crash while a new agenda copy is sent and pinned never leaves two pinned agendas in a chat.

The bot runs as its own process (`python -m bot --config … run`) against the emulator in this process. A delegate
presses "Tham dự"; the bot sends the agenda copy and is killed (SIGKILL) at a pause point (storage/pause.py): right
after the copy was sent (its id not recorded yet), or right after it was pinned (not yet recorded as pinned). It is
restarted, the organizer publishes version 2 and sends the agenda notice, and the chat must then have exactly one
pinned message: the agenda at version 2.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bot.clock import SystemClock
from bot.config import load_settings
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services import open_services
from bot.services.agenda import parse_agenda_text
from tests.support.broadcast import roster, user_id_of
from tests.support.crash import config_text, kill_at_pause, start_process
from tests.support.harness import ORGANIZER_ID

FIRST = "07:30 Đón tiếp đại biểu\n08:00 Khai mạc hội nghị"
SECOND = "07:30 Đón tiếp đại biểu\n08:15 Khai mạc hội nghị"
DELEGATE = user_id_of(1)


def agendas(emu: BotApiEmulator) -> list[SentMessage]:
    """The agenda copies the bot sent to the delegate (not the notice: a copy starts with the agenda's header)."""
    return [m for m in emu.messages(DELEGATE) if m.plain_text.startswith("🗓 Chương trình hội nghị")]


@pytest.mark.parametrize("point", ["agenda_pin.sent", "agenda_pin.pinned"])
async def test_a_crash_while_pinning_leaves_one_pinned_agenda(
    emulator: BotApiEmulator, tmp_path: Path, point: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        config_text(emulator, tmp_path, telegram="per_chat_per_second = 100\nflood_burst = 100000"), encoding="utf-8"
    )
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    emulator.add_user(DELEGATE, "ĐB1", language_code="vi")
    services = await open_services(load_settings(config), SystemClock())
    try:
        await services.roster.import_entries(roster(1), actor="test")
        await services.agenda.publish(parse_agenda_text(FIRST), "test")
        async with services.db.read() as uow:
            (delegate,) = await uow.delegates.all(services.event.id)
            token = await uow.tokens.active_token(delegate.id)
        assert token is not None
    finally:
        await services.db.close()

    marker = tmp_path / "paused.pid"
    log = tmp_path / "bot.log"
    process = await start_process("--config", str(config), "run", log=log, pause=(point, marker))
    try:
        emulator.send_command(DELEGATE, "start", token)
        card = await emulator.wait_for_message(
            DELEGATE, lambda m: any("Tham dự" in b for b in m.button_texts()), timeout=30
        )
        emulator.press_button(DELEGATE, card.message_id, card.button_data("Tham dự"))
        await kill_at_pause(process, marker, f"the bot never reached {point}")
        (copy,) = agendas(emulator)  # the copy went out before the kill
        assert len(emulator.pinned_messages(DELEGATE)) == (0 if point == "agenda_pin.sent" else 1)

        process = await start_process("--config", str(config), "run", log=log)
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.send_command(ORGANIZER_ID, "agenda_publish")
        await emulator.wait_for_message(ORGANIZER_ID, since=since, timeout=30)
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.send_text(ORGANIZER_ID, SECOND)
        published = await emulator.wait_for_message(ORGANIZER_ID, lambda m: bool(m.button_texts()), since=since)
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.press_button(ORGANIZER_ID, published.message_id, published.button_data("Thông báo thay đổi"))
        summary = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Người nhận:" in m.plain_text, since=since)
        since = emulator.sent_count(ORGANIZER_ID)
        emulator.press_button(ORGANIZER_ID, summary.message_id, summary.button_data("Gửi ngay"))
        await emulator.wait_for_message(
            ORGANIZER_ID, lambda m: "Báo cáo thông báo" in m.plain_text, since=since, timeout=30
        )
        await emulator.wait_idle(quiet=0.5)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    pins = emulator.pinned_messages(DELEGATE)
    assert len(pins) == 1, [m.plain_text for m in pins]
    pinned = pins[0]
    assert "Bản số 2" in pinned.plain_text and "08:15 Khai mạc hội nghị" in pinned.plain_text
    if point == "agenda_pin.pinned":
        # The copy was recorded before it was pinned: the restarted bot edited that same message, sent no other.
        assert pinned.message_id == copy.message_id and len(agendas(emulator)) == 1
    else:
        # The copy sent before the kill was never pinned; it stays in the chat as it was, a new one is pinned.
        assert pinned.message_id != copy.message_id and len(agendas(emulator)) == 2
