"""The demo plays a small conference end to end and reports no loss and no duplicate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.sandbox.demo import run_demo


async def test_small_demo_passes_and_reports_by_agency(capsys: pytest.CaptureFixture[str]) -> None:
    assert await run_demo(delegates=25, seed=3, spread=1.0, pace=0.05) == 0
    out = capsys.readouterr().out
    assert "Cơ quan / Agency" in out and "Mất / lost: 0, trùng / duplicated: 0" in out
    assert ", 429: 0, " in out  # Telegram's limits on: the send budget keeps every chat and the bot under them
    assert "ĐẠT / PASS" in out
    assert "Ý kiến, kiến nghị / proposals: 3" in out and "đề xuất biểu dương / nominations: 2" in out
    assert "organizer broadcast: 📋 Báo cáo thông báo số 1 — đã gửi xong" in out
    assert "Đã nhập danh-sach-bo-sung.xlsx: thêm 2, cập nhật 1, giữ nguyên 24" in out
    folder = next(line.split(": ", 1)[1] for line in out.splitlines() if "files downloaded in the chat" in line)
    kept = sorted(p.name for p in Path(folder).iterdir())
    assert kept[0] == "bao-cao-tong-hop-y-kien-kien-nghi-" + kept[0].split("-nghi-")[1]
    assert "bieu-do-tra-loi-theo-co-quan.png" in kept and any(n.startswith("tra-loi-giay-moi-") for n in kept)
    shutil.rmtree(folder)
