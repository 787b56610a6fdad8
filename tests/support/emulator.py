"""Talking to the emulator directly, without python-telegram-bot (what it would refuse to send or would reword)."""

from __future__ import annotations

import httpx

from bot.sandbox.emulator import BotApiEmulator


def raw(emu: BotApiEmulator, method: str, **params: object) -> httpx.Response:
    """A raw HTTP call to the sandbox: the Bot API method with form parameters, the answer as Telegram gives it."""
    return httpx.post(f"{emu.base_url}{emu.token}/{method}", data=params, timeout=5)
