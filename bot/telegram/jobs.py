"""Every job the bot runs on the Application's JobQueue (APScheduler 3), and the background senders' life cycle.

One way to do each thing, for broadcasts, reminders and the committee's task notices alike:

- **name**: ``"<kind>:<key>"`` — ``broadcast:<id>``, ``reminder:<key>``, ``reminders:sweep``, ``tasks:next``,
  ``tasks:sweep``. The name is also the APScheduler job id, so scheduling a name again replaces its job.
- **schedule**: `schedule_at(app, name, callback, due, payload)` runs once at ``due`` *as measured on the injected
  clock* (tests use FakeClock; in production it is the system clock); a time already passed runs at once.
  `repeat(...)` for sweeps. Every job has no misfire limit and coalesces: a job firing late (busy loop, machine
  asleep) runs once, never silently skipped.
- **remove**: `unschedule(app, name)`.
- **rebuild at start-up**: everything lives in SQLite; `start_jobs` (post_init) re-creates the jobs from it —
  overdue broadcasts are queued at once, overdue reminders and task notices run at once.
- A job's callback gets its payload with `payload_of(context)`; `due_of(app, name)` tells when a job is meant to run.
- `replace_dated(app)` re-places the dated jobs after the injected clock jumped (only the sandbox's clock does).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application, CallbackContext, Job

from bot.i18n import text
from bot.services import Services
from bot.services.broadcasts import Decision
from bot.services.delivery import DeliveryEngine, EngineOptions
from bot.services.qr_card import attendance_card
from bot.services.reminder_run import ReminderRunner
from bot.services.task_run import TaskRunner
from bot.services.venue import venue_pin
from bot.telegram.context import BotData
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.sender import TelegramSender, broadcast_bot
from bot.telegram.updates import busy
from handlers.broadcast_notify import TelegramNotifier
from handlers.calendar import resend_change_notices, send_change_notices
from handlers.views import answer_buttons
from storage.broadcast_models import Broadcast
from storage.reminder_models import Reminder

log = logging.getLogger(__name__)

REMINDERS_SWEEP = "reminders:sweep"
TASKS_JOB = "tasks:next"
TASKS_SWEEP = "tasks:sweep"
SWEEP_SECONDS = 60
# No misfire limit (a late job still runs), one run for several missed ones, a rescheduled name replaces its job.
JOB_OPTIONS: dict[str, Any] = {"replace_existing": True, "misfire_grace_time": None, "coalesce": True}

JobCallback = Callable[[CallbackContext[Any, Any, Any, Any]], Awaitable[None]]


def broadcast_job(broadcast_id: int) -> str:
    """The name of a scheduled broadcast's job."""
    return f"broadcast:{broadcast_id}"


def reminder_job(reminder: Reminder) -> str:
    """The name of a reminder's job."""
    return f"reminder:{reminder.key}"


# --- the one way to schedule, find and remove a job ------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A job's data: when it is meant to run (injected clock) and what its callback needs."""

    due: datetime | None
    payload: Any


def _services(app: Application) -> Services:
    services = app.bot_data.services
    assert services is not None, "jobs start in post_init, after the services are open"
    return services  # type: ignore[no-any-return]


def schedule_at(app: Application, name: str, callback: JobCallback, due: datetime, payload: Any = None) -> Job[Any]:
    """(Re)place the one job of this name, to run once at due by the injected clock (at once if already passed)."""
    assert app.job_queue is not None
    now = _services(app).clock.now()
    if due <= now:
        log.info("job %s was due %s: running it now", name, due)
    return app.job_queue.run_once(
        callback,
        when=max(due - now, timedelta(0)),
        name=name,
        data=Planned(due, payload),
        job_kwargs={"id": name, **JOB_OPTIONS},
    )


def repeat(app: Application, name: str, callback: JobCallback, every: float, payload: Any = None) -> Job[Any]:
    """(Re)place the one repeating job of this name (first run after one interval)."""
    assert app.job_queue is not None
    return app.job_queue.run_repeating(
        callback,
        interval=every,
        first=every,
        name=name,
        data=Planned(None, payload),
        job_kwargs={"id": name, **JOB_OPTIONS},
    )


def unschedule(app: Application, name: str) -> None:
    """Remove the job of this name, if any."""
    if app.job_queue is not None:
        for job in app.job_queue.get_jobs_by_name(name):
            job.schedule_removal()


def jobs_named(app: Application, name: str) -> tuple[Job[Any], ...]:
    """The live jobs of this name (at most one)."""
    return tuple(job for job in app.job_queue.get_jobs_by_name(name) if not job.removed) if app.job_queue else ()


def due_of(app: Application, name: str) -> datetime | None:
    """When the job of this name is meant to run (injected clock), None if there is none."""
    jobs = jobs_named(app, name)
    return jobs[0].data.due if jobs else None  # type: ignore[union-attr]


