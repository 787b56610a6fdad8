"""End to end through the emulator: answering, changing, deadlines, stale buttons and restarts."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.emulator import BotApiEmulator
from tests.support.harness import NOW, ORGANIZER_ID, Harness, later, restart


async def _status(harness: Harness, code: str) -> tuple[str | None, str | None, str | None, str | None]:
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, code)
        assert delegate is not None
        rsvp = await uow.rsvps.get(delegate.id)
    if rsvp is None:
        return None, None, None, None
    return rsvp.status, rsvp.decline_reason, rsvp.substitute_name, rsvp.substitute_position


async def test_attend_updates_card_and_confirms(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(101)
    query_id = await harness.press(101, card, "Tham dự")
    confirmation = await harness.emu.wait_for_callback_answer(query_id)
    assert "ghi nhận đồng chí tham dự" in (confirmation.text or "")
    edited = await harness.emu.wait_for(lambda: (m := harness.emu.messages(101)[since - 1]) and m.edit_count and m)
    assert edited.message_id == card.message_id and "Tình trạng xác nhận tham dự: Tham dự." in edited.plain_text
    assert harness.emu.sent_count(101) == since
    assert await _status(harness, "DB001") == ("attending", None, None, None)


async def test_decline_with_reason_then_change_to_attend(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "Xin vắng mặt")
    question = await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text, since=since)
    assert question.button_texts() == ["Bỏ qua"]
    saved = await harness.say(101, "Đi công tác <Hà Nội>")
    assert "vắng mặt" in saved.plain_text
    assert await _status(harness, "DB001") == ("declined", "Đi công tác <Hà Nội>", None, None)
    assert "lý do: Đi công tác <Hà Nội>" in harness.emu.messages(101)[card_index(harness, card)].plain_text
    query_id = await harness.press(101, harness.emu.messages(101)[card_index(harness, card)], "Tham dự")
    await harness.emu.wait_for_callback_answer(query_id)
    assert (await _status(harness, "DB001"))[0] == "attending"


def card_index(harness: Harness, card: object) -> int:
    """Position of the card message in the chat."""
    ids = [m.message_id for m in harness.emu.messages(101)]
    return ids.index(card.message_id)  # type: ignore[attr-defined]


async def test_decline_skip_reason(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "Xin vắng mặt")
    question = await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text, since=since)
    since = harness.emu.sent_count(101)
    await harness.press(101, question, "Bỏ qua")
    await harness.emu.wait_for_message(101, lambda m: "vắng mặt" in m.plain_text, since=since)
    assert await _status(harness, "DB001") == ("declined", None, None, None)
    after_skip = await harness.say(101, "xin chào")
    assert "dùng các nút bấm" in after_skip.plain_text


async def test_substitute_asks_name_then_position(harness: Harness) -> None:
    card = await harness.open_link(102, "DB002")
    since = harness.emu.sent_count(102)
    await harness.press(102, card, "dự thay")
    await harness.emu.wait_for_message(102, lambda m: "họ và tên người dự thay" in m.plain_text, since=since)
    ask_position = await harness.say(102, "Phạm Văn Dũng")
    assert "chức vụ của đồng chí Phạm Văn Dũng" in ask_position.plain_text
    saved = await harness.say(102, "Phó Trưởng phòng")
    assert "Phạm Văn Dũng, Phó Trưởng phòng" in saved.plain_text
    assert await _status(harness, "DB002") == ("substitute", None, "Phạm Văn Dũng", "Phó Trưởng phòng")


async def test_oversized_text_is_refused_with_the_limit_and_nothing_stored(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    await harness.press(101, card, "Xin vắng mặt")
    await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text)
    refusal = await harness.say(101, "x" * 501)
    assert "501" in refusal.plain_text and "500" in refusal.plain_text
    assert await _status(harness, "DB001") == ("declined", None, None, None)
    await harness.say(101, "Bận họp")
    assert await _status(harness, "DB001") == ("declined", "Bận họp", None, None)


async def test_after_the_deadline_answers_are_closed(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    harness.clock.set(harness.services.event.rsvp_deadline + later(minutes=1))
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "Tham dự")
    closed = await harness.emu.wait_for_message(101, lambda m: "đã kết thúc" in m.plain_text, since=since)
    assert "lúc 17 giờ 00, Chủ nhật, ngày 20/12/2026" in closed.plain_text
    assert await _status(harness, "DB001") == (None, None, None, None)
    refreshed = await harness.open_link(101, "DB001")
    assert refreshed.callback_datas() == [] and "Thời hạn xác nhận tham dự đã kết thúc" in refreshed.plain_text


async def test_button_of_a_card_that_is_no_longer_yours(harness: Harness) -> None:
    old_card = await harness.open_link(101, "DB001")
    await harness.services.invitations.reissue("DB001", actor="test")
    await harness.open_link(101, "DB002")
    query_id = await harness.press(101, old_card, "Tham dự")
    answer = await harness.emu.wait_for_callback_answer(query_id)
    assert answer.show_alert and "không thuộc giấy mời" in (answer.text or "")
    assert await _status(harness, "DB001") == (None, None, None, None)


async def test_half_finished_answer_survives_a_restart(
    harness: Harness, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    card = await harness.open_link(102, "DB002")
    await harness.press(102, card, "dự thay")
    await harness.emu.wait_for_message(102, lambda m: "người dự thay" in m.plain_text)
    await restart(harness)
    await harness.say(102, "Hồ Thị Em")
    saved = await harness.say(102, "Chuyên viên chính")
    assert "Hồ Thị Em, Chuyên viên chính" in saved.plain_text
    assert await _status(harness, "DB002") == ("substitute", None, "Hồ Thị Em", "Chuyên viên chính")


async def test_me_shows_only_own_record(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    record = await harness.say(101, "/me")
    assert "Nguyễn Văn An" in record.plain_text and "0912 345 678" in record.plain_text
    assert "Trần Thị Bình" not in record.plain_text
    stranger = await harness.say(104, "/me")
    assert "chưa được kết nối" in stranger.plain_text


async def test_language_switch_and_english_default(harness: Harness) -> None:
    english = await harness.say(105, "/help")
    assert "Commands:" in english.plain_text
    chooser = await harness.say(101, "/language")
    since = harness.emu.sent_count(101)
    await harness.press(101, chooser, "English")
    confirmed = await harness.emu.wait_for_message(101, since=since)
    assert confirmed.plain_text == "Switched to English."
    card = await harness.open_link(101, "DB001")
    assert "Dear Comrade Nguyễn Văn An" in card.plain_text


async def test_organizer_command_looks_unknown_to_others(harness: Harness) -> None:
    stranger = await harness.say(101, "/stats")
    unknown = await harness.say(101, "/nonsense")
    assert stranger.plain_text == unknown.plain_text
    await harness.open_link(101, "DB001")
    stats = await harness.say(ORGANIZER_ID, "/stats")
    assert "Được mời: 3 · đã kết nối Telegram: 1" in stats.plain_text


async def test_command_menus_in_both_languages(harness: Harness) -> None:
    commands = harness.emu.my_commands
    vi = [c["command"] for c in commands[("default", None)]]
    en = [c["command"] for c in commands[("default", "en")]]
    assert (
        vi
        == en
        == [
            "start",
            "me",
            "agenda",
            "proposal",
            "myproposals",
            "nominate",
            "checkin",
            "question",
            "questions",
            "ask",
            "language",
            "help",
        ]
    )
    assert NOW < harness.services.event.rsvp_deadline


async def test_help_lists_every_menu_command_and_organizer_ones_only_for_organizers(harness: Harness) -> None:
    delegate_help = await harness.say(101, "/help")
    organizer_help = await harness.say(ORGANIZER_ID, "/help")
    for command in ("/start", "/me", "/agenda", "/proposal", "/nominate", "/language"):
        assert command in delegate_help.plain_text and command in organizer_help.plain_text
    for command in ("/broadcast", "/reminders", "/proposals", "/stats"):
        assert command not in delegate_help.plain_text.split() and command in organizer_help.plain_text
