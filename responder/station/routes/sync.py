"""Push (exactly-once per change_id) and pull (per-unit feed by seq) for enrolled devices."""

from __future__ import annotations

from typing import Any, Literal

from civilian_responder.station.auth import CurrentDevice, station_of
from civilian_responder.station.bodies import decode_json
from civilian_responder.station.errors import Invalid, TooLarge
from civilian_responder.station.routes.body import documented, read_body, read_model
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


class PushIn(BaseModel):
    changes: list[Any] = Field(description=(
        "Changes, each {change_id, kind, entity_id, call_id, created_at, payload}; at most 500. "
        "A malformed change is answered 'rejected' on its own and never blocks the others."))


class PushResult(BaseModel):
    change_id: str = Field(description="The change's change_id as sent; \"\" only when the "
                           "change had no usable change_id (then status is 'rejected')")
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


@router.post("/push", response_model=PushOut, response_model_exclude_none=True,
             openapi_extra=documented(PushIn), responses=errors(*AUTH, *BODY))
async def push(request: Request, who: CurrentDevice) -> dict[str, Any]:
    station = station_of(request)
    # Decoded only: each change is checked on its own (depth, text), so one hostile change is
    # rejected while the valid ones beside it apply.
    body = decode_json(await read_body(request, station.limits.max_push_body), "push")
    changes = body.get("changes") if isinstance(body, dict) else None
    if not isinstance(changes, list):
        raise Invalid('Invalid request: send {"changes": [change, ...]}')
    if len(changes) > station.limits.max_push_changes:
        raise TooLarge(f"At most {station.limits.max_push_changes} changes per push; "
                       "send the rest in another batch")
    return {"results": await run_in_threadpool(_push, station, who, changes)}


def _push(station: Any, who: Any, changes: list[Any]) -> list[dict[str, Any]]:
    station.devices.touch(who.id)
    return station.push(who, changes)


@router.get("/pull", response_model=PullOut, responses=errors(*AUTH, 422))
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


@router.post("/state", response_model=StateOut, openapi_extra=documented(StateIn),
             responses=errors(*AUTH, *BODY))
async def state(request: Request, who: CurrentDevice) -> dict[str, Any]:
    """Before each sync: has this station gone back since the device last synced?"""
    station = station_of(request)
    body = await read_model(request, StateIn, "sync state", station.limits.max_body)
    return await run_in_threadpool(station.sync_state, who, body.last_change_id, body.cursor,
                                   body.cursor_check, body.cad_numbers)
