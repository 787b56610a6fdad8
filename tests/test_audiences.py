"""The audience -> SQL mapping lives in one place (storage/audiences.py): broadcasts and reminders see the same people."""

from __future__ import annotations

import pytest

from storage.audiences import audience_where
from tests.support.harness import Harness


async def _ids(h: Harness, audience: str) -> tuple[list[int], list[int]]:
    """(delegate ids a broadcast reaches, delegate ids a reminder reaches) for one audience — linked people only."""
    event_id = h.services.event.id
    async with h.services.db.read() as uow:
        broadcast = await uow.broadcasts.recipients(event_id, audience, ())  # type: ignore[arg-type]
        reminder, _ = await uow.reminders.recipients(event_id, audience)
    return sorted(r[0] for r in broadcast if r[1]), sorted(r.delegate_id for r in reminder)


async def test_broadcasts_and_reminders_target_the_same_people(harness: Harness) -> None:
    ids = {}
    for user_id, code in ((101, "DB001"), (102, "DB002"), (103, "DB003")):
        await harness.open_link(user_id, code)
        delegate = await harness.services.invitations.delegate_of(user_id)
        assert delegate is not None
        ids[code] = delegate.id
    await harness.services.rsvp.choose(101, ids["DB001"], "attend", None)
    await harness.services.rsvp.choose(102, ids["DB002"], "decline", None)
    expected = {
        "all": sorted(ids.values()),
        "attending": [ids["DB001"]],
        "declined": [ids["DB002"]],
        "unanswered": [ids["DB003"]],
    }
    for audience, people in expected.items():
        assert await _ids(harness, audience) == (people, people), audience
    await harness.services.roster.withdraw("test", code="DB003")
    assert await _ids(harness, "unanswered") == ([], [])
    assert await _ids(harness, "all") == ([ids["DB001"], ids["DB002"]],) * 2


def test_agencies_and_unknown_audiences() -> None:
    assert audience_where(7, "agencies", ()) == ("d.event_id = ? AND d.withdrawn_at IS NULL AND 0 = 1", (7,))
    condition, params = audience_where(7, "agencies", ("Sở Y tế", "Sở Nội vụ"))
    assert condition.endswith("d.agency IN (?, ?)") and params == (7, "Sở Y tế", "Sở Nội vụ")
    with pytest.raises(ValueError, match="unknown audience 'everyone'"):
        audience_where(7, "everyone")
