"""Reminder jobs on the application's own JobQueue (APScheduler 3), rebuilt from SQLite at every start."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram.ext import Application, CallbackContext, Job

from bot.context import BotData
from bot.roles import ADMIN, roles_of
from bot.services.qr_card import attendance_card
from bot.services.reminder_run import ReminderRunner
from bot.services.reminders import ReminderService
from bot.services.task_run import TaskRunner
from handlers.views import answer_buttons
from storage.reminder_models import Reminder

log = logging.getLogger(__name__)

SWEEP_NAME = "reminders:sweep"
SWEEP_SECONDS = 60
# None = no misfire limit: a reminder firing late (busy loop, suspended machine) is never silently dropped.
_JOB_KWARGS = {"replace_existing": True, "misfire_grace_time": None, "coalesce": True}


def job_id(reminder: Reminder) -> str:
    """The deterministic job id (and name) of a reminder."""
    return f"reminder:{reminder.key}"


def runner_of(app: Application) -> ReminderRunner | None:
    """The runner the jobs use (kept as the sweep job's data), for /reminders send-now."""
    jobs = app.job_queue.get_jobs_by_name(SWEEP_NAME) if app.job_queue else ()
    return jobs[0].data if jobs else None  # type: ignore[return-value]


async def start_reminders(app: Application) -> ReminderRunner | None:
    """Sync the schedule from config, then one job per scheduled reminder plus the sweep (after start_delivery)."""
    data: BotData = app.bot_data
    services, settings = data.services, data.settings
    assert services is not None and settings is not None and app.job_queue is not None
    assert data.delivery is not None and data.delivery_sender is not None, "start_delivery runs first"
    service: ReminderService = services.reminders
    await service.sync_schedule()
    # The broadcast engine's sender (a bot without AIORateLimiter) and the reminders' own bulk lane of the budget.
    runner = ReminderRunner(
        service,
        services.db,
        data.delivery_sender,
        data.send_budget.lane("reminders"),
        sorted(roles_of(app).members(ADMIN)),
        answer_buttons=answer_buttons,
        card=attendance_card(services.checkins, data.bot_username),
    )
    for reminder in await service.scheduled():
        schedule(app, reminder, runner)
    app.job_queue.run_repeating(
        _sweep,
        interval=SWEEP_SECONDS,
        first=SWEEP_SECONDS,
        name=SWEEP_NAME,
        data=runner,
        job_kwargs={"id": SWEEP_NAME, **_JOB_KWARGS},
    )
    return runner


def schedule(app: Application, reminder: Reminder, runner: ReminderRunner) -> Job[CallbackContext]:
    """(Re)create a reminder's job; a time already passed (by the service clock) runs at once."""
    assert app.job_queue is not None
    now = runner.now()
    if reminder.due_at <= now:
        log.warning("reminder %s was due %s: running it now", reminder.key, reminder.due_at)
    when = reminder.due_at if reminder.due_at > now else timedelta(seconds=0)
    return app.job_queue.run_once(
        _fire,
        when=when,
        name=job_id(reminder),
        data=(runner, reminder.key),
        job_kwargs={"id": job_id(reminder), **_JOB_KWARGS},
    )


def unschedule(app: Application, reminder: Reminder) -> None:
    """Drop a reminder's job (paused or sent by hand)."""
    if app.job_queue is not None:
        for job in app.job_queue.get_jobs_by_name(job_id(reminder)):
            job.schedule_removal()


async def _fire(context: CallbackContext) -> None:
    runner, key = context.job.data  # type: ignore[union-attr,misc]
    await runner.run(key, runner.now())


async def _sweep(context: CallbackContext) -> None:
    runner: ReminderRunner = context.job.data  # type: ignore[union-attr,assignment]
    await runner.run_due(runner.now())


# --- the organizing committee's task notices (issue 13): reminders before deadlines, escalations, the digest ---------

TASKS_JOB = "tasks:next"
TASKS_SWEEP = "tasks:sweep"


def task_runner_of(app: Application) -> TaskRunner | None:
    """The runner the task jobs use (kept as the sweep job's data)."""
    jobs = app.job_queue.get_jobs_by_name(TASKS_SWEEP) if app.job_queue else ()
    return jobs[0].data if jobs else None  # type: ignore[return-value]


async def start_task_jobs(app: Application) -> TaskRunner:
    """Rows left 'sending' become 'unknown'; then the sweep, and one job at the next due notice (at once when some
    are already due: caught up after downtime). Runs after start_delivery (same sender and pacer)."""
    data: BotData = app.bot_data
    services = data.services
    assert services is not None and app.job_queue is not None
    assert data.delivery is not None and data.delivery_sender is not None, "start_delivery runs first"
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
    app.job_queue.run_repeating(
        _task_sweep,
        interval=SWEEP_SECONDS,
        first=SWEEP_SECONDS,
        name=TASKS_SWEEP,
        data=runner,
        job_kwargs={"id": TASKS_SWEEP, **_JOB_KWARGS},
    )
    await reschedule_tasks(app)
    return runner


async def reschedule_tasks(app: Application) -> datetime | None:
    """(Re)place the one job at the next task notice (a time already passed runs at once); return that time."""
    runner = task_runner_of(app)
    if runner is None or app.job_queue is None:
        return None
    now = runner.now()
    services = app.bot_data.services
    send, _ = await services.tasks.due_notices(now)
    due = now if send else await services.tasks.next_due(now)
    for job in app.job_queue.get_jobs_by_name(TASKS_JOB):
        job.schedule_removal()
    if due is None:
        return None
    app.job_queue.run_once(
        _task_fire,
        when=due if due > now else timedelta(seconds=0),
        name=TASKS_JOB,
        data=runner,
        job_kwargs={"id": TASKS_JOB, **_JOB_KWARGS},
    )
    return due


async def _task_fire(context: CallbackContext) -> None:
    runner: TaskRunner = context.job.data  # type: ignore[union-attr,assignment]
    await runner.run_due(runner.now())
    await reschedule_tasks(context.application)


async def _task_sweep(context: CallbackContext) -> None:
    runner: TaskRunner = context.job.data  # type: ignore[union-attr,assignment]
    if await runner.run_due(runner.now()):
        await reschedule_tasks(context.application)
