"""The message catalogue: same keys and placeholders in both languages, and escaping of user text."""

from __future__ import annotations

from bot.i18n import LANGUAGES, Markup, normalise_language, placeholders, text


def test_both_languages_have_the_same_keys() -> None:
    vi, en = LANGUAGES["vi"], LANGUAGES["en"]
    assert set(vi) - set(en) == set()
    assert set(en) - set(vi) == set()


def test_both_languages_use_the_same_placeholders() -> None:
    vi, en = LANGUAGES["vi"], LANGUAGES["en"]
    mismatched = {
        key: (placeholders(vi[key]), placeholders(en[key]))
        for key in vi
        if placeholders(vi[key]) != placeholders(en[key])
    }
    assert mismatched == {}


def test_user_text_is_escaped_but_markup_is_not() -> None:
    rendered = text("vi", "answer.declined_reason", reason="<b>ốm</b> & mệt")
    assert "&lt;b&gt;ốm&lt;/b&gt; &amp; mệt" in rendered
    assert "<b>" not in rendered
    assert text("vi", "card.answered", answer=Markup("<b>x</b>"), rsvp_deadline="1").count("<b>x</b>") == 1


def test_language_defaults_to_vietnamese_and_follows_english_apps() -> None:
    assert normalise_language(None) == "vi"
    assert normalise_language("fr") == "vi"
    assert normalise_language("en-GB") == "en"
    assert text("en", "language.set") != text("vi", "language.set")
