"""Helpers for the proposal and nomination tests: files sent by users, forged button presses, whole flows."""

from __future__ import annotations

from typing import Any

from bot.sandbox.emulator import BotApiEmulator, SentMessage, simulate
from bot.sandbox.emulator.payloads import message_json, user_json
from storage.proposal_models import Nomination, Proposal
from tests.support.harness import Harness


def send_file(
    emu: BotApiEmulator,
    user_id: int,
    *,
    kind: str = "document",
    name: str = "ke-hoach.pdf",
    size: int = 1000,
    caption: str | None = None,
) -> int:
    """The user sends a document or photo (with an optional caption); returns its message_id."""
    media: Any = (
        {"file_id": f"doc-{size}", "file_unique_id": f"u{size}", "file_name": name, "file_size": size}
        if kind == "document"
        else [
            {"file_id": f"ph-s-{size}", "file_unique_id": f"s{size}", "width": 90, "height": 90, "file_size": 100},
            {"file_id": f"ph-{size}", "file_unique_id": f"p{size}", "width": 1280, "height": 960, "file_size": size},
        ]
    )
    with emu.state.lock:
        msg = simulate._user_message(
            emu.state, user_id, None, media_kind=kind, document=media, caption=caption, plain_text=caption or ""
        )
        emu.state.push_update("message", message_json(emu.state, msg))
    return msg.message_id


def forge_press(emu: BotApiEmulator, user_id: int, message: SentMessage, data: str) -> str:
    """A press with callback data the message does not carry (an old client, or a crafted update)."""
    state = emu.state
    with state.lock:
        stored = state.chat(user_id).messages[message.message_id]
        query_id = state.new_callback_query(user_id, user_id, message.message_id, data)
        state.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": user_json(state.user(user_id)),
                "message": message_json(state, stored),
                "chat_instance": "1",
                "data": data,
            },
        )
    return query_id


async def alert_after(h: Harness, user_id: int, message: SentMessage, data: str) -> str:
    """Forge a press and return the alert text the bot answered with."""
    answer = await h.emu.wait_for_callback_answer(forge_press(h.emu, user_id, message, data))
    assert answer.show_alert
    return answer.text or ""


async def click(h: Harness, user_id: int, message: SentMessage, label: str, contains: str | None = None) -> SentMessage:
    """Press a button and return the bot's next new message (optionally the first containing a text)."""
    since = h.emu.sent_count(user_id)
    await h.press(user_id, message, label)
    return await h.emu.wait_for_message(
        user_id, (lambda m: contains in m.plain_text) if contains else None, since=since
    )


async def propose(h: Harness, user_id: int, category: str, body: str) -> SentMessage:
    """A linked delegate sends a whole proposal through /proposal; return the confirmation."""
    chooser = await h.say(user_id, "/proposal")
    await click(h, user_id, chooser, category, contains="nhập nội dung")
    preview = await h.say(user_id, body)
    return await click(h, user_id, preview, "Gửi Ban Tổ chức")


async def proposals_of(h: Harness, code: str | None = None) -> list[Proposal]:
    """Stored proposals (of one delegate if code is given), withdrawn ones included."""
    event_id = h.services.event.id
    async with h.services.db.read() as uow:
        if code is None:
            return await uow.proposals.all(event_id, include_withdrawn=True)
        delegate = await uow.delegates.by_code(event_id, code)
        assert delegate is not None
        return await uow.proposals.of_delegate(event_id, delegate.id)


async def nominations_of(h: Harness) -> list[Nomination]:
    """Every stored nomination."""
    async with h.services.db.read() as uow:
        return await uow.nominations.all(h.services.event.id)


async def delegate_id(h: Harness, code: str) -> int:
    """A delegate's database id."""
    async with h.services.db.read() as uow:
        delegate = await uow.delegates.by_code(h.services.event.id, code)
    assert delegate is not None
    return delegate.id


async def nominate(h: Harness, user_id: int, query: str, name: str, criteria: list[str], why: str) -> SentMessage:
    """The whole /nominate flow through the chat; return the bot's last message."""
    await h.say(user_id, "/nominate")
    found = await h.say(user_id, query)
    ticks = await click(h, user_id, found, name)
    for label in criteria:
        since = h.emu.sent_count(user_id)
        await h.press(user_id, ticks, label)
        ticks = await h.emu.wait_for(
            lambda: next(
                (
                    m
                    for m in h.emu.messages(user_id)
                    if m.message_id == ticks.message_id
                    and any(label in t and t.startswith("☑️") for t in m.button_texts())
                ),
                None,
            )
        )
        assert h.emu.sent_count(user_id) == since
    await click(h, user_id, ticks, "Tiếp tục", contains="lý do")
    preview = await h.say(user_id, why)
    return await click(h, user_id, preview, "Xác nhận đề xuất")
