"""/reminders through the emulator: organizer-only, list with counts, pause/resume, send now, one-off, roll-ups."""

from __future__ import annotations

import dataclasses

from bot.config import ReminderSettings
from bot.sandbox.emulator import SentMessage
from bot.services.delivery import SendKind, SendOutcome
from bot.services.reminder_run import ReminderRunner
from bot.services.reminders import ReminderService
from bot.services.send_budget import SendBudget
from bot.services.sending import Buttons
from bot.telegram.jobs import due_of
from handlers.views import answer_buttons
from tests.support.harness import ORGANIZER_ID, ROSTER, Harness, entry, nothing_more


async def listing(harness: Harness) -> SentMessage:
    """The organizer's /reminders answer."""
    return await harness.say(ORGANIZER_ID, "/reminders")


async def test_non_organizer_gets_the_unknown_command_reply(harness: Harness) -> None:
    reply = await harness.say(101, "/reminders")
    assert reply.plain_text == "Lệnh không hợp lệ. Đồng chí bấm /help để xem danh sách lệnh."


async def test_list_shows_due_times_status_and_counts(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    shown = (await listing(harness)).plain_text
    assert "Nhắc xác nhận tham dự, 7 ngày trước hạn xác nhận" in shown
    assert "17 giờ 00, Chủ nhật, ngày 13/12/2026" in shown
    assert "đã lên lịch · 1 người nhận (+2 chưa kết nối)" in shown
    assert "Nhắc dự hội nghị, 2 giờ trước giờ khai mạc" in shown
    assert "06 giờ 00, thứ Hai, ngày 28/12/2026" in shown


async def test_pause_resume_and_send_now_by_buttons(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    reminder = await harness.services.reminders.get("rsvp:7d")
    assert reminder is not None
    scheduler = harness.app.job_queue.scheduler
    answer = await harness.emu.wait_for_callback_answer(
        await harness.press(ORGANIZER_ID, await listing(harness), f"Dừng {reminder.id}")
    )
    assert "tạm dừng" in (answer.text or "") and scheduler.get_job("reminder:rsvp:7d") is None
    assert (await harness.services.reminders.get("rsvp:7d")).status == "paused"  # type: ignore[union-attr]
    await harness.emu.wait_for_callback_answer(
        await harness.press(ORGANIZER_ID, await listing(harness), f"Tiếp tục {reminder.id}")
    )
    assert (
        scheduler.get_job("reminder:rsvp:7d") is not None and due_of(harness.app, "reminder:rsvp:7d") == reminder.due_at
    )
    await harness.press(ORGANIZER_ID, await listing(harness), f"Gửi ngay {reminder.id}")
    sent = await harness.emu.wait_for_message(102, lambda m: "xác nhận tham dự trước" in m.plain_text)
    assert sent.button_texts()[0].endswith("Tham dự") or "Tham dự" in " ".join(sent.button_texts())
    await harness.emu.wait_for(lambda: scheduler.get_job("reminder:rsvp:7d") is None)


async def test_one_off_reminder_with_own_text_for_an_audience(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await harness.open_link(102, "DB002")
    card = harness.emu.messages(101)[-1]
    await harness.emu.wait_for_callback_answer(await harness.press(101, card, "Tham dự"))
    await harness.press(ORGANIZER_ID, await listing(harness), "Thêm lời nhắc")
    ask = await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "tới ai" in m.plain_text)
    await harness.press(ORGANIZER_ID, ask, "Chưa xác nhận")
    await harness.emu.wait_for_message(ORGANIZER_ID, lambda m: "nội dung lời nhắc" in m.plain_text)
    when = await harness.say(ORGANIZER_ID, "Họp trù bị <b>sáng mai</b> & đúng giờ")
    assert "dd/mm/yyyy" in when.plain_text
    added = await harness.say(ORGANIZER_ID, "ngay")
    assert "Lời nhắc riêng số 1" in added.plain_text and "1 người nhận" in added.plain_text
    got = await harness.emu.wait_for_message(102, lambda m: "Họp trù bị" in m.plain_text)
    assert "Kính gửi đồng chí Trần Thị Bình" in got.plain_text and "<b>sáng mai</b> & đúng giờ" in got.plain_text
    await nothing_more(harness.emu)
    assert not [m for m in harness.emu.messages(101) if "Họp trù bị" in m.plain_text]


class RecordingSender:
    """A ButtonSender that records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send(self, chat_id: int, html: str, buttons: Buttons | None) -> SendOutcome:
        """Record and succeed."""
        self.sent.append((chat_id, html))
        return SendOutcome(SendKind.SENT, message_id=len(self.sent))


def recording_runner(harness: Harness, organizers: list[int]) -> tuple[ReminderRunner, RecordingSender]:
    """A reminder runner with two agency contacts (Sở Nội vụ: 555, Sở Y tế: 556) and these organizers, recording
    what it sends instead of sending it."""
    settings = dataclasses.replace(
        harness.services.settings.reminders, agency_contacts=(("Sở Nội vụ", 555), ("Sở Y tế", 556))
    )
    assert isinstance(settings, ReminderSettings)
    services = harness.services
    service = ReminderService(services.db, harness.clock, services.event, settings)
    sender = RecordingSender()
    run = ReminderRunner(
        service, services.db, sender, SendBudget(1000.0).lane("reminders"), organizers, answer_buttons=answer_buttons
    )
    return run, sender


async def test_agency_rollup_and_organizer_summary(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    run, sender = recording_runner(harness, [ORGANIZER_ID])
    report = await run.run("rsvp:7d", harness.clock.now(), force=True)
    assert report is not None and report.rollups == 2
    by_chat = {chat: html for chat, html in sender.sent}
    assert by_chat[555] == (
        "Ban Tổ chức Hội nghị gặp mặt trưởng, phó phòng &lt;2026&gt; thông báo: Sở Nội vụ còn 1/1 đồng chí chưa xác "
        "nhận tham dự (Nguyễn Văn An). Đề nghị đồng chí đôn đốc các đồng chí này xác nhận tham dự trước 17 giờ 00, "
        "Chủ nhật, ngày 20/12/2026."
    )
    assert "Lê &lt;b&gt;Cường&lt;/b&gt; &amp; Co" in by_chat[556]
    assert "1 đã gửi" in by_chat[ORGANIZER_ID] and "2 đại biểu chưa kết nối" in by_chat[ORGANIZER_ID]
    assert await run.run("rsvp:7d", harness.clock.now(), force=True) is None
    assert len(sender.sent) == 4


async def test_rollup_of_a_large_agency_fits_one_message(harness: Harness) -> None:
    big = [entry(10 + i, f"YT{i:03d}", f"Nguyễn Thị Phương Thảo {i:03d}", None, agency="Sở Y tế") for i in range(400)]
    await harness.services.roster.import_entries(ROSTER + big, actor="test")
    harness.emu.add_user(557, "Liên lạc", language_code="vi")
    await harness.say(557, "/start")
    settings = dataclasses.replace(harness.services.settings.reminders, agency_contacts=(("Sở Y tế", 557),))
    services, data = harness.services, harness.app.bot_data
    service = ReminderService(services.db, harness.clock, services.event, settings)
    run = ReminderRunner(
        service,
        services.db,
        data.delivery_sender,
        data.send_budget.lane("reminders"),
        [ORGANIZER_ID],
        answer_buttons=answer_buttons,
    )
    since = harness.emu.sent_count(557)
    report = await run.run("rsvp:7d", harness.clock.now(), force=True)
    assert report is not None and report.rollups == 1
    [rollup] = harness.emu.messages(557)[since:]
    assert len(rollup.plain_text) <= 4096
    assert rollup.plain_text.startswith(
        "Ban Tổ chức Hội nghị gặp mặt trưởng, phó phòng <2026> thông báo: Sở Y tế còn 401/401 đồng chí chưa xác "
        "nhận tham dự (Lê <b>Cường</b>"
    )
    shown = rollup.plain_text.count("Nguyễn Thị Phương Thảo")
    assert 100 < shown < 400 and rollup.plain_text.endswith(
        f"… và {400 - shown} đồng chí khác). Đề nghị đồng chí đôn đốc các đồng chí này xác nhận tham dự trước 17 giờ 00, Chủ nhật, ngày 20/12/2026."
    )
    assert f"Nguyễn Thị Phương Thảo {shown - 1:03d}" in rollup.plain_text


async def test_rollups_and_organizer_summaries_use_the_recipients_language(harness: Harness) -> None:
    """Messages the bot starts use the recipient's language: an English contact and organizer read English."""
    second_organizer = 900002
    harness.emu.add_user(555, "Agency", language_code="en")
    harness.emu.send_command(555, "start")  # seen with an English app: no explicit choice
    await harness.emu.wait_for_message(555)
    await harness.services.users.set_language(second_organizer, "en")
    run, sender = recording_runner(harness, [ORGANIZER_ID, second_organizer])
    await run.run("rsvp:7d", harness.clock.now(), force=True)
    by_chat = {chat: html for chat, html in sender.sent}
    assert by_chat[555] == (
        "The Organizing Committee of Hội nghị gặp mặt trưởng, phó phòng &lt;2026&gt; informs you: Sở Nội vụ still has "
        "1/1 delegates who have not confirmed attendance (Nguyễn Văn An). Please urge them to confirm attendance by "
        "17:00 on Sunday, 20/12/2026."
    )
    assert by_chat[556].startswith("Ban Tổ chức Hội nghị gặp mặt") and "Sở Y tế còn 1/1" in by_chat[556]
    assert "đã gửi" in by_chat[ORGANIZER_ID]
    assert "sent" in by_chat[second_organizer] and "đã gửi" not in by_chat[second_organizer]
