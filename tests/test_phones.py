"""Phone normalisation to E.164 and Vietnamese display."""

from __future__ import annotations

import pytest

from bot.phones import RETIRED_MOBILE_PREFIXES, InvalidPhone, format_phone_vn, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0912 345 678",
        "+84 912.345.678",
        "84912345678",
        "0084912345678",
        "(+84) 912-345-678",
        "912345678",
        "+84912345678",
        "0912345678",
        "0912.345.678",
        "091 234 5678",
        " 0912-345-678 ",
        "+84 (0) 912 345 678",
        "'0912345678",
        "０９１２３４５６７８",
        "0912\u00a0345\u00a0678",
    ],
)
def test_vietnamese_mobile_formats_all_normalise_to_the_same_e164(raw: str) -> None:
    assert normalize_phone(raw) == "+84912345678"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0338 123 456", "+84338123456"),
        ("056 123 4567", "+84561234567"),
        ("0701234567", "+84701234567"),
        ("0868302765", "+84868302765"),
        ("0987654321", "+84987654321"),
    ],
)
def test_every_current_mobile_range_is_accepted(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0238 3844 123", "+842383844123"),
        ("(0238) 3.844.123", "+842383844123"),
        ("+84 238 3844 123", "+842383844123"),
        ("2383844123", "+842383844123"),
        ("024 3825 1234", "+842438251234"),
    ],
)
def test_landlines_are_accepted(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["84912345678", "+84912345678"])
def test_telegram_contact_numbers_with_and_without_plus(raw: str) -> None:
    assert normalize_phone(raw) == "+84912345678"
    assert normalize_phone(raw, country_code_included=True) == "+84912345678"


def test_telegram_contact_of_a_foreign_account_needs_the_country_code_flag() -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone("447911123456")
    assert normalize_phone("447911123456", country_code_included=True) == "+447911123456"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+1 202 555 0100", "+12025550100"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+65 6123 4567", "+6561234567"),
    ],
)
def test_foreign_numbers_are_kept_as_e164(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("-", "empty"),
        ("12345", "too_short"),
        ("0912 345", "too_short"),
        ("0912 345 6789", "too_long"),
        ("091234567a", "bad_characters"),
        ("không có", "bad_characters"),
        ("0912 345 678 ext 5", "bad_characters"),
        ("84+912345678", "bad_characters"),
        ("0112345678", "unknown_prefix"),
        ("0412345678", "unknown_prefix"),
        ("+1 234", "too_short"),
        ("+1234567890123456", "too_long"),
        ("1900 1234", "too_short"),
        ("12345678901", "unknown_format"),
        ("+0912345678", "unknown_format"),
    ],
)
def test_invalid_numbers_raise_with_a_stable_code(raw: str, code: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        normalize_phone(raw)
    assert caught.value.code == code
    assert str(caught.value)  # a short English reason for the caller to localise
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("raw", ["01699 123 456", "+84 1699 123 456", "1699123456", "0123 456 7890"])
def test_retired_eleven_digit_mobile_prefixes_are_refused_naming_the_new_prefix(raw: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        normalize_phone(raw)
    assert caught.value.code == "retired_prefix"
    old = "0" + "".join(ch for ch in raw if ch.isdigit()).removeprefix("84").lstrip("0")[:3]
    assert old in str(caught.value)
    assert "0" + RETIRED_MOBILE_PREFIXES[old[1:]] in str(caught.value)


def test_retired_prefix_table_maps_to_current_mobile_ranges() -> None:
    assert RETIRED_MOBILE_PREFIXES["169"] == "39" and RETIRED_MOBILE_PREFIXES["123"] == "83"
    for new in RETIRED_MOBILE_PREFIXES.values():
        assert normalize_phone(f"0{new}1234567").startswith(f"+84{new}")


def test_non_text_input_is_refused() -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone(912345678)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("+842383844123", "0238 3844 123"),
        ("+842438251234", "024 3825 1234"),
        ("+12025550100", "+12025550100"),
    ],
)
def test_format_phone_vn(e164: str, shown: str) -> None:
    assert format_phone_vn(e164) == shown
    assert normalize_phone(shown) == e164


@pytest.mark.parametrize("bad", ["0912345678", "+84 912 345 678", "", "+84abc"])
def test_format_phone_vn_refuses_what_is_not_e164(bad: str) -> None:
    with pytest.raises(InvalidPhone):
        format_phone_vn(bad)
