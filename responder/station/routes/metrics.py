"""Program metrics for the station console: GET /api/v1/metrics (supervisor or dispatcher)."""

from __future__ import annotations

from typing import Annotated, Any

from civilian_responder.station.auth import admin, station_of
from civilian_responder.station.metrics.scope import make_scope
from civilian_responder.station.routes.responses import AUTH, errors
from civilian_responder.station.storage.devices import Admin
from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1", tags=["metrics"])
reader = admin("supervisor", "dispatcher")
Reader = Annotated[Admin, Depends(reader)]


@router.get("/metrics", responses=errors(*AUTH, 422))
async def metrics(request: Request, _who: Reader,
                  date_from: str = Query(..., alias="from", max_length=10,
                                         description="first day, YYYY-MM-DD (UTC)"),
                  date_to: str = Query(..., alias="to", max_length=10,
                                       description="last day, YYYY-MM-DD (UTC), included"),
                  unit: Annotated[list[str] | None, Query(max_length=50)] = None,
                  call_type: Annotated[list[str] | None, Query(max_length=50)] = None,
                  unfinished_hours: int = Query(24, ge=0, le=2160)) -> dict[str, Any]:
    station = station_of(request)

    def compute() -> dict[str, Any]:
        scope = make_scope(station.engine, station.reference, date_from, date_to, unit or (),
                           call_type or (), unfinished_hours)
        return dict(station.metrics.compute(scope))

    return await run_in_threadpool(compute)
