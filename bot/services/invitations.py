"""Personal invitation links and binding Telegram accounts to delegates."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import Enum

from bot.clock import Clock
from bot.phones import InvalidPhone, normalize_phone
from storage.db import Database
from storage.models import Delegate, Event
from storage.repositories import UnitOfWork

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class LinkOutcome(Enum):
    """How an attempt to bind a Telegram account ended."""

    LINKED = "linked"
    ALREADY_LINKED = "already_linked"
    UNKNOWN_TOKEN = "unknown_token"
    REVOKED_TOKEN = "revoked_token"
    TOKEN_USED = "token_used"
    ACCOUNT_TAKEN = "account_taken"
    NOT_OWN_CONTACT = "not_own_contact"
    BAD_PHONE = "bad_phone"
    NO_MATCH = "no_match"
    PHONE_TAKEN = "phone_taken"
    WITHDRAWN = "withdrawn"


class MoveOutcome(Enum):
    """How an admin's move of a binding ended."""

    MOVED = "moved"
    STALE = "stale"
    ACCOUNT_TAKEN = "account_taken"


@dataclass(frozen=True)
class MoveResult:
    """The outcome and the delegate concerned (None if it no longer exists)."""

    outcome: MoveOutcome
    delegate: Delegate | None


@dataclass(frozen=True)
class LinkResult:
    """The outcome and the delegate concerned (the account's own delegate when ACCOUNT_TAKEN)."""

    outcome: LinkOutcome
    delegate: Delegate | None = None

    @property
    def linked(self) -> bool:
        """Whether the user is now bound to the delegate."""
        return self.outcome in (LinkOutcome.LINKED, LinkOutcome.ALREADY_LINKED)


def new_token() -> str:
    """An unguessable deep-link token: 192 random bits in 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


def deep_link(bot_username: str, token: str) -> str:
    """The personal link a delegate opens."""
    return f"https://t.me/{bot_username}?start={token}"


class InvitationService:
    """Tokens, links and account binding for one event."""

    def __init__(self, db: Database, clock: Clock, event: Event) -> None:
        self._db = db
        self._clock = clock
        self._event = event

    async def bind_by_token(self, user_id: int, token: str) -> LinkResult:
        """Bind the account that opened a personal link, if the rules allow it."""
        if not _TOKEN_SHAPE.match(token):
            return LinkResult(LinkOutcome.UNKNOWN_TOKEN)
        async with self._db.transaction() as uow:
            found = await uow.tokens.find(token)
            delegate = await uow.delegates.get(self._event.id, found.delegate_id) if found else None
            if found is None or delegate is None:
                return LinkResult(LinkOutcome.UNKNOWN_TOKEN)
            if delegate.withdrawn:
                return LinkResult(LinkOutcome.WITHDRAWN)
            current = await uow.delegates.by_user(self._event.id, user_id)
            if delegate.telegram_user_id == user_id:
                return LinkResult(LinkOutcome.ALREADY_LINKED, delegate)
            if not found.active:
                return LinkResult(LinkOutcome.REVOKED_TOKEN, delegate)
            if delegate.telegram_user_id is not None:
                await self._audit(uow, user_id, "link_refused_token_used", delegate)
                return LinkResult(LinkOutcome.TOKEN_USED, delegate)
            if current is not None:
                return LinkResult(LinkOutcome.ACCOUNT_TAKEN, current)
            return await self._link(uow, user_id, delegate, "linked_by_token")

    async def bind_by_contact(self, user_id: int, contact_user_id: int | None, phone: str) -> LinkResult:
        """Bind an account by the phone number its owner shared."""
        if contact_user_id != user_id:
            return LinkResult(LinkOutcome.NOT_OWN_CONTACT)
        try:
            normalised = normalize_phone(phone, country_code_included=True)
        except InvalidPhone:
            return LinkResult(LinkOutcome.BAD_PHONE)
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.by_phone(self._event.id, normalised)
            if delegate is None:
                return LinkResult(LinkOutcome.NO_MATCH)
            if delegate.telegram_user_id == user_id:
                return LinkResult(LinkOutcome.ALREADY_LINKED, delegate)
            if delegate.telegram_user_id is not None:
                await self._audit(uow, user_id, "link_refused_phone_taken", delegate)
                return LinkResult(LinkOutcome.PHONE_TAKEN, delegate)
            current = await uow.delegates.by_user(self._event.id, user_id)
            if current is not None:
                return LinkResult(LinkOutcome.ACCOUNT_TAKEN, current)
            return await self._link(uow, user_id, delegate, "linked_by_contact")

    async def move_binding(self, delegate_id: int, old_user_id: int, new_user_id: int, actor: int) -> MoveResult:
        """An admin's confirmed move of a delegate's binding from the account that opened the link first to the account
        that proved the phone (shared its own contact). Refused when the binding changed since the notice (stale) or the
        new account is bound to another delegate; audited."""
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.get(self._event.id, delegate_id)
            if delegate is None or delegate.withdrawn or delegate.telegram_user_id != old_user_id:
                return MoveResult(MoveOutcome.STALE, delegate)
            if await uow.delegates.by_user(self._event.id, new_user_id) is not None:
                return MoveResult(MoveOutcome.ACCOUNT_TAKEN, delegate)
            await uow.delegates.link(delegate.id, new_user_id, self._clock.now())
            await uow.audit.add(
                self._event.id,
                f"telegram:{actor}",
                "binding_moved",
                self._clock.now(),
                subject=delegate.code,
                detail={"from": old_user_id, "to": new_user_id},
            )
            moved = await uow.delegates.get(self._event.id, delegate.id)
        return MoveResult(MoveOutcome.MOVED, moved)

    async def delegate_of(self, user_id: int) -> Delegate | None:
        """The delegate bound to an account, if any."""
        async with self._db.read() as uow:
            return await uow.delegates.by_user(self._event.id, user_id)

    async def reissue(self, code: str, actor: str) -> tuple[Delegate, str] | None:
        """Revoke a delegate's link, unbind their account, and issue a new token; None if the code is unknown."""
        now = self._clock.now()
        async with self._db.transaction() as uow:
            delegate = await uow.delegates.by_code(self._event.id, code)
            if delegate is None:
                return None
            await uow.tokens.revoke_active(delegate.id, now)
            await uow.delegates.unlink(delegate.id)
            token = new_token()
            await uow.tokens.create(delegate.id, token, now)
            await uow.audit.add(self._event.id, actor, "invite_reissued", now, subject=delegate.code)
            refreshed = await uow.delegates.get(self._event.id, delegate.id)
        assert refreshed is not None
        return refreshed, token

    async def _link(self, uow: UnitOfWork, user_id: int, delegate: Delegate, action: str) -> LinkResult:
        now = self._clock.now()
        await uow.delegates.link(delegate.id, user_id, now)
        await self._audit(uow, user_id, action, delegate)
        linked = await uow.delegates.get(self._event.id, delegate.id)
        return LinkResult(LinkOutcome.LINKED, linked)

    async def _audit(self, uow: UnitOfWork, user_id: int, action: str, delegate: Delegate) -> None:
        await uow.audit.add(self._event.id, f"telegram:{user_id}", action, self._clock.now(), subject=delegate.code)
