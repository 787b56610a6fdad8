"""Routing defects of issue 9: edited messages (4), hand-parsed callback data (5), double taps on an edit (6)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application, CommandHandler, MessageHandler

from bot.i18n import text
from bot.telegram import runner
from bot.telegram.routing import ALLOWED_UPDATES, ID, Button
from tests.support.harness import Harness
from tests.support.proposals import click, delegate_id
from tests.support.routing import Direct

# --- 4: edited messages are never answers -------------------------------------------------------------------------


def _direct(h: Harness) -> Direct:
    return Direct(h.app, h.emu, text("vi", "error.generic"))


async def test_an_edited_old_message_is_not_taken_as_the_pending_answer(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    await harness.press(101, card, "vắng")
    await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text)
    direct = _direct(harness)

    # An old message edited now must not become the decline reason (nor get any reply).
    edited = await direct.text(101, "Bận họp thường vụ", kind="edited_message")
    assert edited.messages == [] and edited.answers == []
    pending = await harness.services.pending.get(101)
    assert pending is not None and pending.kind.startswith("rsvp.")

    # A new message is the answer.
    typed = await direct.text(101, "Bận công tác")
    assert [m.chat_id for m in typed.messages] == [101] and not typed.error_messages
    assert await harness.services.pending.get(101) is None
    delegate = await harness.services.invitations.delegate_of(101)
    assert delegate is not None
    rsvp = await harness.services.rsvp.current(delegate.id)
    assert rsvp is not None and rsvp.decline_reason == "Bận công tác"


async def test_no_message_handler_accepts_an_edited_message(harness: Harness) -> None:
    direct = _direct(harness)
    samples = ["/stats", "/start", "/proposal", "Nội dung", "/lenh_la"]
    for group in harness.app.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler | MessageHandler):
                for sample in samples:
                    update = direct.message_update(900001, sample, kind="edited_message")
                    assert not handler.check_update(update), f"{handler!r} accepts an edited {sample!r}"


def test_one_list_of_update_types_for_polling_webhook_and_tests(harness: Harness, monkeypatch: Any) -> None:
    assert "edited_message" not in ALLOWED_UPDATES
    # The tests' harness (and the sandbox) asked the emulator for exactly that list.
    assert harness.emu.state.allowed_updates == list(ALLOWED_UPDATES)
    asked: dict[str, Any] = {}
    monkeypatch.setattr(Application, "run_polling", lambda self, **kw: asked.update(polling=kw["allowed_updates"]))
    monkeypatch.setattr(Application, "run_webhook", lambda self, **kw: asked.update(webhook=kw["allowed_updates"]))
    runner._run(harness.settings)
    telegram = harness.settings.telegram
    hook = replace(telegram.webhook, url="https://hoinghi.example/telegram", secret_token="s" * 16)
    runner._run(replace(harness.settings, telegram=replace(telegram, mode="webhook", webhook=hook)))
    assert asked == {"polling": list(ALLOWED_UPDATES), "webhook": list(ALLOWED_UPDATES)}


# --- 5: callback data is matched by patterns, never split by hand ---------------------------------------------------


@pytest.mark.parametrize("data", ["rsvp:ad:{d}", "rsvp:as:{d}", "rsvp:a:{d}x", "rsvp:a:", "rsvp:x:{d}", "rsvp:a:{d}:1"])
async def test_malformed_rsvp_data_gets_the_stale_alert_not_the_generic_error(harness: Harness, data: str) -> None:
    card = await harness.open_link(101, "DB001")
    forged = data.format(d=await delegate_id(harness, "DB001"))
    effect = await _direct(harness).press(101, forged, card.message_id)
    answer = effect.only_answer()
    assert (answer.text, answer.show_alert) == (text("vi", "rsvp.stale"), True)
    assert await harness.services.rsvp.current(await delegate_id(harness, "DB001")) is None


def test_button_formats_build_only_data_that_routes_back() -> None:
    answer = Button("rsvp:{choice}:{delegate}", choice="[ads]", delegate=ID)
    assert answer.data(choice="a", delegate=12) == "rsvp:a:12"
    match = answer.pattern.match("rsvp:d:12")
    assert match is not None and match["choice"] == "d" and match["delegate"] == "12"
    assert answer.pattern.match("rsvp:ad:12") is None and answer.pattern.match("rsvp:a:12:3") is None
    with pytest.raises(ValueError, match="does not fit"):
        answer.data(choice="ad", delegate=12)
    with pytest.raises(ValueError, match="does not fit"):
        Button("x:{v}", v=".*").data(v="é" * 40)  # over Telegram's 64 bytes
    with pytest.raises(ValueError, match="one pattern per field"):
        Button("x:{a}:{b}", a=ID)


# --- 6: a double tap never ends in the generic error ----------------------------------------------------------------


async def test_double_tap_on_a_nomination_criterion(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await harness.say(101, "/nominate")
    found = await harness.say(101, "Bình")
    ticks = await click(harness, 101, found, "Trần Thị Bình")
    first_tick = ticks.button_data("Chiến sĩ thi đua")
    direct = _direct(harness)
    # Two fast taps on the same old keyboard: both carry the same data, the second edit changes nothing.
    first = await direct.press(101, first_tick, ticks.message_id)
    second = await direct.press(101, first_tick, ticks.message_id)
    refused = [r for r in harness.emu.request_log if r.method == "editMessageReplyMarkup" and r.status_code == 400]
    assert len(refused) == 1, "the second edit is refused by Telegram as 'message is not modified'"
    for effect in (first, second):
        assert effect.messages == [] and len(effect.answers) == 1 and not effect.answers[0].show_alert
    shown = next(m for m in harness.emu.messages(101) if m.message_id == ticks.message_id)
    assert any(t.startswith("☑️") and "Chiến sĩ thi đua" in t for t in shown.button_texts())


# --- the conventions hold in every handler module -------------------------------------------------------------------


def test_handlers_route_and_gate_only_the_one_way() -> None:
    root = Path(__file__).resolve().parent.parent
    forbidden = {
        'split(":")': "callback data is read through context.match (bot/telegram/routing.py Button)",
        "is_organizer": "roles are gated at registration (bot/telegram/roles.py)",
        "telegram.organizers": "role members come from roles_of(app).members(...)",
        "ChatType.PRIVATE": "message handlers use bot.telegram.routing.PRIVATE (new messages only)",
        "job_queue": "jobs are scheduled through bot/telegram/jobs.py",
        "local_datetime": "typed times are parsed in services",
    }
    found = [
        f"{path.name}: {needle} — {why}"
        for path in sorted((root / "handlers").glob("*.py"))
        for needle, why in forbidden.items()
        if needle in path.read_text(encoding="utf-8")
    ]
    callback_handlers = [
        path.name
        for path in (root / "handlers").glob("*.py")
        if "CallbackQueryHandler(" in path.read_text(encoding="utf-8") and path.name != "fallback.py"
    ]
    assert found == [] and callback_handlers == []
