"""The demo's conference morning: attendance reminders carrying the check-in QR, four staff scanning arrivals on a
compressed clock (forgotten phones found by name, substitutes, a few scanned twice), the live count, a meeting
document published and fetched, and questions to the presidium moderated, supported and answered."""

from __future__ import annotations

import asyncio
import io
import random
import time
from datetime import timedelta

from bot.i18n import plain
from bot.sandbox.clock import SandboxClock
from bot.sandbox.demo.clockwork import advance, delivered, reminder_finished
from bot.sandbox.demo.people import press as _press
from bot.sandbox.demo.people import say as _say
from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from bot.services import Services
from bot.services.nominations import fold
from handlers.views import designation
from storage.models import Delegate

STAFF_IDS = (4_200_001, 4_200_002, 4_200_003, 4_200_004)
MODERATOR_ID = 4_200_010  # a staff member marked as moderator ([conference_day] moderators)
PHONE_ARRIVALS = 40  # arrivals played through the staff's chats; the others go through the same service
FORGOT_PHONE = 0.15
SCANNED_TWICE = 3
CHAT_GAP = 1.05  # Telegram allows about one message a second to one chat
QUESTIONS = (
    "Đề nghị tỉnh có cơ chế đặc thù tháo gỡ vướng mắc giải phóng mặt bằng các dự án trọng điểm.",
    "Giải phóng mặt bằng dự án đường ven biển còn chậm; đề nghị chỉ đạo các địa phương phối hợp.",
    "Đề nghị có chính sách thu hút, giữ chân nhân lực chất lượng cao ở cấp phòng.",
    "Thủ tục đầu tư công còn nhiều khâu trung gian; đề nghị rút ngắn thời gian thẩm định.",
    "Đề nghị tăng cường phân cấp, ủy quyền cho các sở trong lĩnh vực đất đai.",
    "Nội dung thử nghiệm, không liên quan tới hội nghị.",
)
POLICY_TOPIC = {"vi": "Cơ chế, chính sách", "en": "Mechanisms and policies"}  # a topic from the seed's config
PDF = b"%PDF-1.4\n% Du thao Nghi quyet (tai lieu dien tap)\n" + b"0" * 4096 + b"\n%%EOF\n"


def _match_number(found: SentMessage, delegate: Delegate) -> int | None:
    """The number the desk presses: the listed match whose position, department and agency are the delegate's."""
    listed = delegate.full_name + designation(delegate)
    for line in found.plain_text.splitlines():
        number, _, rest = line.partition(". ")
        if number.isdigit() and (rest == listed or rest.startswith((listed + ";", listed + " —"))):
            return int(number)
    return None


