"""The demo's part for issue 18, what a delegate has on the phone: a few attending delegates add the meeting to their
calendar (the .ics read back), have the venue pin, see the pinned agenda edited in place by the agenda notice, tap an
FAQ button and ask the board a practical question that a staff member answers. Uses the emulator and reads the
database; the bot runs wherever the demo put it."""

from __future__ import annotations

import random
import time
from typing import Any

from bot.sandbox.demo.day import MODERATOR_ID, STAFF_IDS
from bot.sandbox.demo.people import press, say, shows
from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from bot.services import Services
from bot.services.agenda import parse_agenda_text
from storage.models import Delegate

PEOPLE = 3
FIRST_AGENDA = (
    "07:30 Đón tiếp đại biểu\n08:00 Khai mạc hội nghị\n08:30 Báo cáo tình hình\n10:00 Thảo luận\n11:30 Bế mạc"
)
SECOND_AGENDA = (
    "07:30 Đón tiếp đại biểu\n08:15 Khai mạc hội nghị\n08:45 Báo cáo tình hình\n10:00 Thảo luận\n"
    "11:00 Biểu dương đại biểu tiêu biểu\n11:30 Bế mạc"
)
VENUE = {"venue_latitude": 18.6796, "venue_longitude": 105.6813, "venue_address": "Số 1 Đại lộ Lê Nin, TP. Vinh"}
FAQ = [
    {
        "question": "Gửi xe ở đâu?",
        "answer": "Bãi xe phía sau Trung tâm Hội nghị, lối vào đường Trường Thi.",
        "question_en": "Where can I park?",
        "answer_en": "Behind the Conference Centre, entrance from Truong Thi street.",
    },
    {"question": "Trang phục?", "answer": "Trang phục công sở; đồng chí đeo thẻ đại biểu."},
]
QUESTION = "Đồng chí lái xe đưa tôi có được vào khu vực hội trường không?"
ANSWER = "Xe đưa đón đại biểu dừng ở cổng chính; lái xe chờ tại bãi xe phía sau."


def phone_config() -> dict[str, Any]:
    """What the demo conference adds to its config for this part: the venue on the map and two [[faq]] entries."""
    return {"event": dict(VENUE), "faq": [dict(entry) for entry in FAQ]}


async def publish_first_agenda(services: Services) -> None:
    """The board publishes the agenda with the invitations: each "Tham dự" then pins it in the delegate's chat."""
    await services.agenda.publish(parse_agenda_text(FIRST_AGENDA), actor="demo")


async def _tap(emu: BotApiEmulator, user_id: int, message: SentMessage, data: str, expect: str = "") -> SentMessage:
    """Tap the button with this callback data (the label depends on the person's language); the next reply."""
    since = emu.sent_count(user_id)
    emu.press_button(user_id, message.message_id, data)
    return await emu.wait_for_message(user_id, shows(expect), since=since, timeout=30.0)


