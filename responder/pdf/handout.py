"""The one-page handout a responder gives the person: the chosen resources with phone, address,
hours, who may go and languages. It names no one and holds nothing from the report.

Plain data in (:class:`HandoutItem`), PDF bytes out; a fresh template per render; ``invariant``
so a test can render twice and compare text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from civilian_responder.errors import ValidationError
from civilian_responder.pdf.pages import ACCENT, MUTED, RULE
from civilian_responder.pdf.text import BODY, BOLD, clean, markup, register_fonts
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

PAGE_W, PAGE_H = LETTER
MARGIN = 0.6 * inch
HEAD_H = 1.0 * inch
FOOT_H = 0.7 * inch


@dataclass(frozen=True)
class HandoutItem:
    name: str
    kind_label: str
    phone: str
    address: str = ""
    hours: str = ""
    eligibility: str = ""
    languages: tuple[str, ...] = ()
    beds: str = ""  # e.g. "5 beds open as of Dec 2, 06:00" (already worded)


@dataclass(frozen=True)
class HandoutFacts:
    agency_name: str  # who gave it, e.g. "Harbor County Community Safety"
    given_on: str  # e.g. "December 2, 2026"
    emergency_line: str  # e.g. "In an emergency call 911. In a crisis call or text 988."


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("h_body", fontName=BODY, fontSize=10, leading=13)
    return {
        "body": body,
        "name": ParagraphStyle(
            "h_name", parent=body, fontName=BOLD, fontSize=12.5, leading=15, textColor=ACCENT
        ),
        "kind": ParagraphStyle("h_kind", parent=body, fontSize=8.5, leading=10, textColor=MUTED),
        "phone": ParagraphStyle("h_phone", parent=body, fontName=BOLD, fontSize=15, leading=18),
        "label": ParagraphStyle("h_label", parent=body, fontSize=8, leading=10, textColor=MUTED),
    }


def render_handout(items: Sequence[HandoutItem], facts: HandoutFacts) -> bytes:
    """One page (letter); raises ValidationError when the items do not fit on it."""
    if not items:
        raise ValidationError("Choose at least one resource for the handout")
    register_fonts()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        title="Help and resources",
        author=clean(facts.agency_name),
        creator="Responder",
        producer="Responder",
    )
    frame = Frame(
        MARGIN,
        MARGIN + FOOT_H,
        PAGE_W - 2 * MARGIN,
        PAGE_H - 2 * MARGIN - HEAD_H - FOOT_H,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate("handout", [frame], onPage=lambda c, d: _furniture(c, facts))]
    )
    s = _styles()
    story = []
    for item in items:
        story.append(KeepTogether([_card(item, s), Spacer(1, 8)]))
    doc.build(story)
    if doc.page > 1:
        raise ValidationError("These resources do not fit on one page; choose fewer")
    return out.getvalue()


def _card(item: HandoutItem, s: dict[str, ParagraphStyle]) -> Table:
    left = [
        Paragraph(markup(item.name), s["name"]),
        Paragraph(markup(item.kind_label), s["kind"]),
        Paragraph(markup(item.phone or "—"), s["phone"]),
    ]
    if item.beds:
        left.append(Paragraph(markup(item.beds), s["kind"]))
    right = []
    for label, value in (
        ("Where", item.address),
        ("Hours", item.hours),
        ("Who can go", item.eligibility),
        ("Languages", ", ".join(item.languages)),
    ):
        if value:
            right.append(
                Paragraph(
                    f"<font size=8 color='#5B6573'>{label}</font>  {markup(value)}", s["body"]
                )
            )
    width = PAGE_W - 2 * MARGIN
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _furniture(c: Canvas, facts: HandoutFacts) -> None:
    c.saveState()
    top = PAGE_H - MARGIN
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 20)
    c.drawString(MARGIN, top - 22, "Help and resources")
    c.setFont(BODY, 10)
    c.setFillColor(MUTED)
    c.drawString(MARGIN, top - 40, clean(f"From {facts.agency_name} · {facts.given_on}"))
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 11)
    c.drawString(MARGIN, top - 60, clean(facts.emergency_line))
    c.setFont(BODY, 8)
    c.setFillColor(MUTED)
    c.drawString(
        MARGIN,
        MARGIN + 10,
        "Hours and beds change: call before you go. This sheet "
        "lists services only; it holds nothing about you.",
    )
    c.restoreState()
