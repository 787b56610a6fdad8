"""The door: a delegate's check-in QR (/checkin, card button), staff scanning it (/start ci-…), manual check-in by
name, undo, walk-in substitutes, and the live attendance for staff and admins (/attendance)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.i18n.times import clock_time
from bot.services.checkins import NAME_LIMIT, CheckinOutcome, CheckinResult
from bot.services.qr_card import attendee_card
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, STAFF, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, fitting, language_of
from handlers.text_input import add_route
from handlers.views import CHECKIN_QR, match_button, match_line
from storage.day_models import Attendee

AREA = "ci"
ASK_NAME = "ci.search"
ASK_WALK_IN_NAME = "ci.walkin_search"
ASK_SUBSTITUTE = "ci.walkin_who"
PICK = Button("ci:{action}:{id}", action="[mw]", id=ID)  # m: check in by hand, w: a walk-in substitute for them
UNDO = Button("ci:u:{id}", id=ID)
NOT_HERE = Button("ci:nh")
DESK = (ADMIN, STAFF)


def is_staff(context: BotContext, user_id: int | None) -> bool:
    """Whether the user works the door (staff or admin)."""
    return roles_of(context.application).allows(user_id, DESK)


_NOT_HERE_SHOWN = 40


def _clock(context: BotContext, language: str, attendee: Attendee) -> str:
    assert attendee.checkin is not None
    return clock_time(language, attendee.checkin.checked_in_at, context.services.event.timezone)


def _status(language: str, attendee: Attendee) -> str:
    """attending / substitute for … / walk-in / declined — check with the desk / not answered."""
    checkin, rsvp, name = attendee.checkin, attendee.rsvp, attendee.delegate.full_name
    if checkin is not None and checkin.method == "walk_in":
        return text(
            language,
            "checkin.status_walk_in",
            name=checkin.attendee_name or "",
            position=checkin.attendee_position or "",
            full_name=name,
        )
    if rsvp is None:
        return text(language, "checkin.status_none")
    if rsvp.status == "substitute":
        return text(
            language,
            "checkin.status_substitute",
            name=rsvp.substitute_name or "",
            position=rsvp.substitute_position or "",
            full_name=name,
        )
    if rsvp.status == "declined":
        return text(language, "checkin.status_declined")
    return text(language, "checkin.status_attending")


def _declined(attendee: Attendee) -> bool:
    walk_in = attendee.checkin is not None and attendee.checkin.method == "walk_in"
    return attendee.rsvp is not None and attendee.rsvp.status == "declined" and not walk_in


def _undo_keyboard(language: str, attendee: Attendee) -> InlineKeyboardMarkup | None:
    if attendee.checkin is None:
        return None
    button = InlineKeyboardButton(
        text(language, "checkin.button_undo"), callback_data=UNDO.data(id=attendee.checkin.id)
    )
    return InlineKeyboardMarkup([[button]])


def result_text(context: BotContext, language: str, result: CheckinResult) -> str:
    """What the staff member reads after a scan or a pick."""
    attendee = result.attendee
    if result.outcome is CheckinOutcome.UNKNOWN_CODE or attendee is None:
        return text(language, "checkin.unknown_code")
    delegate = attendee.delegate
    if result.outcome is CheckinOutcome.WITHDRAWN:
        return text(language, "checkin.withdrawn", full_name=delegate.full_name, agency=delegate.agency or "—")
    details = text(
        language,
        "checkin.details",
        full_name=delegate.full_name,
        position=delegate.position or "—",
        agency=delegate.agency or "—",
        seat=attendee.seat or "—",
        status=Markup(_status(language, attendee)),
        count=result.checked_in,
        expected=result.expected,
    )
    if result.outcome is CheckinOutcome.ALREADY and attendee.checkin is not None:
        head = text(
            language, "checkin.already", time=_clock(context, language, attendee), staff=attendee.checkin.staff_name
        )
    elif _declined(attendee):
        head = text(language, "checkin.done_declined")
    else:
        head = text(language, "checkin.done")
    return head + "\n" + details


async def _reply_result(update: Update, context: BotContext, language: str, result: CheckinResult) -> None:
    assert update.effective_chat is not None
    keyboard = None
    if result.outcome is CheckinOutcome.CHECKED_IN and result.attendee is not None:
        keyboard = _undo_keyboard(language, result.attendee)
    await context.bot.send_message(
        update.effective_chat.id, result_text(context, language, result), reply_markup=keyboard
    )


async def on_scan(update: Update, context: BotContext) -> None:
    """/start ci-… from staff (the gate is at registration, handlers/start.py): check the delegate in at once."""
    user = update.effective_user
    assert user is not None and context.args
    language = await language_of(update, context)
    result = await context.services.checkins.scan(context.args[0], user.id, user.full_name)
    await _reply_result(update, context, language, result)


async def send_qr(update: Update, context: BotContext, language: str) -> None:
    """The delegate's own check-in QR with name, agency and seat under it."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    services = context.services
    attendee = await services.checkins.attendee_of_user(user.id)
    if attendee is None:
        await context.bot.send_message(chat.id, text(language, "rsvp.not_linked"))
        return
    code = await services.checkins.code_for(attendee.delegate.id)
    png, caption = attendee_card(language, context.bot_data.bot_username, attendee, code)
    await context.bot.send_photo(chat.id, png, caption=caption, filename="ma-diem-danh.png")


