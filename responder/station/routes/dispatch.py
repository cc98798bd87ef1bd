"""Dispatch intake for dispatcher tokens: create and assign calls, update them, import EIDO."""

from __future__ import annotations

from typing import Annotated, Any

from civilian_responder.station.auth import admin, station_of
from civilian_responder.station.routes.body import documented, read_body, read_model
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from civilian_responder.station.storage.calls import CallUpdate
from civilian_responder.station.storage.devices import Admin
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/calls", tags=["dispatch"])
dispatcher = admin("dispatcher")
Dispatcher = Annotated[Admin, Depends(dispatcher)]
reader = admin("dispatcher", "supervisor")
Reader = Annotated[Admin, Depends(reader)]
TEXT = 20_000
EIDO_BODY = {"requestBody": {"required": True, "description": "A NENA EIDO JSON document",
                             "content": {"application/json": {"schema": {"type": "object"}}}}}


class CallIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_id: str = Field(min_length=1, max_length=32)
    type_code: str = Field(min_length=1, max_length=32)
    priority: int = Field(ge=1, le=6)
    address: str = Field(min_length=1, max_length=2000)
    narrative: str = Field("", max_length=TEXT)
    caution_notes: str = Field("", max_length=TEXT)
    caller_name: str = Field("", max_length=200)
    caller_phone: str = Field("", max_length=64)
    cross_streets: str = Field("", max_length=500)
    location_note: str = Field("", max_length=2000)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    received_at: str | None = Field(None, max_length=40,
                                    description="When CAD received the call (ISO-8601 with zone)")


class CallPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    priority: int | None = Field(None, ge=1, le=6)
    add_note: str | None = Field(None, max_length=TEXT)
    unit_id: str | None = Field(None, min_length=1, max_length=32,
                                description="Reassign the call to this unit")
    cancel: bool = False
    cancel_reason: str = Field("", max_length=2000)
    narrative: str | None = Field(None, max_length=TEXT)
    caution_notes: str | None = Field(None, max_length=TEXT)


@router.post("", status_code=201, openapi_extra=documented(CallIn), responses=errors(*AUTH, *BODY))
async def create_call(request: Request, who: Dispatcher) -> Any:
    station = station_of(request)
    body = await read_model(request, CallIn, "call", station.limits.max_body)
    return {"call": await run_in_threadpool(station.create_call, body.model_dump(), who.label)}


@router.get("", responses=errors(*AUTH, 422))
def list_calls(request: Request, _who: Reader,
               unit_id: str | None = Query(None, max_length=32),
               limit: int = Query(500, ge=1, le=5000)) -> dict[str, Any]:
    return {"calls": station_of(request).dispatch.list_calls(unit_id, limit)}


@router.post("/eido", openapi_extra=EIDO_BODY, responses={201: {"description": "Created"},
                                                 **errors(*AUTH, *BODY)})
async def import_eido(request: Request, response: Response, who: Dispatcher,
                      unit: str | None = Query(None, max_length=32,
                                               description="Unit for a new incident"),
                      ) -> dict[str, Any]:
    body = await read_body(request, station_of(request).limits.max_body)
    call, created = await run_in_threadpool(station_of(request).import_eido, body, unit,
                                            who.label)
    response.status_code = 201 if created else 200
    return {"call": call, "created": created}


@router.get("/{call_id}", responses=errors(*AUTH, 404))
def get_call(call_id: str, request: Request, _who: Reader) -> dict[str, Any]:
    return station_of(request).dispatch.get(call_id)


@router.patch("/{call_id}", openapi_extra=documented(CallPatch),
               responses=errors(*AUTH, *BODY, 404, 409))
async def update_call(call_id: str, request: Request, who: Dispatcher) -> dict[str, Any]:
    station = station_of(request)
    body = await read_model(request, CallPatch, "call update", station.limits.max_body)
    change = CallUpdate(**body.model_dump())
    return {"call": await run_in_threadpool(station.dispatch.update, call_id, change, who.label)}
