"""Building blocks for the story: styles, section headings that never sit alone at a page bottom,
label/value grids and tables that repeat their header row when they split."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from civilian_responder.pdf.pages import ACCENT, FRAME_W, MUTED, RULE
from civilian_responder.pdf.text import BODY, BOLD, ITALIC, markup
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

ZEBRA = colors.HexColor("#F3F5F8")
HEADER_BG = colors.HexColor("#E4E9F0")
ALERT_BG = colors.HexColor("#FCEBD9")
ALERT_FG = colors.HexColor("#8A3B00")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    narrative: ParagraphStyle
    narrative_rtl: ParagraphStyle
    caption: ParagraphStyle
    alert: ParagraphStyle
    note: ParagraphStyle


@functools.cache
def styles() -> Styles:
    body = ParagraphStyle("body", fontName=BODY, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    narrative = ParagraphStyle("narrative", parent=body, fontSize=10, leading=14, spaceAfter=5)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        label=ParagraphStyle("label", parent=body, fontSize=7.2, leading=9, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11),
        head_cell=ParagraphStyle("head_cell", parent=body, fontName=BOLD, fontSize=8,
                                 leading=10, textColor=ACCENT),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=10.5,
                               leading=13, textColor=ACCENT),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=9.5,
                                  leading=12, spaceBefore=4, spaceAfter=2),
        narrative=narrative,
        narrative_rtl=ParagraphStyle("narrative_rtl", parent=narrative, alignment=TA_RIGHT),
        caption=ParagraphStyle("caption", parent=body, fontSize=8, leading=10,
                               textColor=MUTED),
        alert=ParagraphStyle("alert", parent=body, fontName=BOLD, fontSize=10, leading=13,
                             textColor=ALERT_FG),
        note=ParagraphStyle("note", parent=body, fontName=ITALIC, fontSize=8.5, leading=11,
                            textColor=MUTED),
    )


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(markup(text), style or styles().body)


def heading(title: str) -> Flowable:
    """A section heading with a rule under it; kept with whatever follows it."""
    t = Table([[Paragraph(markup(title), styles().heading)]], colWidths=[FRAME_W])
    t.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.8, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 12),
    ]))
    t.keepWithNext = True
    t.spaceAfter = 3
    return t


def facts_grid(pairs: Sequence[tuple[str, str]], columns: int = 3) -> Table:
    """Label-over-value cells, ``columns`` across: a compact block for short facts."""
    st = styles()
    cells: list[object] = [
        [Paragraph(markup(label), st.label), Paragraph(markup(value or "\u2014"), st.body)]
        for label, value in pairs
    ]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] = rows[-1] + [""] * (columns - len(rows[-1]))
    t = Table(rows, colWidths=[FRAME_W / columns] * columns, splitInRow=1)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]],
               widths: Sequence[float]) -> Table:
    """A table whose header row repeats on every page it spans."""
    st = styles()
    data: list[list[object]] = [[Paragraph(markup(h), st.head_cell) for h in header]]
    for row in rows:
        data.append([c if isinstance(c, Flowable) else Paragraph(markup(c), st.cell)
                     for c in row])
    total = sum(widths)
    t = Table(data, colWidths=[FRAME_W * w / total for w in widths], repeatRows=1, splitInRow=1)
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2)]
    t.setStyle(TableStyle(commands))
    return t


def banner(lines: Sequence[str], style: ParagraphStyle | None = None) -> Table:
    """A shaded box for things a reader must not miss (corrections, escalations)."""
    st = styles()
    cells = [[Paragraph(markup(lines[0]), style or st.alert)]]
    cells += [[Paragraph(markup(line), st.body)] for line in lines[1:]]
    t = Table(cells, colWidths=[FRAME_W], splitInRow=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), ALERT_BG),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ALERT_FG),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return t
