"""The agenda: parsing files and typed text, versions, /agenda for delegates, change notices, the CLI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from bot.sandbox.emulator import BotApiEmulator
from bot.services.agenda import AgendaFileError, compare, parse_agenda_file, parse_agenda_text
from storage.broadcast_models import AgendaItem
from tests.support.broadcast import Bots, broadcast_messages, id_from, user_id_of, wait_done
from tests.support.cli import CONFIG
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more

FIRST = "07:30 Đón tiếp đại biểu\n08:00 - Khai mạc hội nghị\n09:00 | Báo cáo tổng kết <năm 2026>\nGiải lao"
SECOND = "07:30 Đón tiếp đại biểu\n08:15 - Khai mạc hội nghị\n09:00 | Báo cáo tổng kết <năm 2026>\n10:00 Thảo luận"


def test_typed_text_lines_become_items() -> None:
    assert parse_agenda_text(FIRST) == [
        AgendaItem("07:30", "Đón tiếp đại biểu"),
        AgendaItem("08:00", "Khai mạc hội nghị"),
        AgendaItem("09:00", "Báo cáo tổng kết <năm 2026>"),
        AgendaItem("", "Giải lao"),
    ]
    with pytest.raises(AgendaFileError):
        parse_agenda_text("  \n# only a comment\n")


def test_toml_and_xlsx_files(tmp_path: Path) -> None:
    toml = tmp_path / "agenda.toml"
    toml.write_text(
        '[[item]]\ntime = "08:00"\ntitle = "Khai mạc"\n\n[[item]]\ntime = "09:00"\ntitle = "Tổng kết"\n',
        encoding="utf-8",
    )
    assert parse_agenda_file(toml) == [AgendaItem("08:00", "Khai mạc"), AgendaItem("09:00", "Tổng kết")]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Thời gian", "Nội dung"])
    sheet.append(["08:00", "Khai mạc"])
    sheet.append([None, "Giải lao"])
    book.save(tmp_path / "agenda.xlsx")
    assert parse_agenda_file(tmp_path / "agenda.xlsx") == [AgendaItem("08:00", "Khai mạc"), AgendaItem("", "Giải lao")]
    with pytest.raises(AgendaFileError):
        parse_agenda_file(tmp_path / "agenda.pdf")


def test_compare_finds_added_removed_and_moved_items() -> None:
    change = compare(tuple(parse_agenda_text(FIRST)), tuple(parse_agenda_text(SECOND)))
    assert change.added == (AgendaItem("10:00", "Thảo luận"),)
    assert change.removed == (AgendaItem("", "Giải lao"),)
    assert change.moved == ((AgendaItem("08:00", "Khai mạc hội nghị"), AgendaItem("08:15", "Khai mạc hội nghị")),)


async def publish(harness: Harness, agenda: str) -> str:
    """The organizer publishes by typing; return the bot's answer."""
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    return (await harness.say(ORGANIZER_ID, agenda)).plain_text


async def test_versions_delegate_view_and_change_notice_to_attending(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=3)
    assert "chưa công bố" in (await harness.say(user_id_of(1), "/agenda")).plain_text
    first = await publish(harness, FIRST)
    assert "bản số 1 (4 mục)" in first and "bản đầu tiên" in first
    shown = (await harness.say(user_id_of(1), "/agenda")).plain_text
    assert "Bản số 1" in shown and "09:00 Báo cáo tổng kết <năm 2026>" in shown and "• Giải lao" in shown
    async with harness.services.db.transaction() as uow:
        for code in ("DB001", "DB002"):
            delegate = await uow.delegates.by_code(harness.services.event.id, code)
            assert delegate is not None
            await uow.rsvps.save(delegate.id, "attending", harness.clock.now())
    since = emulator.sent_count(ORGANIZER_ID)
    second = await publish(harness, SECOND)
    assert "bản số 2" in second and "Thay đổi so với bản số 1" in second
    assert "Đổi giờ: Khai mạc hội nghị, từ 08:00 sang 08:15" in second and "Bổ sung: 10:00 Thảo luận" in second
    assert "Bỏ: Giải lao" in second
    notice_offer = emulator.messages(ORGANIZER_ID)[-1]
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, notice_offer, "Thông báo thay đổi")
    summary = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Người nhận:" in m.plain_text, since=since)
    assert "đại biểu tham dự" in summary.plain_text and "Người nhận: 2 đại biểu" in summary.plain_text
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await wait_done(harness, id_from(summary))
    await nothing_more(emulator)
    received = [broadcast_messages(emulator, user_id_of(n), "điều chỉnh chương trình") for n in (1, 2, 3)]
    assert [len(r) for r in received] == [1, 1, 0]
    assert "từ 08:00 sang 08:15" in received[0][0].plain_text and received[0][0].plain_text.startswith(
        "Kính gửi đồng chí"
    )
    current = await harness.services.agenda.current()
    assert current is not None and current.version == 2 and len(current.items) == 4
    async with harness.services.db.read() as uow:
        audit = [a for _, a, _ in await uow.audit.actions(harness.services.event.id)]
    assert audit.count("agenda_published") == 2


async def test_bad_typed_agenda_is_refused_and_can_be_retyped(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=1)
    refused = await publish(harness, "08:00 " + "x" * 400)
    assert "Không đọc được chương trình" in refused
    assert "bản số 1" in (await harness.say(ORGANIZER_ID, "08:00 Khai mạc")).plain_text


