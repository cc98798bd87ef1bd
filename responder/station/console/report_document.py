"""A report as the station holds it, gathered for its PDF: the version shown, its call and
timeline, the unit's checklist runs on the call, photos, decisions, every code in words.

The console's report page and ``responder-station report-pdf`` both call ``to_pdf``. Drawing
is ``reports_pdf`` (reportlab, the optional ``reports`` extra), imported only here and only
when a PDF is asked for, so a station without the extra still serves everything else."""

from __future__ import annotations

import re
from typing import Any

from civilian_responder.station.console.display import label, short_time, value, words
from civilian_responder.station.errors import NotFound, StationError
from civilian_responder.station.part2_access import NOTICE, for_role, merge_labels

# Fields shown in the PDF's header or own sections rather than in the field list.
HEADER = ("id", "call_id", "report_number", "version", "state", "persons", "services")
INSTALL_HINT = (
    "The report PDF needs reportlab, which a station install leaves out: "
    'pip install "civilian-responder[station,reports]"'
)


class ReportPdfUnavailable(StationError):
    status = 501
    kind = "unavailable"


def filename(report_number: Any, version: Any) -> str:
    """A file name safe in a Content-Disposition header and on any file system."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", f"report-{report_number}-v{version}").strip("._")
    return (stem[:100] or "report") + ".pdf"


def gather(station: Any, report_id: str, role: str | None) -> Any:
    """The sheet as ``role`` may see it: values tagged under 42 CFR Part 2 are left out for a
    role not in the ``part2_roles`` setting (``part2_access.for_role``) and the sheet says what
    was withheld."""
    from civilian_responder.station.reports_pdf import ReportSheet  # noqa: PLC0415

    allowed = station.settings.part2_roles()
    ref = station.reference
    shown = station.review.show(report_id)
    report = shown["report"]
    seen = for_role(role, shown["payload"], allowed=allowed)
    payload = seen.record
    runs = [
        for_role(role, r["payload"], allowed=allowed, kind="checklist_run")
        for r in station.review.checklist_runs(report["call_id"], report["unit_id"])
    ]
    withheld = merge_labels(seen.withheld, *[r.withheld for r in runs])
    try:
        call: dict[str, Any] | None = station.dispatch.get(report["call_id"])
    except NotFound:
        call = None
    c = call["call"] if call else {}
    call_rows = (
        [
            ("CAD number", value(ref, "", c.get("cad_number"))),
            ("Type", label(ref, "type_code", c.get("type_code"))),
            ("Priority", label(ref, "priority", c.get("priority"))),
            ("Address", value(ref, "", c.get("address"))),
            ("Received", short_time(c.get("received_at"))),
        ]
        if call
        else []
    )
    call_rows += [("Unit", report["unit_id"]), ("Submitted", short_time(report["submitted_at"]))]
    reviews = [
        f"{short_time(d['at'])} {d['decision']} by {d['reviewer']}"
        + (f": {d['comment']}" if d.get("comment") else "")
        for d in shown["reviews"]
    ]
    return ReportSheet(
        report_number=str(report["report_number"]),
        version=str(report["version"]),
        state=str(report["state"]),
        unit_id=str(report["unit_id"]),
        review_lines=reviews,
        call=call_rows,
        fields=[(words(k), value(ref, k, v)) for k, v in payload.items() if k not in HEADER],
        persons=_persons(ref, payload.get("persons")),
        services=[
            [label(ref, "code", s.get("code")), _response(ref, s.get("response"))]
            for s in payload.get("services") or []
            if isinstance(s, dict)
        ],
        timeline=[
            [
                short_time(e.get("at")),
                label(ref, "status", e.get("status")),
                e.get("unit_id") or "—",
                str(e.get("actor") or ""),
                str(e.get("note") or ""),
            ]
            for e in (call or {}).get("events", [])
        ],
        checklists=[_run(ref, r.record) for r in runs],
        withheld=f"{NOTICE}: {', '.join(withheld)}." if withheld else "",
        photos=[
            str(a.get("caption") or a.get("filename") or "Photo")
            + ("" if a.get("complete") else " (not uploaded yet)")
            for a in shown["attachments"]
        ],
        printed_at=short_time(station.clock.now().isoformat()),
    )


def _persons(ref: Any, persons: Any) -> list[list[str]]:
    return [
        [
            label(ref, "role_code", p.get("role_code")),
            str(p.get("name") or ""),
            "—" if p.get("age") is None else str(p.get("age")),
            str(p.get("phone") or ""),
            str(p.get("note") or ""),
        ]
        for p in persons or []
        if isinstance(p, dict)
    ]


def _response(ref: Any, code: Any) -> str:
    try:
        return f"{ref.service_responses.label(code)} ({code})"
    except (AttributeError, KeyError):
        return "" if code is None else str(code)


def _run(ref: Any, payload: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    title = str(payload.get("checklist_id") or payload.get("definition_id") or "Checklist")
    if payload.get("checklist_version"):
        title += f" v{payload['checklist_version']}"
    rows = [
        (words(k), value(ref, k, v))
        for k, v in payload.items()
        if k not in ("id", "call_id", "report_id")
    ]
    return title, rows


def to_pdf(station: Any, report_id: str, role: str | None) -> tuple[bytes, str]:
    """The report's PDF and a file name for it; ReportPdfUnavailable naming the install when
    reportlab is missing."""
    try:
        from civilian_responder.station.reports_pdf import render_report_pdf  # noqa: PLC0415
    except ImportError as exc:
        if (exc.name or "").split(".")[0] == "reportlab":
            raise ReportPdfUnavailable(INSTALL_HINT) from None
        raise
    sheet = gather(station, report_id, role)
    return render_report_pdf(sheet), filename(sheet.report_number, sheet.version)
