"""Telegram's HTML parse mode: turns marked-up text into plain text + entities, or fails like Telegram."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]

_ENTITY_TYPES: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.-]*")
_SURROGATES = re.compile("[\ud800-\udfff]")


class EntityParseError(ValueError):
    """Raised with Telegram's description text when the markup cannot be parsed."""


@dataclass
class _Open:
    """A start tag waiting for its end tag."""

    tag: str
    attrs: dict[str, str]
    start: int
    seq: int = 0
    pending_code: tuple[int, int, str] | None = None


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of a character index (Telegram reports byte offsets)."""
    return len(text[:index].encode("utf-8", errors="surrogatepass"))


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode an HTML entity at text[i] == "&" the way Telegram does: (character, next index) or None."""
    n, j = len(text), i + 1
    if j < n and text[j] == "#":
        j += 1
        hexadecimal = j < n and text[j] == "x"
        j += hexadecimal
        digits_start = j
        allowed = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while j < n and text[j] in allowed:
            j += 1
        digits = text[digits_start:j]
        code = int(digits, 16 if hexadecimal else 10) if digits else 0
        if code == 0 or code >= 0x10FFFF or j - i >= 10:
            return None
        char = chr(code)
    else:
        while j < n and text[j].isascii() and text[j].isalpha():
            j += 1
        char = _NAMED.get(text[i + 1 : j], "")
        if not char:
            return None
    return char, j + 1 if j < n and text[j] == ";" else j


def _skip_spaces(text: str, i: int) -> int:
    """Index of the next non-space character."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _attribute_value(text: str, i: int, tag: str, begin: int) -> tuple[str, int]:
    """Read an attribute value starting at i (after "=" and spaces)."""
    n = len(text)
    if i >= n:
        raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
    if text[i] not in "\"'":
        match = _NAME_TOKEN.match(text, i)
        end = match.end() if match else i
        if end < n and not text[end].isspace() and text[end] != ">":
            raise EntityParseError(f"Unexpected end of name token at byte offset {_byte_offset(text, i)}")
        return text[i:end].lower(), end
    quote, i, value = text[i], i + 1, []
    while i < n and text[i] != quote:
        decoded = _decode_entity(text, i) if text[i] == "&" else None
        if decoded:
            value.append(decoded[0])
            i = decoded[1]
        else:
            value.append(text[i])
            i += 1
    return "".join(value), i + 1 if i < n else i


def _parse_attrs(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse the attributes of a start tag from index i; return them and the index after ">"."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        i = _skip_spaces(text, i)
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i + 1
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        i = _skip_spaces(text, i)
        if i >= n or text[i] != "=":
            attrs.setdefault(name, "")  # a valueless attribute, e.g. <blockquote expandable>
            continue
        value, i = _attribute_value(text, _skip_spaces(text, i + 1), tag, begin)
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        attrs.setdefault(name, value)


def _close_entity(opened: _Open, end: int, stack: list[_Open], entities: list[JSONDict]) -> None:
    """Turn a closed tag into entities; <pre><code class="language-x"> covering the pre becomes one pre."""
    kind = _ENTITY_TYPES[opened.tag]
    entity: JSONDict = {"type": kind, "offset": opened.start, "length": end - opened.start, "_seq": opened.seq}
    if opened.tag == "code" and stack and stack[-1].tag == "pre":
        language = opened.attrs.get("class", "")
        if language.startswith("language-") and len(language) > len("language-"):
            stack[-1].pending_code = (opened.start, end, language.removeprefix("language-"))
            return
    if opened.tag == "pre" and opened.pending_code is not None:
        code_start, code_end, language = opened.pending_code
        if (code_start, code_end) == (opened.start, end):
            entity["language"] = language
        elif code_end > code_start:
            code = {"type": "code", "offset": code_start, "length": code_end - code_start, "_seq": opened.seq + 0.5}
            entities.append(code)
    if opened.tag == "a":
        href = opened.attrs.get("href", "")
        if not href:
            return
        entity["url"] = href
    elif opened.tag == "blockquote" and "expandable" in opened.attrs:
        entity["type"] = "expandable_blockquote"
    elif opened.tag == "tg-emoji":
        entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
    if entity["length"] > 0:
        entities.append(entity)


def _end_tag(text: str, i: int, stack: list[_Open], pos: int, entities: list[JSONDict]) -> int:
    """Handle an end tag starting at text[i] == "<" (followed by "/"); return the index after it."""
    begin, n = i, len(text)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
    i += 2
    while i < n and not text[i].isspace() and text[i] != ">":
        i += 1
    name = text[begin + 2 : i].lower()
    i = _skip_spaces(text, i)
    if i >= n or text[i] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
    opened = stack.pop()
    if name and name != opened.tag:
        raise EntityParseError(
            f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
            f'expected "</{opened.tag}>", found "</{name}>"'
        )
    _close_entity(opened, pos, stack, entities)
    return i + 1


def _start_tag(text: str, i: int) -> tuple[_Open, int]:
    """Parse a start tag at text[i] == "<"; return the open tag (start offset unset) and the next index."""
    begin, n = i, len(text)
    i += 1
    while i < n and not text[i].isspace() and text[i] != ">":
        i += 1
    if i >= n:
        raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    tag = text[begin + 1 : i].lower()
    if tag not in _ENTITY_TYPES:
        raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
    attrs, i = _parse_attrs(text, i, tag, begin)
    if tag == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}')
    if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError("Invalid custom emoji identifier specified")
    return _Open(tag=tag, attrs=attrs, start=0), i


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into (plain text, entities); raise EntityParseError with Telegram's text.

    Follows tdlib's parse_html. With strict_ampersand (the sandbox default) a "&" that does not start
    &lt; &gt; &amp; &quot; or a numeric reference is an error; real Telegram shows it literally.
    """
    out: list[str] = []
    pos = 0  # UTF-16 offset in the plain text built so far
    stack: list[_Open] = []
    entities: list[JSONDict] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded = _decode_entity(text, i)
            if decoded is None and strict_ampersand:
                raise EntityParseError(f'Unescaped "&" at byte offset {_byte_offset(text, i)}; use "&amp;"')
            char, i = decoded if decoded else ("&", i + 1)
            out.append(char)
            pos += utf16_len(char)
        elif char != "<":
            out.append(char)
            pos += utf16_len(char)
            i += 1
        elif i + 1 < n and text[i + 1] == "/":
            i = _end_tag(text, i, stack, pos, entities)
        else:
            opened, i = _start_tag(text, i)
            opened.start, opened.seq = pos, i  # seq orders entities that cover the same span
            stack.append(opened)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    plain = "".join(out)
    if _SURROGATES.search(plain):
        raise EntityParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"], e["_seq"]))
    return plain, [{k: v for k, v in e.items() if k != "_seq"} for e in entities]


def trim_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip surrounding whitespace like Telegram does and shift/clip the entities to match."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    result: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


def plain_text_of(text: str, parse_mode: str | None) -> str:
    """Best-effort plain text (never raises): HTML tags stripped and entities unescaped."""
    if (parse_mode or "").upper() != "HTML":
        return text
    try:
        return parse_html(text, strict_ampersand=False)[0]
    except EntityParseError:
        return re.sub(r"<[^>]*>", "", text)