async def checkin_command(update: Update, context: BotContext) -> None:
    """/checkin: staff search a delegate by name; a delegate gets their QR."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = await language_of(update, context)
    services = context.services
    if is_staff(context, user.id) and context.args != ["qr"]:
        await services.pending.put(user.id, ASK_NAME, {})
        await message.reply_text(text(language, "checkin.ask_name"))
        return
    await send_qr(update, context, language)


async def walkin_command(update: Update, context: BotContext) -> None:
    """/walkin (staff): find the absent delegate, then record who came in their place."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = await language_of(update, context)
    await context.services.pending.put(user.id, ASK_WALK_IN_NAME, {})
    await message.reply_text(text(language, "checkin.walkin_ask_name"))


async def on_text(update: Update, context: BotContext) -> None:
    """A name typed at the desk, or the walk-in substitute's name and position."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None and message.text is not None
    language = await language_of(update, context)
    services = context.services
    pending = await services.pending.get(user.id)
    if pending is None:
        await message.reply_text(text(language, "fallback.text"))
        return
    if pending.kind == ASK_SUBSTITUTE:
        name, _, position = message.text.strip().partition(",")
        if not name.strip():
            await message.reply_text(text(language, "checkin.walkin_ask_who"))
            return
        await services.pending.clear(user.id)
        result = await services.checkins.check_in(
            int(pending.data["delegate"]),
            user.id,
            user.full_name,
            "walk_in",
            (name.strip()[:NAME_LIMIT], position.strip()[:NAME_LIMIT]),
        )
        await _reply_result(update, context, language, result)
        return
    found, count = await services.checkins.search(message.text)
    if not found:
        await message.reply_text(text(language, "checkin.none_found"))
        return
    action = "w" if pending.kind == ASK_WALK_IN_NAME else "m"
    # Namesakes are common on an 800-person roster: the message lists position, department and agency for each
    # match and the buttons carry the same numbers, so the desk can tell two "Nguyễn Văn Hiệp" apart.
    lines = [_found_line(language, number, a) for number, a in enumerate(found, start=1)]

    def render(shown: Sequence[str], _: int) -> str:
        return text(language, "checkin.found", count=count, shown=len(shown), lines=Markup("\n".join(shown)))

    shown = fitting(render, lines)  # long positions and agencies: as many matches as one message holds
    buttons = [
        [match_button(number, a.delegate, PICK.data(action=action, id=a.delegate.id), "✅ " if a.checkin else "")]
        for number, a in enumerate(found[:shown], start=1)
    ]
    await message.reply_text(render(lines[:shown], 0), reply_markup=InlineKeyboardMarkup(buttons))


def _found_line(language: str, number: int, attendee: Attendee) -> str:
    """A numbered match at the desk, with the seat and whether they are already here."""
    seat = text(language, "checkin.found_seat", seat=attendee.seat) if attendee.seat else ""
    state = text(language, "checkin.found_checked_in") if attendee.checkin else ""
    return match_line(language, number, attendee.delegate, seat + state)


async def on_pick(update: Update, context: BotContext) -> None:
    """ci:m:<id> checks the delegate in by hand; ci:w:<id> asks who came in their place."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    services = context.services
    delegate_id = int(context.match.group("id"))
    if context.match.group("action") == "w":
        await answer_quietly(query)
        await services.pending.put(user.id, ASK_SUBSTITUTE, {"delegate": str(delegate_id)})
        attendee = await services.checkins.attendee(delegate_id)
        name = attendee.delegate.full_name if attendee else ""
        await context.bot.send_message(user.id, text(language, "checkin.walkin_ask_who_for", full_name=name))
        return
    await answer_quietly(query)
    result = await services.checkins.check_in(delegate_id, user.id, user.full_name, "manual")
    await _reply_result(update, context, language, result)


