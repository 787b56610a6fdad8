"""Identity: a delegate proved their phone (shared their own contact) but their link was opened first by another
account. Organizers are told with both accounts; an admin moves the binding with one tap and a confirmation
(audited); the delegate was told the organizers will contact them (handlers/start.py)."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.i18n import text
from bot.services.invitations import MoveOutcome
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, language_of
from storage.models import Delegate

log = logging.getLogger(__name__)

MOVE = Button("idn:mv:{id}:{old}:{new}", id=ID, old=ID, new=ID)
CONFIRM = Button("idn:ok:{id}:{old}:{new}", id=ID, old=ID, new=ID)


def _keyboard(button: Button, label: str, delegate_id: int, old: int, new: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=button.data(id=delegate_id, old=old, new=new))]]
    )


async def notify_conflict(context: BotContext, delegate: Delegate, update: Update) -> None:
    """Tell every admin: both accounts, and a button to move the binding to the one that proved the phone."""
    user = update.effective_user
    assert user is not None and delegate.telegram_user_id is not None
    old = delegate.telegram_user_id
    for organizer_id in sorted(roles_of(context.application).members(ADMIN)):
        language = await context.services.users.language(organizer_id, None)
        notice = text(
            language,
            "identity.conflict",
            full_name=delegate.full_name,
            code=delegate.code,
            agency=delegate.agency,
            user=user.full_name,
            user_id=user.id,
            old_id=old,
        )
        keyboard = _keyboard(MOVE, text(language, "identity.button.move"), delegate.id, old, user.id)
        try:
            await context.bot.send_message(organizer_id, notice, reply_markup=keyboard)
        except TelegramError as error:
            log.warning("could not notify organizer %s: %s", organizer_id, error.message)


async def ask(update: Update, context: BotContext) -> None:
    """The admin tapped "move": ask for the confirmation, naming both accounts."""
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_user is not None
    language = await language_of(update, context)
    delegate_id, old, new = (int(context.match[k]) for k in ("id", "old", "new"))
    details = await context.services.roster.details(delegate_id)
    await answer_quietly(query)
    if details is None:
        return
    delegate = details[0]
    await context.bot.send_message(
        update.effective_user.id,
        text(language, "identity.confirm", full_name=delegate.full_name, code=delegate.code, old_id=old, new_id=new),
        reply_markup=_keyboard(CONFIRM, text(language, "identity.button.confirm"), delegate_id, old, new),
    )


async def confirm(update: Update, context: BotContext) -> None:
    """The admin confirmed: move the binding (audited), tell the admin and the delegate's new account."""
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_user is not None
    language = await language_of(update, context)
    delegate_id, old, new = (int(context.match[k]) for k in ("id", "old", "new"))
    result = await context.services.invitations.move_binding(delegate_id, old, new, actor=update.effective_user.id)
    await answer_quietly(query)
    delegate = result.delegate
    if result.outcome is not MoveOutcome.MOVED or delegate is None:
        key = "identity.stale" if result.outcome is MoveOutcome.STALE else "identity.account_taken"
        await context.bot.send_message(update.effective_user.id, text(language, key, new_id=new))
        return
    await context.bot.send_message(
        update.effective_user.id,
        text(language, "identity.moved", full_name=delegate.full_name, code=delegate.code, new_id=new),
    )
    delegate_language = await context.services.users.language(new, None)
    try:
        await context.bot.send_message(
            new, text(delegate_language, "identity.moved_delegate", full_name=delegate.full_name)
        )
    except TelegramError as error:
        log.warning("could not tell account %s that it is linked: %s", new, error.message)


def register(app: Application) -> None:
    """The two admin buttons."""
    roles = roles_of(app)
    app.add_handler(roles.button(MOVE, ask, ADMIN))
    app.add_handler(roles.button(CONFIRM, confirm, ADMIN))
