"""Supervisor review for supervisor tokens: list, show, approve or return with a comment."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from civilian_responder.station.auth import admin, station_of
from civilian_responder.station.part2_access import KINDS, Shown, for_conflict, for_role
from civilian_responder.station.routes.body import documented, read_model
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from civilian_responder.station.storage.devices import Admin
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1", tags=["review"])
SAFE_IMAGES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff")
RecordKind = Literal["checklist_run", "audit", "attachment_meta"]
supervisor = admin("supervisor")
Supervisor = Annotated[Admin, Depends(supervisor)]
StateName = Literal["submitted", "approved", "returned", "superseded", "all"]


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "return"]
    comment: str = Field("", max_length=5000)


@router.get("/reports", responses=errors(*AUTH, 422))
def list_reports(request: Request, _who: Supervisor, state: StateName = "submitted",
                 unit_id: str | None = Query(None, max_length=32)) -> dict[str, Any]:
    found = station_of(request).review.list_reports(None if state == "all" else state, unit_id)
    return {"reports": found}


def _seen(request: Request, who: Admin, record: Any, kind: str) -> Shown:
    """42 CFR Part 2: the record as the token's role may see it (``part2_access.for_role``)."""
    allowed = station_of(request).settings.part2_roles()
    return for_role(who.role, record, allowed=allowed, kind=kind)


def _part2_entry(request: Request, who: Admin, entry: dict[str, Any], kind: str) -> dict[str, Any]:
    seen = _seen(request, who, entry.get("payload"), kind)
    return dict(entry, payload=seen.record, part2_withheld=list(seen.withheld))


@router.get("/reports/{report_id}", responses=errors(*AUTH, 404))
def show_report(report_id: str, request: Request,
                who: Supervisor) -> dict[str, Any]:
    """The report; values tagged under 42 CFR Part 2 are left out unless the token's role is
    in the ``part2_roles`` setting, and ``part2_withheld`` says what was."""
    return _part2_entry(request, who, station_of(request).review.show(report_id), "report")


@router.post("/reports/{report_id}/review", openapi_extra=documented(ReviewIn),
              responses=errors(*AUTH, *BODY, 404, 409))
async def review_report(report_id: str, request: Request, who: Supervisor) -> dict[str, Any]:
    station = station_of(request)
    body = await read_model(request, ReviewIn, "review", station.limits.max_body)
    return {"review": await run_in_threadpool(station.review.decide, report_id, body.decision,
                                              body.comment, who.label)}


@router.get("/records", responses=errors(*AUTH, 422))
def list_records(request: Request, who: Supervisor, kind: RecordKind | None = None,
                 unit_id: str | None = Query(None, max_length=32),
                 limit: int = Query(1000, ge=1, le=10000)) -> dict[str, Any]:
    found = station_of(request).review.records(kind, unit_id, limit)
    return {"records": [_part2_entry(request, who, r, "checklist_run")
                        if r["kind"] == "checklist_run" else r for r in found]}


@router.get("/conflicts", responses=errors(*AUTH, 422))
def list_conflicts(request: Request, who: Supervisor,
                   limit: int = Query(1000, ge=1, le=10000)) -> dict[str, Any]:
    station = station_of(request)
    allowed = station.settings.part2_roles()
    out = []
    for c in station.review.conflicts(limit):
        if c.get("kind") in KINDS:
            seen = for_conflict(who.role, c.get("payload"), allowed=allowed, kind=c["kind"])
            c = dict(c, payload=seen.record, part2_withheld=list(seen.withheld))
        out.append(c)
    return {"conflicts": out}


@router.get("/reports/{report_id}/attachments/{sha256}",
            responses={200: {"content": {"image/*": {}}, "description": "The photo's bytes"},
                       **errors(*AUTH, 404, 422)})
def report_attachment(report_id: str, sha256: str, request: Request,
                      _who: Supervisor) -> Response:
    data, mime, filename = station_of(request).uploads.for_review(report_id, sha256)
    # Only images are served as themselves; anything else downloads as opaque bytes.
    media = mime if mime in SAFE_IMAGES else "application/octet-stream"
    safe_name = "".join(c for c in filename if c.isalnum() or c in "._-")[:100] or "attachment"
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{safe_name}"'})
