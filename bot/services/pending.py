"""Which question a user is in the middle of answering, shared by every flow that reads typed text."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import Clock
from storage.db import Database
from storage.models import PendingInput


class PendingService:
    """Reads and clears the one pending question per user and event (kinds are "<area>.<step>")."""

    def __init__(self, db: Database, clock: Clock, event_id: int) -> None:
        self._db = db
        self._clock = clock
        self._event_id = event_id

    async def get(self, user_id: int) -> PendingInput | None:
        """The user's pending question, if any."""
        async with self._db.read() as uow:
            return await uow.pending.get(self._event_id, user_id)

    async def put(self, user_id: int, kind: str, data: dict[str, str]) -> None:
        """Wait for the user's next text as the answer to kind."""
        async with self._db.transaction() as uow:
            await uow.pending.put(self._event_id, user_id, kind, data, self._clock.now())

    async def update(
        self, user_id: int, fn: Callable[[PendingInput | None], tuple[str, dict[str, str]] | None]
    ) -> PendingInput | None:
        """Read-modify-write in one transaction: fn gets the pending question (or None) and returns the (kind, data)
        to store, or None to leave it as it is; return what is stored afterwards.

        Updates run concurrently, so two quick button presses must not each read, then overwrite, the other's change.
        fn runs inside the transaction: keep it a pure function of its argument.
        """
        async with self._db.transaction() as uow:
            current = await uow.pending.get(self._event_id, user_id)
            change = fn(current)
            if change is None:
                return current
            kind, data = change
            await uow.pending.put(self._event_id, user_id, kind, data, self._clock.now())
            return await uow.pending.get(self._event_id, user_id)

    async def clear(self, user_id: int) -> None:
        """Stop waiting for the user's text."""
        async with self._db.transaction() as uow:
            await uow.pending.clear(self._event_id, user_id)


def area_of(kind: str) -> str:
    """ "rsvp" from "rsvp.decline_reason"."""
    return kind.split(".", 1)[0]
