"""The message catalogue: every user-facing text, in Vietnamese (default) and English."""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n.en import MESSAGES as EN
from bot.i18n.vi import MESSAGES as VI

DEFAULT_LANGUAGE = "vi"
LANGUAGES: dict[str, Mapping[str, str]] = {"vi": VI, "en": EN}


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


def format_local(moment: datetime, timezone: str) -> str:
    """Show a moment in the event's time zone as dd/mm/yyyy HH:MM."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d/%m/%Y %H:%M")


def format_local_date(moment: datetime, timezone: str) -> str:
    """Show the day of a moment in the event's time zone as dd/mm/yyyy."""
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d/%m/%Y")
