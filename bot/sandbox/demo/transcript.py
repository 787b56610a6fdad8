"""The demo's transcript: every message one delegate, one agency contact and the organizer received, in order.

Written to a file so that someone can read the bot's voice as the delegates will — as a document of the board.
Edited messages (the attendance card after an answer) are shown as they read last, with their buttons.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from bot.sandbox.emulator import BotApiEmulator

Reader = tuple[str, int]
"""(who, chat id)."""


def write_transcript(path: Path, emu: BotApiEmulator, readers: Iterable[Reader]) -> Path:
    """Write the chats of ``readers`` to ``path`` (UTF-8, 0600: it names real-looking people and phones)."""
    lines = ["BẢN GHI TIN NHẮN CỦA BUỔI DIỄN TẬP / DEMO TRANSCRIPT", ""]
    for who, chat_id in readers:
        messages = emu.messages(chat_id)
        lines += ["=" * 78, f"{who} — {len(messages)} tin nhắn / messages", "=" * 78, ""]
        for number, message in enumerate(messages, start=1):
            edited = " (đã sửa / edited)" if message.edit_count else ""
            lines.append(f"--- {number}{edited}")
            lines.append(message.plain_text or f"[{message.method}]")
            buttons = message.button_texts()
            if buttons:
                lines.append("[ " + " | ".join(buttons) + " ]")
            lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    return path
