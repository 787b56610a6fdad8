"""An admin sends the roster (XLSX or CSV) as a document: a preview of what would change, then Confirm or Cancel.

Same rules as `delegate-bot roster import` (bot/services/roster_upload.py). Files sent while another question that
takes files is pending (a proposal's attachment, the agenda) go to that question, not here (handlers/text_input.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import Application

from bot.i18n import Markup, text
from bot.i18n.times import sentence_time
from bot.services.agenda import visible_length
from bot.services.invitations import deep_link
from bot.services.roster_file import RowError
from bot.services.roster_upload import MAX_DOWNLOAD_BYTES, PENDING_AREA, UploadOutcome, UploadResult, looks_like_roster
from bot.telegram.context import BotContext
from bot.telegram.roles import ADMIN, roles_of
from bot.telegram.routing import ID, Button
from handlers.common import answer_quietly, fitting, language_of
from handlers.text_input import ANY_AREA, add_file_route

log = logging.getLogger(__name__)

CONFIRM = Button("ros:ok:{nonce}", nonce=ID)
CANCEL = Button("ros:x")
LISTED = 10  # people listed per group in the preview (the counts are always complete)
ERRORS_LISTED = 20
LINKS_LISTED = 20
FIELD_KEYS = ("code", "full_name", "position", "department", "agency", "phone", "email")


def _more(language: str, total: int, shown: int) -> list[str]:
    return [text(language, "roster_upload.more", count=total - shown)] if total > shown else []


def error_lines(language: str, errors: tuple[RowError, ...]) -> list[str]:
    """One line per problem (the first ERRORS_LISTED), in the reader's language."""
    lines = []
    for error in errors[:ERRORS_LISTED]:
        reason = text(language, f"roster_error.{error.reason}", **error.detail)
        key = "roster_upload.error_row" if error.row is not None else "roster_upload.error_file"
        lines.append(text(language, key, row=error.row or "", reason=Markup(reason)))
    return lines + _more(language, len(errors), ERRORS_LISTED)


def preview_text(language: str, result: UploadResult, timezone: str) -> str:
    """The preview: counts, then who is new, who changes (which fields), who is missing from the file — up to
    LISTED people a group, fewer when names and agencies are so long that the message would pass Telegram's limit."""
    for listed in (LISTED, 5, 2, 0):
        body = _preview(language, result, timezone, listed)
        if visible_length(body) <= MessageLimit.MAX_TEXT_LENGTH:
            break
    return body


def _errors_message(language: str, key: str, errors: tuple[RowError, ...], **params: object) -> str:
    """A refusal listing the problems (up to ERRORS_LISTED; fewer when a cell quoted in them is very long)."""
    lines = error_lines(language, errors)

    def render(shown: Sequence[str], hidden: int) -> str:
        more = [text(language, "list.more_lines", count=hidden)] if hidden else []
        return text(language, key, lines=Markup("\n".join([*shown, *more])), **params)

    shown = fitting(render, lines)
    return render(lines[:shown], len(lines) - shown)


def _preview(language: str, result: UploadResult, timezone: str, listed: int) -> str:
    plan = result.plan
    assert plan is not None and result.expires_at is not None
    parts = [
        text(
            language,
            "roster_upload.preview",
            name=result.file_name,
            created=len(plan.created),
            updated=len(plan.updated),
            unchanged=plan.unchanged,
            missing=len(plan.missing),
        )
    ]
    if plan.created:
        lines = [
            text(language, "roster_upload.person", code=e.code or "—", full_name=e.full_name, agency=e.agency or "—")
            for e in plan.created[:listed]
        ]
        parts.append(
            "\n".join(
                [text(language, "roster_upload.created_header"), *lines, *_more(language, len(plan.created), listed)]
            )
        )
    if plan.updated:
        lines = [
            text(
                language,
                "roster_upload.changed",
                code=d.code,
                full_name=d.full_name,
                fields=", ".join(text(language, f"roster_upload.field.{f}") for f in fields),
            )
            for _, d, fields in plan.updated[:listed]
        ]
        parts.append(
            "\n".join(
                [text(language, "roster_upload.updated_header"), *lines, *_more(language, len(plan.updated), listed)]
            )
        )
    if plan.missing:
        lines = [
            text(language, "roster_upload.person", code=d.code, full_name=d.full_name, agency=d.agency or "—")
            for d in plan.missing[:listed]
        ]
        parts.append(
            "\n".join(
                [text(language, "roster_upload.missing_header"), *lines, *_more(language, len(plan.missing), listed)]
            )
        )
    until = sentence_time(language, result.expires_at, timezone)
    parts.append(text(language, "roster_upload.confirm_hint", until=until))
    return "\n\n".join(parts)


