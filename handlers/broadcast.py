"""/broadcast: organizers choose an audience, type the text (Vietnamese, optionally English) and get a preview."""

from __future__ import annotations

import json
import logging

from telegram import CallbackQuery, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.services.broadcasts import AUDIENCES, TEXT_LIMIT
from bot.services.cleaning import Problem, clean_input
from bot.services.pending import area_of
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from handlers.broadcast_actions import on_time_typed, show_preview
from handlers.broadcast_views import (
    AUDIENCE_CODES,
    BC_AGENCIES_DONE,
    BC_AGENCY,
    BC_AUDIENCE,
    BC_QUIT,
    BC_SKIP_ENGLISH,
    agencies_keyboard,
    audience_keyboard,
    audience_label,
    skip_english_keyboard,
)
from handlers.common import answer_quietly, language_of
from handlers.text_input import add_route
from storage.broadcast_models import Audience
from storage.models import PendingInput

log = logging.getLogger(__name__)
AREA = "broadcast"
_AGENCIES = "broadcast.agencies"


async def broadcast_command(update: Update, context: BotContext) -> None:
    """Offer the audiences with their sizes (organizers only, see bot/telegram/roles.py)."""
    assert update.effective_message is not None and update.effective_user is not None
    language = await language_of(update, context)
    service = context.services.broadcasts
    sizes = {
        audience: (await service.audience_size(audience)).total for audience in AUDIENCES if audience != "agencies"
    }
    await context.services.pending.clear(update.effective_user.id)
    await update.effective_message.reply_text(
        text(language, "broadcast.choose_audience"), reply_markup=audience_keyboard(language, sizes)
    )


async def _composing(context: BotContext, user_id: int) -> dict[str, str]:
    """The data of the broadcast being composed ({} if none)."""
    pending = await context.services.pending.get(user_id)
    return pending.data if pending and area_of(pending.kind) == AREA else {}


