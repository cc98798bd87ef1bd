"""The console's own CSS and JavaScript, served from the package (no CDN, nothing fetched)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from civilian_responder.station.errors import NotFound
from fastapi import APIRouter, Response

router = APIRouter(prefix="/console/static", include_in_schema=False)
FOLDER = Path(__file__).resolve().parent / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@cache
def _read(name: str) -> bytes:
    return (FOLDER / name).read_bytes()


@router.get("/{name}")
def asset(name: str) -> Response:
    path = FOLDER / name
    if path.suffix not in TYPES or path.parent != FOLDER or not path.is_file():
        raise NotFound("No such console asset")
    # Assets may be cached; pages are not (SecurityHeaders sets no-store, this overrides it).
    return Response(
        _read(name),
        media_type=TYPES[path.suffix],
        headers={"cache-control": "public, max-age=3600"},
    )
