"""Reading a request body only after authentication, never more than the route's limit."""

from __future__ import annotations

from typing import Any, TypeVar

from civilian_responder.station.bodies import MAX_DEPTH, parse_json
from civilian_responder.station.errors import Invalid, TooLarge
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect, Request

Model = TypeVar("Model", bound=BaseModel)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, read only now (after authentication), never more than ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isascii() or not declared.isdigit()
                                 or int(declared) > limit):
        raise TooLarge(f"The request body is over {limit} bytes")
    chunks: list[bytes] = []
    seen = 0
    try:
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limit:
                raise TooLarge(f"The request body is over {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        raise TooLarge(f"The request body is over {limit} bytes") from None
    return b"".join(chunks)


async def read_json(request: Request, what: str, limit: int,
                    max_depth: int = MAX_DEPTH) -> Any:
    return parse_json(await read_body(request, limit), what, max_depth)


async def read_model(request: Request, model: type[Model], what: str, limit: int) -> Model:
    """Read, check and validate a JSON body into ``model``, after authentication."""
    value = await read_json(request, what, limit)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise Invalid("Invalid request: " + describe(exc.errors())) from None


def describe(errors: Any) -> str:
    parts = []
    for err in list(errors)[:10]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def documented(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` describing a JSON body the route reads itself (after auth)."""
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": model.model_json_schema(
            ref_template="#/components/schemas/{model}")}}}}
