"""The message catalogue: every user-facing text, in Vietnamese (default) and English."""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from typing import Protocol

from bot.i18n.en import MESSAGES as EN
from bot.i18n.vi import MESSAGES as VI

DEFAULT_LANGUAGE = "vi"
LANGUAGES: dict[str, Mapping[str, str]] = {"vi": VI, "en": EN}


class ContactPerson(Protocol):
    """The board's contact person ([event] contact): a name and a phone number as written in the config."""

    @property
    def name(self) -> str: ...

    @property
    def phone(self) -> str: ...


class Markup(str):
    """A string already safe for Telegram HTML; it is not escaped again."""


def _escape(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    return html.escape(str(value), quote=False)


def normalise_language(code: str | None) -> str:
    """Map a stored choice or Telegram language_code to a catalogue language."""
    if code and code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def text(language: str, key: str, **params: object) -> str:
    """Render a catalogue text as Telegram HTML; every parameter is HTML-escaped unless it is Markup."""
    template = LANGUAGES.get(language, VI).get(key) or VI[key]
    return template.format(**{name: _escape(value) for name, value in params.items()})


def plain(language: str, key: str, **params: object) -> str:
    """Render a catalogue text for a terminal (no escaping, no HTML)."""
    template = LANGUAGES.get(language, VI).get(key) or VI[key]
    return template.format(**{name: str(value) for name, value in params.items()})


def placeholders(template: str) -> set[str]:
    """The named placeholders used in a template."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def contact_note(language: str, contact: ContactPerson | None) -> Markup:
    """ " (đồng chí Nguyễn Văn An, điện thoại 0912 345 678)" after "liên hệ Ban Tổ chức"; empty without a contact."""
    if contact is None:
        return Markup("")
    return Markup(text(language, "contact.person", name=contact.name, phone=contact.phone))


# Time formatting lives in bot.i18n.times (it renders through the catalogue above).
from bot.i18n.times import format_local as format_local  # noqa: E402
from bot.i18n.times import format_local_date as format_local_date  # noqa: E402
from bot.i18n.times import sentence_time as sentence_time  # noqa: E402
