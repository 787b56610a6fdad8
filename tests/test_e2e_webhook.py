"""The real Application in webhook mode: the sandbox posts updates with the secret, the bot answers."""

from __future__ import annotations

import socket
from pathlib import Path

from bot.clock import FakeClock
from bot.config import settings_from_mapping
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from tests.support.harness import NOW, ROSTER, TOKEN, boot


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_mode_binds_a_delegate_and_answers(emulator: BotApiEmulator, tmp_path: Path) -> None:
    port = _free_port()
    settings = settings_from_mapping(
        {
            "telegram": {
                "token": TOKEN,
                "base_url": emulator.base_url,
                "base_file_url": emulator.base_file_url,
                "mode": "webhook",
                "webhook": {
                    "listen": "127.0.0.1",
                    "port": port,
                    "path": "/tg-hook",
                    "url": "https://bot.example.gov.vn/tg-hook",
                    "secret_token": "hook_Secret-1-0123456789",
                },
            },
            "database": {"path": str(tmp_path / "hook.sqlite3")},
            "event": {
                "name": "Hội nghị",
                "venue": "Vinh",
                "starts_at": "2026-12-28 08:00",
                "rsvp_deadline": "2026-12-20 17:00",
                "proposals_deadline": "2026-12-15 17:00",
            },
        },
        source=tmp_path / "config.toml",
        env={},
    )
    emulator.add_user(301, "An")
    app = (
        await boot(
            emulator, settings, clock=FakeClock(NOW), roster=None, webhook_url=f"http://127.0.0.1:{port}/tg-hook"
        )
    ).app
    try:
        assert emulator.webhook_url == f"http://127.0.0.1:{port}/tg-hook"
        services = app.bot_data.services
        await services.roster.import_entries(ROSTER, actor="test")
        async with services.db.read() as uow:
            token = await uow.tokens.active_token((await uow.delegates.by_code(services.event.id, "DB001")).id)
        emulator.send_command(301, "start", token)
        card = await emulator.wait_for_message(301, lambda m: "Nguyễn Văn An" in m.plain_text)
        query = emulator.press_button(301, card.message_id, card.button_data("Tham dự"))
        answer = await emulator.wait_for_callback_answer(query)
        assert "ghi nhận đồng chí tham dự" in (answer.text or "")
        assert emulator.state.webhook.secret_token == "hook_Secret-1-0123456789"
    finally:
        await stop_application(app)
