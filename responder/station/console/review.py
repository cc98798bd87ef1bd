"""Review queue (supervisor): submitted reports, a report's every field and versions, decide."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from civilian_responder.clock import iso
from civilian_responder.station.console.display import filters
from civilian_responder.station.console.report_document import to_pdf
from civilian_responder.station.console.session import Console, require
from civilian_responder.station.errors import NotFound, StationError
from civilian_responder.station.part2_access import NOTICE, merge_labels
from civilian_responder.station.routes.review import SAFE_IMAGES
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/console/review", include_in_schema=False)
pdf_router = APIRouter(prefix="/console/reports", include_in_schema=False)
Supervisor = Annotated[Console, require("review")]
Reader = Annotated[Console, require("reports")]
AGES = {"": "any age", "1": "over 1 hour", "24": "over 24 hours", "72": "over 3 days"}
DONE = {
    "approved": "Report approved; the unit sees it at its next sync.",
    "returned": "Report returned; the unit gets a revise task at its next sync.",
}
# Fields shown in the report's header rather than in the field list.
HEADER = ("id", "call_id", "report_number", "version", "state", "persons", "services")


@router.get("")
def queue(
    console: Supervisor,
    unit: str = Query("", max_length=32),
    call_type: str = Query("", max_length=32),
    age: str = Query("", max_length=4),
    flag: str = Query("", max_length=64),
    state: str = Query("submitted", max_length=16),
    done: str = "",
) -> HTMLResponse:
    station = console.station
    now = station.clock.now()
    older = iso(now - timedelta(hours=int(age))) if age in AGES and age else ""
    try:
        found = station.review.queue(state, unit, call_type, older, flag)
        error = ""
    except StationError as exc:
        found, error = [], exc.message
    return console.page(
        "review_list.html",
        title="Review queue",
        active="review",
        reports=found,
        error=error,
        unit=unit,
        call_type=call_type,
        age=age,
        flag=flag,
        state=state,
        ages=AGES,
        call_types=list(station.reference.call_types),
        flags=list(station.reference.flags),
        done=DONE.get(done, ""),
        **filters(station.reference, now),
    )


def _report_context(console: Console, report_id: str) -> dict[str, Any]:
    station = console.station
    shown = station.review.show(report_id)
    report = shown["report"]
    try:
        call = station.dispatch.get(report["call_id"])
    except NotFound:
        call = None
    # 42 CFR Part 2: the report, its checklist runs and every version as this role may see
    # them (part2_access.for_role, the one decision every station output takes).
    payload = console.part2(shown["payload"])
    runs = [
        dict(r, payload=console.part2(r["payload"], "checklist_run"))
        for r in station.review.checklist_runs(report["call_id"], report["unit_id"])
    ]
    versions = [
        dict(v, payload=console.part2(v["payload"])) for v in station.review.versions(report_id)
    ]
    withheld = merge_labels(
        payload.withheld,
        *[r["payload"].withheld for r in runs],
        *[v["payload"].withheld for v in versions],
    )
    return {
        "report": report,
        "payload": payload.record,
        "part2_withheld": withheld,
        "part2_notice": f"{NOTICE}: {', '.join(withheld)}." if withheld else "",
        "reviews": shown["reviews"],
        "attachments": shown["attachments"],
        "call": call,
        "versions": [dict(v, payload=v["payload"].record) for v in versions],
        "runs": [dict(r, payload=r["payload"].record) for r in runs],
        "header": HEADER,
    }


@router.get("/{report_id}")
def report_page(report_id: str, console: Reader) -> HTMLResponse:
    context = _report_context(console, report_id)
    now = console.station.clock.now()
    return console.page(
        "report.html",
        title=f"Report {context['report']['report_number']}",
        active="review",
        **context,
        **filters(console.station.reference, now),
    )


@router.post("/{report_id}/decide")
async def decide(report_id: str, console: Supervisor) -> Response:
    form = await console.form()
    decision = str(form.get("decision") or "")
    comment = str(form.get("comment") or "")
    try:
        await run_in_threadpool(
            console.station.review.decide, report_id, decision, comment, console.who
        )
    except StationError as exc:
        context = await run_in_threadpool(_report_context, console, report_id)
        now = console.station.clock.now()
        return console.page(
            "report.html",
            exc.status,
            title="Report",
            active="review",
            error=exc.message,
            comment=comment,
            **context,
            **filters(console.station.reference, now),
        )
    outcome = "approved" if decision.startswith("approve") else "returned"
    console.audit(f"report.{outcome}", report_id, comment[:200])
    return RedirectResponse(f"/console/review?done={outcome}", 303)


@router.get("/{report_id}/photo/{sha256}")
def photo(report_id: str, sha256: str, console: Reader) -> Response:
    data, mime, _name = console.station.uploads.for_review(report_id, sha256)
    if mime not in SAFE_IMAGES:
        return Response(
            data,
            media_type="application/octet-stream",
            headers={"Content-Disposition": "attachment"},
        )
    return Response(data, media_type=mime)


@pdf_router.get("/{report_id}/pdf")
def report_pdf(report_id: str, console: Reader) -> Response:
    """The station-rendered Field Contact Report of the version the report page shows."""
    role = console.session.member.role
    data, name = to_pdf(console.station, report_id, role)
    console.audit("report.pdf", report_id)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
