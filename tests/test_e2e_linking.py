"""End to end through the emulator: personal links, phone contacts and who may bind what."""

from __future__ import annotations

from tests.support.harness import ORGANIZER_ID, Harness


async def _linked_user(harness: Harness, code: str) -> int | None:
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, code)
    assert delegate is not None
    return delegate.telegram_user_id


async def test_personal_link_binds_and_shows_formal_card(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    assert "Kính gửi đồng chí Nguyễn Văn An, Trưởng phòng Phòng Tổ chức, Sở Nội vụ" in card.plain_text
    assert "Hội nghị gặp mặt trưởng, phó phòng <2026>" in card.plain_text
    assert "Thời gian: 08 giờ 00, thứ Hai, ngày 28/12/2026" in card.plain_text
    assert "trước 17 giờ 00, Chủ nhật, ngày 20/12/2026" in card.plain_text
    assert "GIẤY MỜI" not in card.plain_text and "🕗" not in card.plain_text
    assert "Trung tâm Hội nghị tỉnh" in card.plain_text
    assert len(card.callback_datas()) == 4 and card.callback_datas()[-1] == "prop:new"
    assert await _linked_user(harness, "DB001") == 101


async def test_same_account_again_gets_the_card_again(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    again = await harness.open_link(101, "DB001")
    assert "Kính gửi đồng chí Nguyễn Văn An" in again.plain_text
    assert await _linked_user(harness, "DB001") == 101


async def test_used_link_on_another_account_is_refused_and_organizers_told(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(ORGANIZER_ID)
    refusal = await harness.open_link(104, "DB001")
    assert "đã được dùng trên một tài khoản Telegram khác" in refusal.plain_text
    notice = await harness.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert "Nguyễn Văn An" in notice.plain_text and "104" in notice.plain_text
    assert await _linked_user(harness, "DB001") == 101


async def test_account_bound_to_one_delegate_cannot_take_another(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    refusal = await harness.open_link(101, "DB002")
    assert "đã được kết nối với đại biểu Nguyễn Văn An" in refusal.plain_text
    assert await _linked_user(harness, "DB002") is None


async def test_revoked_link_is_refused_clearly(harness: Harness) -> None:
    old_token = await harness.token_of("DB002")
    reissued = await harness.services.invitations.reissue("DB002", actor="test")
    assert reissued is not None and reissued[1] != old_token
    since = harness.emu.sent_count(102)
    harness.emu.send_command(102, "start", old_token)
    refusal = await harness.emu.wait_for_message(102, since=since)
    assert "đã được thay bằng đường dẫn mới" in refusal.plain_text
    card = await harness.open_link(102, "DB002")
    assert "Trần Thị Bình" in card.plain_text


async def test_unknown_token_and_bare_start_offer_the_phone_button(harness: Harness) -> None:
    since = harness.emu.sent_count(104)
    harness.emu.send_command(104, "start", "not-a-real-token")
    refusal = await harness.emu.wait_for_message(104, since=since)
    assert "không đúng" in refusal.plain_text
    hello = await harness.say(104, "/start")
    keyboard = hello.reply_markup or {}
    assert keyboard["keyboard"][0][0]["request_contact"] is True


async def test_own_contact_matching_the_roster_binds(harness: Harness) -> None:
    since = harness.emu.sent_count(102)
    harness.emu.share_contact(102, "84987654321")
    await harness.emu.wait_for_message(102, lambda m: "Trần Thị Bình" in m.plain_text, since=since)
    assert await _linked_user(harness, "DB002") == 102


async def test_someone_elses_contact_or_unknown_number_is_refused(harness: Harness) -> None:
    since = harness.emu.sent_count(104)
    harness.emu.share_contact(104, "+84987654321", contact_user_id=102)
    refusal = await harness.emu.wait_for_message(104, since=since)
    assert "số điện thoại của chính đồng chí" in refusal.plain_text
    since = harness.emu.sent_count(104)
    harness.emu.share_contact(104, "+84911111111")
    refusal = await harness.emu.wait_for_message(104, since=since)
    assert "không có trong danh sách" in refusal.plain_text
    assert await _linked_user(harness, "DB002") is None


async def test_user_supplied_names_are_escaped(harness: Harness) -> None:
    card = await harness.open_link(103, "DB003")
    assert "Lê <b>Cường</b> & Co" in card.plain_text
    assert "&lt;b&gt;" in card.text
