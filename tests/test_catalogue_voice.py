"""The catalogue's voice (issue 15): quotation marks, durations in words, no emoji on formal texts, one way to
write times, the contact person."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import EventContact
from bot.config_parse import typed_moment
from bot.i18n import LANGUAGES, contact_note, text
from bot.i18n.formal import FORMAL_KEYS
from bot.i18n.times import duration, format_local, sentence_time, typed_format_hint
from bot.services.reminder_run import label
from storage.reminder_models import Reminder

VN = ZoneInfo("Asia/Ho_Chi_Minh")
EMOJI = re.compile("[\U0001f000-\U0001faff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")
FILE_COLUMN_KEYS = {"task.ask_plan", "task_error.bad_deadline"}  # a spreadsheet column's format, not typing
RAW_DURATION = re.compile(r"\b\d+\s?[dhm]\b")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_guillemets_anywhere(language: str) -> None:
    assert {key: value for key, value in LANGUAGES[language].items() if "«" in value or "»" in value} == {}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_emoji_in_formal_texts(language: str) -> None:
    catalogue = LANGUAGES[language]
    assert FORMAL_KEYS <= set(catalogue), "a formal key is not in the catalogue"
    assert {key: catalogue[key] for key in FORMAL_KEYS if EMOJI.search(catalogue[key])} == {}


# Faces, monkeys and hand gestures (the Emoticons block and the faces of the supplemental block): never neutral,
# not even on a button or an organizer screen (../shared/VIETNAMESE-STYLE.md).
NOT_NEUTRAL = re.compile("[\U0001f600-\U0001f64f\U0001f910-\U0001f92f\U0001f970-\U0001f97f]")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_only_neutral_emoji_anywhere(language: str) -> None:
    assert {key: value for key, value in LANGUAGES[language].items() if NOT_NEUTRAL.search(value)} == {}
    assert NOT_NEUTRAL.search("🙈 Ẩn") and NOT_NEUTRAL.search("🥳") and not NOT_NEUTRAL.search("👁 ✅ 📌 🔁 ⚠️")


def test_the_emoji_check_can_fail() -> None:
    assert EMOJI.search("🕗 Thời gian") and EMOJI.search("✅ Tham dự") and EMOJI.search("↩️ Rút")
    assert not EMOJI.search("“Kính gửi đồng chí …” → 08 giờ 00")


def test_vietnamese_terminology() -> None:
    vi = LANGUAGES["vi"]
    banned = (
        "nhận diện",
        "soạn dở",
        "đã cũ",
        "Không hiểu",
        "chưa trả lời",
        "gõ ",
        "#{",
        "có chắc chắn",
        "bằng văn bản",
        "gộp",  # merged questions/comments are "tổng hợp chung"
        "Gộp",
    )
    assert {key: word for key, value in vi.items() for word in banned if word in value} == {}


def test_english_terminology() -> None:
    en = LANGUAGES["en"]
    # "Committee" alone reads as the Provincial Party Committee; one spelling standard (US).
    alone = re.compile(r"(?<!Organizing )(?<!Party )Committee")
    assert {key: value for key, value in en.items() if alone.search(value.replace("\n", " "))} == {}
    banned = ("identified", "Recognised", "cancelled", "Cancelled", " I ", "I could", "#{", "proposal no.")
    words = {key: re.sub(r"\{\w+\}", "", value) for key, value in en.items()}
    assert {key: word for key, value in words.items() for word in banned if word in value} == {}


@pytest.mark.parametrize(
    ("offset", "vi", "en"),
    [
        ("7d", "7 ngày", "7 days"),
        ("2h", "2 giờ", "2 hours"),
        ("30m", "30 phút", "30 minutes"),
        ("1d", "1 ngày", "1 day"),
    ],
)
@pytest.mark.parametrize("kind", ["rsvp", "attendance", "proposals"])
def test_reminder_labels_say_durations_in_words(kind: str, offset: str, vi: str, en: str) -> None:
    reminder = Reminder(
        id=1, event_id=1, key=f"{kind}:{offset}", kind=kind, offset_text=offset, due_at=datetime(2026, 12, 1, tzinfo=UTC),
        status="scheduled", audience="all", text=None, created_by=None, sent_at=None, late=False,
    )  # fmt: skip
    shown = {"vi": label("vi", reminder), "en": label("en", reminder)}
    assert vi in shown["vi"] and en in shown["en"]
    assert not RAW_DURATION.search(shown["vi"]) and not RAW_DURATION.search(shown["en"])


def test_durations_pick_the_largest_whole_unit() -> None:
    assert duration("vi", timedelta(hours=36)) == "36 giờ"
    assert duration("vi", timedelta(days=14)) == "14 ngày"
    assert duration("en", timedelta(minutes=90)) == "90 minutes"
    assert duration("en", timedelta(hours=1)) == "1 hour"


def test_sentence_times_put_the_time_before_the_date() -> None:
    moment = datetime(2026, 12, 28, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam, a Monday
    assert sentence_time("vi", moment, "Asia/Ho_Chi_Minh") == "08 giờ 00, thứ Hai, ngày 28/12/2026"
    assert sentence_time("en", moment, VN) == "08:00 on Monday, 28/12/2026"
    assert sentence_time("vi", datetime(2026, 12, 27, 10, 5, tzinfo=VN), VN) == "10 giờ 05, Chủ nhật, ngày 27/12/2026"
    assert format_local(moment, VN) == "28/12/2026 08:00"


def test_one_description_of_the_typed_format_and_it_reads_back() -> None:
    example = datetime(2026, 12, 20, 17, 0, tzinfo=VN)
    hint = typed_format_hint("vi", format_local(example, VN))
    assert hint == "dd/mm/yyyy HH:MM (ngày/tháng/năm giờ:phút), ví dụ 20/12/2026 17:00"
    now = datetime(2026, 12, 20, 9, 0, tzinfo=VN)
    assert typed_moment("20/12/2026 17:00", VN, now) == example
    assert typed_moment(" 2026-12-20  17:00 ", VN, now) == example
    assert typed_moment("17:00", VN, now) == example
    assert typed_moment("ngày mai", VN, now) is None and typed_moment("32/12/2026 17:00", VN, now) is None
    for language in ("vi", "en"):
        for key, value in LANGUAGES[language].items():
            if ("dd/mm/yyyy" in value or "ngày/tháng/năm" in value) and key not in FILE_COLUMN_KEYS:
                assert key == "time.typed_format", f"{key} describes the typed format again"


def test_texts_that_send_people_to_the_board_name_the_contact() -> None:
    contact = EventContact(name="Nguyễn Văn An", phone="0912 345 678")
    for language in ("vi", "en"):
        for key, value in LANGUAGES[language].items():
            if "liên hệ Ban Tổ chức" in value or "contact the Organizing" in value:
                assert "{contact}" in value, key
        rendered = text(language, "contact.no_match", contact=contact_note(language, contact))
        assert "Nguyễn Văn An" in rendered and "0912 345 678" in rendered
    assert text("vi", "contact.no_match", contact=contact_note("vi", None)).endswith("liên hệ Ban Tổ chức.")
