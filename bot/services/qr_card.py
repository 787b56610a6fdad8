"""The delegate's check-in card: a QR code of the check-in link with the name, agency and seat written under it."""

from __future__ import annotations

import asyncio
import io
from functools import lru_cache
from typing import TYPE_CHECKING

import segno
from PIL import Image, ImageDraw, ImageFont

from bot.i18n import text
from bot.services.fonts import font_path
from storage.day_models import Attendee

if TYPE_CHECKING:
    from bot.services.checkins import CheckinService
    from bot.services.reminder_run import AttendanceCard

WIDTH = 600
MARGIN = 30
_LINE_GAP = 10


@lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path("sans-bold" if bold else "sans")), size)


def _wrap(draw: ImageDraw.ImageDraw, line: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break a line into pieces that fit the width (by words; a single long word is cut)."""
    words, lines, current = line.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while draw.textlength(word, font=font) > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and draw.textlength(word[:cut], font=font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines[:3]


def render_card(link: str, full_name: str, lines: list[str]) -> bytes:
    """A PNG: the QR code of link, the name in bold, then each of lines (agency, seat …) centred under it."""
    qr = segno.make(link, error="m")
    buffer = io.BytesIO()
    scale = max(1, (WIDTH - 2 * MARGIN) // (qr.symbol_size(border=2)[0]))
    qr.save(buffer, kind="png", scale=scale, border=2)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    text_width = WIDTH - 2 * MARGIN
    rows: list[tuple[str, ImageFont.FreeTypeFont]] = []
    bold, regular = _font(30, True), _font(24, False)
    rows += [(piece, bold) for piece in _wrap(probe, full_name, bold, text_width)]
    for line in lines:
        rows += [(piece, regular) for piece in _wrap(probe, line, regular, text_width)]
    heights = [int(font.getbbox("ÁẬỹg")[3]) + _LINE_GAP for _, font in rows]
    height = MARGIN + code.height + 10 + sum(heights) + MARGIN
    card = Image.new("L", (WIDTH, height), 255)
    card.paste(code, ((WIDTH - code.width) // 2, MARGIN))
    draw = ImageDraw.Draw(card)
    y: float = MARGIN + code.height + 10
    for (piece, font), step in zip(rows, heights):
        x = (WIDTH - draw.textlength(piece, font=font)) / 2
        draw.text((x, y), piece, fill=0, font=font)
        y += step
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue()


def attendee_card(language: str, bot_username: str, attendee: Attendee, code: str) -> tuple[bytes, str]:
    """One delegate's check-in PNG (link to the bot with the check-in code) and its caption (HTML)."""
    delegate = attendee.delegate
    lines = [", ".join(p for p in (delegate.position, delegate.agency) if p)]
    if attendee.seat:
        lines.append(text(language, "checkin.seat_line", seat=attendee.seat))
    png = render_card(f"https://t.me/{bot_username}?start={code}", delegate.full_name, [line for line in lines if line])
    rsvp = attendee.rsvp
    if rsvp is not None and rsvp.status == "substitute":
        caption = text(language, "checkin.qr_substitute", name=rsvp.substitute_name or "")
    else:
        caption = text(language, "checkin.qr_caption", full_name=delegate.full_name)
    return png, caption


def attendance_card(checkins: CheckinService, bot_username: str) -> AttendanceCard:
    """The attendance reminder's card function: the delegate's QR (rendered off the event loop) and seat."""

    async def card(delegate_id: int, language: str) -> tuple[bytes, str] | None:
        attendee = await checkins.attendee(delegate_id)
        if attendee is None:
            return None
        code = await checkins.code_for(delegate_id)
        png, _ = await asyncio.to_thread(attendee_card, language, bot_username, attendee, code)
        return png, attendee.seat

    return card
