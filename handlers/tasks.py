"""/task and /tasks: the organizing committee's plan — create, import, answer, change, board, export (issue 13).

Gates (bot/telegram/roles.py): /task and the managing buttons for ADMIN and CHAIR; /tasks, the owner's buttons and typed
answers for the COMMITTEE role (members, organizers, the chair). Delegates and strangers match nothing and get the
unknown-command reply or the stale-button alert from handlers/fallback.py. The owner of a task is checked by the
service (a member may only answer their own tasks).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.clock import from_iso, to_iso
from bot.i18n import Markup, text
from bot.services.agenda import visible_length
from bot.services.charts import AMBER, BLUE, GREEN, RED, Series, render_stacked_bars
from bot.services.cleaning import Problem, clean_input
from bot.services.sending import Buttons
from bot.services.task_run import board_text, card, compact, line, when
from bot.services.tasks import NOTE_LIMIT, TITLE_LIMIT, Act, ActResult, PlanRow
from bot.services.tasks_file import PlanError, PlanFileError, parse_plan_bytes
from bot.telegram.context import BotContext
from bot.telegram.jobs import reschedule_tasks, task_runner_of
from bot.telegram.roles import ADMIN, CHAIR, COMMITTEE, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, edit_quietly, fitting, language_of, typed_format
from handlers.exports import send_export
from handlers.text_input import add_file_route, add_route
from storage.task_models import Task

log = logging.getLogger(__name__)

PLAN_FILE_LIMIT = 2 * 1024 * 1024
PREVIEW_LINES = 10
PREFIX = "tk"
MANAGERS = (ADMIN, CHAIR)
EVERY_MEMBER = (ADMIN, CHAIR, COMMITTEE)
# Buttons, next to the keyboards that use them (bot/services/task_run.py builds the owner's and managers' rows).
OWNER_ACT = Button(PREFIX + ":{action}:{id}", action="[adpb]", id=ID)  # accept, done, progress, blocked
OPEN_TASK = Button(PREFIX + ":v:{id}", id=ID)
MANAGE = Button("tkm:{action}:{id}", action="new|o|ok|x|dl|ow|imp|ic|ix|xls", id=ID)
REASSIGN = Button("tkm:no:{id}:{owner}", id=ID, owner=ID)


def owner_buttons(language: str, task: Task) -> Buttons:
    """Accept / Done / Report progress / Blocked for the owner of an open task (also on the reminders)."""
    if not task.open:
        return ()
    accept = ((text(language, "task.button.accept"), OWNER_ACT.data(action="a", id=task.id)),)
    first = (
        *(accept if task.status == "assigned" else ()),
        (text(language, "task.button.done"), OWNER_ACT.data(action="d", id=task.id)),
    )
    second = (
        (text(language, "task.button.progress"), OWNER_ACT.data(action="p", id=task.id)),
        (text(language, "task.button.blocked"), OWNER_ACT.data(action="b", id=task.id)),
    )
    return (first, second)


def manager_buttons(language: str, task: Task) -> Buttons:
    """Change the deadline or the owner (admins and the chair)."""
    return (
        (
            (text(language, "task.button.deadline"), MANAGE.data(action="dl", id=task.id)),
            (text(language, "task.button.owner"), MANAGE.data(action="ow", id=task.id)),
        ),
    )


def keyboard(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    """Telegram markup from service-side button rows."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons]
    )


def _manages(context: BotContext, user_id: int) -> bool:
    """Admins and the chair see the whole plan and change it."""
    return roles_of(context.application).allows(user_id, MANAGERS)


# --- /task: create (admins and the chair) or show one task -------------------------------------------------------------


