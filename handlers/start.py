"""/start with a personal link or a shared phone number: binding an account and showing the invitation."""

from __future__ import annotations

import logging

from telegram import ReplyKeyboardRemove, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.i18n import contact_note, text
from bot.services.checkins import CODE_PATTERN, is_checkin_code
from bot.services.invitations import LinkOutcome, LinkResult
from bot.services.venue import venue_pin
from bot.telegram.commands import command_lines, role_commands, role_names
from bot.telegram.context import BotContext
from bot.telegram.menus import refresh_menu
from bot.telegram.roles import ADMIN, AGENCY_CONTACT, EVERYONE, roles_of
from bot.telegram.routing import PRIVATE
from handlers import checkin, identity
from handlers.common import language_of
from handlers.delegates import reissue_keyboard
from handlers.views import card_keyboard, card_text, share_phone_keyboard
from storage.models import Delegate

log = logging.getLogger(__name__)

_REFUSALS = {
    LinkOutcome.UNKNOWN_TOKEN: "start.token_unknown",
    LinkOutcome.REVOKED_TOKEN: "start.token_revoked",
    LinkOutcome.TOKEN_USED: "start.token_used",
    LinkOutcome.NOT_OWN_CONTACT: "contact.not_own",
    LinkOutcome.BAD_PHONE: "contact.bad_phone",
    LinkOutcome.NO_MATCH: "contact.no_match",
    LinkOutcome.PHONE_TAKEN: "contact.taken",
    LinkOutcome.WITHDRAWN: "start.withdrawn",
}
_NO_PHONE_OFFER = (LinkOutcome.TOKEN_USED, LinkOutcome.WITHDRAWN)


async def send_card(update: Update, context: BotContext, delegate: Delegate, language: str) -> None:
    """Send the delegate's invitation card with its buttons."""
    services = context.services
    rsvp = await services.rsvp.current(delegate.id)
    now = services.clock.now()
    assert update.effective_chat is not None
    await context.bot.send_message(
        update.effective_chat.id,
        card_text(language, services.event, delegate, rsvp, now, services.settings.event.contact),
        reply_markup=card_keyboard(
            language, services.event, delegate, now, attending=rsvp is not None and rsvp.status == "attending"
        ),
    )
    pin = venue_pin(services.settings.event)
    if pin is not None:
        await context.bot.send_venue(
            update.effective_chat.id, pin.latitude, pin.longitude, title=pin.title, address=pin.address
        )


async def start(update: Update, context: BotContext) -> None:
    """/start [token]: bind by link, or show the card, or offer to share the phone number."""
    assert update.effective_user is not None and update.effective_message is not None
    language = await language_of(update, context)
    user_id = update.effective_user.id
    await context.services.users.remember_app_language(user_id, update.effective_user.language_code)
    if context.args and is_checkin_code(context.args[0]):
        # Staff scans are taken by handlers.checkin.on_scan (registered first); anyone else learns nothing.
        await update.effective_message.reply_text(text(language, "checkin.not_staff"))
        return
    if context.args:
        await _after_link(
            update, context, await context.services.invitations.bind_by_token(user_id, context.args[0]), language
        )
        return
    delegate = await context.services.invitations.delegate_of(user_id)
    held = roles_of(context.application).of(user_id)
    if delegate is not None:
        await send_card(update, context, delegate, language)
    if held:
        await greet_role(update, context, held, language, delegate is not None)
        return
    if delegate is not None:
        return
    await update.effective_message.reply_text(
        text(language, "start.unlinked", event_name=context.services.event.name),
        reply_markup=share_phone_keyboard(language),
    )


async def greet_role(
    update: Update, context: BotContext, held: frozenset[str], language: str, is_delegate: bool
) -> None:
    """An organizer, staff member or agency contact: their role and their commands, not the delegate's greeting."""
    assert update.effective_message is not None and update.effective_user is not None
    roles = roles_of(context.application)
    await refresh_menu(context.bot, context.services, roles, update.effective_user.id)
    lines = [
        text(
            language,
            "start.role_greeting",
            name=update.effective_user.full_name,
            event_name=context.services.event.name,
            roles=role_names(language, held),
        )
    ]
    extra = role_commands(held)
    if extra:
        lines.append(text(language, "start.role_commands") + "\n" + command_lines(language, extra))
    if AGENCY_CONTACT in held:
        lines.append(text(language, "start.agency_contact_note"))
    if not is_delegate:
        lines.append(text(language, "start.role_not_delegate"))
    await update.effective_message.reply_text("\n\n".join(lines))


