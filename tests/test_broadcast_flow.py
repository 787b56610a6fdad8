"""The organizer's broadcast flow in Telegram: audiences, preview, cancel, approval, progress, stop, report, call list."""

from __future__ import annotations

import dataclasses
import io
import json

import openpyxl

from bot.sandbox.emulator import BotApiEmulator
from tests.support.broadcast import (
    FAST,
    SECOND_ORGANIZER,
    Bots,
    broadcast_messages,
    compose,
    id_from,
    restart,
    roster,
    settings_for,
    statuses,
    user_id_of,
    wait_done,
    wait_report,
)
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more


async def answer(harness: Harness, number: int, status: str) -> None:
    """Record an RSVP directly."""
    async with harness.services.db.transaction() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, f"DB{number:03d}")
        assert delegate is not None
        await uow.rsvps.save(delegate.id, status, harness.clock.now())  # type: ignore[arg-type]


async def test_audiences_with_counts_preview_and_cancel_sends_nothing(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=5)
    await answer(harness, 2, "attending")
    await answer(harness, 4, "substitute")
    await answer(harness, 5, "declined")
    menu = await harness.say(ORGANIZER_ID, "/broadcast")
    assert menu.button_texts() == [
        "Tất cả đại biểu (5)",
        "Đại biểu tham dự (2)",
        "Chưa xác nhận (2)",
        "Xin vắng mặt (1)",
        "Theo cơ quan, đơn vị…",
    ]
    since = emulator.sent_count(ORGANIZER_ID)
    summary = await compose(harness, "tham dự", "Đề nghị có mặt lúc <7:30>")
    preview = emulator.messages(ORGANIZER_ID)[-2]
    assert preview.plain_text == "Kính gửi đồng chí Đại biểu 002,\n\nĐề nghị có mặt lúc <7:30>"
    assert "Người nhận: 2 đại biểu (2 qua Telegram, 0 chưa kết nối" in summary.plain_text
    assert summary.button_texts() == ["🚀 Gửi ngay", "🕒 Hẹn giờ gửi", "✖️ Hủy"]
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Hủy")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Đã hủy thông báo số" in m.plain_text, since=since)
    await nothing_more(emulator)
    assert all(emulator.messages(user_id_of(n)) == [] for n in range(1, 6))
    async with harness.services.db.read() as uow:
        actions = [a for _, a, _ in await uow.audit.actions(harness.services.event.id) if a.startswith("broadcast")]
    assert actions[-2:] == ["broadcast_draft", "broadcast_cancelled"] and actions.count("broadcast_draft") == 1


async def test_agencies_can_be_combined(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=6)  # agencies rotate: 1→Tài chính, 2→Y tế, 3→Nội vụ …
    menu = await harness.say(ORGANIZER_ID, "/broadcast")
    await harness.press(ORGANIZER_ID, menu, "Theo cơ quan")
    chooser = await emulator.wait_for(
        lambda: (
            emulator.messages(ORGANIZER_ID)[-1]
            if "Xong" in " ".join(emulator.messages(ORGANIZER_ID)[-1].button_texts())
            else None
        )
    )
    query = await harness.press(ORGANIZER_ID, chooser, "Xong")
    assert "chưa chọn cơ quan" in ((await emulator.wait_for_callback_answer(query)).text or "")
    await harness.press(ORGANIZER_ID, chooser, "Sở Y tế")
    await emulator.wait_for(lambda: "☑️ Sở Y tế (2)" in emulator.messages(ORGANIZER_ID)[-1].button_texts())
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Sở Nội vụ")
    await emulator.wait_for(lambda: "☑️ Sở Nội vụ (2)" in emulator.messages(ORGANIZER_ID)[-1].button_texts())
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Xong")
    asked = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "nội dung thông báo" in m.plain_text, since=since)
    assert "Sở Y tế, Sở Nội vụ — 4 đại biểu" in asked.plain_text
    ask_en = await harness.say(ORGANIZER_ID, "Họp riêng khối Sở")
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, ask_en, "Bỏ qua")
    summary = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Người nhận:" in m.plain_text, since=since)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await wait_done(harness, id_from(summary))
    assert {n for n in range(1, 7) if broadcast_messages(emulator, user_id_of(n), "Họp riêng")} == {2, 3, 5, 6}


async def test_non_organizers_are_refused_like_unknown_commands_and_stale_buttons(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=2)
    unknown = (await harness.say(user_id_of(1), "/nonsense")).plain_text
    for command in ("/broadcast", "/broadcasts", "/agenda_publish"):
        assert (await harness.say(user_id_of(1), command)).plain_text == unknown
    summary = await compose(harness, "Tất cả", "Nội dung")
    await restart(
        harness,
        dataclasses.replace(
            harness.settings,
            telegram=dataclasses.replace(harness.settings.telegram, organizers=frozenset({SECOND_ORGANIZER})),
        ),
    )  # no longer an organizer
    query = await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    alert = await emulator.wait_for_callback_answer(query)
    assert alert.show_alert and "Nút này không còn hiệu lực" in (alert.text or "")
    assert await statuses(harness, id_from(summary)) == {}