async def task_command(update: Update, context: BotContext) -> None:
    """/task → title → owner → deadline → confirm; /task N shows task N."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    language = await language_of(update, context)
    args = context.args or []
    if args and args[0].isascii() and args[0].isdigit():  # "²".isdigit() is True, int("²") fails
        await _show(context, language, user.id, int(args[0]), by_number=True)
        return
    await _start_create(context, language, user.id)


async def _start_create(context: BotContext, language: str, user_id: int) -> None:
    if not context.services.tasks.members():
        await context.bot.send_message(user_id, text(language, "task.no_members"))
        return
    await context.services.pending.put(user_id, "task.title", {})
    await context.bot.send_message(user_id, text(language, "task.ask_title", limit=TITLE_LIMIT))


async def _show(context: BotContext, language: str, user_id: int, key: int, *, by_number: bool = False) -> None:
    """One task's card: the owner gets the answer buttons, managers the change buttons."""
    service = context.services.tasks
    tasks = await service.all()
    task = next((t for t in tasks if (t.number if by_number else t.id) == key), None)
    manages = _manages(context, user_id)
    if task is None or not (manages or task.owner_id == user_id):
        await context.bot.send_message(user_id, text(language, "task.not_found"))
        return
    buttons = owner_buttons(language, task) if task.owner_id == user_id else ()
    if manages:
        buttons = (*buttons, *manager_buttons(language, task))
    await context.bot.send_message(user_id, _card(context, language, task), reply_markup=keyboard(buttons))


def _card(context: BotContext, language: str, task: Task) -> str:
    service = context.services.tasks
    return card(language, task, service.now(), context.services.event.timezone, service.owner_name(task.owner_id))


def _owner_rows(context: BotContext, task_id: int | None = None) -> Buttons:
    """One button per member, "Name (Unit)": the owner of a new task, or (task_id) the new owner of that task."""
    service = context.services.tasks
    return tuple(
        (
            (
                service.owner_name(m.user_id),
                MANAGE.data(action="o", id=m.user_id)
                if task_id is None
                else REASSIGN.data(id=task_id, owner=m.user_id),
            ),
        )
        for m in service.members()
    )


async def on_text(update: Update, context: BotContext) -> None:
    """Typed answers of the task flows."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    language = await language_of(update, context)
    pending = await context.services.pending.get(user.id)
    service = context.services.tasks
    if pending is None:
        return
    manages = _manages(context, user.id)
    value = (message.text or "").strip()
    step, data = pending.kind, pending.data
    if step == "task.title" and manages:
        title = clean_input(message.text, TITLE_LIMIT, multiline=False)
        if not title.ok:
            key = "input.empty" if title.problem is Problem.EMPTY else "input.too_long"
            await message.reply_text(text(language, key, count=title.length, limit=TITLE_LIMIT))
            return
        await context.services.pending.put(user.id, "task.owner", {"title": title.text})
        await message.reply_text(text(language, "task.ask_owner"), reply_markup=keyboard(_owner_rows(context)))
        return
    if step in ("task.deadline", "task.new_deadline") and manages:
        deadline = service.parse_deadline(value)
        if deadline is None:
            await message.reply_text(text(language, "task.bad_deadline", format=typed_format(context, language)))
            return
        if step == "task.new_deadline":
            await context.services.pending.clear(user.id)
            await _change_deadline(context, language, user.id, int(data["task"]), deadline)
            return
        await context.services.pending.put(user.id, "task.confirm", {**data, "deadline": to_iso(deadline)})
        await message.reply_text(
            text(
                language,
                "task.confirm",
                title=data["title"],
                owner=service.owner_name(int(data["owner"])),
                deadline=when(language, deadline, context.services.event.timezone),
            ),
            reply_markup=keyboard(
                (
                    (
                        (text(language, "task.button.create"), MANAGE.data(action="ok", id=0)),
                        (text(language, "button.cancel"), MANAGE.data(action="x", id=0)),
                    ),
                )
            ),
        )
        return
    if step in ("task.progress", "task.blocked"):
        note = clean_input(message.text, NOTE_LIMIT)
        if not note.ok:
            key = "input.empty" if note.problem is Problem.EMPTY else "input.too_long"
            await message.reply_text(text(language, key, count=note.length, limit=NOTE_LIMIT))
            return
        await context.services.pending.clear(user.id)
        act = Act.PROGRESS if step == "task.progress" else Act.BLOCKED
        outcome = await service.act(int(data["task"]), user.id, act, note.text)
        if outcome.result is not ActResult.OK or outcome.task is None:
            await message.reply_text(text(language, f"task.act.{outcome.result.value}"))
            return
        await message.reply_text(
            text(language, f"task.saved.{act.value}", number=outcome.task.number),
            reply_markup=keyboard(owner_buttons(language, outcome.task)),
        )
        await _after_change(context)
        return
    await message.reply_text(text(language, "fallback.text"))


async def _after_change(context: BotContext) -> None:
    """Reschedule the notice job; send what is due now (a blockage goes to the chair at once)."""
    runner = task_runner_of(context.application)
    if runner is not None:
        await runner.run_due(runner.now())
    await reschedule_tasks(context.application)


# --- buttons ---------------------------------------------------------------------------------------------------------


async def on_owner_button(update: Update, context: BotContext) -> None:
    """Accept / Done / Report progress / Blocked (the service checks the presser owns the task)."""
    assert context.match is not None
    language = await language_of(update, context)
    await _owner_button(update, context, language, context.match["action"], int(context.match["id"]))


async def on_open(update: Update, context: BotContext) -> None:
    """Open one task's card from a list."""
    assert update.callback_query is not None and update.effective_user is not None and context.match is not None
    await answer_quietly(update.callback_query)
    await _show(context, await language_of(update, context), update.effective_user.id, int(context.match["id"]))


