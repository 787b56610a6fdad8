"""Who may work the door and the hall: staff (and admins), and moderators of the questions.

Temporary until the roles module lands: the gates engineer's module replaces these two functions.
"""

from __future__ import annotations

from bot.services import Services


def is_staff(services: Services, user_id: int | None) -> bool:
    """Check-in staff at the door, or an admin."""
    return user_id is not None and (services.is_organizer(user_id) or user_id in services.settings.telegram.staff)


def is_moderator(services: Services, user_id: int | None) -> bool:
    """Admins, and staff marked as moderators in [conference_day] moderators."""
    return user_id is not None and (
        services.is_organizer(user_id) or user_id in services.settings.conference_day.moderators
    )