async def on_audience(update: Update, context: BotContext) -> None:
    """An audience chosen (BC_AUDIENCE): ask for the text, or first for the agencies."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language, user_id = await language_of(update, context), query.from_user.id
    audience = AUDIENCE_CODES[context.match["code"]]
    await answer_quietly(query)
    if audience == "agencies":
        await context.services.pending.put(user_id, _AGENCIES, {"agencies": "[]"})
        await query.edit_message_text(
            text(language, "broadcast.choose_agencies"),
            reply_markup=agencies_keyboard(language, await context.services.broadcasts.agencies(), []),
        )
    else:
        await _ask_text(context, user_id, language, audience, [])


async def on_agency(update: Update, context: BotContext) -> None:
    """Tick or untick an agency (BC_AGENCY)."""
    query = update.callback_query
    assert query is not None and context.match is not None
    await answer_quietly(query)
    await _toggle_agency(query, context, await language_of(update, context), int(context.match["index"]))


async def on_agencies_done(update: Update, context: BotContext) -> None:
    """Done choosing agencies (BC_AGENCIES_DONE): at least one, then ask for the text."""
    query = update.callback_query
    assert query is not None
    language, user_id = await language_of(update, context), query.from_user.id
    data = await _composing(context, user_id)
    if data.get("agencies") in (None, "[]"):
        await answer_quietly(query, text(language, "broadcast.no_agency"), alert=True)
        return
    await answer_quietly(query)
    await _ask_text(context, user_id, language, "agencies", json.loads(data["agencies"]))


async def on_skip_english(update: Update, context: BotContext) -> None:
    """No English version (BC_SKIP_ENGLISH): show the preview."""
    query = update.callback_query
    assert query is not None
    language, user_id = await language_of(update, context), query.from_user.id
    data = await _composing(context, user_id)
    await answer_quietly(query)
    if data.get("text_vi"):
        await _preview_from_pending(context, user_id, language, data, None)


async def on_quit(update: Update, context: BotContext) -> None:
    """Quit composing (BC_QUIT)."""
    query = update.callback_query
    assert query is not None
    await answer_quietly(query)
    await context.services.pending.clear(query.from_user.id)
    await query.edit_message_text(text(await language_of(update, context), "input.cancelled"))


def _chosen(pending: PendingInput | None) -> list[str] | None:
    """The agencies ticked so far, or None when the user is not choosing agencies."""
    if pending is None or pending.kind != _AGENCIES:
        return None
    return list(json.loads(pending.data.get("agencies", "[]")))


async def _toggle_agency(query: CallbackQuery, context: BotContext, language: str, index: int) -> None:
    """Tick or untick one agency in one read-modify-write, then show what is stored (not this handler's view)."""
    agencies = await context.services.broadcasts.agencies()
    if index >= len(agencies):
        return
    name = agencies[index][0]

    def toggle(pending: PendingInput | None) -> tuple[str, dict[str, str]] | None:
        chosen = _chosen(pending)
        if chosen is None:
            return None
        chosen = [a for a in chosen if a != name] if name in chosen else [*chosen, name]
        return _AGENCIES, {"agencies": json.dumps(chosen, ensure_ascii=False)}

    pending = context.services.pending
    chosen = _chosen(await pending.update(query.from_user.id, toggle))
    # Two quick taps edit the same keyboard; their edits may land in either order. Whoever finds the stored choice
    # changed after its own edit draws it again, so the last edit always shows what is stored.
    for _ in range(3):
        if chosen is None:
            return
        # "message is not modified" (the other tap drew the same choice) is a success: bot/telegram/request.py.
        await query.edit_message_reply_markup(agencies_keyboard(language, agencies, chosen))
        stored = _chosen(await pending.get(query.from_user.id))
        if stored == chosen:
            return
        chosen = stored


async def _ask_text(context: BotContext, user_id: int, language: str, audience: Audience, agencies: list[str]) -> None:
    size = await context.services.broadcasts.audience_size(audience, agencies)
    await context.services.pending.put(
        user_id, "broadcast.text", {"audience": audience, "agencies": json.dumps(agencies, ensure_ascii=False)}
    )
    await context.bot.send_message(
        user_id,
        text(
            language,
            "broadcast.ask_text",
            total=size.total,
            limit=TEXT_LIMIT,
            audience=Markup(audience_label(language, audience, agencies)),
        ),
    )


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text of the broadcast area: the message, its English version, or the time to send."""
    language = await language_of(update, context)
    message = update.effective_message
    if message is None or message.text is None or update.effective_user is None:
        return
    user_id = update.effective_user.id
    pending = await context.services.pending.get(user_id)
    if pending is None:
        return
    if pending.kind == "broadcast.time":
        await on_time_typed(update, context, language, int(pending.data["id"]))
        return
    if pending.kind == "broadcast.agencies":
        await message.reply_text(text(language, "broadcast.choose_agencies"))
        return
    cleaned = clean_input(message.text, TEXT_LIMIT)
    if not cleaned.ok:
        key = "input.empty" if cleaned.problem is Problem.EMPTY else "input.too_long"
        await message.reply_text(text(language, key, count=cleaned.length, limit=TEXT_LIMIT))
        return
    value = cleaned.text
    if pending.kind == "broadcast.text":
        await context.services.pending.put(user_id, "broadcast.text_en", {**pending.data, "text_vi": value})
        await message.reply_text(text(language, "broadcast.ask_text_en"), reply_markup=skip_english_keyboard(language))
    elif pending.kind == "broadcast.text_en":
        await _preview_from_pending(context, user_id, language, pending.data, value)


async def _preview_from_pending(
    context: BotContext, user_id: int, language: str, data: dict[str, str], text_en: str | None
) -> None:
    audience: Audience = data["audience"]  # type: ignore[assignment]
    draft = await context.services.broadcasts.create_draft(
        user_id, audience, json.loads(data.get("agencies", "[]")), data["text_vi"], text_en
    )
    await context.services.pending.clear(user_id)
    await show_preview(context.bot, context.services, user_id, language, draft)


def register(app: Application) -> None:
    """Add /broadcast, its compose buttons and its typed-text route."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("broadcast", broadcast_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(BC_AUDIENCE, on_audience, ADMIN))
    app.add_handler(roles.button(BC_AGENCY, on_agency, ADMIN))
    app.add_handler(roles.button(BC_AGENCIES_DONE, on_agencies_done, ADMIN))
    app.add_handler(roles.button(BC_SKIP_ENGLISH, on_skip_english, ADMIN))
    app.add_handler(roles.button(BC_QUIT, on_quit, ADMIN))
    add_route(app, AREA, on_text, ADMIN)
