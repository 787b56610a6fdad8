"""Running the bot for real: polling or webhook, as configured."""

from __future__ import annotations

import sys
from pathlib import Path

from telegram.error import TelegramError

from bot.app import build_application
from bot.config import Settings
from bot.i18n import plain
from bot.logging_setup import configure_logging, redact
from bot.routing import ALLOWED_UPDATES
from storage.db import DatabaseTooNew, refuse_newer
from storage.files import AlreadyRunning, RunLock


def run_bot(settings: Settings, language: str = "vi") -> int:
    """Block until stopped (Ctrl+C or SIGTERM); 1 with one redacted line when Telegram refuses to start."""
    secrets = [settings.telegram.token, settings.telegram.webhook.secret_token]
    configure_logging(secrets)
    lock = RunLock(Path(settings.database.path))
    try:
        refuse_newer(settings.database.path)  # before the lock file is created beside a database we must not touch
        lock.acquire()
    except AlreadyRunning:
        print(plain(language, "cli.already_running", path=settings.database.path), file=sys.stderr)
        return 1
    except DatabaseTooNew as error:
        print(database_too_new(error, language), file=sys.stderr)
        return 1
    try:
        _run(settings)
    except TelegramError as error:
        # InvalidToken's own text contains the token; never print it.
        print(plain(language, "cli.start_failed", reason=redact(error.message, secrets)), file=sys.stderr)
        return 1
    except DatabaseTooNew as error:
        print(database_too_new(error, language), file=sys.stderr)
        return 1
    finally:
        lock.release()
    return 0


def database_too_new(error: DatabaseTooNew, language: str) -> str:
    """The one line saying the database belongs to a newer release (both schema versions named)."""
    return plain(language, "cli.database_too_new", path=error.path, found=error.found, supported=error.supported)


def _run(settings: Settings) -> None:
    telegram = settings.telegram
    app = build_application(settings)
    if telegram.mode == "webhook":
        hook = telegram.webhook
        app.run_webhook(
            listen=hook.listen,
            port=hook.port,
            url_path=hook.path.lstrip("/"),
            webhook_url=hook.url,
            secret_token=hook.secret_token,
            allowed_updates=list(ALLOWED_UPDATES),
        )
    else:
        app.run_polling(allowed_updates=list(ALLOWED_UPDATES))