def replace_dated(app: Application) -> int:
    """Re-place every job meant for a moment of the injected clock, after that clock jumped ahead (the sandbox's
    clock, bot/sandbox/clock.py): a moment now passed runs at once. Returns how many jobs were re-placed."""
    if app.job_queue is None:
        return 0
    moved = 0
    for job in app.job_queue.jobs():
        planned = job.data
        if isinstance(planned, Planned) and planned.due is not None and not job.removed and job.name:
            schedule_at(app, job.name, job.callback, planned.due, planned.payload)
            moved += 1
    return moved


def payload_of(context: CallbackContext[Any, Any, Any, Any]) -> Any:
    """The payload given when the running job was scheduled."""
    assert context.job is not None
    return context.job.data.payload  # type: ignore[union-attr]


# --- life cycle ------------------------------------------------------------------------------------------------------


async def start_jobs(app: Application) -> None:
    """post_init: the broadcast engine, then the reminders and the task notices (its sender, their own budget lanes)."""
    await _start_delivery(app)
    await _start_reminders(app)
    await _start_task_jobs(app)
    await _start_calendar(app)


async def stop_jobs(app: Application) -> None:
    """post_shutdown: stop the engine (unsent rows stay pending) and close its Bot."""
    data: BotData = app.bot_data
    if data.delivery is not None:
        await data.delivery.stop()
        data.delivery = None
    if data.delivery_sender is not None:
        await data.delivery_sender.close()
        data.delivery_sender = None


# --- broadcasts ------------------------------------------------------------------------------------------------------


async def _start_delivery(app: Application) -> None:
    """Build the engine over its own Bot (no rate limiter), recover interrupted rows, start it, restore schedules."""
    data: BotData = app.bot_data
    services = _services(app)
    settings = services.settings.broadcast
    sender = TelegramSender(broadcast_bot(services.settings))
    await sender.start()
    options = EngineOptions(
        rate_per_second=settings.rate_per_second,
        max_in_flight=settings.max_in_flight,
        progress_interval=settings.progress_interval,
        budget=data.send_budget,
        paid=settings.paid,
    )
    # Paid broadcasts (allow_paid_broadcast) only for the broadcasts themselves; reminders use the free sender.
    engine_sender = sender.paid() if settings.paid else sender
    engine = DeliveryEngine(
        services.db,
        services.clock,
        services.event,
        engine_sender,
        TelegramNotifier(app.bot, services, lambda: busy(app)),
        options,
        pins=services.agenda_pins,
    )
    data.delivery = engine
    data.delivery_sender = sender
    interrupted = await engine.start()
    if interrupted:
        log.warning("%d broadcast deliveries were in flight at the last stop; recorded as unknown", interrupted)
    for broadcast in await services.broadcasts.scheduled():
        assert broadcast.scheduled_for is not None
        if broadcast.scheduled_for <= services.clock.now():
            await _release(app, broadcast.id)
        else:
            schedule_broadcast(app, broadcast)


def schedule_broadcast(app: Application, broadcast: Broadcast) -> None:
    """(Re)place the job that queues this broadcast at its time."""
    assert broadcast.scheduled_for is not None
    schedule_at(app, broadcast_job(broadcast.id), _on_broadcast_time, broadcast.scheduled_for, broadcast.id)


def unschedule_broadcast(app: Application, broadcast_id: int) -> None:
    """Remove a cancelled broadcast's job, if any."""
    unschedule(app, broadcast_job(broadcast_id))


async def _on_broadcast_time(context: CallbackContext[Any, Any, Any, Any]) -> None:
    await _release(context.application, int(payload_of(context)))


async def _release(app: Application, broadcast_id: int) -> None:
    """Queue the broadcast, wake the engine and tell its author."""
    services = _services(app)
    outcome = await services.broadcasts.release_due(broadcast_id)
    if outcome.decision is not Decision.QUEUED or outcome.broadcast is None:
        return
    data: BotData = app.bot_data
    if data.delivery is not None:
        data.delivery.wake()
    language = await services.users.language(outcome.broadcast.created_by, None)
    try:
        await app.bot.send_message(outcome.broadcast.created_by, text(language, "broadcast.queued", id=broadcast_id))
    except Exception:  # noqa: BLE001 - the broadcast goes out anyway; the card follows
        log.info("could not tell organizer %s that broadcast %s started", outcome.broadcast.created_by, broadcast_id)


# --- reminders -------------------------------------------------------------------------------------------------------


def runner_of(app: Application) -> ReminderRunner | None:
    """The reminders' runner (for /reminders send-now and tests)."""
    runner: ReminderRunner | None = app.bot_data.reminder_runner
    return runner


