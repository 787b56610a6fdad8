"""Property tests (hypothesis) for the parsers that take what people type or upload: phone numbers, the roster file,
callback data patterns (bot/telegram/routing.py Buttons, every one the handlers define) and typed times."""

from __future__ import annotations

import csv
import importlib
import io
import pkgutil
import string
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import handlers
from bot.config_parse import typed_moment
from bot.phones import InvalidPhone, normalize_phone
from bot.services.roster_file import RosterFileError, parse_roster_bytes
from bot.telegram.routing import Button

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)

# --- phones ----------------------------------------------------------------------------------------------------------

separators = st.sampled_from(["", " ", ".", "-", " - ", "/"])


@st.composite
def vietnamese_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """(as typed, E.164) for a Vietnamese mobile number with random separators and prefixes."""
    nsn = draw(st.sampled_from("35789")) + "".join(
        draw(st.lists(st.sampled_from(string.digits), min_size=8, max_size=8))
    )
    groups = [nsn[:3], nsn[3:6], nsn[6:]]
    sep = draw(separators)
    prefix = draw(st.sampled_from(["0", "+84", "84 ", "0084", "'0", "(+84) "]))
    typed = prefix + sep.join(groups)
    return typed, "+84" + nsn


@FAST
@given(vietnamese_mobiles())
def test_any_way_of_typing_a_mobile_gives_the_same_number(case: tuple[str, str]) -> None:
    typed, expected = case
    country = typed.startswith("84 ")
    assert normalize_phone(typed, country_code_included=country) == expected


@FAST
@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_clear_refusal_and_normalising_twice_changes_nothing(raw: str) -> None:
    try:
        phone = normalize_phone(raw)
    except InvalidPhone as refused:
        assert refused.code and str(refused)
        return
    assert phone.startswith("+") and phone[1:].isdigit() and 8 <= len(phone) - 1 <= 15
    assert normalize_phone(phone) == phone


# --- roster ------------------------------------------------------------------------------------------------------------

names = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ", min_size=2, max_size=30).filter(
    lambda s: s.strip() and len(s.strip()) >= 2
)


@FAST
@given(st.lists(st.tuples(names, vietnamese_mobiles()), min_size=1, max_size=15, unique_by=lambda r: r[1][1]))
def test_a_generated_roster_reads_back_exactly(rows: list[tuple[str, tuple[str, str]]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Mã", "Họ và tên", "Số điện thoại"])
    for number, (name, (typed, _)) in enumerate(rows, start=1):
        writer.writerow([f"DB{number}", name.title(), typed if not typed.startswith("84 ") else "+" + typed])
    entries = parse_roster_bytes(out.getvalue().encode("utf-8"), "roster.csv")
    assert [e.code for e in entries] == [f"DB{n}" for n in range(1, len(rows) + 1)]
    assert [e.phone for e in entries] == [expected for _, (_, expected) in rows]
    assert all(e.full_name == " ".join(e.full_name.split()) for e in entries)


@FAST
@given(st.binary(max_size=400), st.sampled_from(["roster.csv", "roster.xlsx", "roster.txt"]))
def test_any_bytes_are_a_roster_or_a_list_of_clear_errors(data: bytes, name: str) -> None:
    try:
        entries = parse_roster_bytes(data, name)
    except RosterFileError as refused:
        assert refused.errors and all(error.reason for error in refused.errors)
        return
    assert entries and all(entry.full_name for entry in entries)


# --- callback data -------------------------------------------------------------------------------------------------


def every_button() -> list[Button]:
    found: dict[str, Button] = {}
    for module in pkgutil.iter_modules(handlers.__path__):
        loaded = importlib.import_module(f"handlers.{module.name}")
        for value in vars(loaded).values():
            if isinstance(value, Button):
                found[value.template] = value
    return sorted(found.values(), key=lambda b: b.template)


BUTTONS = every_button()


def test_the_handlers_define_buttons() -> None:
    assert len(BUTTONS) >= 40


@pytest.mark.parametrize("button", BUTTONS, ids=lambda b: b.template)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_callback_data_routes_back_to_its_own_button_only(button: Button, data: st.DataObject) -> None:
    fields = button.pattern.groupindex
    values = {
        name: data.draw(st.from_regex(_field_regex(button, name), fullmatch=True).filter(lambda v: "\n" not in v))
        for name in fields
    }
    try:
        built = button.data(**values)
    except ValueError:  # longer than Telegram's 64 bytes: refused when the keyboard is built, never sent
        return
    match = button.pattern.match(built)
    assert match is not None and match.groupdict() == values
    others = [b.template for b in BUTTONS if b is not button and b.pattern.match(built)]
    assert not others, f"{built!r} would also be taken by {others}"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=70))
def test_forged_callback_data_is_taken_by_at_most_one_button(forged: str) -> None:
    assert sum(1 for b in BUTTONS if b.pattern.match(forged)) <= 1


def _field_regex(button: Button, name: str) -> str:
    source = button.pattern.pattern
    start = source.index(f"(?P<{name}>") + len(f"(?P<{name}>")
    depth, index = 1, start
    while depth:
        depth += {"(": 1, ")": -1}.get(source[index], 0) if source[index - 1] != "\\" else 0
        index += 1
    return source[start : index - 1]


# --- typed times -----------------------------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=30))
def test_any_typed_time_is_a_moment_or_none(raw: str) -> None:
    moment = typed_moment(raw, ZONE, NOW)
    assert moment is None or moment.tzinfo is not None


@FAST
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)), st.booleans())
def test_a_written_date_and_time_reads_back(local: datetime, iso: bool) -> None:
    local = local.replace(second=0, microsecond=0)
    typed = f"{local:%Y-%m-%d %H:%M}" if iso else f"{local:%d/%m/%Y %H:%M}"
    assert typed_moment(typed, ZONE, NOW) == local.replace(tzinfo=ZONE)


@FAST
@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_a_time_alone_means_today_in_the_event_zone(hour: int, minute: int, short: bool) -> None:
    typed = f"{hour}:{minute:02d}" if short else f"{hour:02d}:{minute:02d}"
    moment = typed_moment(typed, ZONE, NOW)
    assert moment is not None
    local = moment.astimezone(ZONE)
    assert (local.date(), local.hour, local.minute) == ((NOW + timedelta(hours=7)).date(), hour, minute)
