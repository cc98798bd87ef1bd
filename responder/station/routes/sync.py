"""Push (exactly-once per change_id) and pull (per-unit feed by seq) for enrolled devices."""

from __future__ import annotations

from typing import Any, Literal

from civilian_responder.station.auth import CurrentDevice, station_of
from civilian_responder.station.errors import TooLarge
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


class PushIn(BaseModel):
    changes: list[Any] = Field(description=(
        "Changes, each {change_id, kind, entity_id, call_id, created_at, payload}; at most 500. "
        "A malformed change is answered 'rejected' on its own and never blocks the others."))


class PushResult(BaseModel):
    change_id: str | None
    status: Literal["applied", "duplicate", "conflict", "rejected"]
    reason: str = ""
    error_kind: str | None = None


class PushOut(BaseModel):
    results: list[PushResult]


class PullChange(BaseModel):
    seq: int
    kind: str
    entity_id: str
    payload: dict[str, Any]


class PullOut(BaseModel):
    changes: list[PullChange]
    cursor: int
    more: bool


@router.post("/push", response_model=PushOut, response_model_exclude_none=True)
def push(body: PushIn, request: Request, who: CurrentDevice) -> dict[str, Any]:
    station = station_of(request)
    if len(body.changes) > station.limits.max_push_changes:
        raise TooLarge(f"At most {station.limits.max_push_changes} changes per push; "
                       "send the rest in another batch")
    station.devices.touch(who.id)
    return {"results": station.pusher.push(who, body.changes)}


@router.get("/pull", response_model=PullOut)
def pull(request: Request, who: CurrentDevice, cursor: int = Query(0, ge=0, le=2**62),
         limit: int = Query(200, ge=1, le=1000)) -> dict[str, Any]:
    return station_of(request).pull(who, cursor, limit)
