"""Logging that never shows a secret, not even inside a traceback."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from telegram.error import TelegramError


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


def add_secret(secret: str) -> None:
    """Redact one more secret from now on in every log line (one known only after start-up: the hall screen's path)."""
    for handler in logging.getLogger().handlers:
        formatter = handler.formatter
        if secret and isinstance(formatter, RedactingFormatter) and secret not in formatter._secrets:
            formatter._secrets.append(secret)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file readable by its owner only (0600), also after each rotation."""

    def _open(self) -> Any:
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(
    secrets: Iterable[str],
    level: int | str = logging.INFO,
    file: Path | None = None,
    max_bytes: int = 5 * 1024 * 1024,
    backups: int = 5,
) -> None:
    """Log to stderr (and to a rotating file when given) with secrets redacted; keep HTTP request lines out.

    The log file is created 0600: log lines may name delegates and Telegram ids.
    """
    secrets = list(secrets)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(PrivateRotatingFileHandler(file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(RedactingFormatter(_FORMAT, secrets))
    root = logging.getLogger()
    for old in root.handlers:
        if old not in handlers:
            old.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


class NetworkErrorLog:
    """The polling error callback: one warning line per network error, repeats of the same error grouped.

    A repeat of the last error within `window` seconds is only counted; the count is logged with the next different
    error, or with the next repeat after the window ("… 14 more times in 60 s"). No traceback: these are not bugs.
    """

    def __init__(
        self, logger: logging.Logger | None = None, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._log = logger or logging.getLogger("bot.network")
        self._window, self._clock = window, clock
        self._last: str | None = None
        self._since = 0.0
        self._repeats = 0

    def __call__(self, error: TelegramError) -> None:
        """Log (or count) one polling error."""
        line = f"{type(error).__name__}: {error.message}"
        now = self._clock()
        if line == self._last and now - self._since < self._window:
            self._repeats += 1
            return
        self.flush()
        self._log.warning("Telegram unreachable while polling (%s); retrying", line)
        self._last, self._since = line, now

    def flush(self) -> None:
        """Log how many repeats were held back, if any."""
        if self._repeats:
            self._log.warning(
                "… the same error %d more times in %.0f s", self._repeats, max(1.0, self._clock() - self._since)
            )
        self._repeats = 0


POLLING_LOGGER = "telegram.ext.Updater"


class PollingErrorFilter(logging.Filter):
    """Turns python-telegram-bot's "Exception happened while polling" tracebacks into NetworkErrorLog lines.

    `Application.run_polling` takes no error callback, so the Updater logs every polling failure with a traceback;
    this filter (on the Updater's logger) hands TelegramErrors to a NetworkErrorLog and drops the record.
    """

    def __init__(self, errors: NetworkErrorLog | None = None) -> None:
        super().__init__()
        self.errors = errors or NetworkErrorLog()

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) for a polling TelegramError, after logging it as one line."""
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, TelegramError) and "while polling" in str(record.msg):
            self.errors(error)
            return False
        return True


def group_polling_errors(errors: NetworkErrorLog | None = None) -> PollingErrorFilter:
    """Install (once) the polling error filter on the Updater's logger."""
    logger = logging.getLogger(POLLING_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, PollingErrorFilter):
            logger.removeFilter(existing)
    installed = PollingErrorFilter(errors)
    logger.addFilter(installed)
    return installed
