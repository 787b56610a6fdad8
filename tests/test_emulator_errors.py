"""The sandbox rejects what Telegram rejects, with Telegram's codes and texts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden

from bot.sandbox.emulator import BotApiEmulator
from tests.support.emulator import raw

LAN = 1001
MINH = 1002


@pytest.fixture
def emu() -> Iterator[BotApiEmulator]:
    """A running sandbox with two delegates."""
    with BotApiEmulator() as emulator:
        emulator.add_user(LAN, "Lan")
        emulator.add_user(MINH, "Minh")
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    """A plain telegram.Bot talking to the sandbox."""
    async with Bot(emu.token, base_url=emu.base_url) as client:
        yield client


async def test_text_length_is_counted_after_entity_parsing(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.send_message(LAN, "ệ" * 4096)
    await bot.send_message(LAN, "<b>" + "a" * 4090 + "</b>&amp;&lt;&gt;&quot;xy", parse_mode="HTML")
    with pytest.raises(BadRequest, match="^Message is too long$"):
        await bot.send_message(LAN, "ệ" * 4097)
    response = raw(emu, "sendMessage", chat_id=LAN, text="x" * 4097)
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}
    assert emu.sent_count(LAN) == 2


async def test_empty_text_and_long_caption(bot: Bot, emu: BotApiEmulator) -> None:
    assert raw(emu, "sendMessage", chat_id=LAN, text="").json()["description"] == "Bad Request: message text is empty"
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(LAN, "  \n ")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(LAN, "<b> </b>", parse_mode="HTML")
    await bot.send_document(LAN, b"pdf", filename="a.pdf", caption="c" * 1024)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(LAN, b"pdf", filename="a.pdf", caption="c" * 1025)
    assert emu.sent_count(LAN) == 1


async def test_callback_data_over_64_utf8_bytes_is_rejected(bot: Bot, emu: BotApiEmulator) -> None:
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="x" * 64)]])
    await bot.send_message(LAN, "ok", reply_markup=fits)
    vietnamese = "đ" * 33  # 33 characters but 66 bytes
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Đồng ý", callback_data=vietnamese)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(LAN, "Xác nhận?", reply_markup=too_long)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.edit_message_reply_markup(LAN, emu.messages(LAN)[0].message_id, reply_markup=too_long)
    body = raw(
        emu,
        "sendMessage",
        chat_id=LAN,
        text="x",
        reply_markup='{"inline_keyboard":[[{"text":"a","callback_data":"' + "a" * 65 + '"}]]}',
    ).json()
    assert body["description"] == "Bad Request: BUTTON_DATA_INVALID"
    assert emu.sent_count(LAN) == 1


@pytest.mark.parametrize(
    ("markup", "detail"),
    [
        ("<b>đậm", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("Điểm < 5", 'Unsupported start tag "" at byte offset 8'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("Hà Nội & HCM", 'Unescaped "&"'),
        ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
async def test_malformed_html_is_rejected(bot: Bot, emu: BotApiEmulator, markup: str, detail: str) -> None:
    body = raw(emu, "sendMessage", chat_id=LAN, text=markup, parse_mode="HTML").json()
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: can't parse entities: ")
    assert detail in body["description"]
    with pytest.raises(BadRequest, match="^Can't parse entities"):
        await bot.send_message(LAN, markup, parse_mode="HTML")
    assert emu.sent_count(LAN) == 0
    await bot.send_message(LAN, markup)  # the same text without parse_mode is fine
    assert emu.messages(LAN)[0].plain_text == markup


async def test_supported_html_gives_plain_text_and_entities(bot: Bot, emu: BotApiEmulator) -> None:
    markup = (
        "<b>B</b><strong>S</strong><i>I</i><em>E</em><u>U</u><ins>N</ins><s>S</s><strike>K</strike>"
        '<del>D</del><span class="tg-spoiler">P</span><tg-spoiler>T</tg-spoiler>'
        '<a href="https://x.vn/?a=1&amp;b=2">L</a><code>C</code><pre><code class="language-python">'
        'p</code></pre><blockquote expandable>Q</blockquote><tg-emoji emoji-id="5368324170671202286">👍'
        "</tg-emoji>&#273;&#x1EC7;&lt;&gt;&amp;&quot;"
    )
    message = await bot.send_message(LAN, markup, parse_mode="HTML")
    assert message.text == 'BSIEUNSKDPTLCpQ👍đệ<>&"'
    kinds = [e.type for e in message.entities]
    assert kinds == [
        "bold",
        "bold",
        "italic",
        "italic",
        "underline",
        "underline",
        "strikethrough",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "text_link",
        "code",
        "pre",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert message.entities[11].url == "https://x.vn/?a=1&b=2"
    assert message.entities[13].language == "python"
    assert message.entities[15].length == 2  # 👍 is two UTF-16 code units
    assert emu.messages(LAN)[0].plain_text == message.text


async def test_chat_not_found_and_blocked_user(bot: Bot, emu: BotApiEmulator) -> None:
    with pytest.raises(BadRequest, match="^Chat not found$"):
        await bot.send_message(424242, "ai đó")
    emu.block(MINH)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(MINH, "tin")
    response = raw(emu, "sendMessage", chat_id=MINH, text="tin")
    assert response.status_code == 403
    assert response.json()["description"] == "Forbidden: bot was blocked by the user"
    emu.unblock(MINH)
    await bot.send_message(MINH, "tin")
    emu.block(MINH)
    emu.send_text(MINH, "/start")  # writing again means the user restarted the bot
    await bot.send_message(MINH, "chào lại")
    assert [m.plain_text for m in emu.messages(MINH)] == ["tin", "chào lại"]
    updates = [u for u in raw(emu, "getUpdates").json()["result"] if "my_chat_member" in u]
    assert [u["my_chat_member"]["new_chat_member"]["status"] for u in updates] == [
        "kicked",
        "member",
        "kicked",
        "member",
    ]


async def test_edit_errors(bot: Bot, emu: BotApiEmulator) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    message = await bot.send_message(LAN, "Nội dung", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="^Message to edit not found$"):
        await bot.edit_message_text("mới", chat_id=LAN, message_id=9999)
    with pytest.raises(
        BadRequest,
        match="^Message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup "
        "of the message$",
    ):
        await bot.edit_message_text("Nội dung", chat_id=LAN, message_id=message.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(LAN, message.message_id, reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        # Telegram trims surrounding whitespace, so this is the same text
        await bot.edit_message_text(" Nội dung\n", chat_id=LAN, message_id=message.message_id, reply_markup=keyboard)
    # same text but bold is a modification
    await bot.edit_message_text(
        "<b>Nội dung</b>", chat_id=LAN, message_id=message.message_id, reply_markup=keyboard, parse_mode="HTML"
    )
    user_message = emu.send_text(LAN, "của người dùng")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", chat_id=LAN, message_id=user_message)
    await bot.delete_message(LAN, message.message_id)
    with pytest.raises(BadRequest, match="^Message to edit not found$"):
        await bot.edit_message_text("mới", chat_id=LAN, message_id=message.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(LAN, message.message_id)
    assert emu.messages(LAN)[0].edit_count == 1
    assert emu.stats()["edited"] == 1


async def test_answer_callback_query_errors(bot: Bot, emu: BotApiEmulator) -> None:
    with pytest.raises(BadRequest, match="^Query is too old and response timeout expired or query id is invalid$"):
        await bot.answer_callback_query("123")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    message = await bot.send_message(LAN, "Chọn", reply_markup=keyboard)
    query_id = emu.press_button(LAN, message.message_id, "a")
    assert await bot.answer_callback_query(query_id, text="ok") is True
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)  # only once
    emu.callback_query_ttl = 0.0
    late = emu.press_button(LAN, message.message_id, "a")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(late)
    assert [a.callback_query_id for a in emu.callback_answers] == [query_id]


async def test_second_poller_terminates_the_first(emu: BotApiEmulator) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        url = f"{emu.base_url}{emu.token}/getUpdates"
        first = asyncio.create_task(client.post(url, data={"timeout": 5}))
        await asyncio.sleep(0.2)
        second = asyncio.create_task(client.post(url, data={"timeout": 0}))
        first_response, second_response = await asyncio.gather(first, second)
    assert first_response.status_code == 409
    assert first_response.json()["description"] == (
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
    )
    assert second_response.json() == {"ok": True, "result": []}


async def test_webhook_blocks_get_updates(bot: Bot, emu: BotApiEmulator) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret") is True
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    body = raw(emu, "getUpdates").json()
    assert body == {
        "ok": False,
        "error_code": 409,
        "description": "Conflict: can't use getUpdates method while "
        "webhook is active; use deleteWebhook to delete the webhook first",
    }
    with pytest.raises(BadRequest, match="Secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="có dấu")
    assert await bot.delete_webhook() is True
    assert await bot.get_updates() == ()


async def test_edits_of_a_text_and_of_a_caption_keep_their_own_rules(bot: Bot, emu: BotApiEmulator) -> None:
    note = await bot.send_message(LAN, "Thông báo")
    paper = await bot.send_document(LAN, b"pdf", filename="a.pdf", caption="Tài liệu")
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        await bot.edit_message_caption(LAN, note.message_id, caption="c")
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("t", LAN, paper.message_id)
    with pytest.raises(BadRequest, match="^Message is too long$"):
        await bot.edit_message_text("t" * 4097, LAN, note.message_id)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.edit_message_text("<b> </b>", LAN, note.message_id, parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.edit_message_caption(LAN, paper.message_id, caption="c" * 1025)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Thông báo", LAN, note.message_id)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_caption(LAN, paper.message_id, caption="Tài liệu")
    assert [m.edit_count for m in emu.messages(LAN)] == [0, 0]

    await bot.edit_message_text("<b>" + "t" * 4096 + "</b>", LAN, note.message_id, parse_mode="HTML")
    await bot.edit_message_caption(LAN, paper.message_id, caption="c" * 1024)
    edited_note, edited_paper = emu.messages(LAN)
    assert (edited_note.plain_text, edited_note.edit_count) == ("t" * 4096, 1)
    assert (edited_paper.plain_text, edited_paper.caption, edited_paper.edit_count) == ("c" * 1024, "c" * 1024, 1)
    assert (edited_paper.document_name, edited_paper.document_bytes, edited_note.document_bytes) == (
        "a.pdf",
        b"pdf",
        None,
    )
    await bot.edit_message_caption(LAN, paper.message_id)  # no caption: the caption is removed, the file stays
    assert (emu.messages(LAN)[1].plain_text, emu.messages(LAN)[1].document_name) == ("", "a.pdf")
