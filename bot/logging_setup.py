"""Logging that never shows a secret, not even inside a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterable


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in text with ***."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class RedactSecrets(logging.Filter):
    """Replace every configured secret in a log record's message with *** (for handlers we do not format)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the rendered message (and drop args so nothing re-renders it)."""
        record.msg, record.args = redact(record.getMessage(), self._secrets), None
        return True


class RedactingFormatter(logging.Formatter):
    """Formats the whole record, traceback included, then redacts it: PTB puts the token in InvalidToken's text."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with secrets replaced."""
        return redact(super().format(record), self._secrets)


def configure_logging(secrets: Iterable[str], level: int = logging.INFO) -> None:
    """Log to stderr with secrets redacted; keep chatty HTTP request lines (which carry the token) out."""
    secrets = list(secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