async def on_reassign(update: Update, context: BotContext) -> None:
    """The new owner chosen for a task."""
    assert update.callback_query is not None and update.effective_user is not None and context.match is not None
    await answer_quietly(update.callback_query)
    language = await language_of(update, context)
    await _reassign(context, language, update.effective_user.id, int(context.match["id"]), int(context.match["owner"]))


async def on_manage(update: Update, context: BotContext) -> None:
    """The managers' buttons: new task, owner choice, create/cancel, change deadline/owner, import, export."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    action, key = context.match["action"], int(context.match["id"])
    await answer_quietly(query)
    if action == "new":
        await _start_create(context, language, user.id)
    elif action == "o":
        await _choose_owner(update, context, language, key)
    elif action == "ok":
        await _create(update, context, language)
    elif action == "x":
        await context.services.pending.clear(user.id)
        await edit_quietly(query.message, context, user.id, None, text(language, "task.cancelled"))  # type: ignore[arg-type]
    elif action == "dl":
        await context.services.pending.put(user.id, "task.new_deadline", {"task": str(key)})
        await context.bot.send_message(
            user.id, text(language, "task.ask_new_deadline", format=typed_format(context, language))
        )
    elif action == "ow":
        rows = _owner_rows(context, key)
        await context.bot.send_message(user.id, text(language, "task.ask_new_owner"), reply_markup=keyboard(rows))
    elif action == "imp":
        await context.services.pending.put(user.id, "task.plan", {})
        await context.bot.send_message(user.id, text(language, "task.ask_plan"))
    elif action in ("ic", "ix"):
        await _finish_import(update, context, language, confirm=action == "ic")
    elif action == "xls":
        await send_export(update, context, language, "tasks")  # the same file as /export → tasks


async def _owner_button(update: Update, context: BotContext, language: str, action: str, task_id: int) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    service = context.services.tasks
    task = await service.get(task_id)
    if task is None or task.owner_id != user.id:
        await answer_quietly(query, text(language, "task.act.not_owner"), alert=True)
        return
    if action in ("p", "b"):
        if not task.open:
            await answer_quietly(query, text(language, "task.act.already_done"), alert=True)
            return
        kind = "task.progress" if action == "p" else "task.blocked"
        await context.services.pending.put(user.id, kind, {"task": str(task.id)})
        await answer_quietly(query)
        await context.bot.send_message(user.id, text(language, f"{kind.replace('.', '.ask_')}", number=task.number))
        return
    act = Act.ACCEPT if action == "a" else Act.DONE
    outcome = await service.act(task.id, user.id, act)
    if outcome.result is not ActResult.OK or outcome.task is None:
        await answer_quietly(query, text(language, f"task.act.{outcome.result.value}"), alert=True)
        return
    await answer_quietly(query, text(language, f"task.saved.{act.value}", number=task.number))
    await edit_quietly(
        query.message,  # type: ignore[arg-type]
        context,
        user.id,
        None,
        _card(context, language, outcome.task),
        keyboard(owner_buttons(language, outcome.task)),
    )
    await _after_change(context)


async def _choose_owner(update: Update, context: BotContext, language: str, owner_id: int) -> None:
    user = update.effective_user
    assert user is not None

    def choose(current: object) -> tuple[str, dict[str, str]] | None:
        pending = current
        if pending is None or getattr(pending, "kind", "") != "task.owner":
            return None
        return "task.deadline", {**pending.data, "owner": str(owner_id)}  # type: ignore[attr-defined]

    if context.services.tasks.owner_name(owner_id) == str(owner_id):
        return
    stored = await context.services.pending.update(user.id, choose)
    if stored is None or stored.kind != "task.deadline":
        await context.bot.send_message(user.id, text(language, "rsvp.stale"))
        return
    await context.bot.send_message(
        user.id,
        text(
            language,
            "task.ask_deadline",
            owner=context.services.tasks.owner_name(owner_id),
            format=typed_format(context, language),
        ),
    )


async def _create(update: Update, context: BotContext, language: str) -> None:
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    pending = await context.services.pending.get(user.id)
    if pending is None or pending.kind != "task.confirm":
        await context.bot.send_message(user.id, text(language, "rsvp.stale"))
        return
    await context.services.pending.clear(user.id)
    data = pending.data
    task = await context.services.tasks.create(
        f"telegram:{user.id}", title=data["title"], owner_id=int(data["owner"]), deadline=from_iso(data["deadline"])
    )
    await edit_quietly(
        query.message,  # type: ignore[arg-type]
        context,
        user.id,
        None,
        text(language, "task.created", number=task.number, owner=context.services.tasks.owner_name(task.owner_id)),
    )
    await _notify_owner(context, task, "task.assigned")
    await reschedule_tasks(context.application)


async def _notify_owner(context: BotContext, task: Task, key: str, **params: object) -> None:
    """The owner gets the task (or its change) with the answer buttons."""
    language = await context.services.users.language(task.owner_id, None)
    member = context.services.tasks.members()
    name = next((m.name for m in member if m.user_id == task.owner_id), "")
    zone = context.services.event.timezone
    shown = {k: when(language, v, zone) if isinstance(v, datetime) else v for k, v in params.items()}
    body = text(language, key, full_name=name, **shown) + "\n\n" + _card(context, language, task)
    try:
        await context.bot.send_message(task.owner_id, body, reply_markup=keyboard(owner_buttons(language, task)))
    except TelegramError as error:
        log.info("task %s: owner %s not told: %s", task.number, task.owner_id, error.message)


async def _change_deadline(context: BotContext, language: str, user_id: int, task_id: int, deadline: datetime) -> None:
    change = await context.services.tasks.change_deadline(task_id, user_id, deadline)
    if change is None:
        await context.bot.send_message(user_id, text(language, "task.unchanged"))
        return
    zone = context.services.event.timezone
    await context.bot.send_message(
        user_id,
        text(language, "task.deadline_changed", number=change.after.number, deadline=when(language, deadline, zone)),
    )
    if change.after.owner_id != user_id:
        await _notify_owner(context, change.after, "task.notice.deadline", before=change.before.deadline)
    await reschedule_tasks(context.application)


async def _reassign(context: BotContext, language: str, user_id: int, task_id: int, owner_id: int) -> None:
    service = context.services.tasks
    change = await service.reassign(task_id, user_id, owner_id)
    if change is None:
        await context.bot.send_message(user_id, text(language, "task.unchanged"))
        return
    await context.bot.send_message(
        user_id, text(language, "task.owner_changed", number=change.after.number, owner=service.owner_name(owner_id))
    )
    await _notify_owner(context, change.after, "task.notice.new_owner")
    old = change.before.owner_id
    if old != user_id:
        old_language = await context.services.users.language(old, None)
        try:
            await context.bot.send_message(
                old,
                text(
                    old_language,
                    "task.notice.handed_over",
                    number=change.after.number,
                    title=change.after.title,
                    owner=service.owner_name(owner_id),
                ),
            )
        except TelegramError as error:
            log.info("task %s: previous owner %s not told: %s", change.after.number, old, error.message)
    await reschedule_tasks(context.application)


# --- the organizing plan as a file -----------------------------------------------------------------------------------


async def on_file(update: Update, context: BotContext) -> None:
    """The plan (.xlsx) sent after "Import the plan": preview with Confirm / Cancel."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    language = await language_of(update, context)
    service = context.services.tasks
    pending = await context.services.pending.get(user.id)
    if pending is None or pending.kind != "task.plan":
        await message.reply_text(text(language, "fallback.text"))
        return
    document = message.document
    if document is None or (document.file_size or 0) > PLAN_FILE_LIMIT:
        await message.reply_text(text(language, "task.plan_not_file", limit=PLAN_FILE_LIMIT // 1024))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    try:
        rows = parse_plan_bytes(data, document.file_name or "plan.xlsx", service.members(), service.zone)
    except PlanFileError as error:
        await message.reply_text(plan_errors(language, document.file_name or "", error.errors))
        return
    await context.services.pending.put(user.id, "task.plan_ready", {"rows": _rows_json(rows)})
    await message.reply_text(
        preview(language, rows, context.services.event.timezone),
        reply_markup=keyboard(
            (
                (
                    (text(language, "task.button.import", count=len(rows)), MANAGE.data(action="ic", id=0)),
                    (text(language, "button.cancel"), MANAGE.data(action="ix", id=0)),
                ),
            )
        ),
    )


def plan_errors(language: str, name: str, errors: list[PlanError], limit: int = 20) -> str:
    """The refusal with one line per bad row (the first `limit`)."""
    lines = [text(language, "task.plan_refused", name=name, count=len(errors))]
    for error in errors[:limit]:
        reason = text(language, f"task_error.{error.reason}", **error.detail)
        key = "task.plan_row" if error.row is not None else "task.plan_file"
        lines.append(text(language, key, row=error.row or "", reason=Markup(reason)))
    if len(errors) > limit:
        lines.append(text(language, "task.plan_more", count=len(errors) - limit))
    return "\n".join(lines)


def preview(language: str, rows: list[PlanRow], zone: str) -> str:
    """What the plan would add: the first lines and how many in all."""
    lines = [text(language, "task.plan_preview", count=len(rows))]
    for row in rows[:PREVIEW_LINES]:
        lines.append(
            text(
                language,
                "task.plan_preview_line",
                title=row.title,
                owner=row.owner_label,
                deadline=compact(row.deadline, zone),
            )
        )
    if len(rows) > PREVIEW_LINES:
        lines.append(text(language, "task.plan_more", count=len(rows) - PREVIEW_LINES))
    return "\n".join(lines)


def _rows_json(rows: list[PlanRow]) -> str:
    return json.dumps(
        [[r.row, r.title, r.owner_id, r.owner_label, to_iso(r.deadline), r.notes, r.group] for r in rows],
        ensure_ascii=False,
    )


def _rows_from_json(value: str) -> list[PlanRow]:
    return [
        PlanRow(row, title, owner, label, from_iso(d), notes, group)
        for row, title, owner, label, d, notes, group in json.loads(value)
    ]


async def _finish_import(update: Update, context: BotContext, language: str, *, confirm: bool) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    pending = await context.services.pending.get(user.id)
    if pending is None or pending.kind != "task.plan_ready":
        await context.bot.send_message(user.id, text(language, "rsvp.stale"))
        return
    await context.services.pending.clear(user.id)
    if not confirm:
        await edit_quietly(query.message, context, user.id, None, text(language, "task.cancelled"))  # type: ignore[arg-type]
        return
    report = await context.services.tasks.import_rows(_rows_from_json(pending.data["rows"]), f"telegram:{user.id}")
    await edit_quietly(
        query.message,  # type: ignore[arg-type]
        context,
        user.id,
        None,
        text(
            language,
            "task.imported",
            created=len(report.created),
            updated=len(report.updated),
            unchanged=report.unchanged,
        ),
    )
    for task in report.created:
        await _notify_owner(context, task, "task.assigned")
    for task in report.updated:
        await _notify_owner(context, task, "task.notice.updated")
    await _after_change(context)


# --- /tasks: the board -------------------------------------------------------------------------------------------------


async def tasks_command(update: Update, context: BotContext) -> None:
    """A member's own tasks by deadline; for admins and the chair the whole plan by group, counts and a chart."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    language = await language_of(update, context)
    service, zone = context.services.tasks, context.services.event.timezone
    now = service.now()
    mine = [t for t in await service.mine(user.id)]
    if not _manages(context, user.id):
        if not mine:
            await message.reply_text(text(language, "task.mine_none"))
            return
        lines = [line(language, t, now, zone) for t in mine]

        def render(shown: Sequence[str], hidden: int) -> str:
            more = [text(language, "list.more_lines", count=hidden)] if hidden else []
            return "\n".join([text(language, "task.mine_title", count=len(mine)), *shown, *more])

        shown = fitting(render, lines)  # a unit may own dozens of tasks with titles of up to 300 characters
        rows = tuple(
            ((text(language, "task.button.open", number=t.number), OPEN_TASK.data(id=t.id)),)
            for t in mine[:shown]
            if t.open
        )
        await message.reply_text(render(lines[:shown], len(lines) - shown), reply_markup=keyboard(rows[:20]))
        return
    board = await service.board()
    for listed in (15, 8, 4, 1, 0):  # fewer lines when titles are long: one message holds 4096 characters
        body = [board_text(language, board)]
        if board.attention:
            body.append(text(language, "task.attention"))
            body += [line(language, t, now, zone, service.owner_name(t.owner_id)) for t in board.attention[:listed]]
        if mine:
            body.append(text(language, "task.mine_title", count=len(mine)))
            body += [line(language, t, now, zone) for t in mine[:listed]]
        if visible_length("\n".join(body)) <= MessageLimit.MAX_TEXT_LENGTH:
            break
    actions = (
        (
            (text(language, "task.button.new"), MANAGE.data(action="new", id=0)),
            (text(language, "task.button.import_plan"), MANAGE.data(action="imp", id=0)),
        ),
        ((text(language, "task.button.export"), MANAGE.data(action="xls", id=0)),),
    )
    await message.reply_text("\n".join(body), reply_markup=keyboard(actions))
    if board.total.total:
        png = await render_stacked_bars(
            [g.name or text(language, "task.no_group") for g in board.groups],
            [
                Series(text(language, "task.state.done"), tuple(g.done for g in board.groups), GREEN),
                Series(text(language, "task.state.in_progress"), tuple(g.in_progress for g in board.groups), BLUE),
                Series(text(language, "task.state.overdue"), tuple(g.overdue for g in board.groups), RED),
                Series(text(language, "task.state.blocked"), tuple(g.blocked for g in board.groups), AMBER),
            ],
            title=text(language, "task.chart_title"),
            empty_text=text(language, "task.chart_empty"),
        )
        await context.bot.send_photo(
            user.id, png, caption=text(language, "task.chart_caption", total=board.total.total)
        )


def register(app: Application) -> None:
    """/task, /tasks, their buttons, typed answers and the plan file, each behind its gate."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("task", task_command, filters=roles.command(*MANAGERS)))
    app.add_handler(CommandHandler("tasks", tasks_command, filters=roles.command(*EVERY_MEMBER)))
    app.add_handler(roles.button(OWNER_ACT, on_owner_button, *EVERY_MEMBER))
    app.add_handler(roles.button(OPEN_TASK, on_open, *EVERY_MEMBER))
    app.add_handler(roles.button(MANAGE, on_manage, *MANAGERS))
    app.add_handler(roles.button(REASSIGN, on_reassign, *MANAGERS))
    add_route(app, "task", on_text, *EVERY_MEMBER)
    add_file_route(app, "task", on_file, *MANAGERS)
