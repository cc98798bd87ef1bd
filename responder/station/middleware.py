"""ASGI wrappers around the whole app: request size limits and security headers.

They sit outside FastAPI so an oversized body is refused before any route or parser sees it,
and every response, including error pages and the docs page, gets the headers.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
# The Swagger UI page inlines its bootstrap script and loads its bundle from a CDN.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
            "https://fastapi.tiangolo.com; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'none'")
# The console's pages: only its own stylesheet, script and images; forms post only to itself.
CONSOLE_CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _too_large(limit: int) -> tuple[dict[str, Any], dict[str, Any]]:
    body = json.dumps({"error": {"kind": "too_large",
                                 "message": f"The request body is over {limit} bytes"}}).encode()
    start = {"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]}
    return start, {"type": "http.response.body", "body": body}


class BodyLimit:
    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and not declared.isdigit():
            start, body = _too_large(limit)
            await send(start)
            await send(body)
            return
        # An oversized declared length is refused when something first reads the body, not
        # here: routes authenticate before they read, so a request without a valid token gets
        # its 401 and its body is never read at all.
        state = {"seen": 0, "over": False, "started": False,
                 "declared_over": declared is not None and int(declared) > limit}

        async def limited_receive() -> Message:
            if state["declared_over"]:
                state["over"] = True
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                if not state["started"] and message["type"] == "http.response.start":
                    state["started"] = True
                    start, body = _too_large(limit)
                    await send(start)
                    await send(body)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            start, body = _too_large(limit)
            await send(start)
            await send(body)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, docs_paths: tuple[str, ...] = ("/docs",)) -> None:
        self.app = app
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        csp = (DOCS_CSP if path in self.docs_paths
               else CONSOLE_CSP if path.startswith("/console") else API_CSP)
        extra = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"content-security-policy", csp.encode()),
            (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store"),
        ]
        if scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                own = list(message.get("headers") or [])
                # A response that sets its own caching (console assets) keeps it.
                keep = [h for h in extra if not any(h[0] == k.lower() for k, _ in own)]
                message["headers"] = own + keep
            await send(message)

        await self.app(scope, receive, with_headers)
