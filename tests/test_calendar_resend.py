"""Issue 18's leftover: the organizer sees how the calendar change notice went (/calendar) and resends it, with one
confirmed tap, to the delegates whose notice is 'unknown' — never to a delegate it reached, at most once each; audited.

End to end through the emulator: three attending delegates; the meeting moves; Bình's and Cường's notices are
'unknown' (claimed and in flight when the bot was killed: rows written as the kill leaves them, the kill itself is
tests/test_calendar_crash.py), so the restarted bot sends the notice to An only. The organizer's /calendar shows
sent 1 / unknown 2 and the resend button; confirmed, Bình and Cường get the notice once, An nothing more.
"""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import SentMessage
from bot.services.calendar import Resend
from tests.support.harness import ORGANIZER_ID, Harness, make_settings, nothing_more, restart, running

MOVED = "Thời gian khai mạc mới: 14 giờ 00"
USERS = {101: "DB001", 102: "DB002", 103: "DB003"}


def notices(emu: BotApiEmulator, user: int) -> list[SentMessage]:
    return [m for m in emu.messages(user) if m.method == "sendDocument" and MOVED in m.plain_text]


async def attending_with_unknown_notices(emu: BotApiEmulator, h: Harness, tmp_path: Path) -> None:
    """Everyone attends; the meeting moves to 14:00 with Bình's and Cường's notices left 'unknown' by a crash."""
    emu.add_user(ORGANIZER_ID, "Văn phòng", language_code="vi")
    async with h.services.db.transaction() as uow:
        for user, code in USERS.items():
            emu.add_user(user, code, language_code="vi")
            delegate = await uow.delegates.by_code(h.services.event.id, code)
            assert delegate is not None
            await uow.delegates.link(delegate.id, user, h.clock.now())
            await uow.rsvps.save(delegate.id, "attending", h.clock.now())
            if user != 101:
                # What a kill mid-notice leaves: the claim committed, the send's outcome never recorded.
                await uow.calendar_notices.claim(h.services.event.id, 1, delegate.id, user, h.clock.now())
    await restart(h, make_settings(tmp_path, emu, starts_at="2026-12-28 14:00"))
    await emu.wait_for(lambda: len(notices(emu, 101)) == 1)
    await nothing_more(emu)
    assert [len(notices(emu, user)) for user in USERS] == [1, 0, 0]


async def test_the_organizer_resends_the_notice_to_the_unknown_ones_once(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    async with running(emulator, make_settings(tmp_path, emulator)) as h:
        await attending_with_unknown_notices(emulator, h, tmp_path)

        shown = await h.say(ORGANIZER_ID, "/calendar")
        assert "Thông báo thay đổi lịch hội nghị (lần thứ 1)" in shown.plain_text
        assert "khai mạc vào lúc 14 giờ 00, thứ Hai, ngày 28/12/2026" in shown.plain_text
        assert "Đã gửi tới: 1" in shown.plain_text and "Chưa rõ (có thể đã nhận): 2" in shown.plain_text
        assert shown.button_texts() == ["🔁 Gửi lại cho 2 đại biểu chưa rõ"]

        # The button asks first; "Không gửi lại" sends nothing.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, shown, "Gửi lại cho 2")
        confirm = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert "cho 2 đại biểu chưa rõ" in confirm.plain_text
        await h.press(ORGANIZER_ID, confirm, "Không gửi lại")
        await emulator.wait_for(lambda: "Đã hủy" in emulator.messages(ORGANIZER_ID)[-1].plain_text)
        await nothing_more(emulator)
        assert [len(notices(emulator, user)) for user in USERS] == [1, 0, 0]

        # Confirmed: Bình and Cường get the notice with the updated file, An (sent) nothing more.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, shown, "Gửi lại cho 2")
        confirm = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        await h.press(ORGANIZER_ID, confirm, "🔁 Gửi lại")
        await emulator.wait_for(lambda: all(len(notices(emulator, user)) == 1 for user in USERS))
        queued = next(m for m in emulator.messages(ORGANIZER_ID) if m.message_id == confirm.message_id)
        assert "Đang gửi lại thông báo thay đổi lần thứ 1 cho 2 đại biểu" in queued.plain_text
        (resent,) = notices(emulator, 102)
        assert resent.document_name == "hoi-nghi.ics" and "Kính gửi đồng chí Trần Thị Bình" in resent.plain_text

        # The old /calendar button again, and a second confirmation (as a double tap would): nobody gets more.
        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, shown, "Gửi lại cho 2")
        nothing = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert (
            nothing.plain_text == "Không có đại biểu tham dự nào ở tình trạng chưa rõ." and not nothing.button_texts()
        )
        assert (await h.services.calendar.resend_unknown(1, ORGANIZER_ID)).decision is Resend.NOTHING
        await nothing_more(emulator)
        assert [len(notices(emulator, user)) for user in USERS] == [1, 1, 1]

        shown = await h.say(ORGANIZER_ID, "/calendar")
        assert "Đã gửi tới: 3" in shown.plain_text and "Chưa rõ (có thể đã nhận): 0" in shown.plain_text
        assert "Đã gửi lại: 2; đang chờ gửi lại: 0" in shown.plain_text and not shown.button_texts()

        async with h.services.db.read() as uow:
            entries = await uow.console.audit(h.services.event.id, actors=(f"telegram:{ORGANIZER_ID}",), limit=50)
        (audited,) = [e for e in entries if e.action == "calendar_resend_unknown"]
        assert audited.subject == "1" and audited.detail == {"recipients": 2}