async def play_phone(emu: BotApiEmulator, services: Services, seed: int) -> tuple[list[str], list[str]]:
    """Play the part; return the lines to print and any problems."""
    from icalendar import Calendar

    staff = STAFF_IDS[0]
    started = time.monotonic()
    lines = ["Trên điện thoại của đại biểu / on the delegate's phone:"]
    problems: list[str] = []
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
        latest = await uow.agenda.latest(services.event.id)
    attending = [
        a.delegate
        for a in answers
        if a.rsvp is not None and a.rsvp.status == "attending" and a.delegate.telegram_user_id is not None
    ]
    if not attending:
        return [*lines, "  (không có đại biểu tham dự / nobody attends)"], problems
    people: list[Delegate] = random.Random(seed).sample(attending, min(PEOPLE, len(attending)))

    # The card's "Thêm vào lịch" button: the .ics file, read back.
    stamps = []
    for delegate in people:
        chat = delegate.telegram_user_id
        assert chat is not None
        card = next((m for m in reversed(emu.messages(chat)) if "cal:ics" in m.callback_datas()), None)
        if card is None:
            problems.append(f"{delegate.code}: no calendar button on the card")
            continue
        file = await _tap(emu, chat, card, "cal:ics", "hoi-nghi.ics")
        (entry,) = Calendar.from_ical(file.document_bytes or b"").walk("VEVENT")
        start = entry.decoded("DTSTART")
        uid = str(entry["UID"])
        if uid != f"{services.event.code}-{delegate.id}@hoinghi-delegate-bot":
            problems.append(f"{delegate.code}: calendar UID {uid}")
        stamps.append(f"{uid} SEQUENCE {entry['SEQUENCE']} {start:%H:%M %d/%m/%Y} {start.tzinfo}")
    lines.append(f"  📅 {len(stamps)} đại biểu thêm hội nghị vào lịch (.ics đọc lại): {stamps[0] if stamps else '—'}")

    # The venue pin after the invitation card.
    pins = [m for d in people for m in emu.messages(d.telegram_user_id or 0) if m.method == "sendVenue"]
    if len({m.chat_id for m in pins}) != len(people):
        problems.append(f"venue pin: {len({m.chat_id for m in pins})} of {len(people)} chats")
    title = pins[0].venue["title"] if pins and pins[0].venue else "—"
    lines.append(f"  📍 ghim địa điểm trên bản đồ: {len({m.chat_id for m in pins})}/{len(people)} ({title})")

    # The agenda pinned at the top of every attending chat, at the latest version (edited in place).
    version = latest.version if latest else 0
    current = [emu.pinned_message(d.telegram_user_id or 0) for d in attending]
    headers = (f"Bản số {version},", f"Version {version},")  # the pinned agenda's header in vi / en
    at_latest = sum(1 for m in current if m is not None and any(h in m.plain_text for h in headers))
    edited = sum(1 for m in current if m is not None and m.edit_count > 0)
    if at_latest != len(attending):
        problems.append(f"pinned agenda: {at_latest} of {len(attending)} at version {version}")
    lines.append(
        f"  📌 chương trình ghim đầu cuộc trò chuyện: {at_latest}/{len(attending)} đại biểu tham dự ở bản số "
        f"{version}, {edited} sửa tại chỗ (editMessageText)"
    )

    # An FAQ button under /help, then a practical question answered by a staff member.
    reader = people[0].telegram_user_id or 0
    since = emu.sent_count(reader)
    emu.send_command(reader, "help")
    keyboard = await emu.wait_for_message(reader, lambda m: "faq:c:0" in m.callback_datas(), since=since, timeout=30.0)
    faq = await _tap(emu, reader, keyboard, "faq:c:0")
    asker = people[-1].telegram_user_id or 0
    for member in (*STAFF_IDS, MODERATOR_ID):  # the whole board gets the question
        emu.add_user(member, f"Cán bộ {member % 100}", language_code="vi")
    await say(emu, asker, "/ask")
    since = emu.sent_count(staff)
    await say(emu, asker, QUESTION)
    new = await emu.wait_for_message(staff, lambda m: QUESTION in m.plain_text, since=since, timeout=30.0)
    await press(emu, staff, new, "Giải đáp")
    since_asker = emu.sent_count(asker)
    await say(emu, staff, ANSWER)
    delivered = await emu.wait_for_message(asker, lambda m: ANSWER in m.plain_text, since=since_asker, timeout=30.0)
    lines.append(f"  ❓ câu hỏi thường gặp: “{faq.plain_text.splitlines()[0]}” → “{faq.plain_text.splitlines()[1]}”")
    lines.append(f"  ✍️ Hỏi Ban Tổ chức: “{QUESTION}” → cán bộ giải đáp, đại biểu nhận: “{ANSWER}”")
    if ANSWER not in delivered.plain_text:
        problems.append("the board's answer was not delivered")
    lines[0] += f" ({time.monotonic() - started:.1f} s)"
    return lines, problems
