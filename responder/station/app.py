"""The ASGI app factory: ``create_app(station)`` wires routes, error shapes and protections."""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder import __version__
from civilian_responder.station import console
from civilian_responder.station.errors import StationError
from civilian_responder.station.middleware import BodyLimit, SecurityHeaders
from civilian_responder.station.routes import (
    attachments,
    cad,
    checklists,
    dispatch,
    enroll,
    metrics,
    review,
    sync,
)
from civilian_responder.station.routes.body import describe
from civilian_responder.station.routes.responses import DESCRIPTIONS, ErrorOut
from civilian_responder.station.service import Station
from civilian_responder.station.storage.uploads import MAX_BATCH, MAX_CHUNK
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)
HTTP_KINDS = {400: "invalid", 401: "auth", 403: "forbidden", 404: "not_found",
              405: "invalid", 409: "conflict", 413: "too_large", 415: "invalid",
              422: "invalid", 429: "rate_limited"}


def error_body(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message}}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StationError)
    async def _station_error(request: Request, exc: StationError) -> Response:
        if request.url.path.startswith("/console/"):
            return console.session.error_page(request, exc.status, exc.message)
        return JSONResponse(error_body(exc.kind, exc.message), exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body("invalid", "Invalid request: " + describe(exc.errors())),
                            422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = HTTP_KINDS.get(exc.status_code, "server" if exc.status_code >= 500 else "invalid")
        return JSONResponse(error_body(kind, str(exc.detail)), exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(DataError)
    async def _unstorable(_request: Request, _exc: DataError) -> JSONResponse:
        return JSONResponse(error_body("invalid", "A value in the request cannot be stored "
                                       "(control characters such as NUL are not allowed)"), 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the station log only; the client gets no internals.
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("server", "The station hit an internal error"), 500)


def body_limit_for(station: Station) -> Any:
    limits = station.limits

    def limit_for(method: str, path: str) -> int:
        if path == "/api/v1/sync/push":
            return limits.max_push_body
        if path == "/api/v1/attachments/batch" and method == "POST":
            return MAX_BATCH
        if path.startswith("/api/v1/attachments/") and method == "PATCH":
            return MAX_CHUNK
        return limits.max_body

    return limit_for


def create_fastapi(station: Station) -> FastAPI:
    app = FastAPI(
        title="Responder station",
        version=__version__,
        description="Sync, enrollment, dispatch intake and supervisor review for Responder units.",
        redoc_url=None,
        docs_url="/docs" if station.limits.docs else None,
    )
    app.state.station = station
    _install_error_handlers(app)
    for module in (enroll, sync, attachments, dispatch, cad, review, checklists, metrics):
        app.include_router(module.router)  # each route lists its own error answers
    console.install(app)
    _publish_our_error_shape(app)
    return app


def _publish_our_error_shape(app: FastAPI) -> None:
    """FastAPI documents its own 422 body (HTTPValidationError) on routes with parameters; the
    station answers every error as ErrorOut, so the schema says so."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            ours = {"model": ErrorOut, "description": DESCRIPTIONS[422]}
            our_schema = {"$ref": "#/components/schemas/ErrorOut"}
            for operations in schema.get("paths", {}).values():
                for op in operations.values():
                    answer = op.get("responses", {}).get("422")
                    if answer and "HTTPValidationError" in str(answer):
                        answer["description"] = ours["description"]
                        answer["content"] = {"application/json": {"schema": our_schema}}
            components = schema.get("components", {}).get("schemas", {})
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(station: Station) -> Any:
    """The full ASGI app: FastAPI inside the size limit and security-header wrappers."""
    app = create_fastapi(station)
    return SecurityHeaders(BodyLimit(app, body_limit_for(station)))