async def myid(update: Update, context: BotContext) -> None:
    """/myid: anyone's own numeric Telegram id (for [telegram] organizers and staff)."""
    assert update.effective_message is not None and update.effective_user is not None
    language = await language_of(update, context)
    await update.effective_message.reply_text(text(language, "myid", user_id=update.effective_user.id))


async def contact(update: Update, context: BotContext) -> None:
    """A shared contact: bind if it is the sender's own number on the roster."""
    message = update.effective_message
    assert message is not None and message.contact is not None and update.effective_user is not None
    language = await language_of(update, context)
    await context.services.users.remember_app_language(update.effective_user.id, update.effective_user.language_code)
    result = await context.services.invitations.bind_by_contact(
        update.effective_user.id, message.contact.user_id, message.contact.phone_number
    )
    if result.outcome is LinkOutcome.LINKED:
        await message.reply_text(text(language, "contact.linked"), reply_markup=ReplyKeyboardRemove())
    await _after_link(update, context, result, language)


async def _after_link(update: Update, context: BotContext, result: LinkResult, language: str) -> None:
    """Show the card after a successful link, or explain the refusal."""
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    if result.linked and result.delegate is not None:
        await send_card(update, context, result.delegate, language)
        return
    if result.outcome is LinkOutcome.ACCOUNT_TAKEN and result.delegate is not None:
        await message.reply_text(
            text(
                language,
                "start.account_taken",
                full_name=result.delegate.full_name,
                contact=_contact(context, language),
            )
        )
        return
    if result.outcome is LinkOutcome.PHONE_TAKEN and result.delegate is not None:
        # The phone is proven (their own contact) but another account opened the link first: organizers decide.
        await message.reply_text(
            text(language, "identity.claim_received", contact=_contact(context, language)),
            reply_markup=ReplyKeyboardRemove(),
        )
        await identity.notify_conflict(context, result.delegate, update)
        return
    keyboard = share_phone_keyboard(language) if result.outcome not in _NO_PHONE_OFFER else None
    refusal = text(language, _REFUSALS[result.outcome], contact=_contact(context, language))
    await message.reply_text(refusal, reply_markup=keyboard)
    if result.outcome is LinkOutcome.TOKEN_USED and result.delegate is not None:
        await notify_organizers_of_misuse(context, result.delegate, update)


def _contact(context: BotContext, language: str) -> str:
    """ " (đồng chí …, điện thoại …)" after "liên hệ Ban Tổ chức", or nothing when no contact is configured."""
    return contact_note(language, context.services.settings.event.contact)


async def notify_organizers_of_misuse(context: BotContext, delegate: Delegate, update: Update) -> None:
    """Tell every organizer that a used link was opened by another account (once per delegate per hour)."""
    user = update.effective_user
    assert user is not None
    throttle = context.bot_data.misuse_notices
    if throttle is not None and not throttle.allow(("token_misuse", delegate.id)):
        log.info("misuse of %s's link by %s: organizers were told less than an hour ago", delegate.code, user.id)
        return
    for organizer_id in sorted(roles_of(context.application).members(ADMIN)):
        language = await context.services.users.language(organizer_id, None)
        notice = text(
            language,
            "organizer.token_misuse",
            full_name=delegate.full_name,
            code=delegate.code,
            agency=delegate.agency,
            user=user.full_name,
            user_id=user.id,
        )
        try:
            await context.bot.send_message(organizer_id, notice, reply_markup=reissue_keyboard(language, delegate))
        except TelegramError as error:
            log.warning("could not notify organizer %s: %s", organizer_id, error.message)


def register(app: Application) -> None:
    """Add the /start and contact handlers."""
    roles = roles_of(app)
    scan = filters.Regex(rf"^/start {CODE_PATTERN.pattern}$")
    app.add_handler(CommandHandler("start", checkin.on_scan, filters=roles.command(*checkin.DESK) & scan))
    app.add_handler(CommandHandler("start", start, filters=roles.command(EVERYONE)))
    app.add_handler(CommandHandler("myid", myid, filters=roles.command(EVERYONE)))
    app.add_handler(MessageHandler(PRIVATE & filters.CONTACT, contact))
