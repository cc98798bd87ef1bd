"""Status and disposition back to CAD: GET /api/v1/cad/eido (dispatcher tokens; docs/cad.md).

CAD polls by cursor: each answer holds the EIDO documents after ``after`` in cursor order and the
cursor to send next. A cursor is never skipped: documents get cursors only when they commit, in
order, so polling from the last cursor seen never misses one.
"""

from __future__ import annotations

from typing import Annotated, Any

from civilian_responder.station.auth import admin, station_of
from civilian_responder.station.routes.responses import AUTH, errors
from civilian_responder.station.storage.devices import Admin
from civilian_responder.station.storage.eido_outbox import DEFAULT_PAGE, MAX_PAGE
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/cad", tags=["cad"])
Cad = Annotated[Admin, Depends(admin("dispatcher"))]


class EidoEntry(BaseModel):
    cursor: int
    kind: str
    call_id: str
    published_at: str
    document: dict[str, Any]


class EidoPage(BaseModel):
    documents: list[EidoEntry]
    cursor: int
    more: bool
    epoch: str  # changes when the station is restored from a backup: then start again at 0


@router.get("/eido", response_model=EidoPage, responses=errors(*AUTH, 422))
async def eido(
    request: Request,
    _who: Cad,
    after: int = Query(0, ge=0, le=2**62, description="the last cursor you have"),
    limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE),
) -> dict[str, Any]:
    """EIDO documents (status changes and dispositions) after ``after``; send ``cursor`` next.
    When ``epoch`` differs from the last answer's, the station was restored: poll from 0."""
    station = station_of(request)

    def read() -> dict[str, Any]:
        return dict(station.eido.page(after, limit), epoch=station.epoch)

    return await run_in_threadpool(read)
