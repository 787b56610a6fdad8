"""/reminders for organizers: what is scheduled, pause/resume/send now, and one-off reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.i18n import Markup, sentence_time, text
from bot.i18n.times import parse_typed, typed_format_hint
from bot.scheduling import runner_of, schedule, unschedule
from bot.services.reminder_run import label
from bot.services.reminders import AUDIENCES, TEXT_LIMIT
from handlers.common import answer_quietly, language_of, organizer_language
from handlers.text_input import add_route

PREFIX = "rem"
_NOW_WORDS = ("ngay", "now", "bây giờ")


async def reminders_command(update: Update, context: BotContext) -> None:
    """The schedule with counts and control buttons (organizers only)."""
    message = update.effective_message
    language = await organizer_language(update, context)
    if language is None or message is None:
        return
    body, keyboard = await _overview(context, language)
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
        toggle = {"scheduled": ("pause", "p"), "paused": ("resume", "r")}.get(r.status)
        if toggle:
            rows.append(
                [
                    InlineKeyboardButton(
                        text(language, f"reminder.button.{toggle[0]}", number=r.id),
                        callback_data=f"{PREFIX}:{toggle[1]}:{r.id}",
                    ),
                    InlineKeyboardButton(
                        text(language, "reminder.button.send", number=r.id), callback_data=f"{PREFIX}:s:{r.id}"
                    ),
                ]
            )
    if not views:
        lines.append(text(language, "reminder.none"))
    rows.append([InlineKeyboardButton(text(language, "reminder.button.add"), callback_data=f"{PREFIX}:a:0")])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def on_button(update: Update, context: BotContext) -> None:
    """Pause, resume, send now, add, or an audience choice."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    language, user_id = await language_of(update, context), update.effective_user.id
    parts = (query.data or "").split(":")
    if not context.services.is_organizer(user_id) or len(parts) != 3:
        await answer_quietly(query, text(language, "unknown_command"), alert=True)
        return
    action, arg = parts[1], parts[2]
    if action == "a":
        await answer_quietly(query)
        buttons = [
            [InlineKeyboardButton(text(language, f"reminder.audience.{a}"), callback_data=f"{PREFIX}:u:{a}")]
            for a in AUDIENCES
        ]
        await context.bot.send_message(
            user_id, text(language, "reminder.ask_audience"), reply_markup=InlineKeyboardMarkup(buttons)
        )
        return
    if action == "u" and arg in AUDIENCES:
        await context.services.pending.put(user_id, "reminder.text", {"audience": arg})
        await answer_quietly(query)
        await context.bot.send_message(user_id, text(language, "reminder.ask_text", limit=TEXT_LIMIT))
        return
    notice = await _control(context, language, user_id, action, int(arg) if arg.isdigit() else 0)
    await answer_quietly(query, notice, alert=True)


async def _control(context: BotContext, language: str, user_id: int, action: str, reminder_id: int) -> str:
    """Apply pause/resume/send now; return the alert text."""
    service, runner = context.services.reminders, runner_of(context.application)
    reminder = await service.by_id(reminder_id)
    if reminder is None or runner is None:
        return text(language, "reminder.cannot")
    if action == "p" and (changed := await service.pause(reminder_id, user_id)):
        unschedule(context.application, changed)
        return text(language, "reminder.paused", number=reminder_id)
    if action == "r" and (changed := await service.resume(reminder_id, user_id)):
        schedule(context.application, changed, runner)
        return text(language, "reminder.resumed", number=reminder_id)
    if action == "s" and reminder.status in ("scheduled", "paused"):
        unschedule(context.application, reminder)
        context.application.create_task(runner.run(reminder.key, runner.now(), force=True))
        return text(language, "reminder.sending", number=reminder_id)
    return text(language, "reminder.cannot")


async def on_text(update: Update, context: BotContext) -> None:
    """The one-off reminder's text, then its time ("ngay" = now)."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language, user_id = await language_of(update, context), update.effective_user.id
    pending = await context.services.pending.get(user_id)
    if pending is None or not context.services.is_organizer(user_id):
        return
    value = message.text.strip()
    if pending.kind == "reminder.text":
        if not value or len(value) > TEXT_LIMIT:
            key = "input.too_long" if value else "input.empty"
            await message.reply_text(text(language, key, count=len(value), limit=TEXT_LIMIT))
            return
        await context.services.pending.put(user_id, "reminder.when", {**pending.data, "text": value})
        await message.reply_text(text(language, "reminder.ask_when", format=_format(context, language)))
        return
    due = _parse_when(value, context.services.event.timezone, context.services.clock.now())
    if due is None:
        await message.reply_text(text(language, "reminder.bad_when", format=_format(context, language)))
        return
    await context.services.pending.clear(user_id)
    await _add(update, context, language, pending.data, due)


def _parse_when(value: str, zone: str, now: datetime) -> datetime | None:
    """Now for "ngay"/"now", else a future local time dd/mm/yyyy HH:MM; None when unreadable or past."""
    if value.lower() in _NOW_WORDS:
        return now
    due = parse_typed(value, zone)
    return due if due is not None and due > now else None


def _format(context: BotContext, language: str) -> Markup:
    """The one description of the typed format, with an example an hour from now."""
    example = context.services.clock.now().replace(minute=0) + timedelta(hours=1)
    return Markup(typed_format_hint(language, example, context.services.event.timezone))


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
        schedule(context.application, reminder, runner)


def register(app: Application) -> None:
    """Add /reminders, its buttons and the one-off reminder's typed answers."""
    app.add_handler(CommandHandler("reminders", reminders_command, filters=filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{PREFIX}:"))
    add_route(app, "reminder", on_text)
