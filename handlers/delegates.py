"""The organizer's delegate view: /delegate CODE-or-name, with withdraw/restore and link reissue as buttons.

The same reissue button rides on the link-misuse warning (handlers/start.py), so an admin never needs the shell.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.i18n import Markup, text
from bot.services.invitations import deep_link
from bot.services.roster import WithdrawalOutcome
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, edit_quietly, language_of
from handlers.views import answer_label
from storage.models import Delegate, Rsvp

DELEGATE_VIEW = Button("dlg:v:{id}", id=ID)
DELEGATE_WITHDRAW = Button("dlg:w:{id}", id=ID)
DELEGATE_RESTORE = Button("dlg:r:{id}", id=ID)
DELEGATE_REISSUE = Button("dlg:ri:{id}", id=ID)


def reissue_keyboard(language: str, delegate: Delegate) -> InlineKeyboardMarkup:
    """The one button under the link-misuse warning."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    text(language, "delegate.button.reissue"), callback_data=DELEGATE_REISSUE.data(id=delegate.id)
                )
            ]
        ]
    )


def view_keyboard(language: str, delegate: Delegate) -> InlineKeyboardMarkup:
    """Withdraw (or restore) and reissue."""
    if delegate.withdrawn:
        change = InlineKeyboardButton(
            text(language, "delegate.button.restore"), callback_data=DELEGATE_RESTORE.data(id=delegate.id)
        )
        return InlineKeyboardMarkup([[change]])
    change = InlineKeyboardButton(
        text(language, "delegate.button.withdraw"), callback_data=DELEGATE_WITHDRAW.data(id=delegate.id)
    )
    reissue = InlineKeyboardButton(
        text(language, "delegate.button.reissue"), callback_data=DELEGATE_REISSUE.data(id=delegate.id)
    )
    return InlineKeyboardMarkup([[change], [reissue]])


def view_text(language: str, delegate: Delegate, rsvp: Rsvp | None) -> str:
    """The delegate as an organizer sees them."""
    return text(
        language,
        "delegate.view",
        full_name=delegate.full_name,
        code=delegate.code,
        position=delegate.position or "—",
        department=delegate.department or "—",
        agency=delegate.agency or "—",
        phone=delegate.phone or "—",
        linked=text(language, "delegate.linked" if delegate.telegram_user_id else "delegate.not_linked"),
        answer=Markup(answer_label(language, rsvp)),
        status=text(language, "delegate.status.withdrawn" if delegate.withdrawn else "delegate.status.active"),
    )


async def delegate_command(update: Update, context: BotContext) -> None:
    """/delegate QUERY: one delegate's view, or a list of matches to choose from."""
    message = update.effective_message
    assert message is not None
    language = await language_of(update, context)
    query = " ".join(context.args or [])
    if not query:
        await message.reply_text(text(language, "delegate.ask"))
        return
    found, count = await context.services.roster.find(query)
    if not found:
        await message.reply_text(text(language, "delegate.none", query=query))
        return
    if count == 1:
        details = await context.services.roster.details(found[0].id)
        assert details is not None
        await message.reply_text(view_text(language, *details), reply_markup=view_keyboard(language, details[0]))
        return
    buttons = [
        [InlineKeyboardButton(f"{d.full_name} · {d.code} · {d.agency}"[:60], callback_data=DELEGATE_VIEW.data(id=d.id))]
        for d in found
    ]
    await message.reply_text(
        text(language, "delegate.many", count=count, query=query), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def show(update: Update, context: BotContext) -> None:
    """A match chosen from the list."""
    query = update.callback_query
    assert query is not None and context.match is not None
    language = await language_of(update, context)
    details = await context.services.roster.details(int(context.match["id"]))
    await answer_quietly(query)
    if details is not None and query.message is not None:
        await context.bot.send_message(
            query.message.chat.id, view_text(language, *details), reply_markup=view_keyboard(language, details[0])
        )


async def change(update: Update, context: BotContext) -> None:
    """Withdraw or restore, then show the view again in place."""
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_user is not None
    language = await language_of(update, context)
    delegate_id = int(context.match["id"])
    actor = f"telegram:{update.effective_user.id}"
    withdraw = DELEGATE_WITHDRAW.pattern.match(query.data or "") is not None
    roster = context.services.roster
    result = await (roster.withdraw if withdraw else roster.restore)(actor, delegate_id=delegate_id)
    if result.outcome is WithdrawalOutcome.UNKNOWN or result.delegate is None:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    delegate = result.delegate
    unchanged = result.outcome is WithdrawalOutcome.UNCHANGED
    await answer_quietly(query, text(language, "delegate.unchanged") if unchanged else None)
    details = await roster.details(delegate.id)
    assert details is not None
    if query.message is not None:
        await edit_quietly(
            None,
            context,
            query.message.chat.id,
            query.message.message_id,
            view_text(language, *details),
            view_keyboard(language, details[0]),
        )
        if not unchanged:
            key = "delegate.withdrawn" if withdraw else "delegate.restored"
            await context.bot.send_message(
                query.message.chat.id, text(language, key, full_name=delegate.full_name, code=delegate.code)
            )


async def reissue(update: Update, context: BotContext) -> None:
    """Revoke the delegate's link, unbind the account that used it, and hand the admin the new link."""
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_user is not None
    language = await language_of(update, context)
    details = await context.services.roster.details(int(context.match["id"]))
    if details is None:
        await answer_quietly(query, text(language, "rsvp.stale"), alert=True)
        return
    result = await context.services.invitations.reissue(details[0].code, actor=f"telegram:{update.effective_user.id}")
    await answer_quietly(query)
    if result is None:
        return
    delegate, token = result
    await context.bot.send_message(
        update.effective_user.id,
        text(
            language,
            "delegate.reissued",
            full_name=delegate.full_name,
            code=delegate.code,
            link=deep_link(context.bot.username, token),
        ),
    )


def register(app: Application) -> None:
    """/delegate and its buttons, for admins only."""
    roles = roles_of(app)
    app.add_handler(CommandHandler("delegate", delegate_command, filters=roles.command(ADMIN)))
    app.add_handler(roles.button(DELEGATE_VIEW, show, ADMIN))
    app.add_handler(roles.button(DELEGATE_WITHDRAW, change, ADMIN))
    app.add_handler(roles.button(DELEGATE_RESTORE, change, ADMIN))
    app.add_handler(roles.button(DELEGATE_REISSUE, reissue, ADMIN))
