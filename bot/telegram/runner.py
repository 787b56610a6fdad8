"""Running the bot for real: polling or webhook, as configured.

Start-up waits for Telegram: while it (or the network) is unreachable, one line per attempt with a growing pause
(1, 2, 4 … 60 s), never a traceback. A token Telegram refuses stops at once with one redacted line.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.config import Settings
from bot.i18n import plain
from bot.telegram.app import build_application
from bot.telegram.logging_setup import configure_logging, group_polling_errors, redact
from bot.telegram.routing import ALLOWED_UPDATES
from storage.db import DatabaseTooNew, SqliteTooOld, refuse_newer
from storage.files import AlreadyRunning, RunLock

log = logging.getLogger("bot.telegram.runner")

MAX_PAUSE = 60.0


def run_bot(
    settings: Settings,
    language: str = "vi",
    *,
    max_attempts: int | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    build: Callable[[Settings], Application] = build_application,
) -> int:
    """Block until stopped (Ctrl+C or SIGTERM); 1 with one redacted line when Telegram refuses to start.

    build: how the Application is made (the sandbox gives the bot its clock: bot/sandbox/bot_run.py).
    """
    secrets = [settings.telegram.token, settings.telegram.webhook.secret_token, settings.hall_screen.path]
    logs = settings.logging
    configure_logging(secrets, logs.level, logs.file, logs.max_bytes, logs.backups)
    lock = RunLock(Path(settings.database.path))
    try:
        refuse_newer(settings.database.path)  # before the lock file is created beside a database we must not touch
        lock.acquire()
    except AlreadyRunning:
        print(plain(language, "cli.already_running", path=settings.database.path), file=sys.stderr)
        return 1
    except (DatabaseTooNew, SqliteTooOld) as error:
        print(database_too_new(error, language), file=sys.stderr)
        return 1
    try:
        asyncio.run(reach_telegram(settings, language, max_attempts=max_attempts, sleep=sleep))
        _run(settings, build)
    except TelegramError as error:
        # InvalidToken's own text contains the token; never print it.
        print(plain(language, "cli.start_failed", reason=redact(error.message, secrets)), file=sys.stderr)
        return 1
    except (DatabaseTooNew, SqliteTooOld) as error:
        print(database_too_new(error, language), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        lock.release()
    return 0


def database_too_new(error: DatabaseTooNew | SqliteTooOld, language: str) -> str:
    """The one line saying the database belongs to a newer release (both schema versions named), or that this
    Python's SQLite is too old (both versions named)."""
    if isinstance(error, SqliteTooOld):
        return plain(language, "cli.sqlite_too_old", found=error.found, needed=error.needed)
    return plain(language, "cli.database_too_new", path=error.path, found=error.found, supported=error.supported)


async def reach_telegram(
    settings: Settings,
    language: str = "vi",
    *,
    max_attempts: int | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> str:
    """Call getMe until Telegram answers; return the bot's username. Network trouble is retried with back-off."""
    from telegram import Bot

    telegram = settings.telegram
    pause, attempt = 1.0, 0
    while True:
        attempt += 1
        try:
            async with Bot(telegram.token, base_url=telegram.base_url, base_file_url=telegram.base_file_url) as bot:
                return bot.username
        except InvalidToken:
            raise
        except NetworkError as error:
            if max_attempts is not None and attempt >= max_attempts:
                raise
            reason = redact(error.message, [telegram.token])
            log.warning("Telegram unreachable at start-up (attempt %d): %s; next try in %d s", attempt, reason, pause)
            await sleep(pause)
            pause = min(MAX_PAUSE, pause * 2)


def _run(settings: Settings, build: Callable[[Settings], Application] = build_application) -> None:
    telegram = settings.telegram
    app = build(settings)
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
        group_polling_errors()  # run_polling takes no error callback: its traceback lines become one line each
        app.run_polling(allowed_updates=list(ALLOWED_UPDATES))
