"""The demo plays a small conference end to end and reports no loss and no duplicate."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from bot.sandbox.demo import _machine, _summary, run_demo


@pytest.mark.slow
async def test_small_demo_passes_and_reports_by_agency(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    transcript = tmp_path / "transcript.txt"
    # The bot as its own process for the whole rehearsal (`python -m bot.sandbox.bot_run`: `run` on the sandbox clock),
    # pinned to one core: the one-core rehearsal (issue 17). Reminders and the morning come from the bot's own jobs.
    assert await run_demo(delegates=25, seed=3, spread=1.0, pace=0.05, transcript=transcript, cpus=1) == 0
    captured = capsys.readouterr()
    out = captured.out
    pinned = re.search(r"Bot: tiến trình riêng / own process (\d+), CPU \[(\d+)\]\.", captured.err)
    assert pinned and int(pinned[1]) != os.getpid(), captured.err
    assert "Mất / lost: 0" in out and re.search(r"p99 \d+\.\d\ds, chưa trả lời / unanswered 0", out)
    # The transcript reads as a document of the board: formal card, contact person, times before dates, no codes.
    written = transcript.read_text(encoding="utf-8")
    assert transcript.stat().st_mode & 0o777 == 0o600
    delegate, contact, organizer = written.split("=" * 78)[2::2]
    assert "XÁC NHẬN THAM DỰ HỘI NGHỊ" in delegate and "Người liên hệ: đồng chí Lê Thị Hương" in delegate
    assert re.search(r"trước \d\d giờ \d\d, (thứ \w+|Chủ nhật), ngày \d\d/\d\d/\d{4}", delegate)
    assert "Đề nghị đồng chí đôn đốc" in contact
    assert "Nhắc xác nhận tham dự" in organizer and not re.search(r"\b\d+[dhm]\b", organizer)
    for emoji in ("📨", "🕗", "📍", "«", "»"):
        assert emoji not in delegate
    assert "Cơ quan / Agency" in out and "Mất / lost: 0, trùng / duplicated: 0" in out
    assert ", 429: 0, " in out  # Telegram's limits on: the send budget keeps every chat and the bot under them
    assert "KẾT QUẢ / RESULT: ĐẠT / PASS — bot không làm mất, không trùng" in out
    assert "Máy / machine: " in out  # how fast the machine was is said apart from the verdict
    assert "Ý kiến, kiến nghị / proposals: 3" in out and "đề xuất biểu dương / nominations: 2" in out
    assert "organizer broadcast: 📋 Báo cáo thông báo số 1 — đã gửi xong" in out
    # What a delegate has on the phone (issue 18): the .ics read back, the venue pin, the agenda pinned at version 2 in
    # every attending chat (edited in place by the agenda notice), an FAQ button and a question answered by staff.
    assert re.search(
        r"📅 3 đại biểu thêm hội nghị vào lịch \(\.ics đọc lại\): demo-\d+@hoinghi-delegate-bot SEQUENCE 0 08:00", out
    )
    assert "📍 ghim địa điểm trên bản đồ: 3/3" in out
    pinned = re.search(
        r"📌 chương trình ghim đầu cuộc trò chuyện: (\d+)/(\d+) đại biểu tham dự ở bản số 2, (\d+) sửa", out
    )
    assert pinned and pinned[1] == pinned[2] == pinned[3] != "0"
    assert "❓ câu hỏi thường gặp: “Gửi xe ở đâu?”" in out and "cán bộ giải đáp, đại biểu nhận: “Xe đưa đón" in out
    assert "Đã nhập danh-sach-bo-sung.xlsx: thêm 2, cập nhật 1, giữ nguyên 24" in out
    # The morning: QR reminders, the door (scans, forgotten phones, substitutes, second scans), count, document, questions.
    morning = out.split("Buổi sáng hội nghị / the conference morning:")[1]
    reminded = re.search(r"kèm mã QR điểm danh: gửi (\d+), (\d+) ảnh mã QR", morning)
    assert reminded and reminded.group(1) == reminded.group(2) != "0"
    door = re.search(r"(\d+) lượt quét mã, (\d+) đồng chí quên điện thoại .* (\d+) mã quét lại", morning)
    assert door and int(door.group(1)) > 0 and door.group(3) == "3"
    present = re.search(r"Đại biểu đã có mặt: (\d+)/(\d+)", morning)
    assert present and present.group(1) == present.group(2) == reminded.group(1)
    assert "3 đại biểu nhận bằng /documents (file_id)" in morning
    # /stats on the day and the hall-screen page over HTTP agree with the door's count.
    stats = re.search(
        r"📈 /stats: 🏛 Có mặt tại hội nghị: (\d+)/(\d+) \(chưa có mặt: 0\); biểu đồ điểm danh 1080×", morning
    )
    assert stats and stats.group(1) == stats.group(2) == present.group(1), morning
    hall = re.search(
        r"🖥 màn hình hội trường \(HTTP 200, \d+ KB\): có mặt (\d+)/(\d+), \d+ cơ quan, (\d+) câu hỏi", morning
    )
    assert hall and hall.group(1) == hall.group(2) == present.group(1) and hall.group(3) == "2", morning
    assert (
        "6 gửi, 4 được chọn (1 tổng hợp chung, 1 không chọn có lý do)" in morning
        and "2 đã trả lời tại hội trường" in morning
    )
    folder = next(line.split(": ", 1)[1] for line in out.splitlines() if "files downloaded in the chat" in line)
    kept = sorted(p.name for p in Path(folder).iterdir())
    assert kept[0] == "bao-cao-tong-hop-y-kien-kien-nghi-" + kept[0].split("-nghi-")[1]
    assert "bieu-do-tra-loi-theo-co-quan.png" in kept and any(n.startswith("tra-loi-giay-moi-") for n in kept)
    shutil.rmtree(folder)
    assert "committee plan: 5 công việc nhập từ ke-hoach-to-chuc.xlsx" in out
    assert "Tổng cộng: 1/5 đã hoàn thành, 3 đang thực hiện, 0 quá hạn, 1 vướng mắc." in out


def test_the_verdict_is_about_losses_and_the_machine_speed_is_said_apart(capsys: pytest.CaptureFixture[str]) -> None:
    stats = {"sent": 10, "edited": 2, "429": 0, "errors": {}}
    slow = _machine([0.5] * 90 + [14.0] * 10, unanswered=0)
    assert "CHẬM / SLOW" in slow and "CHẬM" not in _machine([0.5] * 100, unanswered=0)
    assert "CHẬM / SLOW" in _machine([0.5] * 100, unanswered=1)
    assert _summary(stats, [], [], 12.0, 5, slow) == 0  # slow, nothing lost: a pass
    assert "KẾT QUẢ / RESULT: ĐẠT / PASS" in capsys.readouterr().out
    assert _summary(stats, ["An: expected attending, stored None"], [], 12.0, 5, "") == 1
    out = capsys.readouterr().out
    assert "KHÔNG ĐẠT / FAIL — bot làm mất hoặc trùng" in out and "! An: expected attending" in out
