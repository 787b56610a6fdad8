"""/nominate: find a colleague, tick the criteria, justify, confirm; /nominations: the organizers' ranking."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from re import Match

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, plain, sentence_time, text
from bot.services.agenda import visible_length
from bot.services.nominations import (
    CRITERIA,
    PENDING_AREA,
    NominationOutcome,
    NominationResult,
    NominationService,
    mask_of,
)
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, EVERYONE, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, fitting, language_of
from handlers.text_input import add_route
from handlers.views import match_button, match_line
from storage.models import Delegate

_RANKED = 20
_MASK = r"[0-9]{1,3}"
# Every button of /nominate (this module owns the "nom:" formats).
NOM_PICK = Button("nom:p:{nominee}", nominee=ID)
NOM_TOGGLE = Button("nom:t:{nominee}:{mask}", nominee=ID, mask=_MASK)
NOM_CRITERIA_DONE = Button("nom:c:{nominee}:{mask}", nominee=ID, mask=_MASK)
NOM_CONFIRM = Button("nom:ok")
NOM_CANCEL = Button("nom:x")
NOM_REMOVE = Button("nom:rm:{nomination}", nomination=ID)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _who(delegate: Delegate) -> str:
    return f"{delegate.full_name} — {delegate.agency}" if delegate.agency else delegate.full_name


def _criteria_keyboard(language: str, nominee_id: int, mask: int) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                ("☑️ " if mask & (1 << i) else "⬜ ") + text(language, f"nom.criterion_{code}"),
                NOM_TOGGLE.data(nominee=nominee_id, mask=mask ^ (1 << i)),
            )
        ]
        for i, code in enumerate(CRITERIA)
    ]
    rows.append(
        [
            _button(text(language, "nom.button_next"), NOM_CRITERIA_DONE.data(nominee=nominee_id, mask=mask)),
            _button(text(language, "button.cancel"), NOM_CANCEL.data()),
        ]
    )
    return InlineKeyboardMarkup(rows)


def _mine_lines(language: str, result: NominationResult) -> Markup:
    if not result.mine:
        return Markup(text(language, "nom.mine_none"))
    return Markup("\n".join(text(language, "nom.mine_line", full_name=_who(r.nominee)) for r in result.mine))


def _criteria_text(language: str, criteria: tuple[str, ...]) -> Markup:
    return Markup("; ".join(text(language, f"nom.criterion_{c}") for c in criteria if c in CRITERIA))


async def reply(context: BotContext, chat_id: int, language: str, result: NominationResult) -> None:
    """Say what the outcome needs."""
    o, send, event = result.outcome, context.bot.send_message, context.services.event
    deadline = sentence_time(language, event.proposals_deadline, event.timezone)
    nominee = _who(result.nominee) if result.nominee else ""
    if o is NominationOutcome.ASK_NAME:
        remove = [
            [
                _button(
                    plain(language, "nom.button_remove", full_name=r.nominee.full_name)[:60],
                    NOM_REMOVE.data(nomination=r.nomination.id),
                )
            ]
            for r in result.mine
        ]
        await send(
            chat_id,
            text(
                language,
                "nom.intro",
                limit=result.limit,
                deadline=deadline,
                count=len(result.mine),
                mine=_mine_lines(language, result),
            ),
            reply_markup=InlineKeyboardMarkup(remove) if remove else None,
        )
    elif o is NominationOutcome.FOUND:
        numbered = list(enumerate(result.found, start=1))
        lines = [match_line(language, number, d) for number, d in numbered]

        def render(shown: Sequence[str], _: int) -> str:
            return text(language, "nom.found", count=result.count, shown=len(shown), lines=Markup("\n".join(shown)))

        fits = fitting(render, lines)  # long positions and agencies: as many matches as one message holds
        buttons = [[match_button(number, d, NOM_PICK.data(nominee=d.id))] for number, d in numbered[:fits]]
        await send(chat_id, render(lines[:fits], 0), reply_markup=InlineKeyboardMarkup(buttons))
    elif o is NominationOutcome.ASK_CRITERIA and result.nominee:
        await send(
            chat_id,
            text(language, "nom.ask_criteria", full_name=nominee),
            reply_markup=_criteria_keyboard(language, result.nominee.id, mask_of(result.criteria)),
        )
    elif o is NominationOutcome.ASK_WHY:
        await send(chat_id, text(language, "nom.ask_why", full_name=nominee, limit=result.limit))
    elif o is NominationOutcome.PREVIEW:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    _button(text(language, "nom.button_confirm"), NOM_CONFIRM.data()),
                    _button(text(language, "button.cancel"), NOM_CANCEL.data()),
                ]
            ]
        )
        await send(
            chat_id,
            text(
                language,
                "nom.preview",
                full_name=nominee,
                justification=result.justification,
                criteria=_criteria_text(language, result.criteria),
            ),
            reply_markup=keyboard,
        )
    elif o in (NominationOutcome.SAVED, NominationOutcome.REMOVED, NominationOutcome.LIMIT, NominationOutcome.CLOSED):
        await send(
            chat_id,
            text(
                language,
                f"nom.{o.value}",
                full_name=nominee,
                count=len(result.mine),
                limit=result.limit or context.services.nominations.limit,
                deadline=deadline,
                mine=_mine_lines(language, result),
            ),
        )
    elif o is NominationOutcome.TOO_LONG:
        await send(chat_id, text(language, "input.too_long", count=result.count, limit=result.limit))
    else:
        keys = {
            NominationOutcome.NOT_LINKED: "rsvp.not_linked",
            NominationOutcome.EMPTY: "input.empty",
            NominationOutcome.NOTHING_PENDING: "fallback.text",
        }
        await send(chat_id, text(language, keys.get(o, f"nom.{o.value}")))


async def nominate(update: Update, context: BotContext) -> None:
    """/nominate."""
    assert update.effective_user is not None and update.effective_chat is not None
    language = await language_of(update, context)
    await reply(
        context, update.effective_chat.id, language, await context.services.nominations.start(update.effective_user.id)
    )


async def on_text(update: Update, context: BotContext) -> None:
    """A name to search for or a justification."""
    message = update.effective_message
    assert message is not None and message.text is not None and update.effective_user is not None
    language = await language_of(update, context)
    await reply(
        context,
        message.chat_id,
        language,
        await context.services.nominations.submit_text(update.effective_user.id, message.text),
    )


async def on_toggle(update: Update, context: BotContext) -> None:
    """Tick or untick a criterion (NOM_TOGGLE): only the keyboard changes; a double tap is harmless."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    mask = int(context.match["mask"])
    if mask >= 1 << len(CRITERIA):
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    await answer_quietly(query)
    await query.edit_message_reply_markup(_criteria_keyboard(language, int(context.match["nominee"]), mask))