def test_cli_publish_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    agenda = tmp_path / "agenda.md"
    agenda.write_text(FIRST, encoding="utf-8")
    assert main(["--config", str(config), "agenda", "publish", str(agenda)]) == 0
    assert "bản số 1 (4 mục)" in capsys.readouterr().out
    agenda.write_text(SECOND, encoding="utf-8")
    assert main(["--config", str(config), "agenda", "publish", str(agenda)]) == 0
    out = capsys.readouterr().out
    assert "bản số 2" in out and "từ 08:00 sang 08:15" in out and "/broadcast" in out
    assert main(["--config", str(config), "agenda", "publish", str(tmp_path / "missing.txt")]) == 1
    assert main(["--config", str(config), "broadcasts", "list"]) == 0
    assert "Chưa có thông báo nào" in capsys.readouterr().out


def long_agenda(version: int, count: int = 60) -> str:
    """count items of about 150 characters (with characters HTML must escape), distinct per version."""
    return "\n".join(
        f"{7 + n // 6:02d}:{(n % 6) * 10:02d} Mục {n:02d} (bản {version}): "
        "Báo cáo & thảo luận <chuyên đề> " + "về phát triển kinh tế - xã hội của tỉnh " * 2
        for n in range(count)
    )


async def test_a_long_agenda_is_split_and_the_change_notice_fits(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=2)
    assert "bản số 1 (60 mục)" in await publish(harness, long_agenda(1))
    since = emulator.sent_count(user_id_of(1))
    emulator.send_command(user_id_of(1), "agenda")
    titles = [f"Mục {n:02d} (bản 1): Báo cáo & thảo luận <chuyên đề>" for n in range(60)]
    await emulator.wait_for(
        lambda: titles[-1] in " ".join(m.plain_text for m in emulator.messages(user_id_of(1))[since:])
    )
    parts = [m.plain_text for m in emulator.messages(user_id_of(1))[since:]]
    assert len(parts) >= 2 and all(len(p) <= 4096 for p in parts) and parts[0].startswith("🗓 Chương trình hội nghị")
    whole = "\n".join(parts)
    assert [whole.index(t) for t in titles] == sorted(whole.index(t) for t in titles)  # every item, in order
    async with harness.services.db.transaction() as uow:
        for code in ("DB001", "DB002"):
            delegate = await uow.delegates.by_code(harness.services.event.id, code)
            assert delegate is not None
            await uow.rsvps.save(delegate.id, "attending", harness.clock.now())
    second = await publish(harness, long_agenda(2))  # 60 added and 60 removed: far more than one message holds
    assert "bản số 2" in second and "Thay đổi so với bản số 1" in second and "/agenda" in second
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Thông báo thay đổi")
    summary = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Người nhận:" in m.plain_text, since=since)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await wait_done(harness, id_from(summary))
    await nothing_more(emulator)
    for n in (1, 2):
        notice = broadcast_messages(emulator, user_id_of(n), "điều chỉnh chương trình")
        assert len(notice) == 1 and len(notice[0].plain_text) <= 4096
        assert "Mục 00 (bản 2)" in notice[0].plain_text and "thay đổi khác" in notice[0].plain_text
        assert notice[0].plain_text.endswith("Đồng chí bấm /agenda để xem toàn bộ chương trình.")


async def test_agenda_sent_as_a_file_in_telegram(emulator: BotApiEmulator, harness: Harness, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Thời gian", "Nội dung"])
    book.active.append(["07:30", "Đón tiếp đại biểu"])
    book.active.append(["08:00", "Khai mạc <hội nghị> & phát biểu"])
    path = tmp_path / "chuong-trinh.xlsx"
    book.save(path)
    ask = await harness.say(ORGANIZER_ID, "/agenda_publish")
    assert ".xlsx" in ask.plain_text
    since = emulator.sent_count(ORGANIZER_ID)
    emulator.send_document(ORGANIZER_ID, "qua-lon.xlsx", b"x" * (600 * 1024))
    too_big = await emulator.wait_for_message(ORGANIZER_ID, since=since)
    assert "quá lớn" in too_big.plain_text and "512 KB" in too_big.plain_text
    since = emulator.sent_count(ORGANIZER_ID)
    emulator.send_document(ORGANIZER_ID, "hong.xlsx", b"not a workbook")
    bad = await emulator.wait_for_message(ORGANIZER_ID, since=since)
    assert "Không đọc được chương trình" in bad.plain_text
    since = emulator.sent_count(ORGANIZER_ID)
    emulator.send_document(ORGANIZER_ID, path.name, path.read_bytes())
    published = await emulator.wait_for_message(ORGANIZER_ID, since=since)
    assert "2" in published.plain_text
    shown = await harness.say(101, "/agenda")
    assert "Đón tiếp đại biểu" in shown.plain_text and "Khai mạc <hội nghị> & phát biểu" in shown.plain_text


async def test_a_delegate_file_outside_any_question_gets_the_hint(emulator: BotApiEmulator, harness: Harness) -> None:
    since = emulator.sent_count(101)
    emulator.send_document(101, "ke-hoach.txt", "08:00 Khai mạc".encode())
    hint = await emulator.wait_for_message(101, since=since)
    assert "dùng các nút bấm" in hint.plain_text
    assert await harness.services.agenda.current() is None
