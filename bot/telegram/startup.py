"""The start-up line and the warnings for settings that are legal but probably wrong (logs are in English)."""

from __future__ import annotations

import logging

from bot.services import Services

log = logging.getLogger("bot.telegram.startup")


def staff_ids(services: Services) -> frozenset[int]:
    """Configured staff accounts ([telegram] staff, when that setting exists)."""
    return frozenset(getattr(services.settings.telegram, "staff", ()) or ())


async def startup_report(services: Services, username: str, *, webhook_url: str | None = None) -> list[str]:
    """Log one line with what is running, then one warning per suspicious setting; return the warnings."""
    settings = services.settings
    telegram = settings.telegram
    event = services.event
    mode = "polling" if telegram.mode == "polling" else f"webhook {webhook_url or telegram.webhook.url}"
    async with services.db.read() as uow:
        schema = await uow.overview.schema_version()
        delegates = await uow.overview.delegate_count(event.id)
        others = await uow.overview.other_events_with_delegates(event.id)
        agencies = await uow.overview.agencies(event.id)
        known = await uow.overview.known_users(telegram.organizers)
        reminders = await uow.overview.reminders_scheduled(event.id)
        broadcasts = await uow.overview.broadcasts_pending(event.id)
    log.info(
        "started @%s · %s · database %s (schema %d) · event %s: %d delegates, %d organizers, %d staff"
        " · %d reminders scheduled · %d broadcasts pending",
        username,
        mode,
        settings.database.path,
        schema,
        event.code,
        delegates,
        len(telegram.organizers),
        len(staff_ids(services)),
        reminders,
        broadcasts,
    )
    warnings = []
    if delegates == 0 and others:
        listed = ", ".join(f'"{code}" ({count})' for code, count in others)
        warnings.append(
            f'[event] code "{event.code}" has no delegates, but this database holds other events with delegates: '
            f"{listed}. Was the code changed by mistake?"
        )
    if delegates:
        for agency, user_id in settings.reminders.agency_contacts:
            if agency not in agencies:
                warnings.append(
                    f'[reminders.agency_contacts] "{agency}" (contact {user_id}) is the agency of nobody on the roster:'
                    " check the spelling against the roster's agency column."
                )
    for organizer in sorted(telegram.organizers - known):
        warnings.append(
            f"organizer {organizer} has never opened the bot: they have no command menu yet (ask them to send /start)."
        )
    for warning in warnings:
        log.warning(warning)
    return warnings
