"""/stats for admins, staff and agency contacts (their agencies only): answers in total and by agency (paged),
proposals by topic and status, nominations, the chart of answers by agency (with a button that redraws it) and, for
admins, who has not answered in an agency, with phone numbers. On the conference day: checked-in / expected in total
and on each agency's line (an agency contact: their agencies); for admins and staff the attendance chart (its button
redraws it in place) and, for admins, the button to /attendance's "expected but not yet here" list with phones.

Anyone else gets the unknown-command reply (bot/telegram/roles.py): the gates are set at registration.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, LinkPreviewOptions, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, plain, text
from bot.i18n.times import clock_time
from bot.services.checkins import Attendance
from bot.services.statistics import AGENCY_PAGE, UNANSWERED_LIMIT, AnswerCounts, Overview
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, AGENCY_CONTACT, STAFF, roles_of
from bot.telegram.routing import ID, Button
from handlers.checkin import NOT_HERE
from handlers.common import answer_quietly, edit_quietly, fitting, language_of

VIEWERS = (ADMIN, STAFF, AGENCY_CONTACT)
STATS_PAGE = Button("st:p:{page}", page=ID)
STATS_CHART = Button("st:chart")
STATS_UNANSWERED = Button("st:una")
STATS_UNANSWERED_AGENCY = Button("st:una:{index}", index=ID)
STATS_ATTENDANCE_CHART = Button("st:ac")  # sends the attendance chart
STATS_ATTENDANCE_REFRESH = Button("st:acr")  # under the chart: draws it again with current figures, in place
STATS_HALL_SCREEN = Button("st:hall")  # (admins) the hall-screen page's address
CHART_FILE = "diem-danh.png"


def scope_of(context: BotContext, user_id: int) -> Collection[str] | None:
    """None (the whole conference) for admins and staff; an agency contact's own agencies otherwise."""
    if roles_of(context.application).allows(user_id, (ADMIN, STAFF)):
        return None
    return context.services.statistics.agencies_of_contact(user_id)


async def live_attendance(context: BotContext, scope: Collection[str] | None) -> Attendance | None:
    """Attendance on the conference day (None before): the whole conference, or an agency contact's agencies."""
    return await context.services.checkins.live_attendance(scope)


def extra_sections(language: str, attendance: Attendance | None) -> list[str]:
    """Sections other areas add to /stats (today: live attendance on the conference day)."""
    if attendance is None:
        return []
    return [
        text(
            language,
            "stats.attendance",
            count=attendance.checked_in,
            expected=attendance.expected,
            not_here=attendance.not_here,
        )
    ]


def _agency_line(language: str, c: AnswerCounts) -> str:
    return text(
        language,
        "stats.agency_line",
        agency=c.agency,
        invited=c.invited,
        attending=c.attending,
        substitute=c.substitute,
        declined=c.declined,
        unanswered=c.unanswered,
    )


def _agency_lines(language: str, c: AnswerCounts, attendance: Attendance | None) -> str:
    line = _agency_line(language, c)
    present = next((a for a in attendance.agencies if a.agency == c.agency), None) if attendance else None
    if present is None:
        return line
    return line + "\n" + text(language, "stats.agency_attendance", count=present.checked_in, expected=present.expected)


