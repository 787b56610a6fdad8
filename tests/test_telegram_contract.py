"""The bot against a Bot API server that words its errors otherwise (audit, issue 12).

Telegram's error descriptions are not part of its contract: another server (or a later Telegram) may pass the MTProto
names instead ("MESSAGE_NOT_MODIFIED", "PEER_ID_INVALID", "QUERY_ID_INVALID", "MESSAGE_ID_INVALID",
"MESSAGE_AUTHOR_REQUIRED"). The emulator's `error_wording` knob rewords its errors (same error_code and parameters);
the bot must behave exactly as with Telegram's wording.
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from telegram.error import BadRequest

from bot.i18n import text
from bot.sandbox.emulator import BotApiEmulator
from bot.services.agenda_pins import Unpaced, cannot_edit, edit_target_missing, unpin_target_missing
from bot.telegram.request import is_not_modified
from bot.telegram.sender import TelegramSender, no_such_chat
from tests.support.broadcast import Bots, compose, id_from, statuses, user_id_of, wait_report
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more
from tests.support.proposals import click
from tests.support.routing import Direct

OTHER_WORDING = {
    "message is not modified": "Bad Request: MESSAGE_NOT_MODIFIED",
    "chat not found": "Bad Request: PEER_ID_INVALID",
    "query is too old": "Bad Request: QUERY_ID_INVALID",
    "message to edit not found": "Bad Request: MESSAGE_ID_INVALID",
    "message can't be edited": "Bad Request: MESSAGE_AUTHOR_REQUIRED",
    "message to unpin not found": "Bad Request: MESSAGE_ID_INVALID",
}


@pytest.mark.parametrize(
    ("description", "not_modified", "no_chat"),
    [
        ("Message is not modified: specified new message content and reply markup are exactly the same", True, False),
        ("MESSAGE_NOT_MODIFIED", True, False),
        ("Chat not found", False, True),
        ("PEER_ID_INVALID", False, True),
        ("User not found", False, True),
        ("Message text is empty", False, False),
        ('Can\'t parse entities: unsupported start tag "br" at byte offset 3', False, False),
    ],
)
def test_errors_are_told_apart_in_either_wording(description: str, not_modified: bool, no_chat: bool) -> None:
    error = BadRequest(description)
    assert (is_not_modified(error), no_such_chat(error)) == (not_modified, no_chat)


@pytest.mark.parametrize(
    ("description", "missing", "uneditable", "unpin_missing"),
    [
        ("Message to edit not found", True, False, False),
        ("MESSAGE_ID_INVALID", True, False, True),
        ("Message can't be edited", False, True, False),
        ("MESSAGE_EDIT_TIME_EXPIRED", False, True, False),
        ("MESSAGE_AUTHOR_REQUIRED", False, True, False),
        ("Message to unpin not found", False, False, True),
        ("Not enough rights to manage pinned messages in the chat", False, False, False),
        ("Message text is empty", False, False, False),
    ],
)
def test_pinned_agenda_refusals_are_told_apart_in_either_wording(
    description: str, missing: bool, uneditable: bool, unpin_missing: bool
) -> None:
    # PTB's BadRequest.message: "Bad Request: " stripped, the first letter capitalised.
    message = BadRequest(description).message
    assert (edit_target_missing(message), cannot_edit(message), unpin_target_missing(message)) == (
        missing,
        uneditable,
        unpin_missing,
    )


async def pinned_agenda_at_version_2(harness: Harness) -> tuple[int, int]:
    """An attends with version 1 pinned; version 2 is published (no notice yet). Their delegate id and pinned copy."""
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    await harness.say(ORGANIZER_ID, "08:00 Khai mạc hội nghị")
    card = await harness.open_link(101, "DB001")
    await harness.press(101, card, "Tham dự")
    first = await harness.emu.wait_for(lambda: harness.emu.pinned_message(101))
    await harness.say(ORGANIZER_ID, "/agenda_publish")
    await harness.say(ORGANIZER_ID, "08:15 Khai mạc hội nghị")
    await nothing_more(harness.emu)
    delegate = await harness.services.calendar.attendee(101)
    assert delegate is not None and "Bản số 1" in first.plain_text
    return delegate.id, first.message_id


async def refreshed_to_one_new_copy(harness: Harness, delegate_id: int, old_id: int) -> list[str]:
    """The refresh (as after an agenda notice) sends and pins a new copy: exactly one pinned agenda, version 2.
    Returns the methods the server refused meanwhile."""
    sender = TelegramSender(harness.app.bot)
    since = len(harness.emu.request_log)
    result = await harness.services.agenda_pins.refresh(sender, Unpaced(), delegate_id, 101, "vi")
    await nothing_more(harness.emu)
    (only,) = harness.emu.pinned_messages(101)
    assert (result.outcome, result.message_id) == ("pinned", only.message_id)
    assert only.message_id > old_id and "Bản số 2" in only.plain_text and "08:15" in only.plain_text
    return [r.method for r in harness.emu.request_log[since:] if r.status_code == 400]


async def test_a_deleted_pinned_agenda_is_replaced_when_the_server_says_message_id_invalid(harness: Harness) -> None:
    delegate_id, first = await pinned_agenda_at_version_2(harness)
    harness.emu.delete_for_user(101, first)  # the edit is refused: MESSAGE_ID_INVALID
    harness.emu.error_wording = OTHER_WORDING
    assert await refreshed_to_one_new_copy(harness, delegate_id, first) == ["editMessageText"]


async def test_an_uneditable_pinned_agenda_is_unpinned_when_the_server_says_message_author_required(
    harness: Harness,
) -> None:
    # The recorded copy is a message the delegate wrote (pinned in its place): the edit is refused,
    # MESSAGE_AUTHOR_REQUIRED; it must be unpinned before the new copy is pinned.
    delegate_id, first = await pinned_agenda_at_version_2(harness)
    own = harness.emu.send_text(101, "Ghi chú của tôi")
    await nothing_more(harness.emu)
    await harness.app.bot.unpin_chat_message(101, first)
    await harness.app.bot.pin_chat_message(101, own)
    pin = await harness.services.agenda_pins.pin_of(delegate_id)
    assert pin is not None
    async with harness.services.db.transaction() as uow:
        await uow.agenda_pins.put(harness.services.event.id, dataclasses.replace(pin, message_id=own))
    harness.emu.error_wording = OTHER_WORDING
    assert await refreshed_to_one_new_copy(harness, delegate_id, own) == ["editMessageText"]


async def test_an_uneditable_copy_already_gone_is_replaced_when_the_unpin_says_message_id_invalid(
    harness: Harness,
) -> None:
    # A copy too old to edit (MESSAGE_EDIT_TIME_EXPIRED) that the delegate also deleted: the unpin is refused,
    # MESSAGE_ID_INVALID — nothing is left pinned, so the new copy is sent and pinned.
    delegate_id, first = await pinned_agenda_at_version_2(harness)
    harness.emu.delete_for_user(101, first)
    harness.emu.error_wording = {
        "message to edit not found": "Bad Request: MESSAGE_EDIT_TIME_EXPIRED",
        "message to unpin not found": "Bad Request: MESSAGE_ID_INVALID",
    }
    refused = await refreshed_to_one_new_copy(harness, delegate_id, first)
    assert refused == ["editMessageText", "unpinChatMessage"]


async def test_a_double_tap_is_silent_when_the_server_says_message_not_modified(harness: Harness) -> None:
    harness.emu.error_wording = OTHER_WORDING
    await harness.open_link(101, "DB001")
    await harness.say(101, "/nominate")
    found = await harness.say(101, "Bình")
    ticks = await click(harness, 101, found, "Trần Thị Bình")
    first_tick = ticks.button_data("Chiến sĩ thi đua")
    direct = Direct(harness.app, harness.emu, text("vi", "error.generic"))
    first = await direct.press(101, first_tick, ticks.message_id)
    second = await direct.press(101, first_tick, ticks.message_id)  # the same old keyboard: the edit changes nothing
    refused = [r for r in harness.emu.request_log if r.method == "editMessageReplyMarkup" and r.status_code == 400]
    assert len(refused) == 1, "the second edit is refused, in the other wording"
    for effect in (first, second):
        assert effect.messages == [] and len(effect.answers) == 1 and not effect.answers[0].show_alert


async def test_an_unknown_chat_in_the_other_wording_is_unreachable_not_failed(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=2)
    emulator.error_wording = OTHER_WORDING
    async with harness.services.db.transaction() as uow:  # a linked account whose chat the server does not know
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB002")
        assert delegate is not None
        await uow.delegates.link(delegate.id, 299999, harness.clock.now())
    since = emulator.sent_count(ORGANIZER_ID)
    summary = await compose(harness, "Tất cả", "Thông báo")
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    report = await wait_report(harness, since)
    assert "Đã chặn bot: 1" in report.plain_text and "Đã gửi tới: 1" in report.plain_text
    assert await statuses(harness, id_from(summary)) == {"sent": 1, "unreachable": 1}
    assert len(emulator.messages(user_id_of(1))) == 1


async def test_the_emulator_refuses_get_file_over_20_mb_as_telegram_does(emulator: BotApiEmulator) -> None:
    from telegram import Bot

    from tests.support.harness import TOKEN

    emulator.add_user(101, "An", "Nguyễn", language_code="vi")
    emulator.send_document(101, "nho.xlsx", b"x" * 1024)
    emulator.send_document(101, "lon.xlsx", b"x" * (20 * 1024 * 1024 + 1))
    bot = Bot(TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url)
    async with bot:
        updates = await bot.get_updates()
        small, big = (u.message.document for u in updates if u.message and u.message.document)
        assert (await bot.get_file(small.file_id)).file_size == 1024
        with pytest.raises(BadRequest, match="too big"):
            await bot.get_file(big.file_id)


async def test_a_send_that_never_left_is_retryable_not_unknown(emulator: BotApiEmulator) -> None:
    # PTB raises TimedOut for every timeout; one with no free connection (or no connection made) was never sent,
    # so it must not be reported "unknown (may have been delivered)" but tried again.
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.services.sending import SendKind
    from bot.telegram.sender import TelegramSender
    from tests.support.harness import TOKEN

    for user_id in (101, 102):
        emulator.add_user(user_id, "An", "Nguyễn", language_code="vi")
    request = HTTPXRequest(connection_pool_size=1, pool_timeout=0.05, read_timeout=10)
    sender = TelegramSender(Bot(TOKEN, base_url=emulator.base_url, request=request))
    await sender.start()
    try:
        emulator.latency = 0.3  # the first send holds the only connection for 0.3 s
        first, second = await asyncio.gather(sender.send(101, "Một"), sender.send(102, "Hai"))
    finally:
        emulator.latency = 0.0
        await sender.close()
    assert (first.kind, second.kind) == (SendKind.SENT, SendKind.NETWORK), (first, second)
    assert emulator.messages(102) == []  # nothing left: retrying it can never make a duplicate


def test_button_labels_are_never_html_escaped_user_text() -> None:
    # A label is plain text for Telegram: text() escapes its parameters for HTML ("&" → "&amp;"), plain() does not.
    import ast
    from pathlib import Path

    numeric = {"number", "id", "count"}
    root = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted((root / "handlers").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and getattr(name, "id", getattr(name, "attr", "")) in BUTTONS):
                continue
            for inner in ast.walk(node.args[0]) if node.args else ():
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "text":
                    if {k.arg for k in inner.keywords} - numeric:
                        found.append(f"{path.name}:{node.lineno} {ast.unparse(inner)[:80]}")
    assert found == []


BUTTONS = {"InlineKeyboardButton", "KeyboardButton", "_button", "button"}