async def test_two_person_rule_the_second_organizer_sees_the_preview_and_approves(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(
        emulator,
        delegates=2,
        organizers=(ORGANIZER_ID, SECOND_ORGANIZER),
        broadcast=dataclasses.replace(FAST, require_approval=True),
    )
    summary = await compose(harness, "Tất cả", "Thay đổi giờ họp")
    assert "cần một đồng chí khác trong Ban Tổ chức phê duyệt" in summary.plain_text
    since = emulator.sent_count(SECOND_ORGANIZER)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    request = await emulator.wait_for_message(
        SECOND_ORGANIZER, lambda m: "Phê duyệt" in " ".join(m.button_texts()), since=since
    )
    seen = [m.plain_text for m in emulator.messages(SECOND_ORGANIZER)[since:]]
    assert "Đề nghị phê duyệt thông báo số" in seen[0]
    assert "Kính gửi đồng chí Đại biểu 001,\n\nThay đổi giờ họp" in seen
    await nothing_more(emulator)
    assert emulator.messages(user_id_of(1)) == []  # nothing before approval
    same = await harness.services.broadcasts.approve(id_from(summary), ORGANIZER_ID)
    assert same.decision.value == "same_person"
    since_creator = emulator.sent_count(ORGANIZER_ID)
    await harness.press(SECOND_ORGANIZER, request, "Phê duyệt")
    await wait_report(harness, since_creator)
    assert [len(broadcast_messages(emulator, user_id_of(n), "Thay đổi giờ họp")) for n in (1, 2)] == [1, 1]
    assert any("đã được đồng chí" in m.plain_text for m in emulator.messages(ORGANIZER_ID)[since_creator:])
    async with harness.services.db.read() as uow:
        audit = await uow.audit.actions(harness.services.event.id)
    assert ("telegram:900002", "broadcast_approved", str(id_from(summary))) in audit


async def test_rejection_tells_the_author_and_sends_nothing(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(
        emulator,
        delegates=1,
        organizers=(ORGANIZER_ID, SECOND_ORGANIZER),
        broadcast=dataclasses.replace(FAST, require_approval=True),
    )
    summary = await compose(harness, "Tất cả", "Bản nháp")
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    request = await emulator.wait_for_message(SECOND_ORGANIZER, lambda m: "Không duyệt" in " ".join(m.button_texts()))
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(SECOND_ORGANIZER, request, "Không duyệt")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "không được đồng chí" in m.plain_text, since=since)
    assert emulator.messages(user_id_of(1)) == []


async def test_progress_card_stop_midway_and_report_with_call_list(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(
        emulator,
        delegates=30,
        unlinked=(30,),
        broadcast=dataclasses.replace(FAST, rate_per_second=5, progress_interval=1.0),
    )
    emulator.block(user_id_of(1))
    summary = await compose(harness, "Tất cả", "Điều chỉnh chương trình")
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    card = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Đang gửi thông báo số" in m.plain_text, since=since)
    await emulator.wait_for(
        lambda: (
            emulator.messages(ORGANIZER_ID)[since:]
            and any(m.edit_count > 0 for m in emulator.messages(ORGANIZER_ID) if m.message_id == card.message_id)
        ),
        timeout=4.0,
    )
    edited = next(m for m in emulator.messages(ORGANIZER_ID) if m.message_id == card.message_id)
    assert "Tốc độ:" in edited.plain_text and "Còn lại:" in edited.plain_text
    await harness.press(ORGANIZER_ID, edited, "Dừng gửi")
    report = await wait_report(harness, since)
    counts = await statuses(harness, id_from(summary))
    assert counts["cancelled"] > 10 and counts["unreachable"] == 1 and counts["never_linked"] == 1
    assert f"Không gửi (đã dừng): {counts['cancelled']}" in report.plain_text and "đã dừng" in report.plain_text
    received = sum(len(broadcast_messages(emulator, user_id_of(n), "Điều chỉnh")) for n in range(1, 30))
    assert received == counts["sent"]
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, report, "Danh sách cần gọi điện (2)")
    document = await emulator.wait_for_message(ORGANIZER_ID, lambda m: m.document_bytes is not None, since=since)
    assert document.document_name and document.document_name.endswith(".xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(document.document_bytes or b"")).active.iter_rows(values_only=True))
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [
        ("DB001", "+84912000001", "Đã chặn bot / Blocked the bot"),
        ("DB030", "+84912000030", "Chưa kết nối Telegram / Never linked"),
    ]


async def test_list_of_open_broadcasts_with_cancel(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=1)
    assert "Không có thông báo nào" in (await harness.say(ORGANIZER_ID, "/broadcasts")).plain_text
    summary = await compose(harness, "Tất cả", "Sẽ hẹn giờ")
    await harness.press(ORGANIZER_ID, summary, "Hẹn giờ")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "thời điểm gửi" in m.plain_text)
    assert "đã qua" in (await harness.say(ORGANIZER_ID, "01/12/2026 08:00")).plain_text
    assert "chưa đúng định dạng" in (await harness.say(ORGANIZER_ID, "ngày mai")).plain_text
    confirmed = await harness.say(ORGANIZER_ID, "02/12/2026 07:30")
    assert "sẽ được gửi vào lúc 07 giờ 30, thứ Tư, ngày 02/12/2026" in confirmed.plain_text
    listing = await harness.say(ORGANIZER_ID, "/broadcasts")
    assert "hẹn giờ" in listing.plain_text and "02/12/2026 07:30" in listing.plain_text
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, listing, f"Hủy số {id_from(summary)}")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Đã hủy" in m.plain_text, since=since)
    assert harness.app.job_queue.get_jobs_by_name(f"broadcast:{id_from(summary)}") == () or all(
        j.removed for j in harness.app.job_queue.get_jobs_by_name(f"broadcast:{id_from(summary)}")
    )
    assert (await harness.services.broadcasts.get(id_from(summary))).status == "cancelled"  # type: ignore[union-attr]


