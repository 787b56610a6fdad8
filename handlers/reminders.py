"""/reminders for organizers: what is scheduled, pause/resume/send now, and one-off reminders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, sentence_time, text
from bot.services.cleaning import Problem, clean_input
from bot.services.reminder_run import ReminderRunner, label
from bot.services.reminders import AUDIENCES, TEXT_LIMIT
from bot.telegram.context import BotContext
from bot.telegram.jobs import runner_of, schedule_reminder, unschedule_reminder
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, language_of, typed_format
from handlers.text_input import add_route
from storage.reminder_models import Reminder

# Every button of /reminders (this module owns the "rem:" formats); organizers only.
REM_PAUSE = Button("rem:p:{number}", number=ID)
REM_RESUME = Button("rem:r:{number}", number=ID)
REM_SEND = Button("rem:s:{number}", number=ID)
REM_ADD = Button("rem:a")
REM_AUDIENCE = Button("rem:u:{audience}", audience="|".join(AUDIENCES))
_TOGGLES = {"scheduled": ("pause", REM_PAUSE), "paused": ("resume", REM_RESUME)}


async def reminders_command(update: Update, context: BotContext) -> None:
    """The schedule with counts and control buttons (organizers only)."""
    message = update.effective_message
    assert message is not None
    body, keyboard = await _overview(context, await language_of(update, context))
    await message.reply_text(body, reply_markup=keyboard)


async def _overview(context: BotContext, language: str) -> tuple[str, InlineKeyboardMarkup]:
    """The list text and one row of buttons per open reminder."""
    views, zone = await context.services.reminders.overview(), context.services.event.timezone
    lines, rows = [text(language, "reminder.list_header")], []
    for view in views:
        r = view.reminder
        extra = text(language, "reminder.unlinked", count=view.unlinked) if view.unlinked else ""
        lines.append(
            text(
                language,
                "reminder.list_line",
                number=r.id,
                label=Markup(label(language, r)),
                due=sentence_time(language, r.due_at, zone),
                status=text(language, f"reminder.status.{r.status}"),
                count=view.recipients,
                unlinked=Markup(extra),
            )
        )
        toggle = _TOGGLES.get(r.status)
        if toggle:
            rows.append(
                [
                    InlineKeyboardButton(
                        text(language, f"reminder.button.{toggle[0]}", number=r.id),
                        callback_data=toggle[1].data(number=r.id),
                    ),
                    InlineKeyboardButton(
                        text(language, "reminder.button.send", number=r.id), callback_data=REM_SEND.data(number=r.id)
                    ),
                ]
            )
    if not views:
        lines.append(text(language, "reminder.none"))
    rows.append([InlineKeyboardButton(text(language, "reminder.button.add"), callback_data=REM_ADD.data())])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def on_add(update: Update, context: BotContext) -> None:
    """Add a one-off reminder (REM_ADD): ask for its audience."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    buttons = [
        [InlineKeyboardButton(text(language, f"reminder.audience.{a}"), callback_data=REM_AUDIENCE.data(audience=a))]
        for a in AUDIENCES
    ]
    await context.bot.send_message(
        query.from_user.id, text(language, "reminder.ask_audience"), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def on_audience(update: Update, context: BotContext) -> None:
    """The one-off reminder's audience (REM_AUDIENCE): ask for its text."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    await context.services.pending.put(query.from_user.id, "reminder.text", {"audience": context.match["audience"]})
    await answer_quietly(query)
    await context.bot.send_message(query.from_user.id, text(language, "reminder.ask_text", limit=TEXT_LIMIT))


async def on_pause(update: Update, context: BotContext) -> None:
    """Pause (REM_PAUSE): the reminder's job goes until it is resumed."""
    await _control(update, context, _pause)


async def on_resume(update: Update, context: BotContext) -> None:
    """Resume (REM_RESUME): the job comes back (a time already passed runs at once)."""
    await _control(update, context, _resume)


async def on_send_now(update: Update, context: BotContext) -> None:
    """Send now (REM_SEND), in the background; the summary follows."""
    await _control(update, context, _send_now)


Control = Callable[[BotContext, str, int, Reminder, ReminderRunner], Awaitable[str | None]]


async def _control(update: Update, context: BotContext, act: Control) -> None:
    """Apply one control to the reminder of the pressed button; the alert says what happened."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language, number = await language_of(update, context), int(context.match["number"])
    reminder = await context.services.reminders.by_id(number)
    runner = runner_of(context.application)
    notice = None
    if reminder is not None and runner is not None:
        notice = await act(context, language, query.from_user.id, reminder, runner)
    await answer_quietly(query, notice or text(language, "reminder.cannot"), alert=True)


async def _pause(context: BotContext, language: str, user_id: int, r: Reminder, runner: ReminderRunner) -> str | None:
    changed = await context.services.reminders.pause(r.id, user_id)
    if not changed:
        return None
    unschedule_reminder(context.application, changed)
    return text(language, "reminder.paused", number=r.id)


async def _resume(context: BotContext, language: str, user_id: int, r: Reminder, runner: ReminderRunner) -> str | None:
    changed = await context.services.reminders.resume(r.id, user_id)
    if not changed:
        return None
    schedule_reminder(context.application, changed)
    return text(language, "reminder.resumed", number=r.id)


async def _send_now(context: BotContext, language: str, _: int, r: Reminder, runner: ReminderRunner) -> str | None:
    if r.status not in ("scheduled", "paused"):
        return None
    unschedule_reminder(context.application, r)
    context.application.create_task(runner.run(r.key, runner.now(), force=True))
    return text(language, "reminder.sending", number=r.id)


async def on_text(update: Update, context: BotContext) -> None:
    """The one-off reminder's text, then its time ("ngay" = now)."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language, user_id = await language_of(update, context), update.effective_user.id
    pending = await context.services.pending.get(user_id)
    if pending is None:
        return
    value = message.text.strip()
    if pending.kind == "reminder.text":
        cleaned = clean_input(message.text, TEXT_LIMIT)
        if not cleaned.ok:
            key = "input.empty" if cleaned.problem is Problem.EMPTY else "input.too_long"
            await message.reply_text(text(language, key, count=cleaned.length, limit=TEXT_LIMIT))
            return
        await context.services.pending.put(user_id, "reminder.when", {**pending.data, "text": cleaned.text})
        await message.reply_text(text(language, "reminder.ask_when", format=typed_format(context, language)))
        return
    due = context.services.reminders.parse_when(value)
    if due is None:
        await message.reply_text(text(language, "reminder.bad_when", format=typed_format(context, language)))
        return
    await context.services.pending.clear(user_id)
    await _add(update, context, language, pending.data, due)


async def _add(update: Update, context: BotContext, language: str, data: dict[str, str], due: datetime) -> None:
    """Store the one-off reminder and schedule its job."""
    assert update.effective_message is not None and update.effective_user is not None
    service, runner = context.services.reminders, runner_of(context.application)
    reminder = await service.add_custom(update.effective_user.id, data["audience"], data["text"], due)
    linked, _ = await service.recipients(reminder)
    # Confirm first: a reminder due now runs at once and its summary must not arrive before the confirmation.
    await update.effective_message.reply_text(
        text(
            language,
            "reminder.added",
            label=Markup(label(language, reminder)),
            due=sentence_time(language, due, context.services.event.timezone),
            count=len(linked),
        )
    )
    if runner is not None:
        schedule_reminder(context.application, reminder)


def register(app: Application) -> None:
    """Add /reminders, its buttons and the one-off reminder's typed answers."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("reminders", reminders_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(REM_ADD, on_add, ADMIN))
    app.add_handler(roles.button(REM_AUDIENCE, on_audience, ADMIN))
    app.add_handler(roles.button(REM_PAUSE, on_pause, ADMIN))
    app.add_handler(roles.button(REM_RESUME, on_resume, ADMIN))
    app.add_handler(roles.button(REM_SEND, on_send_now, ADMIN))
    add_route(app, "reminder", on_text, ADMIN)
