"""Supervisor review for supervisor tokens: list, show, approve or return with a comment."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from responder.station.auth import admin, station_of
from responder.station.storage.devices import Admin

router = APIRouter(prefix="/api/v1/reports", tags=["review"])
supervisor = admin("supervisor")
StateName = Literal["submitted", "approved", "returned", "superseded", "all"]


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "return"]
    comment: str = Field("", max_length=5000)


@router.get("")
def list_reports(request: Request, state: StateName = "submitted",
                 unit_id: str | None = Query(None, max_length=32),
                 _who: Admin = Depends(supervisor)) -> dict[str, Any]:
    found = station_of(request).review.list(None if state == "all" else state, unit_id)
    return {"reports": found}


@router.get("/{report_id}")
def show_report(report_id: str, request: Request,
                _who: Admin = Depends(supervisor)) -> dict[str, Any]:
    return station_of(request).review.show(report_id)


@router.post("/{report_id}/review")
def review_report(report_id: str, body: ReviewIn, request: Request,
                  who: Admin = Depends(supervisor)) -> dict[str, Any]:
    return {"review": station_of(request).review.decide(report_id, body.decision, body.comment,
                                                        who.label)}
