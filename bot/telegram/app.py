"""Builds the Application: explicit wiring, resources opened in post_init and closed in post_shutdown."""

from __future__ import annotations

import logging

from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.services import Services, open_services
from bot.services.send_budget import SendBudget
from bot.telegram import flood
from bot.telegram.context import BotContext, BotData
from bot.telegram.jobs import start_jobs, stop_jobs
from bot.telegram.logging_setup import NetworkErrorLog, add_secret
from bot.telegram.menus import set_default_menus, set_role_menus
from bot.telegram.rate_limit import SharedBudgetRateLimiter
from bot.telegram.request import BotRequest, PollingRequest
from bot.telegram.roles import Roles, roles_of
from bot.telegram.routing import ALLOWED_UPDATES
from bot.telegram.startup import startup_report
from bot.telegram.updates import UserOrderedProcessor
from handlers import (
    account,
    agenda,
    audit,
    broadcast,
    broadcast_actions,
    calendar,
    calendar_admin,
    checkin,
    delegates,
    documents,
    exports,
    fallback,
    faq_config,
    identity,
    inquiries,
    nominations,
    organizer,
    proposals,
    proposals_admin,
    questions,
    reminders,
    roster_upload,
    rsvp,
    start,
    tasks,
    text_input,
)

log = logging.getLogger(__name__)


def build_application(settings: Settings, *, clock: Clock | None = None) -> Application:
    """The bot, wired and ready for run_polling/run_webhook or manual start in tests."""
    budget = SendBudget(settings.telegram.messages_per_second, per_chat_rate=settings.telegram.per_chat_per_second)
    processor = UserOrderedProcessor()
    app = (
        ApplicationBuilder()
        .token(settings.telegram.token)
        .base_url(settings.telegram.base_url)
        .base_file_url(settings.telegram.base_file_url)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.event.timezone))
        .rate_limiter(SharedBudgetRateLimiter(budget))
        .request(BotRequest())
        .get_updates_request(PollingRequest())  # polls again within 2 s once Telegram is back (bot/telegram/request.py)
        # One user's updates in order, users in parallel, presses answered within a deadline (bot/telegram/updates.py).
        .concurrent_updates(processor)
        .update_queue(processor.arrival_queue())  # presses are seen when the Updater hands them over
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    bot_data: BotData = app.bot_data
    bot_data.clock = clock or SystemClock()
    bot_data.settings = settings
    bot_data.send_budget = budget
    bot_data.roles = Roles.from_settings(settings)
    flood.register(app)  # group -1: a flooding user's updates stop here
    for module in (
        start,
        rsvp,
        account,
        organizer,
        delegates,
        identity,
        proposals,
        proposals_admin,
        nominations,
        agenda,
        broadcast,
        broadcast_actions,
        reminders,
        exports,
        audit,
        roster_upload,
        checkin,
        calendar,
        calendar_admin,
        documents,
        questions,
        inquiries,
        faq_config,
        tasks,
        text_input,
        fallback,
    ):
        module.register(app)
    return app


async def _post_init(app: Application) -> None:
    """Open the database and services, remember the bot's username, set the command menus."""
    bot_data: BotData = app.bot_data
    settings = bot_data.settings
    assert settings is not None
    services = await open_services(settings, bot_data.clock)
    bot_data.services = services
    bot_data.bot_username = app.bot.username
    async with services.db.transaction() as uow:
        await uow.meta.put("bot_username", app.bot.username)
    await set_default_menus(app.bot)
    await set_role_menus(app.bot, services, roles_of(app))
    await start_jobs(app)
    await _start_hall_screen(bot_data, services)
    await startup_report(services, app.bot.username)


async def _start_hall_screen(bot_data: BotData, services: Services) -> None:
    """The optional hall-screen page ([hall_screen] enabled); the bot runs on without it if its address is taken."""
    if not services.settings.hall_screen.enabled:
        return
    from bot.hall_screen import HallScreen

    add_secret(await services.hall_screen.path())  # a made path is known only now: redact it from every log line
    screen = HallScreen(services.hall_screen, services.event.timezone)
    try:
        await screen.start()
    except OSError as err:
        log.error(
            "hall screen: cannot listen on %s (%s); the bot runs without it", services.settings.hall_screen.listen, err
        )
        return
    bot_data.hall_screen = screen


async def _post_shutdown(app: Application) -> None:
    """Stop the hall screen and the broadcast engine, then close the database."""
    bot_data: BotData = app.bot_data
    if bot_data.hall_screen is not None:
        await bot_data.hall_screen.stop()
        bot_data.hall_screen = None
    await stop_jobs(app)
    await bot_data.send_budget.close()
    if bot_data.services is not None:
        await bot_data.services.db.close()
        bot_data.services = None


async def start_application(app: Application, *, poll_timeout: float = 1.0, webhook_url: str | None = None) -> None:
    """Start like run_polling/run_webhook do (initialize, post_init, updates, start) without owning the event loop.

    webhook_url overrides the configured public URL (a local sandbox listens on plain http).
    """
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    settings: Settings | None = app.bot_data.settings
    assert settings is not None
    updates = list(ALLOWED_UPDATES)
    if settings.telegram.mode == "webhook":
        hook = settings.telegram.webhook
        await app.updater.start_webhook(
            listen=hook.listen,
            port=hook.port,
            url_path=hook.path.lstrip("/"),
            webhook_url=webhook_url or hook.url,
            secret_token=hook.secret_token,
            allowed_updates=updates,
        )
    else:
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=int(poll_timeout) or 1,
            allowed_updates=updates,
            error_callback=NetworkErrorLog(),
        )
    await app.start()


async def stop_application(app: Application) -> None:
    """Stop in run_polling's order: polling, application, shutdown, post_shutdown."""
    assert app.updater is not None
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
