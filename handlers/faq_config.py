"""The config file's [[faq]] entries in /faq (admins): each can be hidden from /help (confirmed, audited) and shown
again; kept in the database (bot/services/inquiries.py `hide_config_faq`), so it survives restarts, and the config
file is never rewritten. An entry is named by a key made from its Vietnamese question ("faqc:…:<key>"), so a button
pressed after the config was reordered or edited acts on the same question or on none."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot.i18n import Markup, text
from bot.services.inquiries import ConfigFaqResult, Outcome
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import Button
from handlers.common import answer_quietly, edit_quietly, language_of

KEY = r"[0-9a-f]{12}"
FAQ_CONFIG_HIDE = Button("faqc:hide:{key}", key=KEY)
FAQ_CONFIG_HIDE_YES = Button("faqc:ok:{key}", key=KEY)
FAQ_CONFIG_KEEP = Button("faqc:keep:{key}", key=KEY)
FAQ_CONFIG_SHOW = Button("faqc:show:{key}", key=KEY)


async def send_config_list(context: BotContext, user_id: int, language: str) -> None:
    """/faq's second part: the config entries in the file's order, each with "Ẩn" or, when hidden, "Hiện lại"."""
    entries = await context.services.inquiries.config_faq(hidden_too=True)
    if not entries:
        return
    lines = [
        text(
            language,
            "faq.config_line",
            number=faq.index + 1,
            question=faq.entry.question,
            state=Markup(text(language, "faq.config_hidden_mark")) if faq.hidden else "",
        )
        for faq in entries
    ]
    buttons = [
        [
            InlineKeyboardButton(
                text(language, "faq.config_show_button", number=faq.index + 1),
                callback_data=FAQ_CONFIG_SHOW.data(key=faq.key),
            )
            if faq.hidden
            else InlineKeyboardButton(
                text(language, "faq.config_hide_button", number=faq.index + 1),
                callback_data=FAQ_CONFIG_HIDE.data(key=faq.key),
            )
        ]
        for faq in entries
    ]
    await context.bot.send_message(
        user_id,
        text(language, "faq.config_list", count=len(entries), lines=Markup("".join(lines))),
        reply_markup=InlineKeyboardMarkup(buttons),
    )


async def _pressed(update: Update, context: BotContext) -> tuple[int, str, str]:
    """A faqc button: answered at once; (who pressed, their language, the entry's key)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and context.match is not None and user is not None
    await answer_quietly(query)
    return user.id, await language_of(update, context), context.match["key"]


async def on_hide(update: Update, context: BotContext) -> None:
    """ "Ẩn C1": ask to confirm (Hide / Keep)."""
    user_id, language, key = await _pressed(update, context)
    faq = context.services.inquiries.configured(key)
    if faq is None:
        await context.bot.send_message(user_id, text(language, "faq.config_not_found"))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    text(language, "faq.config_hide_yes"), callback_data=FAQ_CONFIG_HIDE_YES.data(key=key)
                ),
                InlineKeyboardButton(text(language, "faq.config_hide_no"), callback_data=FAQ_CONFIG_KEEP.data(key=key)),
            ]
        ]
    )
    await context.bot.send_message(
        user_id,
        text(language, "faq.config_hide_confirm", number=faq.index + 1, question=faq.entry.question),
        reply_markup=keyboard,
    )


def _result_text(language: str, result: ConfigFaqResult, done: str, already: str) -> str:
    if result.faq is None or result.outcome is Outcome.NOT_FOUND:
        return text(language, "faq.config_not_found")
    return text(language, done if result.outcome is Outcome.SAVED else already, number=result.faq.index + 1)


async def on_hide_confirmed(update: Update, context: BotContext) -> None:
    """Confirmed: the entry leaves /help (stored, audited); the confirmation message says so."""
    user_id, language, key = await _pressed(update, context)
    result = await context.services.inquiries.hide_config_faq(key, user_id)
    reply = _result_text(language, result, "faq.config_hidden", "faq.config_already_hidden")
    await edit_quietly(update.effective_message, context, user_id, None, reply)


async def on_keep(update: Update, context: BotContext) -> None:
    """Kept: nothing changes."""
    user_id, language, key = await _pressed(update, context)
    faq = context.services.inquiries.configured(key)
    reply = text(language, "faq.config_kept", number=faq.index + 1) if faq else text(language, "faq.config_not_found")
    await edit_quietly(update.effective_message, context, user_id, None, reply)


async def on_show(update: Update, context: BotContext) -> None:
    """ "Hiện lại C1": the hidden entry is back in /help (audited)."""
    user_id, language, key = await _pressed(update, context)
    result = await context.services.inquiries.show_config_faq(key, user_id)
    reply = _result_text(language, result, "faq.config_shown", "faq.config_already_shown")
    await context.bot.send_message(user_id, reply)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """The config entries' buttons under /faq, for admins (anyone else: the stale-button alert)."""
    roles = roles_of(app)
    app.add_handler(roles.button(FAQ_CONFIG_HIDE, on_hide, ADMIN))
    app.add_handler(roles.button(FAQ_CONFIG_HIDE_YES, on_hide_confirmed, ADMIN))
    app.add_handler(roles.button(FAQ_CONFIG_KEEP, on_keep, ADMIN))
    app.add_handler(roles.button(FAQ_CONFIG_SHOW, on_show, ADMIN))
