"""Runs broadcasts inside the Application: the delivery engine's life cycle and JobQueue jobs for scheduled ones."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.ext import Application, JobQueue

from bot.context import BotContext, BotData
from bot.i18n import text
from bot.services import Services
from bot.services.broadcasts import Decision
from bot.services.delivery import DeliveryEngine, EngineOptions
from bot.telegram_sender import TelegramSender, broadcast_bot
from handlers.broadcast_notify import TelegramNotifier
from storage.broadcast_models import Broadcast

log = logging.getLogger(__name__)
# A scheduled job that fires late (event loop busy, machine asleep) must still run: never skip it silently.
MISFIRE_GRACE_SECONDS = 7 * 24 * 3600


def job_name(broadcast_id: int) -> str:
    """The deterministic name and id of a scheduled broadcast's job."""
    return f"broadcast:{broadcast_id}"


async def start_delivery(app: Application) -> None:
    """Build the engine over its own Bot (no rate limiter), recover interrupted rows, start it, restore schedules."""
    bot_data: BotData = app.bot_data
    services = bot_data.services
    assert services is not None
    settings = services.settings.broadcast
    sender = TelegramSender(broadcast_bot(services.settings))
    await sender.start()
    options = EngineOptions(
        rate_per_second=settings.rate_per_second,
        max_in_flight=settings.max_in_flight,
        progress_interval=settings.progress_interval,
        budget=bot_data.send_budget,
        paid=settings.paid,
    )
    # Paid broadcasts (allow_paid_broadcast) only for the broadcasts themselves; reminders use the free sender.
    engine_sender = sender.paid() if settings.paid else sender
    engine = DeliveryEngine(
        services.db, services.clock, services.event, engine_sender, TelegramNotifier(app.bot, services), options
    )
    bot_data.delivery = engine
    bot_data.delivery_sender = sender
    interrupted = await engine.start()
    if interrupted:
        log.warning("%d broadcast deliveries were in flight at the last stop; recorded as unknown", interrupted)
    await restore_schedules(app, services)


async def stop_delivery(app: Application) -> None:
    """Stop the engine (unsent rows stay pending) and close its Bot."""
    bot_data: BotData = app.bot_data
    if bot_data.delivery is not None:
        await bot_data.delivery.stop()
        bot_data.delivery = None
    if bot_data.delivery_sender is not None:
        await bot_data.delivery_sender.close()
        bot_data.delivery_sender = None


async def restore_schedules(app: Application, services: Services) -> None:
    """Re-create a job for each scheduled broadcast; one whose time already passed is queued at once."""
    for broadcast in await services.broadcasts.scheduled():
        assert broadcast.scheduled_for is not None
        if broadcast.scheduled_for <= services.clock.now():
            await _release(app, services, broadcast.id)
        else:
            schedule_job(app.job_queue, services, broadcast)


def schedule_job(job_queue: JobQueue | None, services: Services, broadcast: Broadcast) -> None:
    """(Re)place the one job that queues this broadcast at its time (delay measured on the injected clock)."""
    assert job_queue is not None and broadcast.scheduled_for is not None
    delay = max(broadcast.scheduled_for - services.clock.now(), timedelta(0))
    name = job_name(broadcast.id)
    job_queue.run_once(
        _on_time,
        delay,
        data=broadcast.id,
        name=name,
        job_kwargs={"misfire_grace_time": MISFIRE_GRACE_SECONDS, "replace_existing": True, "id": name},
    )


def unschedule(job_queue: JobQueue | None, broadcast_id: int) -> None:
    """Remove a cancelled broadcast's job, if any."""
    if job_queue is None:
        return
    for job in job_queue.get_jobs_by_name(job_name(broadcast_id)):
        job.schedule_removal()


async def _on_time(context: BotContext) -> None:
    """The job: queue the broadcast and wake the engine."""
    assert context.job is not None
    await _release(context.application, context.services, int(context.job.data))  # type: ignore[arg-type]


async def _release(app: Application, services: Services, broadcast_id: int) -> None:
    outcome = await services.broadcasts.release_due(broadcast_id)
    if outcome.decision is not Decision.QUEUED or outcome.broadcast is None:
        return
    bot_data: BotData = app.bot_data
    if bot_data.delivery is not None:
        bot_data.delivery.wake()
    language = await services.users.language(outcome.broadcast.created_by, None)
    try:
        await app.bot.send_message(outcome.broadcast.created_by, text(language, "broadcast.queued", id=broadcast_id))
    except Exception:  # noqa: BLE001 - the broadcast goes out anyway; the card follows
        log.info("could not tell organizer %s that broadcast %s started", outcome.broadcast.created_by, broadcast_id)
