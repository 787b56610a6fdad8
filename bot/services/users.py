"""Per-account preferences: the language a person reads."""

from __future__ import annotations

from bot.clock import Clock
from bot.i18n import normalise_language
from storage.db import Database


class UserService:
    """Remembers each Telegram account's chosen language."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def language(self, user_id: int, app_language_code: str | None) -> str:
        """The chosen language, else the app's (from this update, or as last seen), else Vietnamese."""
        async with self._db.read() as uow:
            chosen, seen = await uow.users.languages(user_id)
        return chosen or (normalise_language(app_language_code) if app_language_code else seen) or "vi"

    async def remember_app_language(self, user_id: int, app_language_code: str | None) -> None:
        """Keep the app's language, so messages the bot starts (broadcasts, reminders) use it too."""
        language = normalise_language(app_language_code)
        async with self._db.transaction() as uow:
            await uow.users.remember_app_language(user_id, language, self._clock.now())

    async def set_language(self, user_id: int, language: str) -> str:
        """Store a choice of language; return the normalised one."""
        language = normalise_language(language)
        async with self._db.transaction() as uow:
            await uow.users.set_language(user_id, language, self._clock.now())
        return language