async def play_day(
    emu: BotApiEmulator, services: Services, clock: SandboxClock, organizer: int, seed: int
) -> tuple[list[str], list[str]]:
    """Play the morning; return the lines to print and any problems (losses, double check-ins)."""
    rng = random.Random(seed)
    started = time.monotonic()
    lines: list[str] = ["Buổi sáng hội nghị / the conference morning:"]
    problems: list[str] = []
    for user_id in STAFF_IDS:
        emu.add_user(user_id, f"Lễ tân {user_id % 10}", language_code="vi")
    emu.add_user(MODERATOR_ID, "Thư ký", language_code="vi")
    event = services.event
    # 1. The attendance reminder two hours before, each with the delegate's own check-in QR (the bot's own job).
    reminder = next((r for r in await services.reminders.scheduled() if r.key == "attendance:2h"), None)
    photos = 0
    if reminder is not None:
        before = len(emu.request_log)
        await advance(emu, services, clock, reminder.due_at)
        done = await reminder_finished(services, reminder.key)
        photos = sum(1 for r in emu.request_log[before:] if r.method == "sendPhoto" and r.status_code == 200)
        sent = await delivered(services, done)
        lines.append(f"  ⏩ nhắc dự hội nghị (trước 2 giờ) kèm mã QR điểm danh: gửi {sent}, {photos} ảnh mã QR")
    # 2. The door, 40 minutes before the opening.
    await advance(emu, services, clock, event.starts_at - timedelta(minutes=40))
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(event.id)
    coming = [a for a in answers if a.rsvp is not None and a.rsvp.status in ("attending", "substitute")]
    rng.shuffle(coming)
    on_phones, elsewhere = coming[:PHONE_ARRIVALS], coming[PHONE_ARRIVALS:]
    codes = await services.checkins.codes_for([a.delegate.id for a in coming])
    queues: dict[int, list[tuple[str, object]]] = {staff: [] for staff in STAFF_IDS}
    for index, answer in enumerate(on_phones):
        how = "manual" if rng.random() < FORGOT_PHONE else "scan"
        queues[STAFF_IDS[index % len(STAFF_IDS)]].append((how, answer))
    for index in rng.sample(range(len(on_phones)), min(SCANNED_TWICE, len(on_phones))):
        # The same delegate shown again at the same door a little later (a second scan must say "already").
        queues[STAFF_IDS[index % len(STAFF_IDS)]].append(("again", on_phones[index]))
    counts = {"scan": 0, "manual": 0, "again": 0, "substitute": 0, "declined_warning": 0}

    async def desk(staff: int) -> None:
        for how, answer in queues[staff]:
            delegate = answer.delegate  # type: ignore[attr-defined]
            if how == "manual":
                await _say(emu, staff, "/checkin")
                await asyncio.sleep(CHAT_GAP)
                words = fold(delegate.full_name).split()
                found = await _say(emu, staff, " ".join(words[-2:]))
                await asyncio.sleep(CHAT_GAP)
                if _match_number(found, delegate) is None:  # too many namesakes shown: type the whole name
                    found = await _say(emu, staff, " ".join(words))
                    await asyncio.sleep(CHAT_GAP)
                number = _match_number(found, delegate)
                if number is None:
                    raise LookupError(f"{delegate.full_name} is not among the matches: {found.plain_text!r}")
                reply = await _press(emu, staff, found, f"{number}. ")
            else:
                since = emu.sent_count(staff)
                emu.send_command(staff, "start", codes[delegate.id])
                reply = await emu.wait_for_message(staff, since=since, timeout=30.0)
            # A first arrival must not be answered "already": that would mean the desk picked someone else.
            first_time = "ĐÃ ĐIỂM DANH" in reply.plain_text and "TRƯỚC ĐÓ" not in reply.plain_text
            if (how == "again") == first_time or delegate.full_name not in reply.plain_text:
                problems.append(f"{delegate.full_name}: {how} answered {reply.plain_text[:60]!r}")
            counts[how] += 1
            counts["substitute"] += "Người dự thay cho đồng chí" in reply.plain_text and how != "again"
            await asyncio.sleep(CHAT_GAP)

    await asyncio.gather(*(desk(staff) for staff in STAFF_IDS))
    for answer in elsewhere:
        await services.checkins.scan(codes[answer.delegate.id], STAFF_IDS[0], "Cửa phụ")
    clock.advance_to(event.starts_at - timedelta(minutes=5))
    async with services.db.read() as uow:
        standing = await uow.checkins.all_standing(event.id)
        rows = await uow.checkins.count_all(event.id)
    if len(standing) != len(coming) or rows != len(coming):
        problems.append(f"check-in: {len(standing)} standing, {rows} rows for {len(coming)} arrivals")
    lines.append(
        f"  🚪 4 cán bộ đón tiếp: {counts['scan']} lượt quét mã, {counts['manual']} đồng chí quên điện thoại "
        f"(tìm theo tên), {counts['substitute']} người dự thay, {counts['again']} mã quét lại (báo đã điểm danh); "
        f"{len(elsewhere)} đại biểu qua các cửa khác"
    )
    live = await _say(emu, organizer, "/attendance")
    lines.append("  " + live.plain_text.splitlines()[0])
    await asyncio.sleep(CHAT_GAP)
    lines.append(await _stats_chart(emu, organizer))
    # 3. A meeting document, sent to the bot once and fetched by file_id.
    await asyncio.sleep(CHAT_GAP)
    listing = await _say(emu, organizer, "/documents")
    await asyncio.sleep(CHAT_GAP)
    await _press(emu, organizer, listing, "Thêm tài liệu")
    await asyncio.sleep(CHAT_GAP)
    since = emu.sent_count(organizer)
    emu.send_document(
        organizer, "du-thao-nghi-quyet.pdf", PDF, caption="Dự thảo Nghị quyết hội nghị", mime_type="application/pdf"
    )
    listing = await emu.wait_for(
        lambda: next((m for m in emu.messages(organizer)[since:] if m.has_inline_keyboard()), None), timeout=30.0
    )
    await asyncio.sleep(CHAT_GAP)
    await _press(emu, organizer, listing, "Công bố 1")
    fetched = 0
    for answer in on_phones[:3]:
        user_id = answer.delegate.telegram_user_id
        if user_id is None:
            continue
        since = emu.sent_count(user_id)
        emu.send_text(user_id, "/documents")
        document = await emu.wait_for_message(user_id, lambda m: m.method == "sendDocument", since=since, timeout=30.0)
        fetched += document.document_bytes == PDF
    lines.append(
        f"  📄 tài liệu “Dự thảo Nghị quyết hội nghị” công bố; {fetched} đại biểu nhận bằng /documents (file_id)"
    )
    # 4. Questions during the dialogue.
    await asyncio.sleep(CHAT_GAP)
    queue = await _say(emu, organizer, "/moderate")
    await asyncio.sleep(CHAT_GAP)
    await _press(emu, organizer, queue, "Mở nhận câu hỏi")
    askers = [a for a in on_phones if a.delegate.telegram_user_id is not None][: len(QUESTIONS)]

    async def ask(user_id: int, body: str, named: bool) -> None:
        topics = await _say(emu, user_id, "/question")
        # Some delegates chose English: they see the topic and the buttons in English.
        language = "vi" if any(POLICY_TOPIC["vi"] in label for label in topics.button_texts()) else "en"
        await asyncio.sleep(CHAT_GAP)
        await _press(emu, user_id, topics, POLICY_TOPIC[language])
        await asyncio.sleep(CHAT_GAP)
        choice = await _say(emu, user_id, body)
        await asyncio.sleep(CHAT_GAP)
        name_choice = plain(language, "question.button_named" if named else "question.button_unnamed")
        sent = await _press(emu, user_id, choice, name_choice)
        if plain(language, "question.sent", number="")[:12] not in sent.plain_text:  # "Đã gửi câu h…" / "Question no."
            problems.append(f"question not sent: {sent.plain_text[:60]!r}")

    async def ask_later(offset: int, user_id: int, body: str) -> None:
        await asyncio.sleep(0.4 * offset)  # they do not all write at the same second; the order is kept
        await ask(user_id, body, named=offset % 2 == 0)

    await asyncio.gather(
        *(ask_later(i, a.delegate.telegram_user_id or 0, body) for i, (a, body) in enumerate(zip(askers, QUESTIONS)))
    )
    decisions = ("Chọn", "merge", "Chọn", "Chọn", "Chọn", "reject")
    card = await _say(emu, MODERATOR_ID, "/moderate")
    for decision in decisions[: len(askers)]:
        await asyncio.sleep(CHAT_GAP)
        if decision == "merge":
            targets = await _press(emu, MODERATOR_ID, card, "Tổng hợp chung")
            await asyncio.sleep(CHAT_GAP)
            since = emu.sent_count(MODERATOR_ID)
            emu.press_button(MODERATOR_ID, targets.message_id, targets.button_data("1."))
        elif decision == "reject":
            await _press(emu, MODERATOR_ID, card, "Không chọn")
            await asyncio.sleep(CHAT_GAP)
            since = emu.sent_count(MODERATOR_ID)
            emu.send_text(MODERATOR_ID, "Không thuộc nội dung hội nghị")
        else:
            since = emu.sent_count(MODERATOR_ID)
            emu.press_button(MODERATOR_ID, card.message_id, card.button_data(decision))
        # The next card (or "nothing waiting") is the first new message with buttons.
        card = await emu.wait_for(
            lambda since=since: next((m for m in emu.messages(MODERATOR_ID)[since:] if m.has_inline_keyboard()), None),
            timeout=30.0,
        )
    supporters = [a.delegate.telegram_user_id for a in coming if a.delegate.telegram_user_id][
        len(askers) : len(askers) + 8
    ]
    choices = {user_id: rng.random() for user_id in supporters}

    async def support(user_id: int) -> int:
        listing = await _say(emu, user_id, "/questions")
        marks = {plain(language, "question.button_support", number="").strip() for language in ("vi", "en")}
        labels = [label for label in listing.button_texts() if any(mark in label for mark in marks)]
        if not labels:
            return 0
        query = emu.press_button(
            user_id, listing.message_id, listing.button_data(labels[int(choices[user_id] * 2) % len(labels)])
        )
        await emu.wait_for_callback_answer(query, timeout=30.0)
        return 1

    supported = sum(await asyncio.gather(*(support(user_id or 0) for user_id in supporters)))
    ranked = await services.questions.ranked()
    view = await _say(emu, MODERATOR_ID, "/presidium")
    answered = 0
    for _ in range(min(2, len(ranked))):
        await asyncio.sleep(CHAT_GAP)
        top = view.plain_text.splitlines()[0]
        emu.press_button(MODERATOR_ID, view.message_id, view.button_data("Đã trả lời"))
        view = await emu.wait_for(
            lambda top=top: (m := emu.messages(MODERATOR_ID)[-1]) and m.plain_text.splitlines()[0] != top and m,
            timeout=30.0,
        )
        answered += 1
    lines.append(
        f"  🎙 câu hỏi gửi Đoàn Chủ tịch: {len(askers)} gửi, {len(ranked)} được chọn (1 tổng hợp chung, 1 không chọn có lý do), "
        f"{supported} lượt ủng hộ, {answered} đã trả lời tại hội trường"
    )
    hall = await _hall_page(services)
    if hall:
        lines.append(hall)
    lines[0] += f" ({time.monotonic() - started:.1f} s)"
    return lines, problems


