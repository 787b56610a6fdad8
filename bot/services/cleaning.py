"""The one cleaner for text people type: every service that stores typed text passes it through `clean_input`.

It strips the text, removes invisible characters (zero-width spaces, joiners, bidi marks, soft hyphens, fillers and
other format characters), turns unusual spaces into plain ones and collapses runs, normalises to NFC and applies the
limit. Text made only of spaces and invisible characters counts as empty, so it is refused like an empty message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

# Letters by category but shown as nothing (Hangul fillers), and the blank braille pattern.
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
_ZWJ = "\u200d"
# Format characters outside the Basic Multilingual Plane (musical symbol formatting, tags, …).
_ASTRAL_FORMAT = [0x110BD, 0x110CD, *range(0x13430, 0x13440), *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B)]
_ASTRAL_FORMAT += [0xE0001, *range(0xE0020, 0xE0080)]


def _removable() -> re.Pattern[str]:
    """Every format (Cf) and control (Cc) character except line break, tab and the joiner, and the invisible letters.

    One compiled character class: scanning text for it runs in C, so the common case (nothing to remove) is cheap.
    """
    codes = [
        code
        for code in range(0x10000)
        if unicodedata.category(chr(code)) in ("Cf", "Cc") and chr(code) not in ("\n", "\t", _ZWJ)
    ]
    codes = sorted({*codes, *_ASTRAL_FORMAT, *map(ord, _INVISIBLE_LETTERS)})
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
        start = previous = code
    return re.compile("[" + "".join(ranges) + "]+")


_REMOVE = _removable()
# A zero-width joiner is kept only inside an emoji sequence (between two visible characters).
_LONE_ZWJ = re.compile(rf"(?<!\S){_ZWJ}|{_ZWJ}(?!\S)")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class Problem(Enum):
    """Why typed text cannot be stored."""

    EMPTY = "empty"  # nothing visible: empty, only spaces, or only invisible characters
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class CleanText:
    """The cleaned text, its length (what the limit counts) and the problem, if any."""

    text: str
    problem: Problem | None = None

    @property
    def length(self) -> int:
        """Characters counted against the limit."""
        return len(self.text)

    @property
    def ok(self) -> bool:
        """Whether it can be stored."""
        return self.problem is None


def normalise(raw: str, *, multiline: bool = True) -> str:
    """The cleaned text without any limit: NFC, no invisible characters, single spaces, stripped lines.

    multiline keeps line breaks (at most one empty line between paragraphs); otherwise everything is one line.
    """
    if not multiline and raw.isascii() and raw.isprintable():  # the common case of a roster cell or a short answer
        return " ".join(raw.split())
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not (text.isascii() and text.isprintable()):
        text = _REMOVE.sub("", text)
    if _ZWJ in text:
        text = _LONE_ZWJ.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not multiline:
        return " ".join(text.split())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNPS"


def clean_input(raw: str | None, limit: int, *, multiline: bool = True) -> CleanText:
    """Clean typed text and check it: EMPTY when nothing visible remains, TOO_LONG over `limit` characters."""
    text = normalise(raw or "", multiline=multiline)
    if not text or not any(_visible(char) for char in text):
        return CleanText("", Problem.EMPTY)
    if len(text) > limit:
        return CleanText(text, Problem.TOO_LONG)
    return CleanText(text)
