"""Typed dependencies for handlers through a custom CallbackContext."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.services import Services
from bot.services.delivery import DeliveryEngine
from bot.services.send_budget import SendBudget

if TYPE_CHECKING:
    from bot.hall_screen import HallScreen
    from bot.services.reminder_run import ReminderRunner
    from bot.services.task_run import TaskRunner
    from bot.telegram.flood import FloodGuard, NoticeThrottle
    from bot.telegram.roles import Roles
    from bot.telegram.sender import TelegramSender


class BotData:
    """What the application shares with every handler and job."""

    def __init__(self) -> None:
        self.clock: Clock = SystemClock()
        self.settings: Settings | None = None
        self.services: Services | None = None
        self.bot_username: str = ""
        # Who holds which role (bot/telegram/roles.py), built from the config before the handlers register.
        self.roles: Roles | None = None
        # Typed text goes to the flow that asked for it: pending kind "<area>.<step>" -> (handler, roles) of that area.
        self.text_routes: dict[str, tuple[TextRoute, tuple[str, ...]]] = {}
        # Photos and documents sent while a question is pending go the same way, by area.
        self.file_routes: dict[str, tuple[TextRoute, tuple[str, ...]]] = {}
        # The broadcast delivery engine and its own Bot, and the runners of reminders and task notices (bot/telegram/jobs.py),
        # set in post_init.
        self.delivery: DeliveryEngine | None = None
        self.delivery_sender: TelegramSender | None = None
        self.reminder_runner: ReminderRunner | None = None
        self.task_runner: TaskRunner | None = None
        # The optional hall-screen page ([hall_screen], bot/hall_screen.py), started in post_init when enabled.
        self.hall_screen: HallScreen | None = None
        # Telegram's ~30 messages/s for the whole bot and ~1/s per chat: replies first, then bulk sending
        # (broadcasts, reminders, task reminders — each with its own `send_budget.lane(name)`), see send_budget.py.
        self.send_budget: SendBudget = SendBudget(30.0)
        # Per-user flood control and the one-per-delegate-per-hour misuse notices (bot/telegram/flood.py), set by its register.
        self.flood_guard: FloodGuard | None = None
        self.misuse_notices: NoticeThrottle | None = None


TextRoute = Callable[[Update, "BotContext"], Awaitable[None]]


class BotContext(CallbackContext[ExtBot[None], dict, dict, BotData]):
    """CallbackContext with typed access to the services."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """The opened services (set in post_init)."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are opened in post_init; the application is not initialised")
        return services
