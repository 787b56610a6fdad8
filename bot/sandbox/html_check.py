"""Telegram's HTML parse mode: turns marked-up text into plain text + entities, or fails like Telegram."""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass, field
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
_CHAR_REF = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{0,31});")
_ATTR_NAME = re.compile(r"[a-zA-Z0-9_-]+")
_UNQUOTED_VALUE = re.compile(r"[^\s>\"']*")


class EntityParseError(ValueError):
    """Raised with Telegram's description text when the markup cannot be parsed."""


@dataclass
class _Open:
    """A start tag waiting for its end tag."""

    tag: str
    attrs: dict[str, str]
    start: int
    extra: dict[str, str] = field(default_factory=dict)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of a character index (Telegram reports byte offsets)."""
    return len(text[:index].encode("utf-8"))


def _decode_ref(name: str) -> str | None:
    """Decode the inside of &...; or return None if Telegram would not know it."""
    if name.startswith(("#x", "#X")):
        code = int(name[2:], 16)
    elif name.startswith("#"):
        code = int(name[1:])
    else:
        if name in _NAMED:
            return _NAMED[name]
        value = html.entities.html5.get(name + ";")
        return value
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _parse_attrs(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse attributes of a start tag from index i; return them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        if text[i] == ">":
            return attrs, i + 1
        if text[i] == "/" and i + 1 < n and text[i + 1] == ">":
            return attrs, i + 2
        match = _ATTR_NAME.match(text, i)
        if not match:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        name = match.group(0).lower()
        i = match.end()
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "=":
            if i < n and text[i] in ">/" or (i < n and _ATTR_NAME.match(text, i)):
                attrs[name] = ""
                continue
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {_byte_offset(text, begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end == -1:
                raise EntityParseError(
                    f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            raw_value, i = text[i + 1 : end], end + 1
        else:
            value_match = _UNQUOTED_VALUE.match(text, i)
            raw_value = value_match.group(0) if value_match else ""
            i += len(raw_value)
        attrs[name] = _CHAR_REF.sub(lambda m: _decode_ref(m.group(1)) or m.group(0), raw_value)


def _close_entity(opened: _Open, end: int, stack: list[_Open], entities: list[JSONDict]) -> None:
    """Turn a closed tag into an entity (or fold it into its parent, for <pre><code class>)."""
    length = end - opened.start
    kind = _ENTITY_TYPES[opened.tag]
    entity: JSONDict = {"type": kind, "offset": opened.start, "length": length}
    if opened.tag == "code" and stack and stack[-1].tag == "pre":
        language = opened.attrs.get("class", "")
        if language.startswith("language-") and stack[-1].start == opened.start:
            stack[-1].extra["language"] = language.removeprefix("language-")
            return
    if opened.tag == "a":
        href = opened.attrs.get("href", "")
        if not href:
            return
        entity["url"] = href
    elif opened.tag == "pre" and "language" in opened.extra:
        entity["language"] = opened.extra["language"]
    elif opened.tag == "blockquote" and "expandable" in opened.attrs:
        entity["type"] = "expandable_blockquote"
    elif opened.tag == "tg-emoji":
        entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
    if length > 0:
        entities.append(entity)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into (plain text, entities); raise EntityParseError with Telegram's text."""
    out: list[str] = []
    pos = 0  # UTF-16 offset in the plain text built so far
    stack: list[_Open] = []
    entities: list[JSONDict] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            match = _CHAR_REF.match(text, i)
            decoded = _decode_ref(match.group(1)) if match else None
            if match and decoded is not None:
                out.append(decoded)
                pos += utf16_len(decoded)
                i = match.end()
                continue
            if strict_ampersand:
                # Real Telegram keeps an unknown "&" literally; the sandbox is stricter on purpose.
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}; use "&amp;"'
                )
            out.append("&")
            pos += 1
            i += 1
            continue
        if char != "<":
            out.append(char)
            pos += utf16_len(char)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            end = text.find(">", i)
            if end == -1:
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            name = text[i + 1 : end].strip().lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            opened = stack.pop()
            if name != opened.tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{opened.tag}>", found "</{name}>"'
                )
            _close_entity(opened, pos, stack, entities)
            i = end + 1
            continue
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in ">/":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[name_start:i].lower()
        if tag not in _ENTITY_TYPES:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs, i = _parse_attrs(text, i, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
            )
        stack.append(_Open(tag=tag, attrs=attrs, start=pos))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


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
