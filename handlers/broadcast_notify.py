"""Tells the organizer who created a broadcast how it goes: the progress card and the final report."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError

from bot.services import Services
from bot.services.delivery import Progress
from handlers.broadcast_views import progress_text, report_keyboard, report_text, stop_keyboard
from storage.broadcast_models import Broadcast

log = logging.getLogger(__name__)


class TelegramNotifier:
    """The engine's Notifier over the application's (rate-limited, interactive) bot."""

    def __init__(self, bot: Bot, services: Services, busy: Callable[[], bool] = lambda: False) -> None:
        """busy() is true while replies to people are queued (bot/telegram/updates.py): progress edits then wait a tick."""
        self._bot = bot
        self._services = services
        self._busy = busy

    async def _language(self, broadcast: Broadcast) -> str:
        return await self._services.users.language(broadcast.created_by, None)

    async def started(self, broadcast: Broadcast, progress: Progress) -> None:
        """Send a new progress card (also when resuming after a restart)."""
        language = await self._language(broadcast)
        card = await self._bot.send_message(
            broadcast.created_by,
            progress_text(language, broadcast, progress),
            reply_markup=stop_keyboard(language, broadcast.id),
        )
        await self._services.broadcasts.set_progress_message(broadcast.id, card.message_id)

    async def progress(self, broadcast: Broadcast, progress: Progress) -> None:
        """Edit the progress card."""
        if broadcast.progress_message_id is None:
            return
        if self._busy():
            return  # deferrable: replies first; the next tick (or the final report) shows the count
        language = await self._language(broadcast)
        try:
            await self._bot.edit_message_text(
                progress_text(language, broadcast, progress),
                chat_id=broadcast.created_by,
                message_id=broadcast.progress_message_id,
                reply_markup=stop_keyboard(language, broadcast.id),
            )
        except TelegramError as error:
            log.info("progress card not edited: %s", error.message)

    async def finished(self, broadcast: Broadcast) -> None:
        """Remove the Stop button and send the report."""
        language = await self._language(broadcast)
        if broadcast.progress_message_id is not None:
            try:
                await self._bot.edit_message_reply_markup(broadcast.created_by, broadcast.progress_message_id)
            except TelegramError as error:
                log.info("progress card not closed: %s", error.message)
        await send_report(self._bot, self._services, broadcast.created_by, language, broadcast.id)


async def send_report(bot: Bot, services: Services, chat_id: int, language: str, broadcast_id: int) -> None:
    """The report with the call-list and resend buttons."""
    report = await services.broadcasts.report(broadcast_id)
    if report is not None:
        await bot.send_message(chat_id, report_text(language, report), reply_markup=report_keyboard(language, report))
