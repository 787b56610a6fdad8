"""The venue on the map ([event] venue_latitude, venue_longitude, venue_address): the pin sent after the invitation
card and the attendance reminders (Telegram's sendVenue opens the phone's maps)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import EventSettings


@dataclass(frozen=True)
class VenuePin:
    """What sendVenue needs."""

    latitude: float
    longitude: float
    title: str
    address: str


def venue_pin(event: EventSettings) -> VenuePin | None:
    """The pin when both coordinates are configured; the address falls back to the venue's name."""
    if event.venue_latitude is None or event.venue_longitude is None:
        return None
    return VenuePin(event.venue_latitude, event.venue_longitude, event.venue, event.venue_address or event.venue)
