"""Identity: the delegate proves their phone after another account opened their link → organizers are told with both
accounts, an admin moves the binding with one tap and a confirmation (audited), the delegate is told organizers will
contact them."""

from __future__ import annotations

from bot.sandbox.emulator import BotApiEmulator
from tests.support.harness import ORGANIZER_ID, Harness

FIRST = 700001  # opened DB001's link first (a colleague, a shared phone…)
OWNER = 700002  # the delegate's own account: shares their own contact with the roster's phone


async def bound_to(harness: Harness, code: str) -> int | None:
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, code)
    assert delegate is not None
    return delegate.telegram_user_id


async def test_the_phone_owner_gets_the_binding_after_an_admin_confirms(
    emulator: BotApiEmulator, harness: Harness
) -> None:
    emulator.add_user(FIRST, "Người mở trước", language_code="vi")
    emulator.add_user(OWNER, "Nguyễn Văn An", language_code="en")
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    await harness.open_link(FIRST, "DB001")
    assert await bound_to(harness, "DB001") == FIRST

    since_owner, since_admin = emulator.sent_count(OWNER), emulator.sent_count(ORGANIZER_ID)
    emulator.share_contact(OWNER, "+84912345678")
    told = await emulator.wait_for_message(OWNER, since=since_owner)
    assert "Organizing Committee has been told and will contact you" in told.plain_text  # in the owner's language
    notice = await emulator.wait_for_message(
        ORGANIZER_ID, lambda m: "xác minh số điện thoại" in m.plain_text, since=since_admin
    )
    assert f"id {OWNER}" in notice.plain_text and f"id {FIRST}" in notice.plain_text and "DB001" in notice.plain_text
    assert await bound_to(harness, "DB001") == FIRST  # nothing moves without an admin

    since_admin = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, notice, "Chuyển kết nối")
    confirm = await emulator.wait_for_message(
        ORGANIZER_ID, lambda m: "Chuyển kết nối của đại biểu" in m.plain_text, since=since_admin
    )
    assert await bound_to(harness, "DB001") == FIRST  # the first tap only asks
    since_admin, since_owner = emulator.sent_count(ORGANIZER_ID), emulator.sent_count(OWNER)
    await harness.press(ORGANIZER_ID, confirm, "Xác nhận chuyển")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "Đã chuyển kết nối" in m.plain_text, since=since_admin)
    welcome = await emulator.wait_for_message(OWNER, since=since_owner)
    assert "connected this Telegram account to delegate Nguyễn Văn An" in welcome.plain_text
    assert await bound_to(harness, "DB001") == OWNER
    async with harness.services.db.read() as uow:
        entries = await uow.audit.actions(harness.services.event.id)
    assert [e for e in entries if e[1] == "binding_moved"] == [(f"telegram:{ORGANIZER_ID}", "binding_moved", "DB001")]

    # The same confirmation pressed again (a double tap, or an old message) changes nothing.
    since_admin = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, confirm, "Xác nhận chuyển")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "đã thay đổi" in m.plain_text, since=since_admin)
    assert await bound_to(harness, "DB001") == OWNER
