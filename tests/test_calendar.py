"""Issue 18: the meeting in the phone's calendar — the .ics after "Tham dự" and on the card's button, read back;
a changed time between two starts sends attending delegates the same entry (same UID) with a higher SEQUENCE."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from tests.support.harness import VN, make_settings, nothing_more, restart, running

CONTACT = {"name": "Lê Thị Hương", "phone": "0238.3844.123"}


def parsed(message: SentMessage) -> tuple[Calendar, object]:
    assert message.method == "sendDocument" and message.document_name == "hoi-nghi.ics"
    assert message.document_bytes is not None
    calendar = Calendar.from_ical(message.document_bytes)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def is_ics(message: SentMessage) -> bool:
    return message.method == "sendDocument"


async def test_attend_sends_the_ics_and_a_time_change_updates_the_same_entry(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    emulator.add_user(101, "An", language_code="vi")
    emulator.add_user(102, "Binh", language_code="vi")
    settings = make_settings(tmp_path, emulator, contact=CONTACT, ends_at="2026-12-28 11:30")
    async with running(emulator, settings) as h:
        card = await h.open_link(101, "DB001")
        since = emulator.sent_count(101)
        await h.press(101, card, "Tham dự")
        first = await emulator.wait_for_message(101, is_ics, since=since)
        assert "khai mạc vào lúc 08 giờ 00, thứ Hai, ngày 28/12/2026" in first.plain_text
        calendar, event = parsed(first)
        assert str(calendar["METHOD"]) == "PUBLISH"
        uid = str(event["UID"])
        assert uid == f"gap-mat-2026-{(await h.services.calendar.attendee(101)).id}@hoinghi-delegate-bot"  # type: ignore[union-attr]
        assert int(event["SEQUENCE"]) == 0
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == datetime(2026, 12, 28, 8, 0, tzinfo=VN) and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
        assert end == datetime(2026, 12, 28, 11, 30, tzinfo=VN)
        assert str(event["LOCATION"]) == "Trung tâm Hội nghị tỉnh"
        assert "Lê Thị Hương, điện thoại 0238 3844 123" in str(event["DESCRIPTION"])
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -timedelta(days=1)
        assert calendar.walk("VTIMEZONE"), "the zone travels with the file"

        # The card's button gives the same entry again; a delegate who has not answered (102) is not linked.
        card = next(m for m in emulator.messages(101) if m.message_id == card.message_id)  # edited: now attending
        since = emulator.sent_count(101)
        emulator.press_button(101, card.message_id, card.button_data("Thêm vào lịch"))
        again = await emulator.wait_for_message(101, is_ics, since=since)
        assert str(parsed(again)[1]["UID"]) == uid

        # The board moves the opening to 14:00 and restarts: one notice with the updated file, same UID, SEQUENCE 1.
        moved = make_settings(
            tmp_path, emulator, contact=CONTACT, ends_at="2026-12-28 17:00", starts_at="2026-12-28 14:00"
        )
        since = emulator.sent_count(101)
        await restart(h, moved)
        notice = await emulator.wait_for_message(101, is_ics, since=since)
        assert "Thời gian khai mạc mới: 14 giờ 00, thứ Hai, ngày 28/12/2026" in notice.plain_text
        assert "(trước đây: 08 giờ 00, thứ Hai, ngày 28/12/2026)" in notice.plain_text
        _, updated = parsed(notice)
        assert str(updated["UID"]) == uid and int(updated["SEQUENCE"]) == 1
        assert updated.decoded("DTSTART") == datetime(2026, 12, 28, 14, 0, tzinfo=VN)

        # A restart without a change sends nothing more.
        count = emulator.sent_count(101)
        await restart(h, moved)
        await nothing_more(emulator)
        assert emulator.sent_count(101) == count
        assert emulator.sent_count(102) == 0


async def test_a_cancel_file_keeps_the_uid(harness) -> None:  # type: ignore[no-untyped-def]
    await harness.open_link(101, "DB001")
    delegate = await harness.services.calendar.attendee(101)
    data = await harness.services.calendar.file_for(delegate, "en", "CANCEL")
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]).startswith("gap-mat-2026-") and not event.walk("VALARM")


async def test_declining_after_attending_sends_the_cancel_file(harness) -> None:  # type: ignore[no-untyped-def]
    card = await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "Tham dự")
    added = await harness.emu.wait_for_message(101, is_ics, since=since)
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "Xin vắng mặt")
    removed = await harness.emu.wait_for_message(101, is_ics, since=since)
    calendar, event = parsed(removed)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["UID"]) == str(parsed(added)[1]["UID"])
    assert "xóa hội nghị khỏi lịch" in removed.plain_text


async def test_the_change_notice_fits_a_caption_whatever_the_lengths(emulator: BotApiEmulator, tmp_path: Path) -> None:
    """With a 120-character name, a 200-character conference name and two 200-character venues the full notice would
    pass Telegram's 1024-character caption limit (the emulator refuses it, as Telegram does): the old time and venue
    are left out then, the new ones always stay."""
    from bot.services.roster_file import MAX_LENGTHS
    from tests.support.harness import ROSTER

    long_name = ("Nguyễn Thị Phương Thảo " * 10)[: MAX_LENGTHS["full_name"]].strip()
    roster = [dataclasses.replace(ROSTER[0], full_name=long_name), ROSTER[1]]
    long_event = ("Hội nghị gặp mặt trưởng, phó phòng các sở, ban, ngành " * 5)[:200].strip()
    old_venue = ("Trung tâm Hội nghị tỉnh, số 1 đường Trần Hưng Đạo " * 5)[:200].strip()
    new_venue = ("Hội trường lớn Tỉnh ủy, số 2 đường Lê Lợi, phường 1 " * 5)[:200].strip()
    emulator.add_user(101, "An", language_code="vi")
    emulator.add_user(102, "Binh", language_code="en")
    before = make_settings(tmp_path, emulator, name=long_event, venue=old_venue)
    async with running(emulator, before, roster=roster) as h:
        for user, code in ((101, "DB001"), (102, "DB002")):
            card = await h.open_link(user, code)
            since = emulator.sent_count(user)
            await h.press(user, card, "Tham dự" if user == 101 else "Attend")
            await emulator.wait_for_message(user, is_ics, since=since)
        since = {user: emulator.sent_count(user) for user in (101, 102)}
        moved = make_settings(tmp_path, emulator, name=long_event, venue=new_venue, starts_at="2026-12-28 14:00")
        await restart(h, moved)
        long_notice = await emulator.wait_for_message(101, is_ics, since=since[101])
        short_notice = await emulator.wait_for_message(102, is_ics, since=since[102])
    assert len(long_notice.plain_text) <= 1024
    assert long_name in long_notice.plain_text and new_venue in long_notice.plain_text
    assert "Thời gian khai mạc mới: 14 giờ 00" in long_notice.plain_text and "trước đây" not in long_notice.plain_text
    assert new_venue in short_notice.plain_text  # English, shorter name: the old values still fit
    assert f"(was: {old_venue})" in short_notice.plain_text and "(was: 08:00" in short_notice.plain_text