async def test_a_resend_lost_in_a_crash_is_not_resent_again(emulator: BotApiEmulator, tmp_path: Path) -> None:
    async with running(emulator, make_settings(tmp_path, emulator)) as h:
        await attending_with_unknown_notices(emulator, h, tmp_path)
        calendar = h.services.calendar
        shown = await h.say(ORGANIZER_ID, "/calendar")  # its button is pressed again once everyone was resent
        queued = await calendar.resend_unknown(1, ORGANIZER_ID)
        assert queued.count == 2
        # The resend job claims Bình's resend and the bot is killed before its outcome is recorded.
        bình = await calendar.attendee(102)
        assert bình is not None and await calendar.claim_resend(1, bình.id, 102)
        assert not await calendar.claim_resend(1, bình.id, 102)  # claimed once only
        since = emulator.sent_count(103)
        await restart(h)
        await emulator.wait_for(lambda: len(notices(emulator, 103)) == 1)  # the asked resend goes on after restart
        await nothing_more(emulator)
        summary = await h.services.calendar.summary()
        assert summary.counts == {"sent": 2, "unknown": 1} and summary.resendable == 0 and summary.resent == 2
        assert (await h.services.calendar.resend_unknown(1, ORGANIZER_ID)).decision is Resend.ALREADY
        assert emulator.sent_count(103) == since + 1 and notices(emulator, 102) == []

        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, shown, "Gửi lại cho 2")
        already = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert already.plain_text == (
            "Thông báo này đã được gửi lại cho các đại biểu chưa rõ kết quả; mỗi đại biểu chỉ được gửi lại tối đa "
            "một lần."
        )
        shown = await h.say(ORGANIZER_ID, "/calendar")
        assert "Chưa rõ (có thể đã nhận): 1" in shown.plain_text and not shown.button_texts()


async def test_before_any_change_calendar_says_so(harness: Harness) -> None:
    shown = await harness.say(ORGANIZER_ID, "/calendar")
    assert "chưa có thông báo thay đổi nào" in shown.plain_text and not shown.button_texts()
    assert "Khai mạc vào lúc 08 giờ 00, thứ Hai, ngày 28/12/2026" in shown.plain_text


async def decline(h: Harness, user: int) -> None:
    """The delegate declines after the notice (the card's "Xin vắng mặt", through the RSVP service)."""
    delegate = await h.services.calendar.attendee(user)
    assert delegate is not None
    await h.services.rsvp.choose(user, delegate.id, "decline")


async def test_no_resend_is_offered_when_the_unknown_ones_declined_since(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    """Bình and Cường ('unknown') decline after the /calendar screen was shown: its button then answers that nobody
    attending is unknown (not "already resent", which would be false), /calendar shows no button, nothing is sent."""
    async with running(emulator, make_settings(tmp_path, emulator)) as h:
        await attending_with_unknown_notices(emulator, h, tmp_path)
        shown = await h.say(ORGANIZER_ID, "/calendar")
        assert shown.button_texts() == ["🔁 Gửi lại cho 2 đại biểu chưa rõ"]
        await decline(h, 102)
        summary = await h.services.calendar.summary()
        assert (summary.resendable, summary.unknown_attending) == (1, 1)  # Cường still attends, unknown
        await decline(h, 103)

        since = emulator.sent_count(ORGANIZER_ID)
        await h.press(ORGANIZER_ID, shown, "Gửi lại cho 2")
        answer = await emulator.wait_for_message(ORGANIZER_ID, since=since)
        assert answer.plain_text == "Không có đại biểu tham dự nào ở tình trạng chưa rõ." and not answer.button_texts()
        assert (await h.services.calendar.resend_unknown(1, ORGANIZER_ID)).decision is Resend.NOTHING
        again = await h.say(ORGANIZER_ID, "/calendar")
        assert "Chưa rõ (có thể đã nhận): 2" in again.plain_text and not again.button_texts()
        await nothing_more(emulator)
        assert [len(notices(emulator, user)) for user in USERS] == [1, 0, 0]


async def test_an_asked_resend_is_taken_back_when_the_delegate_no_longer_attends(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    """The resend to Bình and Cường is asked; Cường declines before it goes out. Bình gets it, Cường's is taken
    back: /calendar does not show it waiting for ever, and the next start-up has no resend to do."""
    async with running(emulator, make_settings(tmp_path, emulator)) as h:
        await attending_with_unknown_notices(emulator, h, tmp_path)
        calendar = h.services.calendar
        assert (await calendar.resend_unknown(1, ORGANIZER_ID)).count == 2  # asked; its job runs at the restart
        await decline(h, 103)
        await restart(h)
        await emulator.wait_for(lambda: len(notices(emulator, 102)) == 1)
        await nothing_more(emulator)
        assert [len(notices(emulator, user)) for user in USERS] == [1, 1, 0]
        calendar = h.services.calendar
        summary = await calendar.summary()
        assert (summary.asked, summary.resent, summary.unknown_attending) == (0, 1, 0)
        assert await calendar.pending_resend() is None  # no resend job at the next start-up
        async with h.services.db.read() as uow:
            assert await uow.calendar_notices.resend_counts(h.services.event.id, 1) == {"done": 1}
        shown = await h.say(ORGANIZER_ID, "/calendar")
        assert "Đã gửi lại: 1; đang chờ gửi lại: 0" in shown.plain_text and not shown.button_texts()
