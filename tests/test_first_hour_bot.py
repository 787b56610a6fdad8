"""Issue 16 through the emulator: organizers and staff find their way; /myid; menus per role and language;
the delegate view with withdraw/restore/reissue; the reissue button on the link-misuse warning."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from tests.support.harness import NOW, ORGANIZER_ID, Harness, boot, make_settings

STAFF_ID = 900050


def _menu(emu: BotApiEmulator, scope: str, language: str | None = None) -> dict[str, str]:
    return {c["command"]: c["description"] for c in emu.my_commands.get((scope, language), [])}


async def test_organizer_start_greets_with_role_and_commands(harness: Harness) -> None:
    reply = await harness.say(ORGANIZER_ID, "/start")
    assert "đồng chí được khai báo là quản trị viên của Ban Tổ chức." in reply.plain_text
    assert "/delegate" in reply.plain_text and "/broadcast" in reply.plain_text and "/stats" in reply.plain_text
    assert "bấm nút dưới đây để chia sẻ số điện thoại" not in reply.plain_text
    help_reply = await harness.say(ORGANIZER_ID, "/help")
    assert (
        "Lệnh dành cho quản trị viên của Ban Tổ chức:" in help_reply.plain_text and "/delegate" in help_reply.plain_text
    )


async def test_strangers_get_the_delegate_greeting_and_their_id_with_myid(harness: Harness) -> None:
    greeting = await harness.say(104, "/start")
    # A delegate's greeting carries no technical id or admin remark; /myid gives it to whoever needs it.
    assert "chia sẻ số điện thoại" in greeting.plain_text
    assert "104" not in greeting.plain_text and "quản trị" not in greeting.plain_text
    assert "Your Telegram id: 105" in (await harness.say(105, "/myid")).plain_text
    assert "ID Telegram của đồng chí: 104" in (await harness.say(104, "/myid")).plain_text
    assert "Lệnh dành cho" not in (await harness.say(104, "/help")).plain_text


async def test_menus_per_role_and_language(harness: Harness) -> None:
    emu = harness.emu
    vi_default, en_default = _menu(emu, "default"), _menu(emu, "default", "en")
    assert "proposal" in vi_default and "stats" not in vi_default and "delegate" not in vi_default
    assert en_default["proposal"] == "Send your comment or recommendation"
    organizer = _menu(emu, f"chat:{ORGANIZER_ID}")
    assert (
        organizer["proposals"].startswith("Ban Tổ chức:")
        and organizer["proposal"] == "Gửi ý kiến, kiến nghị của đồng chí"
    )
    assert organizer["agenda_publish"] != organizer["agenda"] and "myid" in organizer and "delegate" in organizer
    chooser = await harness.say(ORGANIZER_ID, "/language")
    since = emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, chooser, "English")
    await emu.wait_for_message(ORGANIZER_ID, since=since)
    await emu.wait_for(lambda: "Committee" in _menu(emu, f"chat:{ORGANIZER_ID}").get("proposals", ""))
    assert _menu(emu, f"chat:{ORGANIZER_ID}")["broadcasts"] == "Organizing Committee: scheduled and sending notices"


async def test_staff_get_their_own_greeting_and_menu(emulator: BotApiEmulator, tmp_path: Path) -> None:
    emulator.add_user(STAFF_ID, "Phục vụ", language_code="en")
    base = make_settings(tmp_path, emulator)
    settings = dataclasses.replace(base, telegram=dataclasses.replace(base.telegram, staff=frozenset({STAFF_ID})))
    app = (await boot(emulator, settings, clock=FakeClock(NOW), roster=None)).app
    try:
        since = emulator.sent_count(STAFF_ID)
        emulator.send_command(STAFF_ID, "start")
        reply = await emulator.wait_for_message(STAFF_ID, since=since)
        assert "you are set up as conference staff." in reply.plain_text and "/stats" in reply.plain_text
        assert "/broadcast" not in reply.plain_text
        await emulator.wait_for(lambda: "stats" in _menu(emulator, f"chat:{STAFF_ID}"))
        menu = _menu(emulator, f"chat:{STAFF_ID}")
        assert (
            menu["stats"] == "Organizing Committee: attendance confirmation summary" and "broadcast" not in menu
        )  # English app
    finally:
        await stop_application(app)


async def test_delegate_view_withdraws_and_restores(harness: Harness) -> None:
    services = harness.services
    refused = await harness.say(104, "/delegate DB001")
    assert refused.plain_text == (await harness.say(104, "/nosuchcommand")).plain_text  # like an unknown command
    many = await harness.say(ORGANIZER_ID, "/delegate n")
    assert "Có 3 đại biểu khớp với “n”" in many.plain_text and len(many.callback_datas()) == 3
    view = await harness.say(ORGANIZER_ID, "/delegate db001")
    assert "Nguyễn Văn An" in view.plain_text and "có trong danh sách" in view.plain_text
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, view, "Rút khỏi hội nghị")
    done = await harness.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert "Đã rút đại biểu Nguyễn Văn An (DB001)" in done.plain_text
    assert (await services.rsvp.summary()).total == 2
    edited = await harness.emu.wait_for_message(
        ORGANIZER_ID, lambda m: m.message_id == view.message_id and "đã rút khỏi hội nghị" in m.plain_text
    )
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, edited, "Khôi phục")
    assert "Đã khôi phục" in (await harness.emu.wait_for_message(ORGANIZER_ID, since=since)).plain_text
    assert (await services.rsvp.summary()).total == 3


async def test_misuse_warning_offers_the_reissue_as_a_button(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    old = await harness.token_of("DB001")
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.open_link(104, "DB001")
    warning = await harness.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert "delegate-bot" not in warning.plain_text and "Cấp lại đường dẫn" in warning.plain_text
    since = harness.emu.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, warning, "Cấp lại đường dẫn")
    link = await harness.emu.wait_for_message(ORGANIZER_ID, since=since)
    new = await harness.token_of("DB001")
    assert new != old and f"https://t.me/hoinghi_test_bot?start={new}" in link.plain_text
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB001")
    assert delegate is not None and delegate.telegram_user_id is None  # the account that held it is released


def test_near_twin_commands_say_who_they_are_for() -> None:
    from bot.i18n import text

    twins = (("proposal", "proposals"), ("nominate", "nominations"), ("agenda", "agenda_publish"))
    for language, prefix in (("vi", "Ban Tổ chức:"), ("en", "Organizing Committee:")):
        for delegate_side, organizer_side in twins:
            assert not text(language, f"command.{delegate_side}").startswith(prefix)
            assert text(language, f"command.{organizer_side}").startswith(prefix)
        broadcast, broadcasts = text(language, "command.broadcast"), text(language, "command.broadcasts")
        assert broadcast.startswith(prefix) and broadcasts.startswith(prefix) and broadcast != broadcasts