def render(
    context: BotContext,
    language: str,
    overview: Overview,
    page: int,
    extra: list[str],
    attendance: Attendance | None = None,
) -> str:
    """The /stats message for one page of agencies (with each agency's checked-in / expected on the day)."""
    total = overview.total
    pages = max(1, -(-len(overview.agencies) // AGENCY_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = overview.agencies[page * AGENCY_PAGE : (page + 1) * AGENCY_PAGE]
    parts = [
        text(
            language,
            "stats.header_scoped" if overview.scoped else "stats.header",
            event_name=context.services.event.name,
            agencies=", ".join(c.agency for c in overview.agencies) or "—",
        ),
        text(
            language,
            "stats.totals",
            invited=total.invited,
            linked=total.linked,
            attending=total.attending,
            substitute=total.substitute,
            declined=total.declined,
            unanswered=total.unanswered,
        ),
        *extra,
        text(language, "stats.by_agency", page=page + 1, pages=pages),
        "\n".join(_agency_lines(language, c, attendance) for c in shown) or text(language, "stats.no_delegates"),
    ]
    categories = context.services.settings.proposals
    topic_lines = [
        text(
            language,
            "stats.topic_line",
            topic=category.label(language) if (category := categories.category(code)) else code,
            count=count,
            answered=answered,
        )
        for code, count, answered in overview.proposals_by_topic
        if count
    ]
    statuses = ", ".join(
        text(language, f"stats.status.{status}", count=count)
        for status, count in sorted(overview.proposals_by_status.items())
    )
    parts.append(text(language, "stats.proposals", count=overview.proposals, statuses=statuses or "—"))
    if topic_lines:
        parts.append("\n".join(topic_lines))
    parts.append(text(language, "stats.nominations", people=overview.nominees, count=overview.nominations))
    return "\n\n".join(parts)


def keyboard(
    language: str, overview: Overview, page: int, admin: bool, day: bool = False, hall_screen: bool = False
) -> InlineKeyboardMarkup:
    """Paging, the chart, (admins) who has not answered; on the day the attendance chart and (admins) who is missing;
    (admins) the hall screen's address when it is on."""
    pages = max(1, -(-len(overview.agencies) // AGENCY_PAGE))
    rows: list[list[InlineKeyboardButton]] = []
    paging = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(text(language, "stats.button_previous"), callback_data=STATS_PAGE.data(page=page - 1))
        )
    if page + 1 < pages:
        paging.append(
            InlineKeyboardButton(text(language, "stats.button_next"), callback_data=STATS_PAGE.data(page=page + 1))
        )
    if paging:
        rows.append(paging)
    rows.append(
        [
            InlineKeyboardButton(text(language, "stats.button_chart"), callback_data=STATS_CHART.data()),
            InlineKeyboardButton(text(language, "stats.button_refresh"), callback_data=STATS_PAGE.data(page=page)),
        ]
    )
    if day:
        rows.append(
            [
                InlineKeyboardButton(
                    text(language, "stats.button_attendance_chart"), callback_data=STATS_ATTENDANCE_CHART.data()
                )
            ]
        )
    if admin and day:
        rows.append([InlineKeyboardButton(text(language, "attendance.button_missing"), callback_data=NOT_HERE.data())])
    if admin:
        rows.append(
            [InlineKeyboardButton(text(language, "stats.button_unanswered"), callback_data=STATS_UNANSWERED.data())]
        )
    if admin and hall_screen:
        rows.append(
            [InlineKeyboardButton(text(language, "stats.button_hall_screen"), callback_data=STATS_HALL_SCREEN.data())]
        )
    return InlineKeyboardMarkup(rows)


async def _page(context: BotContext, user_id: int, language: str, page: int) -> tuple[str, InlineKeyboardMarkup]:
    scope = scope_of(context, user_id)
    overview = await context.services.statistics.overview(scope)
    pages = max(1, -(-len(overview.agencies) // AGENCY_PAGE))
    page = min(max(page, 0), pages - 1)
    admin = roles_of(context.application).allows(user_id, (ADMIN,))
    attendance = await live_attendance(context, scope)
    body = render(context, language, overview, page, extra_sections(language, attendance), attendance)
    hall_screen = context.services.settings.hall_screen.enabled
    day = attendance is not None and scope is None  # the chart and the missing list: the whole conference
    return body, keyboard(language, overview, page, admin, day=day, hall_screen=hall_screen)


async def stats(update: Update, context: BotContext) -> None:
    """/stats: the first page."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    language = await language_of(update, context)
    body, markup = await _page(context, user.id, language, 0)
    await message.reply_text(body, reply_markup=markup)


async def on_page(update: Update, context: BotContext) -> None:
    """Another page of agencies, or the same page with fresh figures (edits the message)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    body, markup = await _page(context, user.id, language, int(context.match["page"]))
    message = query.message if isinstance(query.message, Message) else None
    await edit_quietly(message, context, user.id, None, body, markup)


async def on_chart(update: Update, context: BotContext) -> None:
    """Draw the chart of answers by agency and send it as a photo (its button draws it again with fresh figures)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query, text(language, "stats.drawing"))
    overview = await context.services.statistics.overview(scope_of(context, user.id))
    from bot.services.charts import GREEN, GREY, PURPLE, RED, Series, render_stacked_bars

    agencies = overview.agencies
    series = [
        Series(text(language, "stats.series_attending"), tuple(c.attending for c in agencies), GREEN),
        Series(text(language, "stats.series_substitute"), tuple(c.substitute for c in agencies), PURPLE),
        Series(text(language, "stats.series_declined"), tuple(c.declined for c in agencies), RED),
        Series(text(language, "stats.series_unanswered"), tuple(c.unanswered for c in agencies), GREY),
    ]
    png = await render_stacked_bars(
        [c.agency for c in agencies],
        series,
        title=text(language, "stats.chart_title"),
        empty_text=text(language, "stats.chart_empty"),
    )
    total = overview.total
    await context.bot.send_photo(
        user.id,
        png,
        caption=text(
            language,
            "stats.chart_caption",
            invited=total.invited,
            attending=total.attending,
            substitute=total.substitute,
            declined=total.declined,
            unanswered=total.unanswered,
        ),
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton(text(language, "stats.button_redraw"), callback_data=STATS_CHART.data())]]
        ),
    )


async def _attendance_chart(context: BotContext, language: str) -> tuple[bytes, str, InlineKeyboardMarkup]:
    """The attendance chart (present / not yet here by agency, most expected first), its caption and button."""
    from bot.services.charts import GREEN, GREY, Series, render_stacked_bars

    services = context.services
    attendance = await services.checkins.attendance()
    time = clock_time(language, services.clock.now(), services.event.timezone)
    shown = sorted(
        (a for a in attendance.agencies if a.expected or a.checked_in),
        key=lambda a: (-(a.checked_in + a.not_here), a.agency),
    )
    series = [
        Series(text(language, "stats.series_present"), tuple(a.checked_in for a in shown), GREEN),
        Series(text(language, "stats.series_not_here"), tuple(a.not_here for a in shown), GREY),
    ]
    png = await render_stacked_bars(
        [a.agency for a in shown],
        series,
        title=text(language, "stats.attendance_chart_title", time=time),
        empty_text=text(language, "stats.attendance_chart_empty"),
    )
    caption = text(
        language,
        "stats.attendance_chart_caption",
        count=attendance.checked_in,
        expected=attendance.expected,
        not_here=attendance.not_here,
        time=time,
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    text(language, "stats.button_chart_refresh"), callback_data=STATS_ATTENDANCE_REFRESH.data()
                )
            ]
        ]
    )
    return png, caption, markup


async def on_attendance_chart(update: Update, context: BotContext) -> None:
    """Send the attendance chart as a photo; its button redraws it with current figures."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query, text(language, "stats.drawing"))
    png, caption, markup = await _attendance_chart(context, language)
    await context.bot.send_photo(user.id, png, caption=caption, reply_markup=markup, filename=CHART_FILE)


async def on_attendance_refresh(update: Update, context: BotContext) -> None:
    """Redraw the attendance chart with current figures in place (editMessageMedia); a new photo if that fails."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query, text(language, "stats.drawing"))
    png, caption, markup = await _attendance_chart(context, language)
    message = query.message if isinstance(query.message, Message) else None
    if message is not None and message.photo:
        try:
            await query.edit_message_media(
                InputMediaPhoto(png, caption=caption, filename=CHART_FILE), reply_markup=markup
            )
            return
        except BadRequest:  # too old to edit, or deleted: the figures still arrive, as a new photo
            pass
    await context.bot.send_photo(user.id, png, caption=caption, reply_markup=markup, filename=CHART_FILE)


async def on_hall_screen(update: Update, context: BotContext) -> None:
    """(Admins) the hall-screen page's address (secret: sent only here, never logged), or that it is off."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    hall = context.services.hall_screen
    if not hall.settings.enabled:
        await answer_quietly(query, text(language, "hall.off"), alert=True)
        return
    await answer_quietly(query)
    await context.bot.send_message(
        user.id,
        text(language, "hall.link", seconds=hall.settings.refresh_seconds, url=await hall.url()),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def on_unanswered(update: Update, context: BotContext) -> None:
    """(Admins) the agencies with delegates who have not answered, one button each."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    await answer_quietly(query)
    groups = await context.services.statistics.unanswered_agencies()
    if not groups:
        await context.bot.send_message(user.id, text(language, "stats.everyone_answered"))
        return
    rows = [
        [
            InlineKeyboardButton(
                plain(language, "stats.unanswered_button", agency=agency, count=count),  # a label: not HTML
                callback_data=STATS_UNANSWERED_AGENCY.data(index=index),
            )
        ]
        for index, (agency, count) in enumerate(groups[:40])
    ]
    await context.bot.send_message(
        user.id, text(language, "stats.choose_agency"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def on_unanswered_agency(update: Update, context: BotContext) -> None:
    """(Admins) who has not answered in one agency, with phone numbers, so the secretariat can call."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    statistics = context.services.statistics
    groups = await statistics.unanswered_agencies()
    index = int(context.match["index"])
    if index >= len(groups):
        await answer_quietly(query, text(language, "stats.list_changed"), alert=True)
        return
    await answer_quietly(query)
    agency = groups[index][0]
    people = await statistics.unanswered(None if agency == "—" else agency)
    if agency == "—":
        people = [d for d in people if not d.agency]
    lines = [
        text(
            language,
            "stats.unanswered_line",
            number=number,
            full_name=d.full_name,
            position=d.position or "—",
            phone=d.phone or text(language, "stats.no_phone"),
        )
        for number, d in enumerate(people[:UNANSWERED_LIMIT], start=1)
    ]

    def render(shown: Sequence[str], _: int) -> str:
        # 60 names with positions and phones pass Telegram's 4096 characters: as many as fit, then "… N more".
        body = text(
            language, "stats.unanswered_header", agency=agency, count=len(people), lines=Markup("\n".join(shown))
        )
        more = len(people) - len(shown)
        return body + ("\n" + text(language, "stats.unanswered_more", count=more) if more > 0 else "")

    shown = fitting(render, lines)
    await context.bot.send_message(user.id, render(lines[:shown], 0))


def register(app: Application) -> None:
    """/stats and its buttons; who has not answered (with phones) is for admins only."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("stats", stats, filters=roles.command(*VIEWERS)))
    app.add_handler(roles.button(STATS_PAGE, on_page, *VIEWERS))
    app.add_handler(roles.button(STATS_CHART, on_chart, *VIEWERS))
    app.add_handler(roles.button(STATS_ATTENDANCE_CHART, on_attendance_chart, ADMIN, STAFF))
    app.add_handler(roles.button(STATS_ATTENDANCE_REFRESH, on_attendance_refresh, ADMIN, STAFF))
    app.add_handler(roles.button(STATS_HALL_SCREEN, on_hall_screen, ADMIN))
    app.add_handler(roles.button(STATS_UNANSWERED, on_unanswered, ADMIN))
    app.add_handler(roles.button(STATS_UNANSWERED_AGENCY, on_unanswered_agency, ADMIN))
