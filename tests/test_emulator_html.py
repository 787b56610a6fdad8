"""The sandbox's HTML parse mode follows Telegram's parser (tdlib parse_html): texts, entities, errors."""

from __future__ import annotations

import pytest

from bot.sandbox.emulator.html_check import EntityParseError, parse_html, plain_text_of, trim_text


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("Xin chào <b", "Unclosed start tag at byte offset 10"),
        ("đ<font color=red>x</font>", 'Unsupported start tag "font" at byte offset 2'),
        ("a <br/> b", 'Unsupported start tag "br/" at byte offset 2'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<!-- note -->", 'Unsupported start tag "!--" at byte offset 0'),
        ("<b =x>y</b>", 'Empty attribute name in the tag "b" at byte offset 0'),
        ("<a href=  ", 'Unclosed start tag "a" at byte offset 0'),
        ("<a href=x/y>z</a>", "Unexpected end of name token at byte offset 8"),
        ('<a href="x>z</a>', "Unclosed start tag at byte offset 0"),
        ("ô</b>", "Unexpected end tag at byte offset 2"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b><i>x</i>", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "&#xD800;",
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units",
        ),
    ],
)
def test_errors_match_telegram(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(markup, strict_ampersand=False)
    assert str(caught.value) == error


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("&lt;&gt;&amp;&quot;", '<>&"'),
        ("&lt b&gt", "< b>"),  # the semicolon is optional
        ("&#7879;&#x1EC7;", "ệệ"),
        ("&nbsp;&ge;", "&nbsp;&ge;"),  # only four named entities exist for Telegram
        ("&#12345678;", "&#12345678;"),  # out of range stays literal
        ("A & B", "A & B"),
        ("a > b", "a > b"),
    ],
)
def test_entity_decoding_like_telegram(markup: str, text: str) -> None:
    assert parse_html(markup, strict_ampersand=False)[0] == text


def test_strict_ampersand_is_the_sandbox_default() -> None:
    with pytest.raises(EntityParseError, match='Unescaped "&" at byte offset 7'):
        parse_html("Sở Y & Tế")
    assert parse_html("Sở Y &amp; Tế")[0] == "Sở Y & Tế"


def test_entities_nesting_and_utf16_offsets() -> None:
    text, entities = parse_html("🏟 <i>a<b>ẹ</b></i><code>c</code>")
    assert text == "🏟 aẹc"
    assert entities == [
        {"type": "italic", "offset": 3, "length": 2},
        {"type": "bold", "offset": 4, "length": 1},
        {"type": "code", "offset": 5, "length": 1},
    ]


def test_end_tag_without_name_closes_the_open_tag_and_attributes_are_lenient() -> None:
    assert parse_html("<i>x</>")[1] == [{"type": "italic", "offset": 0, "length": 1}]
    assert parse_html("<i  foo  bar = baz>x</i  >")[1] == [{"type": "italic", "offset": 0, "length": 1}]
    assert parse_html("<b></b>x") == ("x", [])  # empty entities vanish


def test_pre_code_language_rules() -> None:
    merged = parse_html('<pre><code class="language-python">x = 1</code></pre>')[1]
    assert merged == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]
    partial = parse_html('<pre> <code class="language-python">x</code></pre>')[1]
    assert partial == [{"type": "pre", "offset": 0, "length": 2}, {"type": "code", "offset": 1, "length": 1}]
    plain_code = parse_html("<pre><code>x</code></pre>")[1]
    assert [e["type"] for e in plain_code] == ["pre", "code"]


def test_links_quotes_and_blockquotes() -> None:
    _, entities = parse_html("<a href='https://hoinghi.vn/?a=1&amp;b=2'>Đăng ký</a><a>không link</a>")
    assert entities == [{"type": "text_link", "offset": 0, "length": 7, "url": "https://hoinghi.vn/?a=1&b=2"}]
    _, quote = parse_html("<blockquote expandable>q</blockquote><blockquote>r</blockquote>")
    assert [e["type"] for e in quote] == ["expandable_blockquote", "blockquote"]


def test_trim_and_plain_text_helpers() -> None:
    text, entities = trim_text("  ab  ", [{"type": "bold", "offset": 0, "length": 4}])
    assert (text, entities) == ("ab", [{"type": "bold", "offset": 0, "length": 2}])
    assert plain_text_of("<b>x</b> &amp; y", "HTML") == "x & y"
    assert plain_text_of("<b>x</b>", None) == "<b>x</b>"
    assert plain_text_of("<b>broken", "HTML") == "broken"