async def _start_reminders(app: Application) -> ReminderRunner:
    """Sync the schedule from config, then one job per scheduled reminder plus the sweep."""
    data: BotData = app.bot_data
    services = _services(app)
    assert data.delivery is not None and data.delivery_sender is not None, "the engine starts first"
    await services.reminders.sync_schedule()
    # The broadcast engine's sender (a bot without AIORateLimiter) and the reminders' own bulk lane of the budget.
    runner = ReminderRunner(
        services.reminders,
        services.db,
        data.delivery_sender,
        data.send_budget.lane("reminders"),
        sorted(roles_of(app).members(ADMIN)),
        answer_buttons=answer_buttons,
        card=attendance_card(services.checkins, data.bot_username),
        venue=venue_pin(services.settings.event),
    )
    data.reminder_runner = runner
    for reminder in await services.reminders.scheduled():
        schedule_reminder(app, reminder)
    repeat(app, REMINDERS_SWEEP, _reminders_sweep, SWEEP_SECONDS, runner)
    return runner


def schedule_reminder(app: Application, reminder: Reminder) -> None:
    """(Re)create a reminder's job; a time already passed runs at once."""
    schedule_at(app, reminder_job(reminder), _on_reminder_time, reminder.due_at, reminder.key)


def unschedule_reminder(app: Application, reminder: Reminder) -> None:
    """Drop a reminder's job (paused or sent by hand)."""
    unschedule(app, reminder_job(reminder))


async def _on_reminder_time(context: CallbackContext[Any, Any, Any, Any]) -> None:
    runner = runner_of(context.application)
    if runner is not None:
        await runner.run(payload_of(context), runner.now())


async def _reminders_sweep(context: CallbackContext[Any, Any, Any, Any]) -> None:
    runner: ReminderRunner = payload_of(context)
    await runner.run_due(runner.now())


# --- the organizing committee's task notices (issue 13): reminders before deadlines, escalations, the digest ---------


def task_runner_of(app: Application) -> TaskRunner | None:
    """The task notices' runner."""
    runner: TaskRunner | None = app.bot_data.task_runner
    return runner


async def _start_task_jobs(app: Application) -> TaskRunner:
    """Rows left 'sending' become 'unknown'; then the sweep, and one job at the next due notice (at once when some
    are already due: caught up after downtime)."""
    data: BotData = app.bot_data
    services = _services(app)
    assert data.delivery is not None and data.delivery_sender is not None, "the engine starts first"
    interrupted = await services.tasks.interrupt_in_flight()
    if interrupted:
        log.warning("%d task notices were in flight at the last stop; recorded as unknown", interrupted)
    from handlers.tasks import owner_buttons  # the keyboard lives next to its Button patterns

    runner = TaskRunner(
        services.tasks,
        services.users,
        data.delivery_sender,
        data.send_budget.lane("tasks"),  # task reminders: their own bulk lane of the bot-wide budget
        services.event.timezone,
        owner_buttons,
    )
    data.task_runner = runner
    repeat(app, TASKS_SWEEP, _task_sweep, SWEEP_SECONDS, runner)
    await reschedule_tasks(app)
    return runner


async def reschedule_tasks(app: Application) -> datetime | None:
    """(Re)place the one job at the next task notice (a time already passed runs at once); return that time."""
    runner = task_runner_of(app)
    if runner is None:
        return None
    now = runner.now()
    services = _services(app)
    send, _ = await services.tasks.due_notices(now)
    due = now if send else await services.tasks.next_due(now)
    unschedule(app, TASKS_JOB)
    if due is None:
        return None
    schedule_at(app, TASKS_JOB, _task_fire, due, runner)
    return due


async def _task_fire(context: CallbackContext[Any, Any, Any, Any]) -> None:
    runner: TaskRunner = payload_of(context)
    await runner.run_due(runner.now())
    await reschedule_tasks(context.application)


async def _task_sweep(context: CallbackContext[Any, Any, Any, Any]) -> None:
    runner: TaskRunner = payload_of(context)
    if await runner.run_due(runner.now()):
        await reschedule_tasks(context.application)


# --- the calendar change notice (handlers/calendar.py) ---------------------------------------------------------------


async def _start_calendar(app: Application) -> None:
    """A changed time or venue (or a notice a restart interrupted) sends the updated calendar file to attendees; a
    resend the organizer asked for and a restart interrupted goes on."""
    services = _services(app)
    # Before any notice job runs: the notices a crash left 'sending' become 'unknown' (maybe delivered, never resent
    # on their own; the organizer may resend them once from /calendar).
    interrupted = await services.calendar.interrupt_notices()
    if interrupted:
        log.warning("calendar change notices: %d were in flight at the last stop; recorded as unknown", interrupted)
    change = await services.calendar.sync()
    if change is not None:
        await services.calendar.remember_old(change)
    if await services.calendar.pending_change() is not None:
        schedule_at(app, "calendar:notice", send_change_notices, services.clock.now())
    resend = await services.calendar.pending_resend()
    if resend is not None:
        schedule_calendar_resend(app, resend.sequence, 0)


def schedule_calendar_resend(app: Application, sequence: int, number: int) -> None:
    """Send the latest change's notice to the delegates whose resend was asked (a job of its own per resend asked:
    one still running does not swallow the next, and the claims keep two from sending to the same delegate)."""
    schedule_at(app, f"calendar:resend:{sequence}.{number}", resend_change_notices, _services(app).clock.now())
