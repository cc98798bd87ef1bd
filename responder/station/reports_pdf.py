"""The station's Field Contact Report PDF, drawn with reportlab from what the station holds (the
report version shown, its call and timeline, checklist runs, photos listed, review decisions).

The device draws its own report PDF (``civilian_responder.pdf``), which the station may not
import; this is the station's copy of the same facts, for a supervisor to file or print. One of
the two station modules allowed to import reportlab (the optional ``reports`` extra;
``report_document.to_pdf`` names that install when it is missing). A fresh document and frames
per render, furniture in page templates, "Page X of Y" from a counting canvas, ``invariant=1``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from civilian_responder.resource_files import resource_path
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT, BOLD = "StationReportSans", "StationReportSans-Bold"
PAGE_W, PAGE_H = letter
MARGIN = 0.75 * inch
WIDTH = PAGE_W - 2 * MARGIN
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#c9d1db")
# C0/C1 controls except tab and newline, lone surrogates, non-characters: none can be encoded.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LONG = 160  # a field value longer than this flows as its own paragraph, not in a table cell


@dataclass(frozen=True)
class ReportSheet:
    """Everything the PDF shows, already in words (labels resolved by the caller)."""

    report_number: str
    version: str
    state: str
    unit_id: str
    review_lines: list[str]
    call: list[tuple[str, str]]
    fields: list[tuple[str, str]]
    persons: list[list[str]]
    services: list[list[str]]
    timeline: list[list[str]]
    checklists: list[tuple[str, list[tuple[str, str]]]]
    photos: list[str]
    printed_at: str
    withheld: str = ""  # what 42 CFR Part 2 kept from this reader ("" when nothing)


def clean(text: object) -> str:
    s = unicodedata.normalize("NFC", "" if text is None else str(text))
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s).replace("\t", "    ")


def markup(text: object) -> str:
    """Plain text as Paragraph markup: escaped (a narrative's tags stay text), breaks kept."""
    return escape(clean(text)).replace("\n", "<br/>")


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts/DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts/DejaVuSans-Bold.ttf"))))


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=BOLD, fontSize=16, leading=20),
        "sub": ParagraphStyle("s", fontName=FONT, fontSize=10, leading=13, spaceAfter=4),
        "h": ParagraphStyle(
            "h",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "label": ParagraphStyle("l", fontName=BOLD, fontSize=8.5, leading=11),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9, leading=12),
        "cell": ParagraphStyle("c", fontName=FONT, fontSize=8.5, leading=11),
        "muted": ParagraphStyle("m", fontName=FONT, fontSize=8.5, leading=11, textColor=MUTED),
    }


class _CountingCanvas(Canvas):
    """Holds each page until the end so the footer can say "Page X of Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_W - MARGIN, 0.5 * inch, f"Page {number} of {total}")
            super().showPage()
        super().save()


def _grid(rows: list[tuple[str, str]], s: dict[str, ParagraphStyle]) -> Table:
    data = [[Paragraph(markup(k), s["label"]), Paragraph(markup(v), s["cell"])] for k, v in rows]
    t = Table(data, colWidths=[1.9 * inch, WIDTH - 1.9 * inch], hAlign="LEFT", splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _table(header: list[str], rows: list[list[str]], s: dict[str, ParagraphStyle]) -> Table:
    data = [[Paragraph(markup(c), s["label"]) for c in header]]
    data += [[Paragraph(markup(c), s["cell"]) for c in row] for row in rows]
    t = Table(
        data,
        colWidths=[WIDTH / len(header)] * len(header),
        repeatRows=1,
        hAlign="LEFT",
        splitInRow=1,
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f7")]),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _story(sheet: ReportSheet, s: dict[str, ParagraphStyle]) -> list[Any]:
    out: list[Any] = [
        Paragraph("Field Contact Report", s["title"]),
        Paragraph(
            markup(
                f"Report {sheet.report_number} · version {sheet.version} · unit {sheet.unit_id}"
            ),
            s["sub"],
        ),
        Paragraph(markup(f"Review state: {sheet.state}"), s["sub"]),
        *[Paragraph(markup(line), s["muted"]) for line in sheet.review_lines],
    ]
    if sheet.withheld:
        out.append(Paragraph(markup(sheet.withheld), s["sub"]))

    def section(title: str, body: list[Any], empty: str) -> None:
        out.append(Paragraph(markup(title), s["h"]))
        out.extend(body or [Paragraph(markup(empty), s["muted"])])

    section("Call", [_grid(sheet.call, s)] if sheet.call else [], "The station holds no call.")
    short = [(k, v) for k, v in sheet.fields if len(v) <= LONG]
    long = [(k, v) for k, v in sheet.fields if len(v) > LONG]
    body: list[Any] = [_grid(short, s)] if short else []
    for k, v in long:
        body += [Spacer(1, 4), Paragraph(markup(k), s["label"]), Paragraph(markup(v), s["p"])]
    section("Every field", body, "No fields.")
    section(
        "Persons",
        [_table(["Role", "Name", "Age", "Phone", "Note"], sheet.persons, s)]
        if sheet.persons
        else [],
        "No persons recorded.",
    )
    section(
        "Services",
        [_table(["Service", "Response"], sheet.services, s)] if sheet.services else [],
        "No services recorded.",
    )
    section(
        "Timeline",
        [_table(["When", "Status", "Unit", "By", "Note"], sheet.timeline, s)]
        if sheet.timeline
        else [],
        "No status events.",
    )
    runs: list[Any] = []
    for title, rows in sheet.checklists:
        runs += [Paragraph(markup(title), s["label"]), _grid(rows, s), Spacer(1, 4)]
    section("Checklist results", runs, "No checklist runs on this call.")
    section("Photos", [Paragraph(markup(p), s["p"]) for p in sheet.photos], "No photos.")
    return out


def _furniture(sheet: ReportSheet) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN,
            PAGE_H - 0.5 * inch,
            clean(f"Field Contact Report {sheet.report_number} v{sheet.version} ({sheet.state})")[
                :120
            ],
        )
        canvas.drawString(
            MARGIN, 0.5 * inch, clean(f"Station copy, rendered {sheet.printed_at}")[:120]
        )
        canvas.restoreState()

    return draw


def render_report_pdf(sheet: ReportSheet) -> bytes:
    _fonts()
    buffer = io.BytesIO()
    # A fresh template and frames each render: reportlab templates keep build state.
    doc = BaseDocTemplate(
        buffer,
        pagesize=letter,
        invariant=1,
        title=clean(f"Field Contact Report {sheet.report_number}"),
        author="Responder station",
        creator="Responder",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=0.75 * inch,
        bottomMargin=0.8 * inch,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_furniture(sheet))])
    doc.build(_story(sheet, _styles()), canvasmaker=_CountingCanvas)
    return buffer.getvalue()