async def _stats_chart(emu: BotApiEmulator, organizer: int) -> str:
    """/stats on the day: the live count, and the attendance chart's size as the organizer's phone receives it."""
    from PIL import Image

    stats = await _say(emu, organizer, "/stats")
    present = next((line.strip() for line in stats.plain_text.splitlines() if line.startswith("🏛")), "—")
    await asyncio.sleep(CHAT_GAP)
    chart = await _press(emu, organizer, stats, "Biểu đồ điểm danh")
    png = chart.document_bytes or b""
    width, height = Image.open(io.BytesIO(png)).size
    return f"  📈 /stats: {present}; biểu đồ điểm danh {width}×{height} px, {len(png) // 1024} KB"


async def _hall_page(services: Services) -> str | None:
    """The hall-screen page over HTTP, as the hall's computer reads it (when [hall_screen] is on; no address shown)."""
    if not services.settings.hall_screen.enabled:
        return None
    import httpx

    url = await services.hall_screen.url()
    async with httpx.AsyncClient(timeout=30.0) as client:
        page = await client.get(url)
        data = (await client.get(url + "data.json")).json()
    return (
        f"  🖥 màn hình hội trường (HTTP {page.status_code}, {len(page.content) // 1024} KB): có mặt "
        f"{data['present']}/{data['expected']}, {len(data['agencies'])} cơ quan, "
        f"{len(data['questions'])} câu hỏi trình Đoàn Chủ tịch"
    )
