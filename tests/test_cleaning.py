"""The one input cleaner: strip, drop invisible characters, NFC, limit — and invisible-only text refused end to end."""

from __future__ import annotations

import unicodedata

import pytest

from bot.services.cleaning import Problem, clean_input, normalise
from tests.support.harness import Harness
from tests.support.proposals import click, proposals_of

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202c\u2066\u2069\u180e\u3164\u115f\u2800"


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\n\t \n", INVISIBLE, f" {INVISIBLE} \n {INVISIBLE}", "\u00a0\u2003\u3000\u200b", "\u0007\u0000"],
)
def test_nothing_visible_is_empty(raw: str) -> None:
    assert clean_input(raw, 100) == clean_input("", 100)
    assert clean_input(raw, 100).problem is Problem.EMPTY


def test_text_is_stripped_collapsed_nfc_and_keeps_paragraphs() -> None:
    raw = "  Đề\u200b nghị\u00a0\u00a0 " + unicodedata.normalize("NFD", "Nguyễn") + "\t\n\n\n\n  dòng\u2060 hai  \r\n"
    cleaned = clean_input(raw, 100)
    assert cleaned.ok and cleaned.text == "Đề nghị Nguyễn\n\ndòng hai"
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert normalise(raw, multiline=False) == "Đề nghị Nguyễn dòng hai"


def test_the_limit_counts_the_cleaned_text() -> None:
    assert clean_input("ab\u200b\u200bc", 3).ok  # invisible characters do not count
    too_long = clean_input("abcd", 3)
    assert too_long.problem is Problem.TOO_LONG and too_long.length == 4


def test_emoji_joiners_survive_but_a_lone_joiner_does_not() -> None:
    family = "👨\u200d👩\u200d👧"
    assert clean_input(f"Gia đình {family}", 50).text == f"Gia đình {family}"
    assert clean_input("\u200d a \u200d", 50).text == "a"


async def test_a_proposal_of_invisible_characters_is_refused_and_not_saved(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    chooser = await harness.say(101, "/proposal")
    await click(harness, 101, chooser, "Cải cách hành chính", contains="nhập nội dung")
    refused = await harness.say(101, "\u200b\u200b\u2060\ufeff")
    assert "chỉ gồm ký tự không hiển thị" in refused.plain_text
    preview = await harness.say(101, "\u200bĐề nghị\u200b rút gọn thủ tục\u200b")
    await click(harness, 101, preview, "Gửi Ban Tổ chức")
    [saved] = await proposals_of(harness, "DB001")
    assert saved.text == "Đề nghị rút gọn thủ tục"


async def test_a_decline_reason_of_invisible_characters_is_refused(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    since = harness.emu.sent_count(101)
    await harness.press(101, card, "vắng mặt")
    await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text, since=since)
    refused = await harness.say(101, "\u200b \u3164 \u200b")
    assert "chỉ gồm ký tự không hiển thị" in refused.plain_text
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB001")
        assert delegate is not None
        rsvp = await uow.rsvps.get(delegate.id)
    assert rsvp is None or rsvp.decline_reason is None


async def test_questions_to_the_presidium_use_the_cleaner(harness: Harness) -> None:
    questions = harness.services.questions
    refused = questions.check_text("\u200b \u2060\ufeff")
    assert refused is not None and refused.outcome.value == "empty"
    assert questions.check_text("Câu hỏi\u200b thật") is None
