"""Core behaviour of the Bot API sandbox, driven by the real python-telegram-bot over real HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest, InvalidToken
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.sandbox.emulator import BotApiEmulator, SentMessage
from tests.support.emulator import raw

LAN = 1001
MINH = 1002


@pytest.fixture
def emu() -> Iterator[BotApiEmulator]:
    """A running sandbox with two delegates."""
    with BotApiEmulator(seed=1) as emulator:
        emulator.add_user(LAN, "Lan", "Nguyễn", username="lan_ng")
        emulator.add_user(MINH, "Minh", language_code="en")
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    """A plain telegram.Bot talking to the sandbox."""
    async with Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url) as client:
        yield client


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    """Run an Application with long polling (short timeout so shutdown is quick)."""
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=1, poll_interval=0)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_get_me_identity(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456789
    assert me.is_bot is True
    assert me.username == "hoinghi_sandbox_bot"
    assert me.first_name == "Hội nghị"
    assert me.can_join_groups is True


async def test_start_payload_reaches_command_handler_and_reply_is_recorded(emu: BotApiEmulator) -> None:
    seen: list[tuple[list[str], Any]] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append((list(context.args or []), update.effective_user))
        await update.message.reply_text(f"Chào <b>{update.effective_user.first_name}</b> &amp; mời", parse_mode="HTML")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("start", start))
    async with polling(app):
        sent_id = emu.send_command(LAN, "start", "inv_ABC-123")
        reply = await emu.wait_for_message(LAN)
    assert seen[0][0] == ["inv_ABC-123"]
    user = seen[0][1]
    assert (user.id, user.first_name, user.last_name, user.username, user.language_code) == (
        LAN,
        "Lan",
        "Nguyễn",
        "lan_ng",
        "vi",
    )
    assert reply.text == "Chào <b>Lan</b> &amp; mời"
    assert reply.plain_text == "Chào Lan & mời"
    assert reply.parse_mode == "HTML"
    assert reply.entities == ({"type": "bold", "offset": 5, "length": 3},)
    assert reply.message_id == sent_id + 1  # one message-id sequence per private chat
    assert emu.sent_count(LAN) == 1 and emu.sent_count(MINH) == 0


async def test_update_json_is_realistic(emu: BotApiEmulator) -> None:
    emu.send_command(LAN, "start", "x")
    emu.share_contact(LAN, "+84901234567")
    body = raw(emu, "getUpdates").json()
    assert body["ok"] is True
    first, second = body["result"]
    assert second["update_id"] == first["update_id"] + 1
    msg = first["message"]
    assert msg["from"] == {
        "id": LAN,
        "is_bot": False,
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "username": "lan_ng",
        "language_code": "vi",
    }
    assert msg["chat"] == {
        "id": LAN,
        "type": "private",
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "username": "lan_ng",
    }
    assert msg["text"] == "/start x"
    assert msg["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert isinstance(msg["date"], int)
    contact = second["message"]["contact"]
    assert contact == {"phone_number": "+84901234567", "first_name": "Lan", "last_name": "Nguyễn", "user_id": LAN}


async def test_get_updates_offset_confirms_and_long_poll_returns_early(emu: BotApiEmulator) -> None:
    emu.send_text(LAN, "một")
    emu.send_text(LAN, "hai")
    updates = raw(emu, "getUpdates").json()["result"]
    assert [u["message"]["text"] for u in updates] == ["một", "hai"]
    again = raw(emu, "getUpdates", offset=updates[0]["update_id"] + 1).json()["result"]
    assert [u["message"]["text"] for u in again] == ["hai"]
    assert raw(emu, "getUpdates", offset=updates[1]["update_id"] + 1).json()["result"] == []
    assert raw(emu, "getUpdates").json()["result"] == []  # confirmed updates are gone

    async with httpx.AsyncClient(timeout=60) as client:
        started = time.monotonic()
        poll = asyncio.create_task(client.get(f"{emu.base_url}{emu.token}/getUpdates", params={"timeout": 40}))
        await asyncio.sleep(0.2)
        assert not poll.done()
        emu.send_text(MINH, "ba")
        result = (await poll).json()["result"]
    assert [u["message"]["text"] for u in result] == ["ba"]
    assert time.monotonic() - started < 20  # woken by the update, not by the 40 s poll timeout (any machine load)


async def test_button_round_trip_carries_current_message(emu: BotApiEmulator) -> None:
    queries: list[Any] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Tham dự", callback_data="rsvp:yes"),
                    InlineKeyboardButton("Vắng", callback_data="rsvp:no"),
                ]
            ]
        )
        await update.message.reply_text("Bạn có tham dự?", reply_markup=keyboard)

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        queries.append(query)
        await query.answer("Đã ghi nhận", show_alert=True)
        await query.edit_message_text(f"Bạn chọn: {query.data}")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(on_button))
    async with polling(app):
        emu.send_command(LAN, "start")
        question = await emu.wait_for_message(LAN)
        assert question.button_texts() == ["Tham dự", "Vắng"]
        assert question.callback_datas() == ["rsvp:yes", "rsvp:no"]
        with pytest.raises(LookupError):
            emu.press_button(LAN, question.message_id, "rsvp:maybe")
        query_id = emu.press_button_by_text(LAN, question.message_id, "Vắng")
        answer = await emu.wait_for_callback_answer(query_id)
        edited = await emu.wait_for_message(LAN, lambda m: m.edit_count == 1)
    assert answer.text == "Đã ghi nhận" and answer.show_alert is True
    assert emu.unanswered_callback_queries() == []
    query = queries[0]
    assert query.data == "rsvp:no" and query.from_user.id == LAN
    assert query.message.text == "Bạn có tham dự?"
    assert query.message.reply_markup.inline_keyboard[0][1].callback_data == "rsvp:no"
    assert query.chat_instance
    assert edited.plain_text == "Bạn chọn: rsvp:no"
    assert edited.reply_markup is None  # an edit without reply_markup drops the keyboard, like Telegram
    assert emu.sent_count(LAN) == 1
    with pytest.raises(LookupError):
        emu.press_button(LAN, question.message_id, "rsvp:yes")  # keyboard is gone now


async def test_contact_update_reaches_handler(emu: BotApiEmulator) -> None:
    contacts: list[Any] = []

    async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        contacts.append(update.message.contact)
        await update.message.reply_text("Cảm ơn", reply_markup=ReplyKeyboardRemove())

    app = emu.application_builder().build()
    app.add_handler(MessageHandler(filters.CONTACT, on_contact))
    async with polling(app):
        emu.share_contact(MINH, "+84 912 000 111")
        emu.share_contact(LAN, "0987654321", contact_user_id=None, first_name="Bố")
        await emu.wait_for(lambda: len(contacts) == 2)
        thanks = await emu.wait_for_message(MINH)
    own, other = contacts
    assert (own.phone_number, own.user_id, own.first_name) == ("+84 912 000 111", MINH, "Minh")
    assert (other.phone_number, other.user_id, other.first_name) == ("0987654321", None, "Bố")
    assert thanks.reply_markup == {"remove_keyboard": True}


async def test_reply_keyboard_with_request_contact_is_recorded(bot: Bot, emu: BotApiEmulator) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Gửi số điện thoại", request_contact=True)]], one_time_keyboard=True, resize_keyboard=True
    )
    message = await bot.send_message(LAN, "Xin số điện thoại", reply_markup=keyboard)
    assert message.reply_markup is None  # a Message only ever carries inline keyboards
    sent = emu.messages(LAN)[0]
    assert sent.reply_markup is not None
    assert sent.reply_markup["keyboard"][0][0] == {"text": "Gửi số điện thoại", "request_contact": True}
    assert sent.button_texts() == ["Gửi số điện thoại"]
    assert emu.current_reply_keyboard(LAN) == sent.reply_markup
    emu.share_contact(LAN, "+84901234567")
    assert emu.current_reply_keyboard(LAN) is None  # one_time_keyboard hides after use


async def test_send_document_keeps_name_and_bytes(bot: Bot, emu: BotApiEmulator) -> None:
    payload = "Chương trình hội nghị\n".encode() * 100
    message = await bot.send_document(
        LAN, payload, filename="chuong-trinh.txt", caption="<i>Lịch</i>", parse_mode="HTML"
    )
    assert message.document.file_name == "chuong-trinh.txt"
    assert message.document.file_size == len(payload)
    assert message.caption == "Lịch"
    sent = emu.messages(LAN)[0]
    assert (sent.method, sent.document_name, sent.document_bytes) == ("sendDocument", "chuong-trinh.txt", payload)
    assert (sent.caption, sent.plain_text, sent.text) == ("<i>Lịch</i>", "Lịch", None)
    again = await bot.send_document(MINH, message.document.file_id)  # re-send by file_id
    assert emu.messages(MINH)[0].document_bytes == payload
    file = await bot.get_file(again.document.file_id)
    assert bytes(await file.download_as_bytearray()) == payload


async def test_photos_copies_forwards_and_link_preview(bot: Bot, emu: BotApiEmulator) -> None:
    photo = await bot.send_photo(LAN, b"\x89PNG fake", caption="Sơ đồ hội trường", filename="so-do.png")
    assert photo.photo[-1].file_size == len(b"\x89PNG fake")
    copied = await bot.copy_message(MINH, from_chat_id=LAN, message_id=photo.message_id, caption="Bản sao")
    forwarded = await bot.forward_message(MINH, from_chat_id=LAN, message_id=photo.message_id)
    assert forwarded.forward_origin.sender_user.id == 123456789
    assert forwarded.caption == "Sơ đồ hội trường"
    first, second = emu.messages(MINH)
    assert (first.message_id, first.method, first.plain_text) == (copied.message_id, "copyMessage", "Bản sao")
    assert first.document_bytes == b"\x89PNG fake"
    assert second.method == "forwardMessage"
    await bot.send_message(
        LAN,
        "https://hoinghi.vn",
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        disable_notification=True,
        protect_content=True,
    )
    sent = emu.messages(LAN)[-1]
    assert sent.link_preview_options == {"is_disabled": True}
    assert sent.disable_notification and sent.protect_content
    with pytest.raises(BadRequest, match="Message to copy not found"):
        await bot.copy_message(MINH, from_chat_id=LAN, message_id=999)


async def test_edit_message_media_replaces_the_photo_in_place(bot: Bot, emu: BotApiEmulator) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Cập nhật", callback_data="st:acr")]])
    photo = await bot.send_photo(LAN, b"\x89PNG one", caption="Lúc 08 giờ 00", reply_markup=markup)
    edited = await bot.edit_message_media(
        InputMediaPhoto(b"\x89PNG two", caption="<b>Lúc 08 giờ 05</b>", parse_mode="HTML"),
        chat_id=LAN,
        message_id=photo.message_id,
        reply_markup=markup,
    )
    assert isinstance(edited, Message) and edited.caption == "Lúc 08 giờ 05" and edited.edit_date is not None
    (stored,) = emu.messages(LAN)
    assert (stored.message_id, stored.method, stored.edit_count) == (photo.message_id, "sendPhoto", 1)
    assert stored.document_bytes == b"\x89PNG two" and stored.button_texts() == ["Cập nhật"]
    same = edited.photo[-1].file_id  # the same file and caption again: "message is not modified", as Telegram
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_media(
            InputMediaPhoto(same, caption="<b>Lúc 08 giờ 05</b>", parse_mode="HTML"),
            chat_id=LAN,
            message_id=photo.message_id,
            reply_markup=markup,
        )
    bare = await bot.edit_message_media(InputMediaPhoto(same), chat_id=LAN, message_id=photo.message_id)
    assert bare.caption is None and not emu.messages(LAN)[0].button_texts()  # caption and keyboard not repeated
    text_message = await bot.send_message(LAN, "Chỉ có chữ")
    with pytest.raises(BadRequest, match="no media in the message"):
        await bot.edit_message_media(InputMediaPhoto(b"\x89PNG"), chat_id=LAN, message_id=text_message.message_id)


def test_deep_link_payload_must_be_link_safe(emu: BotApiEmulator) -> None:
    with pytest.raises(ValueError, match="deep-link payload"):
        emu.send_command(LAN, "start", "mã có dấu")
    with pytest.raises(ValueError):
        emu.send_command(LAN, "start", "x" * 65)
    emu.send_command(LAN, "start", "A-z_09" * 10)
    emu.send_text(LAN, "/start gõ tay vẫn được")  # typed by hand, anything goes


async def test_commands_by_scope_and_language(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("rsvp", "Xác nhận")])
    await bot.set_my_commands(
        [BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    assert emu.my_commands[("default", None)] == [
        {"command": "start", "description": "Bắt đầu"},
        {"command": "rsvp", "description": "Xác nhận"},
    ]
    assert emu.my_commands[("all_private_chats", "en")] == [{"command": "start", "description": "Start"}]
    got = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="en")
    assert [c.command for c in got] == ["start"]
    assert await bot.get_my_commands(language_code="fr") == ()
    await bot.delete_my_commands()
    assert ("default", None) not in emu.my_commands


async def test_delete_chat_action_get_chat_and_webhook_info(bot: Bot, emu: BotApiEmulator) -> None:
    message = await bot.send_message(LAN, "tạm")
    assert await bot.delete_message(LAN, message.message_id) is True
    assert emu.messages(LAN)[0].deleted is True
    assert await bot.send_chat_action(LAN, "typing") is True
    assert emu.chat_actions == [(LAN, "typing")]
    chat = await bot.get_chat(LAN)
    assert (chat.id, chat.type, chat.first_name, chat.username) == (LAN, "private", "Lan", "lan_ng")
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 0
    assert await bot.delete_webhook() is True
    assert await bot.close() is True and await bot.log_out() is True


async def test_request_encodings_json_query_and_reply_parameters(emu: BotApiEmulator) -> None:
    url = f"{emu.base_url}{emu.token}"
    user_msg = emu.send_text(LAN, "câu hỏi")
    by_json = httpx.post(
        f"{url}/sendMessage",
        json={
            "chat_id": LAN,
            "text": "trả lời",
            "reply_parameters": {"message_id": user_msg},
            "reply_markup": {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]},
        },
    ).json()
    assert by_json["ok"] is True
    assert by_json["result"]["reply_to_message"]["text"] == "câu hỏi"
    assert by_json["result"]["reply_markup"] == {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    assert by_json["result"]["from"]["is_bot"] is True
    by_query = httpx.get(f"{url}/sendmessage", params={"chat_id": str(MINH), "text": "qua query"}).json()
    assert by_query["result"]["chat"]["id"] == MINH
    assert [m.plain_text for m in emu.messages(LAN)] == ["trả lời"]
    assert emu.messages(LAN)[0].reply_to_message_id == user_msg


async def test_unknown_method_and_wrong_token(emu: BotApiEmulator) -> None:
    unknown = raw(emu, "sendTelepathy", chat_id=LAN)
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    wrong = httpx.post(f"{emu.base_url}999:WRONG/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    bad_bot = Bot("999:WRONG", base_url=emu.base_url)
    with pytest.raises(InvalidToken):
        await bad_bot.initialize()
    await bad_bot.shutdown()
    assert [r.status_code for r in emu.request_log][-3:] == [404, 401, 401]


async def test_wait_for_message_times_out_with_a_dump(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.send_message(LAN, "chỉ một tin")
    with pytest.raises(TimeoutError, match="chỉ một tin"):
        await emu.wait_for_message(LAN, lambda m: "không có" in m.plain_text, timeout=0.2)
    found = await emu.wait_for_message(LAN, since=0)
    assert isinstance(found, SentMessage)
    with pytest.raises(TimeoutError):
        await emu.wait_for_message(LAN, since=1, timeout=0.1)


async def test_sent_message_helpers(bot: Bot, emu: BotApiEmulator) -> None:
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Có mặt", callback_data="a1")], [InlineKeyboardButton("Web", url="https://example.org")]]
    )
    await bot.send_message(LAN, "x", reply_markup=keyboard)
    sent = emu.messages(LAN)[0]
    assert sent.button_texts() == ["Có mặt", "Web"]
    assert sent.callback_datas() == ["a1"]
    assert sent.button_data("mặt") == "a1"
    with pytest.raises(LookupError):
        sent.button_data("Web")  # url buttons carry no callback_data
    with pytest.raises(AttributeError):
        sent.text = "frozen"  # type: ignore[misc]


def test_stop_is_idempotent_and_port_is_freed() -> None:
    emulator = BotApiEmulator().start()
    port = emulator.port
    assert httpx.post(f"{emulator.base_url}{emulator.token}/getMe").json()["result"]["id"] == 123456789
    emulator.stop()
    emulator.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"http://127.0.0.1:{port}/bot{emulator.token}/getMe", timeout=1)
