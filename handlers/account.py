"""/me, /help and /language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.phones import format_phone_vn
from bot.telegram.commands import help_text
from bot.telegram.context import BotContext
from bot.telegram.menus import refresh_menu
from bot.telegram.roles import EVERYONE, roles_of
from handlers.common import answer_quietly, language_of
from handlers.inquiries import faq_keyboard
from handlers.views import LANGUAGE, answer_label, language_keyboard


async def me(update: Update, context: BotContext) -> None:
    """Show the delegate's own record and answer (only their own)."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    language = await language_of(update, context)
    delegate = await context.services.invitations.delegate_of(update.effective_user.id)
    if delegate is None:
        await message.reply_text(text(language, "rsvp.not_linked"))
        return
    rsvp = await context.services.rsvp.current(delegate.id)
    await message.reply_text(
        text(
            language,
            "me.record",
            full_name=delegate.full_name,
            position=delegate.position or "—",
            department=delegate.department or "—",
            agency=delegate.agency or "—",
            phone=format_phone_vn(delegate.phone) if delegate.phone else "—",
            code=delegate.code,
            answer=Markup(answer_label(language, rsvp)),
        )
    )


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands this user may use."""
    assert update.effective_message is not None and update.effective_user is not None
    language = await language_of(update, context)
    held = roles_of(context.application).of(update.effective_user.id)
    # The practical questions follow the commands in the same message (one send per /help).
    await update.effective_message.reply_text(
        help_text(language, held) + "\n\n" + text(language, "faq.heading"),
        reply_markup=await faq_keyboard(context, language),
    )


async def language_command(update: Update, context: BotContext) -> None:
    """Offer the two languages."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text("vi", "language.choose"), reply_markup=language_keyboard())


async def language_chosen(update: Update, context: BotContext) -> None:
    """Store the chosen language and confirm in it."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    assert context.match is not None
    language = await context.services.users.set_language(update.effective_user.id, context.match["language"])
    await answer_quietly(query)
    await context.bot.send_message(update.effective_user.id, text(language, "language.set"))
    # A role member's menu is in their language: follow the change.
    await refresh_menu(context.bot, context.services, roles_of(context.application), update.effective_user.id)


def register(app: Application) -> None:
    """Add /me, /help and /language."""
    roles = roles_of(app)
    everyone = roles.command(EVERYONE)
    app.add_handler(CommandHandler("me", me, filters=everyone))
    app.add_handler(CommandHandler("help", help_command, filters=everyone))
    app.add_handler(CommandHandler("language", language_command, filters=everyone))
    app.add_handler(roles.button(LANGUAGE, language_chosen, EVERYONE))
