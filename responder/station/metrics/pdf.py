"""The program report as a PDF an agency could hand to its council: the period, the tables,
bar charts (outcomes, disposition groups, the response-time distribution) and the definitions
as footnotes. The one station module that imports reportlab (the optional ``reports`` extra;
``render.to_pdf`` names that install when it is missing). A fresh document per render,
``invariant=1`` so the same figures give the same bytes."""

from __future__ import annotations

import io
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.resource_files import resource_path
from civilian_responder.station.metrics.definitions import DEFINITIONS
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
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

FONT, BOLD = "MetricsSans", "MetricsSans-Bold"
WIDTH = letter[0] - 1.5 * inch
BAR = colors.HexColor("#2b5f8a")
BAR2 = colors.HexColor("#9fbad3")


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts/DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts/DejaVuSans-Bold.ttf"))))


def _styles() -> dict[str, ParagraphStyle]:
    return {"title": ParagraphStyle("t", fontName=BOLD, fontSize=16, leading=20),
            "h": ParagraphStyle("h", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                                keepWithNext=1,
                                spaceAfter=4),
            "p": ParagraphStyle("p", fontName=FONT, fontSize=9, leading=12),
            "note": ParagraphStyle("n", fontName=FONT, fontSize=7.5, leading=9.5,
                                   textColor=colors.HexColor("#444444"))}


def _table(header: list[str], rows: list[list[Any]], widths: list[float] | None = None) -> Table:
    data = [header, *[[("" if c is None else str(c)) for c in r] for r in rows]]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8.5), ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f7")]),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


