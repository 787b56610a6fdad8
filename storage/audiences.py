"""Who is in an audience, in SQL: the one mapping every query that targets delegates uses (broadcasts, reminders).

The fragment is a condition over ``delegates d LEFT JOIN rsvps r ON r.delegate_id = d.id`` (`AUDIENCE_FROM`).
Withdrawn delegates (``d.withdrawn_at``) are in no audience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

AUDIENCE_FROM: Final = "delegates d LEFT JOIN rsvps r ON r.delegate_id = d.id"

_CONDITIONS: Final[dict[str, str]] = {
    "all": "1 = 1",
    "attending": "r.status IN ('attending', 'substitute')",
    "unanswered": "r.delegate_id IS NULL",
    "declined": "r.status = 'declined'",
    "no_proposals": "NOT EXISTS (SELECT 1 FROM proposals p WHERE p.delegate_id = d.id AND p.withdrawn_at IS NULL)",
}
AUDIENCE_NAMES: Final = (*_CONDITIONS, "agencies")


def audience_condition(audience: str) -> str:
    """The bare condition of a named audience (for aggregates such as SUM(...) over `AUDIENCE_FROM`)."""
    try:
        return _CONDITIONS[audience]
    except KeyError:
        raise ValueError(f"unknown audience {audience!r}; audiences: {', '.join(AUDIENCE_NAMES)}") from None


def audience_where(event_id: int, audience: str, agencies: Sequence[str] = ()) -> tuple[str, tuple[object, ...]]:
    """The WHERE condition (without "WHERE") and its parameters for the delegates of one event in an audience.

    ``agencies`` is for the "agencies" audience: delegates of those agencies (none when empty).
    """
    base = "d.event_id = ? AND d.withdrawn_at IS NULL"
    if audience == "agencies":
        if not agencies:
            return f"{base} AND 0 = 1", (event_id,)
        return f"{base} AND d.agency IN ({', '.join('?' for _ in agencies)})", (event_id, *agencies)
    return f"{base} AND {audience_condition(audience)}", (event_id,)
