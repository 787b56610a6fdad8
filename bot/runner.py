"""Running the bot for real: polling or webhook, as configured."""

from __future__ import annotations

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.logging_setup import configure_logging


def run_bot(settings: Settings) -> None:
    """Block until stopped (Ctrl+C or SIGTERM)."""
    telegram = settings.telegram
    configure_logging([telegram.token, telegram.webhook.secret_token])
    app = build_application(settings)
    if telegram.mode == "webhook":
        hook = telegram.webhook
        app.run_webhook(
            listen=hook.listen, port=hook.port, url_path=hook.path.lstrip("/"),
            webhook_url=hook.url, secret_token=hook.secret_token, allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