async def on_undo(update: Update, context: BotContext) -> None:
    """ci:u:<checkin id>: undo a mistaken check-in within the undo window."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    services = context.services
    admin = roles_of(context.application).allows(user.id, (ADMIN,))
    result = await services.checkins.undo(int(context.match.group("id")), user.id, admin=admin)
    name = result.attendee.delegate.full_name if result.attendee else ""
    if result.outcome is not CheckinOutcome.UNDONE:
        minutes = int(services.checkins.undo_window.total_seconds() // 60)
        await answer_quietly(query, text(language, f"checkin.{result.outcome.value}", minutes=minutes), alert=True)
        return
    await answer_quietly(query)
    await context.bot.send_message(
        user.id, text(language, "checkin.undone", full_name=name, count=result.checked_in, expected=result.expected)
    )


async def attendance_command(update: Update, context: BotContext) -> None:
    """/attendance (staff, admins): checked-in / expected, total and by agency; admins can list who is missing."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = await language_of(update, context)
    services = context.services
    attendance = await services.checkins.attendance()
    lines = [
        text(language, "attendance.agency_line", agency=a.agency, count=a.checked_in, expected=a.expected)
        for a in attendance.agencies
        if a.expected or a.checked_in
    ]
    keyboard = None
    if roles_of(context.application).allows(user.id, (ADMIN,)):
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(text(language, "attendance.button_missing"), callback_data=NOT_HERE.data())]]
        )

    def render(shown: Sequence[str], hidden: int) -> str:
        more = [text(language, "list.more_lines", count=hidden)] if hidden else []
        agencies = Markup("\n".join([*shown, *more]) or "—")
        return text(
            language, "attendance.summary", count=attendance.checked_in, expected=attendance.expected, agencies=agencies
        )

    await message.reply_text(_fit(render, lines[:60]), reply_markup=keyboard)


async def on_not_here(update: Update, context: BotContext) -> None:
    """ci:nh (admins): expected but not yet here, by agency, with phone numbers."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    services = context.services
    await answer_quietly(query)
    missing = await services.checkins.not_here()
    blocks, shown = [], 0
    for group in missing:
        names = []
        for delegate in group.delegates:
            if shown >= _NOT_HERE_SHOWN:
                break
            names.append(
                text(language, "attendance.missing_line", full_name=delegate.full_name, phone=delegate.phone or "—")
            )
            shown += 1
        if names:
            blocks.append(text(language, "attendance.missing_agency", agency=group.agency, count=len(group.delegates)))
            blocks.extend(names)
    total = sum(len(g.delegates) for g in missing)

    def render(shown: Sequence[str], hidden: int) -> str:
        more = [text(language, "list.more_lines", count=hidden)] if hidden else []
        return text(language, "attendance.missing", count=total, lines=Markup("\n".join([*shown, *more]) or "—"))

    await context.bot.send_message(user.id, _fit(render, blocks))


def _fit(render: Callable[[Sequence[str], int], str], lines: Sequence[str]) -> str:
    """render() with as many lines as one message holds, and how many were left out."""
    shown = fitting(render, lines)
    return render(lines[:shown], len(lines) - shown)


async def on_qr_button(update: Update, context: BotContext) -> None:
    """The card's "check-in code" button."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    await send_qr(update, context, language)


def register(app: Application) -> None:
    """Add /checkin, /walkin, /attendance, their buttons and the desk's text route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("checkin", checkin_command, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("walkin", walkin_command, filters=roles.command(*DESK)))
    app.add_handler(CommandHandler("attendance", attendance_command, filters=roles.command(*DESK)))
    app.add_handler(roles.button(CHECKIN_QR, on_qr_button, EVERYONE))
    app.add_handler(roles.button(PICK, on_pick, *DESK))
    app.add_handler(roles.button(UNDO, on_undo, *DESK))
    app.add_handler(roles.button(NOT_HERE, on_not_here, ADMIN))
    add_route(app, AREA, on_text, *DESK)
