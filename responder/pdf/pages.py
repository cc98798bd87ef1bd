"""Page furniture: letterhead, running header, footer with "Page X of Y" and the fingerprint, and
the DRAFT watermark. All of it lives in page templates, never in the story."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from civilian_responder.pdf import photos
from civilian_responder.pdf.text import BODY, BOLD, clean, plain_font_for, visual
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

PAGE_W, PAGE_H = LETTER
MARGIN_X = 0.7 * inch
MARGIN_TOP = 0.55 * inch
MARGIN_BOTTOM = 0.8 * inch
LETTERHEAD_H = 0.95 * inch
RUNNING_HEAD_H = 0.4 * inch
FRAME_W = PAGE_W - 2 * MARGIN_X

ACCENT = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#5B6573")
RULE = colors.HexColor("#C9D1DB")
# The look of (0.55, 0.58, 0.62) at 16 % opacity on white, but opaque: it is drawn before the
# page's content anyway, and a page without transparency prints as vector text on PostScript
# printers instead of being flattened to a 300 dpi image.
WATERMARK = colors.Color(0.928, 0.933, 0.939)


@dataclass(frozen=True)
class PageFacts:
    """What every page shows, decided before the build starts."""

    agency_name: str
    logo: bytes | None
    title: str
    report_label: str  # e.g. "Report 2026-CSO12-0004 v2"
    fingerprint: str
    draft: bool
    watermark: str = "DRAFT"
    page_of: str = "Page {number} of {total}"
    language: str = "en"  # the document's /Lang (screen readers pick their voice from it)


class CountingCanvas(Canvas):
    """Holds each page until the end so the footer can say "Page X of Y"."""

    def __init__(self, *args: Any, page_of: str = "Page {number} of {total}",
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._page_of = page_of

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(BODY, 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_W - MARGIN_X, MARGIN_BOTTOM - 0.45 * inch,
                                 self._page_of.format(number=number, total=total))
            super().showPage()
        super().save()


def build_document(out: io.BytesIO, facts: PageFacts, author: str) -> BaseDocTemplate:
    """A fresh template and frames for each render (reportlab templates keep build state)."""
    doc = BaseDocTemplate(
        out, pagesize=LETTER, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1,
        title=clean(facts.title), author=clean(author), subject=clean(facts.report_label),
        creator="Responder", producer="Responder", lang=facts.language,
    )
    body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    first = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, body_h - LETTERHEAD_H, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, body_h - RUNNING_HEAD_H, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=lambda c, d: _first_page(c, facts),
                     autoNextPageTemplate="later"),
        PageTemplate("later", [later], onPage=lambda c, d: _later_page(c, facts)),
    ])
    return doc


def _first_page(c: Canvas, facts: PageFacts) -> None:
    c.saveState()
    _watermark(c, facts)
    top = PAGE_H - MARGIN_TOP
    size = 0.72 * inch
    _logo(c, facts, MARGIN_X, top - size, size)
    x = MARGIN_X + size + 0.18 * inch
    _fitted(c, facts.agency_name, x, top - 0.2 * inch, 10, PAGE_W - MARGIN_X - x)
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 17)
    c.drawString(x, top - 0.5 * inch, facts.title)
    c.setFont(BODY, 9.5)
    c.setFillColor(colors.black)
    c.drawRightString(PAGE_W - MARGIN_X, top - 0.5 * inch, clean(facts.report_label))
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.line(MARGIN_X, top - LETTERHEAD_H + 0.12 * inch, PAGE_W - MARGIN_X,
           top - LETTERHEAD_H + 0.12 * inch)
    _footer(c, facts)
    c.restoreState()


def _later_page(c: Canvas, facts: PageFacts) -> None:
    c.saveState()
    _watermark(c, facts)
    top = PAGE_H - MARGIN_TOP
    label = clean(facts.report_label)
    c.setFont(BODY, 8.5)
    c.setFillColor(colors.black)
    c.drawRightString(PAGE_W - MARGIN_X, top - 0.14 * inch, label)
    room = FRAME_W - c.stringWidth(label, BODY, 8.5) - 0.3 * inch
    _fitted(c, facts.agency_name, MARGIN_X, top - 0.14 * inch, 8.5, room)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(MARGIN_X, top - 0.24 * inch, PAGE_W - MARGIN_X, top - 0.24 * inch)
    _footer(c, facts)
    c.restoreState()


def _fitted(c: Canvas, text: str, x: float, y: float, size: float, width: float) -> None:
    """One line in muted type, cut with an ellipsis where it would run into its neighbour."""
    s = visual(clean(text).replace("\n", " "))
    font = plain_font_for(s)
    if c.stringWidth(s, font, size) > width:
        while s and c.stringWidth(s + "\u2026", font, size) > width:
            s = s[: max(0, min(len(s) - 1, int(len(s) * 0.9)))]
        s += "\u2026"
    c.setFillColor(MUTED)
    c.setFont(font, size)
    c.drawString(x, y, s)


def _footer(c: Canvas, facts: PageFacts) -> None:
    y = MARGIN_BOTTOM - 0.45 * inch
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(MARGIN_X, y + 0.17 * inch, PAGE_W - MARGIN_X, y + 0.17 * inch)
    c.setFillColor(MUTED)
    c.setFont(BODY, 8)
    c.drawString(MARGIN_X, y, clean(facts.report_label))
    c.setFont(BODY, 6.5)
    c.drawString(MARGIN_X, y - 0.15 * inch, f"SHA-256 {facts.fingerprint}")


def _watermark(c: Canvas, facts: PageFacts) -> None:
    if not facts.draft:
        return
    c.saveState()
    c.setFillColor(WATERMARK)
    c.setFont(BOLD, 150)
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(52)
    c.drawCentredString(0, -50, facts.watermark)
    c.restoreState()


def _logo(c: Canvas, facts: PageFacts, x: float, y: float, size: float) -> None:
    if facts.logo:
        prepared = photos.prepare(facts.logo)
        if prepared.data:
            c.drawImage(ImageReader(io.BytesIO(prepared.data)), x, y, size, size,
                        preserveAspectRatio=True, anchor="c", mask="auto")
            return
    _emblem(c, facts.agency_name, x, y, size)


def _emblem(c: Canvas, name: str, x: float, y: float, size: float) -> None:
    """A plain seal with the agency's initials, for profiles without a logo of their own."""
    skip = {"of", "the", "and", "for", "city", "county"}
    words = [w for w in clean(name).replace("\N{EM DASH}", " ").split() if w.isalpha()]
    initials = "".join(w[0] for w in words if w.lower() not in skip)[:3].upper() or "R"
    r = size / 2
    c.setFillColor(ACCENT)
    c.circle(x + r, y + r, r, stroke=0, fill=1)
    c.setStrokeColor(colors.white)
    c.setLineWidth(1.4)
    c.circle(x + r, y + r, r * 0.84, stroke=1, fill=0)
    c.setFillColor(colors.white)
    c.setFont(BOLD, size * (0.34 if len(initials) < 3 else 0.27))
    c.drawCentredString(x + r, y + r - size * 0.11, initials)