async def on_file(update: Update, context: BotContext) -> None:
    """A document from an admin with no other question pending: preview it as a roster."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    language = await language_of(update, context)
    document = message.document
    if document is None:  # a photo: not a roster
        await message.reply_text(text(language, "roster_upload.not_a_file"))
        return
    name = document.file_name or "tep"
    if not looks_like_roster(name):
        await message.reply_text(text(language, "roster_upload.not_a_roster", name=name))
        return
    if (document.file_size or 0) > MAX_DOWNLOAD_BYTES:
        await message.reply_text(
            text(language, "roster_upload.too_large", name=name, limit=MAX_DOWNLOAD_BYTES // 1024 // 1024)
        )
        return
    telegram_file = await document.get_file()
    data = bytes(await telegram_file.download_as_bytearray())
    result = await context.services.roster_upload.preview(user.id, name, data)
    if result.outcome is UploadOutcome.PREVIEW:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        text(language, "roster_upload.button_confirm"), callback_data=CONFIRM.data(nonce=result.nonce)
                    ),
                    InlineKeyboardButton(text(language, "roster_upload.button_cancel"), callback_data=CANCEL.data()),
                ]
            ]
        )
        await message.reply_text(preview_text(language, result, context.services.event.timezone), reply_markup=keyboard)
        return
    key = "roster_upload.refused" if result.outcome is UploadOutcome.REFUSED else "roster_upload.unreadable"
    await message.reply_text(_errors_message(language, key, result.errors, name=name, count=len(result.errors)))


async def _close_buttons(message: object) -> None:
    if isinstance(message, Message):
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramError as error:
            log.info("preview buttons not removed: %s", error)


async def on_confirm(update: Update, context: BotContext) -> None:
    """Import the previewed roster; report the counts and the new delegates' links."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.match is not None
    language = await language_of(update, context)
    result = await context.services.roster_upload.confirm(user.id, int(context.match["nonce"]))
    if result.outcome is UploadOutcome.NOTHING:
        await answer_quietly(query, text(language, "roster_upload.stale"), alert=True)
        return
    await answer_quietly(query)
    await _close_buttons(query.message)
    if result.outcome is UploadOutcome.EXPIRED:
        await context.bot.send_message(user.id, text(language, "roster_upload.expired", name=result.file_name))
        return
    if result.outcome is UploadOutcome.CONFLICT:
        await context.bot.send_message(
            user.id, _errors_message(language, "roster_upload.conflict", result.errors, name=result.file_name)
        )
        return
    report = result.report
    assert report is not None
    body = text(
        language,
        "roster_upload.imported",
        name=result.file_name,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        missing=report.missing,
    )
    if result.new_delegates:
        username = context.bot_data.bot_username
        lines = [
            text(
                language, "roster_upload.link_line", code=d.code, full_name=d.full_name, link=deep_link(username, token)
            )
            for d, token in result.new_delegates[:LINKS_LISTED]
        ]
        counts, hint = body, text(language, "roster_upload.links_hint")

        def render(shown: Sequence[str], _: int) -> str:
            return counts + "\n\n" + "\n".join([text(language, "roster_upload.links_header"), *shown]) + "\n" + hint

        body = render(lines[: fitting(render, lines)], 0)  # long names: fewer links here, all of them in /export
    await context.bot.send_message(user.id, body)


async def on_cancel(update: Update, context: BotContext) -> None:
    """Drop the preview; nothing changes."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    language = await language_of(update, context)
    result = await context.services.roster_upload.cancel(user.id)
    if result.outcome is UploadOutcome.NOTHING:
        await answer_quietly(query, text(language, "roster_upload.stale"), alert=True)
        return
    await answer_quietly(query)
    await _close_buttons(query.message)
    await context.bot.send_message(user.id, text(language, "roster_upload.cancelled"))


def register(app: Application) -> None:
    """Files from admins with nothing else pending, a second file while a preview is open, and the two buttons."""
    roles = roles_of(app)
    add_file_route(app, ANY_AREA, on_file, ADMIN)
    add_file_route(app, PENDING_AREA, on_file, ADMIN)
    app.add_handler(roles.button(CONFIRM, on_confirm, ADMIN))
    app.add_handler(roles.button(CANCEL, on_cancel, ADMIN))
