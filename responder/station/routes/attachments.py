"""Resumable attachment upload (tus-style HEAD / PATCH with Upload-Offset) and listing."""

from __future__ import annotations

from typing import Any

from civilian_responder.station.auth import CurrentDevice, station_of
from civilian_responder.station.bodies import parse_json
from civilian_responder.station.errors import Invalid, TooLarge
from civilian_responder.station.routes.body import read_body
from civilian_responder.station.routes.responses import AUTH, BODY, errors
from civilian_responder.station.storage.uploads import (
    MAX_BATCH,
    MAX_BATCH_ITEMS,
    MAX_CHUNK,
    UploadState,
    check_sha,
)
from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api/v1/attachments", tags=["attachments"])
BATCH_TYPE = "application/x-responder-photo-batch"
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


BATCH_BODY = {"requestBody": {"required": True, "description": (
    "One line of JSON, {\"items\": [{\"sha256\", \"length\"}, ...]}, then a newline, then "
    "the items' bytes back to back in that order. Each item at most 4 MB (larger photos use the "
    "resumable PATCH), the whole body at most 16 MB."), "content": {
    BATCH_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}


class BatchItemOut(BaseModel):
    sha256: str
    complete: bool
    reason: str = ""


class BatchOut(BaseModel):
    results: list[BatchItemOut]


@router.post("/batch", response_model=BatchOut, openapi_extra=BATCH_BODY,
             responses=errors(*AUTH, *BODY))
async def upload_batch(request: Request, who: CurrentDevice) -> dict[str, Any]:
    """Whole photos, several per request and one commit per batch (protocol v1.1; the
    station's health answer lists ``photo_batch`` in ``features``)."""
    body = await read_body(request, MAX_BATCH)
    items = _split_batch(body)
    results = await run_in_threadpool(station_of(request).uploads.store_whole, who, items)
    return {"results": results}


def _split_batch(body: bytes) -> list[tuple[str, bytes | memoryview]]:
    cut = body.find(b"\n")
    head = body if cut < 0 else body[:cut]
    # Views into the body: no copy of its 16 MB of photos (a copy holds the GIL).
    data = memoryview(body)[len(body) if cut < 0 else cut + 1:]
    manifest = parse_json(head, "photo batch manifest")
    listed = manifest.get("items") if isinstance(manifest, dict) else None
    if not isinstance(listed, list) or not 1 <= len(listed) <= MAX_BATCH_ITEMS:
        raise Invalid(f"The manifest needs 'items': a list of 1-{MAX_BATCH_ITEMS} entries")
    out: list[tuple[str, bytes | memoryview]] = []
    start = 0
    for n, item in enumerate(listed):
        sha = item.get("sha256") if isinstance(item, dict) else None
        length = item.get("length") if isinstance(item, dict) else None
        if not isinstance(sha, str) or isinstance(length, bool) or not isinstance(length, int):
            raise Invalid(f"items.{n} needs a 'sha256' and a whole 'length'")
        check_sha(sha)
        if not 0 < length <= MAX_CHUNK:
            raise TooLarge(f"items.{n}: a batched photo may be at most {MAX_CHUNK} bytes")
        out.append((sha, data[start:start + length]))
        start += length
    if start != len(data):
        raise Invalid(f"The manifest lists {start} bytes but the body holds {len(data)}")
    return out


@router.get("", responses=errors(*AUTH, 422))
def list_attachments(request: Request, who: CurrentDevice,
                     report_id: str | None = Query(None, max_length=128)) -> dict[str, Any]:
    return {"attachments": station_of(request).uploads.listing(who, report_id)}