def test_settings_helper_keeps_conftest_defaults(emulator: BotApiEmulator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(tmp_path, emulator)
    assert settings.broadcast == FAST and settings.telegram.organizers == frozenset({ORGANIZER_ID})


async def _agency_chooser(harness: Harness) -> None:
    emulator = harness.emu
    menu = await harness.say(ORGANIZER_ID, "/broadcast")
    await harness.press(ORGANIZER_ID, menu, "Theo cơ quan")
    await emulator.wait_for(lambda: "Xong" in " ".join(emulator.messages(ORGANIZER_ID)[-1].button_texts()))


async def test_two_quick_agency_taps_keep_both_choices(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=6)
    await _agency_chooser(harness)
    chooser = emulator.messages(ORGANIZER_ID)[-1]
    updater = harness.app.updater
    assert updater is not None
    await updater.stop()  # both presses reach the bot in one getUpdates batch and are handled concurrently
    await harness.press(ORGANIZER_ID, chooser, "Sở Y tế")
    await harness.press(ORGANIZER_ID, chooser, "Sở Nội vụ")  # without waiting for the first
    emulator.latency = 0.05
    await updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=["message", "callback_query"])
    await nothing_more(emulator)
    pending = await harness.services.pending.get(ORGANIZER_ID)
    assert pending is not None and sorted(json.loads(pending.data["agencies"])) == ["Sở Nội vụ", "Sở Y tế"]
    shown = emulator.messages(ORGANIZER_ID)[-1].button_texts()
    assert "☑️ Sở Y tế (2)" in shown and "☑️ Sở Nội vụ (2)" in shown and "⬜ Sở Tài chính (2)" in shown
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Xong")
    asked = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "nội dung thông báo" in m.plain_text, since=since)
    assert "— 4 đại biểu" in asked.plain_text


async def test_agency_names_are_escaped_once_in_the_text_prompt(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=2)
    await harness.services.roster.import_entries(
        [dataclasses.replace(entry, agency="Sở Văn hóa & Thể thao <VH>") for entry in roster(2)], actor="test"
    )
    await _agency_chooser(harness)
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Văn hóa")
    ticked = "☑️ Sở Văn hóa & Thể thao <VH> (2)"
    await emulator.wait_for(lambda: ticked in emulator.messages(ORGANIZER_ID)[-1].button_texts())
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, emulator.messages(ORGANIZER_ID)[-1], "Xong")
    asked = await emulator.wait_for_message(ORGANIZER_ID, lambda m: "nội dung thông báo" in m.plain_text, since=since)
    assert "Đối tượng: đại biểu các cơ quan, đơn vị: Sở Văn hóa & Thể thao <VH> — 2 đại biểu" in asked.plain_text


async def test_answers_that_come_too_late_do_not_stop_the_approval_request(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(
        emulator,
        delegates=2,
        organizers=(ORGANIZER_ID, SECOND_ORGANIZER),
        broadcast=dataclasses.replace(FAST, require_approval=True),
    )
    emulator.callback_query_ttl = 0  # every answerCallbackQuery → 400 "query is too old"
    summary = await compose(harness, "Tất cả", "Họp trễ 15 phút")
    since = emulator.sent_count(SECOND_ORGANIZER)
    since_creator = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    request = await emulator.wait_for_message(
        SECOND_ORGANIZER, lambda m: "Phê duyệt" in " ".join(m.button_texts()), since=since
    )
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "đã được chuyển" in m.plain_text, since=since_creator)
    await harness.press(SECOND_ORGANIZER, request, "Phê duyệt")
    await wait_done(harness, id_from(summary))
    assert [len(broadcast_messages(emulator, user_id_of(n), "Họp trễ")) for n in (1, 2)] == [1, 1]