def _bars(title: str, labels: list[str], series: list[list[float]],
          horizontal: bool = True) -> Drawing:
    height = 30 + 16 * max(1, len(labels)) if horizontal else 190
    d = Drawing(WIDTH, height)
    chart: Any = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (190, 10) if horizontal else (40, 30)
    chart.width = WIDTH - (220 if horizontal else 60)
    chart.height = height - (30 if horizontal else 60)
    chart.data = series or [[0]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if horizontal:
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.reverseDirection = 1
    for i, color in enumerate((BAR, BAR2)):
        if i < len(chart.data):
            chart.bars[i].fillColor = color
    d.add(chart)
    d.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    return d


class _Story:
    def __init__(self, m: dict[str, Any], ref: ReferenceData) -> None:
        self.m, self.ref, self.s = m, ref, _styles()
        self.out: list[Any] = []

    def h(self, text: str) -> None:
        self.out.append(Paragraph(text, self.s["h"]))

    def add(self, *items: Any) -> None:
        self.out.append(KeepTogether(list(items)))

    def build(self) -> list[Any]:
        m = self.m
        p = m["period"]
        scope = ", ".join(x for x in (
            f"units {', '.join(p['units'])}" if p["units"] else "all units",
            f"call types {', '.join(p['call_types'])}" if p["call_types"] else "all call types"))
        self.out += [Paragraph("Program report", self.s["title"]),
                     Paragraph(f"Period {p['from']} to {p['to']} ({p['timezone']}); {scope}.",
                               self.s["p"])]
        for note in m["notes"]:
            self.out.append(Paragraph(f"<b>{note}</b>", self.s["p"]))
        t = m["totals"]
        rwp = m["resolved_without_police"]
        self.h("Summary")
        self.add(_table(["Figure", "Count", "Rate"], [
            ["Calls", t["calls"], ""], ["Reports", t["reports"], ""],
            ["Resolved without police", rwp["count"], rwp["share"]],
            ["Police backup requested", m["backup"]["count"], m["backup"]["rate"]],
            ["Handed to police", m["handed_to_police"]["count"], m["handed_to_police"]["rate"]],
            ["Transports", m["transports"]["count"], ""],
            ["Persons accepting services", m["services"]["persons_accepting"], ""],
            *[[f"Persons a service was {r.label.lower()} to" if not r.get("accepted")
               else f"Persons who {r.label.lower()} a service",
               m["services"]["persons_by_response"].get(r.code, 0), ""]
              for r in self.ref.service_responses],
            ["Shelter placements", m["shelter"]["placements"], ""],
            ["911 calls transferred to 988", m["transfers_988"]["call_transferred"], ""],
            ["Warm transfers to 988 on scene", m["transfers_988"]["warm_transfer"], ""],
            ["Follow-ups needed", m["follow_ups"]["needed"], m["follow_ups"]["rate"]],
        ], [3.2 * inch, 1 * inch, 1 * inch]))
        self._dispositions()
        self._outcomes()
        self._times()
        self._units_flags_quality()
        self._definitions()
        return self.out

    def _dispositions(self) -> None:
        grid, ref = self.m["disposition_by_priority"], self.ref
        prios = [k for k in grid["total"] if k != "total"]
        rows = [[ref.disposition_groups.label(g) if g != "total" else "Total",
                 *[r[x] for x in prios], r["total"]] for g, r in grid.items()]
        self.h("Disposition by priority")
        self.add(_table(["Disposition group", *[f"P{x}" for x in prios], "Total"], rows))
        groups = [g for g in grid if g != "total"]
        self.out.append(_bars("Reports by disposition group",
                              [ref.disposition_groups.label(g) for g in groups],
                              [[grid[g]["total"] for g in groups]]))

    def _outcomes(self) -> None:
        m, ref = self.m, self.ref
        outcomes = m["outcomes"]
        self.h("Outcomes, transports, referrals and services")
        self.out.append(_bars("Reports by outcome", [ref.outcomes.label(k) for k in outcomes],
                              [list(outcomes.values())]))
        tr = m["transports"]
        rows = [["Mode: " + ref.transport_modes.label(k), v] for k, v in tr["by_mode"].items()]
        rows += [["To: " + ref.transport_destinations.label(k), v]
                 for k, v in tr["by_destination"].items()]
        rows += [["Facility: " + k, v] for k, v in tr["by_facility"].items()]
        self.add(Paragraph("Transports", self.s["p"]), _table(["Transport", "Count"], rows))
        ref_rows = [[ref.referral_destinations.label(k), v]
                    for k, v in m["referrals"]["by_type"].items()]
        ref_rows += [["Agency: " + k, v] for k, v in m["referrals"]["by_agency"].items()]
        self.add(Spacer(1, 6), _table(["Referred to", "Count"], ref_rows))
        responses = ref.service_responses.codes()
        rows = [[ref.services.label(k), *[v.get(r, 0) for r in responses]]
                for k, v in m["services"]["by_service"].items()]
        self.add(Spacer(1, 6), _table(["Service", *[ref.service_responses.label(r)
                                                    for r in responses]], rows))

    def _times(self) -> None:
        rm = self.m["response_minutes"]
        self.h("Response times (minutes)")
        self.add(_table(["Leg", "Calls", "p50", "p90"],
                        [[k.replace("_", " "), v["n"], v["p50"], v["p90"]]
                         for k, v in rm.items()], [2.6 * inch, 0.9 * inch, 0.9 * inch,
                                                   0.9 * inch]))
        hist = self.m.get("response_histogram", {})
        if hist:
            self.out.append(_bars("Received to on scene: calls by minutes", list(hist),
                                  [list(hist.values())], horizontal=False))

    def _units_flags_quality(self) -> None:
        m, ref = self.m, self.ref
        self.h("Units")
        self.add(_table(["Unit", "Calls cleared", "Hours of service"],
                        [[u, v["calls"], v["hours"]] for u, v in m["units"].items()]))
        self.h("Flags")
        self.add(_table(["Flag", "Reports", "Rate"], [[ref.flags.label(f), v["count"], v["rate"]]
                                                       for f, v in m["flags"].items()]))
        dq = m["data_quality"]
        self.h("Data quality")
        self.add(_table(["Check", "Value"], [
            ["Reports missing a disposition", dq["reports_missing_disposition"]],
            [f"Calls cleared over {dq['unfinished_after_clear']['hours']} h ago, no report",
             dq["unfinished_after_clear"]["count"]],
            ["Calls with no report", m["totals"]["calls_without_report"]],
            ["Share of 'other' codes", dq["other_codes"]["share"]]]))

    def _definitions(self) -> None:
        self.h("Definitions")
        for i, (key, text) in enumerate(DEFINITIONS.items(), 1):
            self.out.append(Paragraph(f"{i}. <b>{key.replace('_', ' ')}</b>: {text}",
                                      self.s["note"]))


def _footer(period: dict[str, Any]) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(0.75 * inch, 0.5 * inch,
                          f"Responder program report {period['from']} – {period['to']}")
        canvas.drawRightString(letter[0] - 0.75 * inch, 0.5 * inch, f"Page {doc.page}")
        canvas.restoreState()
    return draw


def render_pdf(metrics: dict[str, Any], ref: ReferenceData) -> bytes:
    _fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=letter, invariant=1, title="Program report",
                          leftMargin=0.75 * inch, rightMargin=0.75 * inch,
                          topMargin=0.7 * inch, bottomMargin=0.8 * inch)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(metrics["period"]))])
    doc.build(_Story(metrics, ref).build())
    return buffer.getvalue()
