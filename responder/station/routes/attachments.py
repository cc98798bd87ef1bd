"""Resumable attachment upload (tus-style HEAD / PATCH with Upload-Offset) and listing."""

from __future__ import annotations

from typing import Any

from civilian_responder.station.auth import CurrentDevice, station_of
from civilian_responder.station.errors import Invalid
from civilian_responder.station.routes.body import read_body
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from civilian_responder.station.storage.uploads import MAX_CHUNK, UploadState
from fastapi import APIRouter, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/attachments", tags=["attachments"])
CHUNK_BODY = {"requestBody": {"required": True, "content": {
    "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


def _headers(state: UploadState) -> dict[str, str]:
    headers = {"Upload-Offset": str(state.held), "Upload-Complete": "1" if state.complete else "0"}
    if state.length is not None:
        headers["Upload-Length"] = str(state.length)
    return headers


def _number(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    # str.isdigit() also accepts digits such as "²" that int() refuses: ASCII only.
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        raise Invalid(f"{name} must be a whole number of bytes")
    return int(value)


@router.head("/{sha256}", responses=errors(*AUTH, 422))
def upload_state(sha256: str, request: Request, who: CurrentDevice) -> Response:
    state = station_of(request).uploads.state(who, sha256)
    return Response(status_code=200, headers=_headers(state))


@router.patch("/{sha256}", status_code=204, openapi_extra=CHUNK_BODY,
               responses=errors(*AUTH, *BODY, 409))
async def upload_chunk(sha256: str, request: Request, who: CurrentDevice,
                       upload_offset: str | None = Header(None),
                       upload_length: str | None = Header(None)) -> Response:
    offset = _number(upload_offset, "Upload-Offset")
    if offset is None:
        raise Invalid("Send Upload-Offset: the byte position this chunk starts at")
    length = _number(upload_length, "Upload-Length")
    chunk = await read_body(request, MAX_CHUNK)
    state = await run_in_threadpool(station_of(request).uploads.append, who, sha256, offset,
                                    length, chunk)
    return Response(status_code=204, headers=_headers(state))


@router.get("", responses=errors(*AUTH, 422))
def list_attachments(request: Request, who: CurrentDevice,
                     report_id: str | None = Query(None, max_length=128)) -> dict[str, Any]:
    return {"attachments": station_of(request).uploads.listing(who, report_id)}
