"""Small helpers every handler uses: the reader's language and safe replies."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from telegram import CallbackQuery, Message, Update
from telegram.constants import MessageLimit
from telegram.error import BadRequest, TelegramError

from bot.i18n import Markup
from bot.i18n.times import typed_format_hint
from bot.services.agenda import visible_length
from bot.telegram.context import BotContext
from bot.telegram.updates import claim_answer

log = logging.getLogger(__name__)


def fitting(
    render: Callable[[Sequence[str], int], str], lines: Sequence[str], limit: int = MessageLimit.MAX_TEXT_LENGTH
) -> int:
    """How many of `lines` fit: the largest n with render(lines[:n], len(lines) - n) within Telegram's limit.

    Lists of people and agencies grow with the roster (names of 120 characters, agencies of 200 are accepted) and
    Telegram refuses a message over 4096 characters: a list that grows with the data is cut through here and says
    how many it left out (tests/test_long_data.py).
    """
    shown = len(lines)
    while shown and visible_length(render(lines[:shown], len(lines) - shown)) > limit:
        shown -= 1
    return shown


async def language_of(update: Update, context: BotContext) -> str:
    """The language to answer this update's user in."""
    user = update.effective_user
    if user is None:
        return "vi"
    return await context.services.users.language(user.id, user.language_code)


async def edit_quietly(
    message: Message | None,
    context: BotContext,
    chat_id: int,
    message_id: int | None,
    text: str,
    reply_markup: object = None,
) -> None:
    """Edit a bot message, ignoring "not modified" and "not found" (the user may have deleted it)."""
    if message_id is None and message is None:
        return
    try:
        if message is not None:
            await message.edit_text(text, reply_markup=reply_markup)  # type: ignore[arg-type]
        else:
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=reply_markup)  # type: ignore[arg-type]
    except BadRequest as error:
        log.info("card not edited: %s", error.message)


async def answer_quietly(query: CallbackQuery, notice: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press once; a late ("query is too old") or failed answer must not abort the real work.

    The press may have been answered already (by `answer_first`, or by the update processor's deadline while the
    handler waited: bot/telegram/updates.py); then an alert is sent as a message so the person still reads it, and a short
    notice is dropped (the edited card says the same).
    """
    if not claim_answer(query):
        if notice and alert:
            try:
                await query.get_bot().send_message(query.from_user.id, notice)
            except TelegramError as error:
                log.info("late alert not sent: %s", error.message)
        elif notice:
            log.debug("notice after the press was answered dropped: %s", notice)
        return
    try:
        await query.answer(notice, show_alert=alert)
    except TelegramError as error:
        log.info("callback query not answered: %s", error.message)


async def answer_first(query: CallbackQuery) -> None:
    """Answer a press at once, before the work (its spinner stops whatever waits next)."""
    await answer_quietly(query)


def typed_format(context: BotContext, language: str) -> Markup:
    """The one description of what to type for a time, with an example an hour or so from now (HTML-safe)."""
    return Markup(typed_format_hint(language, context.services.broadcasts.time_example()))
