"""The error answers each operation documents in the OpenAPI schema (``responses=errors(...)``).

Every route lists exactly the statuses it can give; tests/station/test_station_openapi.py
probes each operation and fails on an answer the schema does not list.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    kind: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


DESCRIPTIONS = {
    400: "The request could not be read (e.g. a body FastAPI could not decode)",
    401: "No valid token (kind auth), or the device or token was revoked (kind revoked)",
    403: "The token may not use this endpoint, or the record is another unit's",
    404: "Unknown record",
    409: "Conflict with what the station holds (see the message)",
    413: "Request body, batch or attachment too large",
    422: "Invalid request: not acceptable JSON (malformed, nested deeper than 32 levels, a lone "
         "surrogate, NaN) or a field is wrong; the message names it",
    429: "Too many failed attempts; see Retry-After",
}
AUTH = (401, 403, 429)  # every endpoint behind a token
BODY = (413, 422)  # every endpoint that reads a body


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut, "description": DESCRIPTIONS[code]}
            for code in sorted(set(codes))}