async def on_cancel(update: Update, context: BotContext) -> None:
    """Cancel (NOM_CANCEL): forget the half-done nomination."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    await context.services.pending.clear(update.effective_user.id)
    await answer_quietly(query, text(await language_of(update, context), "input.cancelled"))


_ALERTS = {
    NominationOutcome.SELF: "nom.self",
    NominationOutcome.UNKNOWN: "nom.unknown",
    NominationOutcome.NO_CRITERIA: "nom.no_criteria",
    NominationOutcome.NOT_YOURS: "nom.not_yours",
    NominationOutcome.NOTHING_PENDING: "rsvp.stale",
    NominationOutcome.NOT_LINKED: "rsvp.not_linked",
}
Step = Callable[[NominationService, int, Match[str]], Awaitable[NominationResult]]


def _step(call: Step) -> Callable[[Update, BotContext], Awaitable[None]]:
    """A button that calls the service, then alerts or replies with the outcome."""

    async def handle(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None and update.effective_user is not None and context.match is not None
        language, user_id = await language_of(update, context), update.effective_user.id
        result = await call(context.services.nominations, user_id, context.match)
        if result.outcome in _ALERTS:
            await answer_quietly(query, text(language, _ALERTS[result.outcome]), alert=True)
            return
        await answer_quietly(query)
        await reply(context, user_id, language, result)

    return handle


_STEPS: tuple[tuple[Button, Step], ...] = (
    (NOM_PICK, lambda s, user, m: s.pick(user, int(m["nominee"]))),
    (NOM_CRITERIA_DONE, lambda s, user, m: s.choose_criteria(user, int(m["nominee"]), int(m["mask"]))),
    (NOM_CONFIRM, lambda s, user, m: s.confirm(user)),
    (NOM_REMOVE, lambda s, user, m: s.remove(user, int(m["nomination"]))),
)


async def ranking(update: Update, context: BotContext) -> None:
    """/nominations for organizers: nominees by number of nominations and criteria, and by agency."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    ranks = await context.services.nominations.ranking()
    lines = [
        text(
            language,
            "nom.rank_line",
            rank=i,
            full_name=r.nominee.full_name,
            agency=r.nominee.agency,
            count=r.nominations,
            criteria=Markup(
                ", ".join(
                    f"{text(language, f'nom.criterion_short_{c}')} {r.criteria[c]}"
                    for c in CRITERIA
                    if r.criteria.get(c)
                )
            ),
        )
        for i, r in enumerate(ranks[:_RANKED], start=1)
    ]
    agencies: dict[str, list[int]] = {}
    for r in ranks:
        agencies.setdefault(r.nominee.agency or "—", []).append(r.nominations)
    by_agency = [
        text(language, "nom.agency_line", agency=a, nominees=len(v), count=sum(v))
        for a, v in sorted(agencies.items(), key=lambda item: (-sum(item[1]), item[0]))
    ]

    def render(listed: int) -> str:
        return text(
            language,
            "nom.ranking",
            nominees=len(ranks),
            count=sum(r.nominations for r in ranks),
            ranking=Markup("\n".join(lines[:listed]) or "—"),
            agencies=Markup("\n".join(by_agency[: min(listed, 15)]) or "—"),
        )

    # 20 nominees and 15 agencies with long names pass Telegram's 4096 characters: fewer lines then (the file has all).
    listed = next((n for n in (_RANKED, 10, 5, 1) if visible_length(render(n)) <= MessageLimit.MAX_TEXT_LENGTH), 0)
    await message.reply_text(render(listed))


def register(app: Application) -> None:
    """Add /nominate, /nominations, the buttons and the text route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("nominate", nominate, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("nominations", ranking, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(NOM_TOGGLE, on_toggle, EVERYONE))
    app.add_handler(roles.button(NOM_CANCEL, on_cancel, EVERYONE))
    for button, call in _STEPS:
        app.add_handler(roles.button(button, _step(call), EVERYONE))
    add_route(app, PENDING_AREA, on_text)
