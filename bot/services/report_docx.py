"""The committee's report on the delegates' proposals, as a Word document laid out like a Vietnamese administrative
document: the issuing body and the national/Party motto side by side, the place and date, the title, a summary
(topics × counts, by agency), one section per topic with each proposal, the nominated exemplary delegates, the closing
sentence, recipients and the signature block. python-docx; texts from the catalogue (``report.*``), in Vietnamese.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.i18n import plain
from bot.services.nominations import CRITERIA, CRITERIA_LABELS, rank
from storage.day_models import RankedQuestion
from storage.proposal_models import ProposalRow

if TYPE_CHECKING:
    from bot.services.exports import ExportService

FONT = "Times New Roman"
STATUS_KEYS = ("received", "reviewing", "selected", "answered", "merged")


def t(key: str, **values: object) -> str:
    """A report text in Vietnamese."""
    return plain("vi", f"report.{key}", **values)


async def write_report(out: Path, exports: ExportService, settings: Settings) -> int:
    """Gather the proposals and nominations, then write the document off the event loop; return the proposals."""
    proposals = await exports.proposal_rows()
    nominations = await exports.nomination_rows()
    questions = await exports.annex_questions()
    event = exports.event
    today = exports.now().astimezone(ZoneInfo(event.timezone))
    await asyncio.to_thread(
        _write, out, settings, event.name, today, proposals, rank(nominations), len(nominations), questions
    )
    return len(proposals)


def _write(
    out: Path,
    settings: Settings,
    event_name: str,
    today: Any,
    proposals: list[ProposalRow],
    ranking: list[Any],
    nomination_count: int,
    questions: list[tuple[str, RankedQuestion]],
) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    report = settings.report
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), FONT)
    document.styles["Normal"].font.size = Pt(13)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 13), ("Heading 2", 13)):
        heading = document.styles[name]
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.paragraph_format.space_before = Pt(8)
        heading.paragraph_format.space_after = Pt(4)
    document.core_properties.title = t("title") + " " + t("subtitle", event_name=event_name)
    document.core_properties.author = report.issuer

    def paragraph(text: str = "", *, bold: bool = False, italic: bool = False, align: Any = None, size: int = 0) -> Any:
        para = document.add_paragraph()
        if align is not None:
            para.alignment = align
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return para

    # Header: issuing body (left) and the Party's name with place and date (right), borderless.
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9.0)
    lines = [(report.parent_body.upper(), False)] if report.parent_body else []
    lines += [(report.issuer.upper(), True), ("*", False), (t("number"), False)]
    left.paragraphs[0].text = ""
    for index, (text, bold) in enumerate(lines):
        para = left.paragraphs[0] if index == 0 else left.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = bold
        run.font.size = Pt(13)
    party = right.paragraphs[0]
    party.alignment = WD_ALIGN_PARAGRAPH.CENTER
    motto = party.add_run(t("party"))
    motto.bold, motto.underline = True, True
    motto.font.size = Pt(14)
    dated = right.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_text = t("date", day=f"{today:%d}", month=f"{today:%m}", year=f"{today:%Y}")
    run = dated.add_run(f"{report.place}, {date_text}" if report.place else date_text[:1].upper() + date_text[1:])
    run.italic = True

    document.add_paragraph()
    title = paragraph(t("title"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    title.style = document.styles["Title"]
    title.paragraph_format.space_after = Pt(0)
    for run in title.runs:
        run.font.size, run.bold = Pt(14), True
    paragraph(t("subtitle", event_name=event_name), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("-----", align=WD_ALIGN_PARAGRAPH.CENTER)

    authors = {row.delegate.id for row in proposals}
    agencies = {row.delegate.agency for row in proposals if row.delegate.agency}
    intro = paragraph(
        t(
            "intro",
            event_name=event_name,
            total=len(proposals),
            authors=len(authors),
            agencies=len(agencies),
            recipient=report.recipient,
        ),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    intro.paragraph_format.first_line_indent = Cm(1.0)

    # I. Summary: topics × counts, then by agency.
    document.add_heading(t("part_summary"), level=1)
    paragraph(t("by_topic"), italic=True)
    categories = settings.proposals.categories
    grid = document.add_table(rows=1, cols=5, style="Table Grid")
    for cell, text in zip(
        grid.rows[0].cells, (t("col_number"), t("col_topic"), t("col_count"), t("col_selected"), t("col_answered"))
    ):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    statuses = {
        c.code: Counter(r.proposal.status for r in proposals if r.proposal.category == c.code) for c in categories
    }
    for number, category in enumerate(categories, start=1):
        counts = statuses[category.code]
        cells = grid.add_row().cells
        values = (number, category.vi, sum(counts.values()), counts["selected"], counts["answered"])
        for cell, value in zip(cells, values):
            cell.text = str(value)
    total = Counter(r.proposal.status for r in proposals)
    cells = grid.add_row().cells
    for cell, value in zip(cells, ("", t("total"), len(proposals), total["selected"], total["answered"])):
        cell.text = ""
        cell.paragraphs[0].add_run(str(value)).bold = True
    paragraph()
    paragraph(t("by_agency"), italic=True)
    agency_table = document.add_table(rows=1, cols=4, style="Table Grid")
    for cell, text in zip(
        agency_table.rows[0].cells, (t("col_number"), t("col_agency"), t("col_count"), t("col_authors"))
    ):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    per_agency: dict[str, list[ProposalRow]] = {}
    for row in proposals:
        per_agency.setdefault(row.delegate.agency or "—", []).append(row)
    ordered = sorted(per_agency.items(), key=lambda item: (-len(item[1]), item[0]))
    for number, (agency, rows) in enumerate(ordered, start=1):
        for cell, value in zip(
            agency_table.add_row().cells, (number, agency, len(rows), len({r.delegate.id for r in rows}))
        ):
            cell.text = str(value)

    # II. One section per topic.
    document.add_heading(t("part_topics"), level=1)
    known = {c.code for c in categories}
    sections = [(c.vi, [r for r in proposals if r.proposal.category == c.code]) for c in categories]
    stray = [r for r in proposals if r.proposal.category not in known]
    if stray:
        sections.append((t("other_topic"), stray))
    for number, (label, rows) in enumerate(sections, start=1):
        document.add_heading(t("topic_heading", number=number, topic=label, count=len(rows)), level=2)
        if not rows:
            paragraph(t("no_proposals"), italic=True)
        for row in rows:
            p, d = row.proposal, row.delegate
            source = (
                t("source_author", full_name=d.full_name, position=d.position, agency=d.agency or "—")
                if report.show_authors
                else t("source_agency", agency=d.agency or "—")
            )
            item = document.add_paragraph(style="List Bullet")
            item.add_run(t("proposal_label", number=p.id) + " ").bold = True
            item.add_run(f"({source}): ").italic = True
            item.add_run(p.text)
            item.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            status = t(f"status.{p.status}", target=p.merged_into or "")
            line = paragraph(t("status_line", status=status), italic=True)
            line.paragraph_format.left_indent = Cm(1.25)
            if p.answer:
                answer = paragraph(t("answer_line", answer=p.answer))
                answer.paragraph_format.left_indent = Cm(1.25)

    # III. Nominated exemplary delegates.
    document.add_heading(t("part_nominations"), level=1)
    if not ranking:
        paragraph(t("no_nominations"), italic=True)
    else:
        paragraph(t("nominations_intro", people=len(ranking), count=nomination_count), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        table = document.add_table(rows=1, cols=5, style="Table Grid")
        for cell, text in zip(
            table.rows[0].cells,
            (t("col_number"), t("col_name"), t("col_position"), t("col_nominations"), t("col_criteria")),
        ):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for number, nominee in enumerate(ranking, start=1):
            person = nominee.nominee
            criteria = "; ".join(
                f"{CRITERIA_LABELS[c]}: {nominee.criteria[c]}" for c in CRITERIA if nominee.criteria.get(c)
            )
            position = ", ".join(part for part in (person.position, person.agency) if part)
            for cell, value in zip(
                table.add_row().cells, (number, person.full_name, position, nominee.nominations, criteria)
            ):
                cell.text = str(value)

    closing = paragraph(t("closing", recipient=report.recipient), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    closing.paragraph_format.first_line_indent = Cm(1.0)
    closing.paragraph_format.space_before = Pt(8)

    # Recipients (left) and signature (right).
    footer = document.add_table(rows=1, cols=2)
    receivers, signature = footer.rows[0].cells
    receivers.width, signature.width = Cm(8.0), Cm(8.5)
    first = receivers.paragraphs[0]
    label = first.add_run(t("recipients"))
    label.bold, label.italic = True, True
    label.font.size = Pt(12)
    for text in (t("recipient_line", recipient=report.recipient), t("archive_line")):
        run = receivers.add_paragraph().add_run(text)
        run.font.size = Pt(11)
    on_behalf = signature.paragraphs[0]
    on_behalf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    on_behalf.add_run(t("on_behalf", issuer=report.issuer.upper())).bold = True
    for _ in range(4):
        signature.add_paragraph()
    if report.signer:
        name = signature.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        name.add_run(report.signer).bold = True

    # Annex: the questions to the presidium approved or answered in the hall, most supported first.
    if questions:
        document.add_page_break()  # type: ignore[no-untyped-call]
        document.add_heading(t("annex_questions"), level=1)
        paragraph(t("annex_intro", count=len(questions)), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        annex = document.add_table(rows=1, cols=5, style="Table Grid")
        headers = (t("col_number"), t("col_topic"), t("col_question"), t("col_asker"), t("col_support"))
        for cell, text in zip(annex.rows[0].cells, headers):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for number, (topic, ranked) in enumerate(questions, start=1):
            asker = ranked.delegate.agency
            if report.show_authors and ranked.question.read_name:
                asker = t("source_author", full_name=ranked.delegate.full_name, position=ranked.delegate.position,
                          agency=ranked.delegate.agency)  # fmt: skip
            status = t(f"question_status.{ranked.question.status}")
            support = t("support_cell", support=ranked.support, merged=ranked.merged)
            for cell, value in zip(
                annex.add_row().cells, (number, topic, f"{ranked.question.text} ({status})", asker, support)
            ):
                cell.text = str(value)

    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    try:
        document.save(temporary)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
