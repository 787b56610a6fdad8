"""Telegram's command menus: the delegate menu by app language, and one menu per role member in their language.

Telegram picks a chat's menu first from the chat scope, then the default scope for the app's language: a role member
gets a chat-scoped menu (their roles' commands, in the language they chose or their app's language), refreshed
at start-up, when they send /start and when they change language. Someone who never opened the bot has no chat
yet: their menu follows their first /start (the start-up report warns about organizers in that state).
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import text
from bot.services import Services
from bot.telegram.commands import DELEGATE_COMMANDS, menu, role_commands
from bot.telegram.roles import Roles

log = logging.getLogger(__name__)


def _commands(language: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, text(language, f"command.{name}")) for name in names]


async def set_default_menus(bot: Bot) -> None:
    """The delegate menu, in Vietnamese (default) and English (apps set to English)."""
    for language, code in (("vi", None), ("en", "en")):
        await bot.set_my_commands(_commands(language, DELEGATE_COMMANDS), language_code=code)


async def refresh_menu(bot: Bot, services: Services, roles: Roles, user_id: int) -> bool:
    """Set a role member's own menu in their language; False when Telegram refused (e.g. never opened the bot)."""
    held = roles.of(user_id)
    if not role_commands(held):
        return False
    language = await services.users.language(user_id, None)
    try:
        await bot.set_my_commands(_commands(language, menu(held)), scope=BotCommandScopeChat(user_id))
    except TelegramError as error:
        log.info("no command menu for %s yet: %s", user_id, error.message)
        return False
    return True


async def set_role_menus(bot: Bot, services: Services, roles: Roles) -> None:
    """Every role member's menu (at start-up)."""
    members = sorted({user_id for name in roles.names for user_id in roles.members(name)})
    for user_id in members:
        await refresh_menu(bot, services, roles, user_id)
