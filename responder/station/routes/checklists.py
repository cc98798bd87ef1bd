"""Publishing checklist definitions to every unit (supervisor tokens)."""

from __future__ import annotations

from typing import Annotated, Any

from civilian_responder.station.auth import admin, station_of
from civilian_responder.station.routes.body import read_json
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from civilian_responder.station.storage.devices import Admin
from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/checklists", tags=["checklists"])
supervisor = admin("supervisor")
Supervisor = Annotated[Admin, Depends(supervisor)]
DEFINITION_BODY = {"requestBody": {"required": True, "description": "A checklist definition",
                                   "content": {"application/json": {"schema": {
                                       "type": "object"}}}}}


@router.get("", responses=errors(*AUTH))
def list_checklists(request: Request, _who: Supervisor) -> dict[str, Any]:
    return {"checklists": station_of(request).checklists.published()}


@router.post("", openapi_extra=DEFINITION_BODY, responses={201: {"description": "Published"},
                                                 **errors(*AUTH, *BODY, 409)})
async def publish_checklist(request: Request, response: Response,
                            _who: Supervisor) -> dict[str, Any]:
    definition = await read_json(request, "checklist definition",
                                 station_of(request).limits.max_body)
    done = await run_in_threadpool(station_of(request).checklists.publish, definition)
    response.status_code = 201 if done["published"] else 200
    return done
