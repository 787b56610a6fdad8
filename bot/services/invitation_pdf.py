"""Printable invitations: one A5 page per delegate with a QR code of their personal link (fpdf2 + segno).

Fonts are the DejaVu TTFs inside matplotlib (bot.services.fonts), embedded as subsets, so Vietnamese renders on any
machine and the text can be read back. Texts come from the catalogue (keys ``invite_pdf.*``), in Vietnamese.
"""

from __future__ import annotations

import io
import os
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings
from bot.i18n import plain
from bot.i18n.times import sentence_time
from bot.services.fonts import font_path
from bot.services.invitations import deep_link
from storage.models import DelegateAnswer, Event

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 148.0, 210.0, 14.0  # A5 portrait, millimetres
QR_SIZE = 42.0


def clean(value: str) -> str:
    """Text as printed: composed (NFC) Vietnamese, one line, without control characters or pictographs (emoji)
    that no text font draws."""
    composed = unicodedata.normalize("NFC", value)
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else "" if _pictograph(ch) else ch for ch in composed)
    return " ".join(kept.split())


def _pictograph(ch: str) -> bool:
    return ord(ch) > 0xFFFF or unicodedata.category(ch) == "So" or 0xFE00 <= ord(ch) <= 0xFE0F


def qr_png(link: str) -> bytes:
    """A QR code of the link as PNG bytes (error correction M, a quiet zone of 4 modules)."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(link, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def write_invitations(
    out: Path, event: Event, settings: Settings, answers: Sequence[DelegateAnswer], bot_username: str
) -> int:
    """Write one page per delegate with an active link; return the number of pages."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format=(PAGE_WIDTH, PAGE_HEIGHT))  # A5
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_font("DejaVuSerif", "", str(font_path("serif")))
    pdf.add_font("DejaVuSerif", "B", str(font_path("serif-bold")))
    pdf.add_font("DejaVuSerif", "I", str(font_path("serif-italic")))
    pdf.set_title(clean(plain("vi", "invite_pdf.title_meta", event_name=event.name)))
    pdf.set_creator("hoinghi-delegate-bot")
    pages = 0
    for answer in answers:
        if not answer.token:
            continue
        _page(pdf, event, settings, answer, deep_link(bot_username, answer.token))
        pages += 1
    if pages == 0:
        pdf.add_page()
        pdf.set_font("DejaVuSerif", "I", 12)
        pdf.multi_cell(0, 7, plain("vi", "invite_pdf.empty"), align="C")
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    try:
        pdf.output(temporary)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages


def _page(pdf: object, event: Event, settings: Settings, answer: DelegateAnswer, link: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    d, issuer, contact = answer.delegate, settings.report.issuer, settings.event.contact
    width = PAGE_WIDTH - 2 * MARGIN
    pdf.add_page()
    pdf.set_font("DejaVuSerif", "B", 10)
    pdf.multi_cell(width, 5, clean(issuer).upper(), align="C")
    pdf.ln(6)
    pdf.set_font("DejaVuSerif", "B", 20)
    pdf.multi_cell(width, 9, plain("vi", "invite_pdf.title"), align="C")
    pdf.ln(1)
    pdf.set_font("DejaVuSerif", "B", 12)
    pdf.multi_cell(width, 6, clean(event.name), align="C")
    pdf.ln(5)
    who = ", ".join(part for part in (clean(d.full_name), clean(d.position), clean(d.agency)) if part)
    pdf.set_font("DejaVuSerif", "B", 12)
    pdf.multi_cell(width, 6.5, plain("vi", "invite_pdf.salutation", who=who), align="L")
    pdf.ln(2)
    pdf.set_font("DejaVuSerif", "", 11)
    for key, values in (
        ("invite_pdf.body", {"event_name": clean(event.name)}),
        ("invite_pdf.time", {"when": sentence_time("vi", event.starts_at, event.timezone)}),
        ("invite_pdf.venue", {"venue": clean(event.venue)}),
        ("invite_pdf.deadline", {"deadline": sentence_time("vi", event.rsvp_deadline, event.timezone)}),
        *(
            (("invite_pdf.contact", {"name": clean(contact.name), "phone": contact.phone.replace(" ", "\u00a0")}),)
            if contact
            else ()
        ),
    ):
        pdf.multi_cell(width, 6, plain("vi", key, **values), align="J")
        pdf.ln(1)
    top = max(pdf.get_y() + 3, 128.0)
    pdf.image(io.BytesIO(qr_png(link)), x=MARGIN, y=top, w=QR_SIZE, h=QR_SIZE)
    pdf.set_xy(MARGIN + QR_SIZE + 4, top + 2)
    pdf.set_font("DejaVuSerif", "", 9.5)
    text_width = width - QR_SIZE - 4
    pdf.multi_cell(text_width, 5, plain("vi", "invite_pdf.how_scan"), align="L")
    pdf.set_x(MARGIN + QR_SIZE + 4)
    pdf.multi_cell(text_width, 5, plain("vi", "invite_pdf.how_link"), align="L")
    pdf.set_xy(MARGIN, top + QR_SIZE + 2)
    pdf.set_font("DejaVuSerif", "", 7.5 if pdf.get_string_width(link) > width else 8.5)
    pdf.multi_cell(width, 4.5, link, align="L")
    pdf.set_xy(MARGIN, PAGE_HEIGHT - MARGIN - 5)
    pdf.set_font("DejaVuSerif", "I", 8)
    pdf.cell(width, 5, plain("vi", "invite_pdf.footer", code=clean(d.code)), align="R")
