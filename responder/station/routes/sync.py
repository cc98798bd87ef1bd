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
    prev: int = Field(0, description="seq of the unit's change before this one (0: none)")
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


class StateIn(BaseModel):
    last_change_id: str | None = Field(None, max_length=128, description=(
        "The change this device had acknowledged last (its most recent receipt)"))
    cursor: int = Field(0, ge=0, le=2**62)
    cursor_check: str | None = Field(None, max_length=64, description=(
        "Fingerprint of the feed change at the cursor, as the device stored it"))
    cad_numbers: list[str] = Field(default_factory=list, max_length=50, description=(
        "The highest CAD number the device holds, per year"))


class StateOut(BaseModel):
    epoch: str
    change_known: bool | None
    cursor_ok: bool
    feed_high: int


@router.post("/state", response_model=StateOut)
def state(body: StateIn, request: Request, who: CurrentDevice) -> dict[str, Any]:
    """Before each sync: has this station gone back since the device last synced?"""
    return station_of(request).sync_state(who, body.last_change_id, body.cursor,
                                          body.cursor_check, body.cad_numbers)
