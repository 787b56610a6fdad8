"""Phone number normalisation to E.164, with Vietnamese numbering rules.

Policy (Vietnam, +84; NSN = national significant number, without the trunk 0):
- mobile: NSN of 9 digits starting 3, 5, 7, 8 or 9 ("0912 345 678" -> "+84912345678");
  a bare 9-digit number ("912345678", what Excel leaves of a mobile) is read as such;
- landline: NSN of 10 digits starting 2 ("0238 3844 123" -> "+842383844123");
  a bare 10-digit number starting 2 (Excel dropped the 0) is read as such;
- the 11-digit mobile numbers "01xx xxx xxxx" were moved to 10 digits in 2018; they are REFUSED
  (code "retired_prefix") rather than rewritten, and the message names the new prefix, so an
  organiser fixes the source data instead of the bot silently changing a number;
- other country codes ("+1 ...", "0044 ...") are accepted as E.164 when they have 8-15 digits.
Separators (spaces, dots, dashes, slashes, brackets) and a leading spreadsheet apostrophe are ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["InvalidPhone", "normalize_phone", "format_phone_vn", "RETIRED_MOBILE_PREFIXES"]

VIETNAM_COUNTRY_CODE = "84"
MOBILE_FIRST_DIGITS = frozenset("35789")
MIN_E164_DIGITS = 8
MAX_E164_DIGITS = 15

# Old 11-digit prefix (without the 0) -> new 10-digit prefix (without the 0), per the 2018 migration.
RETIRED_MOBILE_PREFIXES: dict[str, str] = {
    "120": "70",
    "121": "79",
    "122": "77",
    "126": "76",
    "128": "78",
    "123": "83",
    "124": "84",
    "125": "85",
    "127": "81",
    "129": "82",
    "162": "32",
    "163": "33",
    "164": "34",
    "165": "35",
    "166": "36",
    "167": "37",
    "168": "38",
    "169": "39",
    "186": "56",
    "188": "58",
    "199": "59",
}

_SEPARATORS = re.compile(r"[\s.\-()/\\]+")
_E164 = re.compile(r"\+[1-9]\d{7,14}")


class InvalidPhone(ValueError):
    """A phone number that cannot be normalised; `code` is a stable machine code, str() is English."""

    def __init__(self, reason: str, *, code: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def normalize_phone(raw: str, *, country_code_included: bool = False) -> str:
    """Return `raw` as an E.164 string such as "+84912345678", or raise InvalidPhone."""
    if not isinstance(raw, str):
        raise InvalidPhone("phone number must be text", code="invalid")
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.startswith("'"):
        text = text[1:]
    compact = _SEPARATORS.sub("", text)
    if not compact:
        raise InvalidPhone("phone number is empty", code="empty")
    has_plus = compact.startswith("+")
    digits = compact[1:] if has_plus else compact
    if not digits.isascii() or not digits.isdigit():
        raise InvalidPhone("phone number may contain only digits, spaces and + . - ( )", code="bad_characters")
    if has_plus or country_code_included:
        return _international(digits)
    if digits.startswith("00"):
        return _international(digits[2:])
    if digits.startswith("0"):
        return _vietnamese(digits[1:])
    if digits.startswith(VIETNAM_COUNTRY_CODE) and len(digits) in (11, 12):
        return _international(digits)
    if len(digits) in (9, 10):
        return _vietnamese(digits)
    if len(digits) < 9:
        raise InvalidPhone("phone number is too short", code="too_short")
    raise InvalidPhone("international numbers need a leading + or 00", code="unknown_format")


def format_phone_vn(e164: str) -> str:
    """Format an E.164 number for display: "0912 345 678" for Vietnam, E.164 unchanged otherwise."""
    if not _E164.fullmatch(e164):
        raise InvalidPhone("not an E.164 number", code="invalid")
    if not e164.startswith("+" + VIETNAM_COUNTRY_CODE):
        return e164
    national = "0" + e164[3:]
    if len(national) == 10:
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    if len(national) == 11 and national[:3] in ("024", "028"):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if len(national) == 11:
        return f"{national[:4]} {national[4:8]} {national[8:]}"
    return national


def _international(digits: str) -> str:
    """Normalise digits that start with a country code."""
    if digits.startswith(VIETNAM_COUNTRY_CODE):
        national = digits[2:]
        if national.startswith("0"):
            national = national[1:]
        return _vietnamese(national)
    if not digits or digits[0] == "0":
        raise InvalidPhone("country code cannot start with 0", code="unknown_format")
    if len(digits) < MIN_E164_DIGITS:
        raise InvalidPhone("phone number is too short", code="too_short")
    if len(digits) > MAX_E164_DIGITS:
        raise InvalidPhone("phone number is too long", code="too_long")
    return "+" + digits


def _vietnamese(national: str) -> str:
    """Validate a Vietnamese national significant number (no trunk 0) and return E.164."""
    if len(national) == 10 and national[0] == "1":
        new_prefix = RETIRED_MOBILE_PREFIXES.get(national[:3])
        if new_prefix is not None:
            raise InvalidPhone(
                f"11-digit mobile prefix 0{national[:3]} was retired in 2018; "
                f"use the new 10-digit number (prefix 0{new_prefix})",
                code="retired_prefix",
            )
    if national[:1] in MOBILE_FIRST_DIGITS:
        expected_length = 9
    elif national[:1] == "2":
        expected_length = 10
    elif len(national) < 9:
        raise InvalidPhone("phone number is too short", code="too_short")
    else:
        raise InvalidPhone("not a Vietnamese mobile (03/05/07/08/09) or landline (02) number", code="unknown_prefix")
    if len(national) < expected_length:
        raise InvalidPhone("phone number is too short", code="too_short")
    if len(national) > expected_length:
        raise InvalidPhone("phone number is too long", code="too_long")
    return "+" + VIETNAM_COUNTRY_CODE + national
