"""Who is calling: bearer tokens to devices or admins, rate limits on failures and enrollment.

Every endpoint except health and enroll depends on ``device`` or ``admin(role)``. A device may
use only device endpoints; an admin token only admin endpoints of its role.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated

from civilian_responder.station.errors import AuthFailed, Forbidden, RateLimited, Revoked
from civilian_responder.station.service import Station
from civilian_responder.station.storage.devices import Admin, Device
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="A device token or an admin token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


class RateLimiter:
    """Sliding-window counters per key, in memory (one station process)."""

    def __init__(self, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._window = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        return hits

    def check(self, key: str, limit: int) -> None:
        """Raise RateLimited when ``key`` already used up ``limit`` in the window."""
        now = self._clock()
        with self._lock:
            hits = self._trim(key, now)
            if len(hits) >= limit:
                retry = int(hits[0] + self._window - now) + 1
                raise RateLimited("Too many attempts; wait and try again", retry)

    def hit(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            self._trim(key, now).append(now)
            if len(self._hits) > 10_000:  # forget idle keys so memory stays bounded
                for k in [k for k, v in self._hits.items() if not v]:
                    del self._hits[k]


def station_of(request: Request) -> Station:
    return request.app.state.station  # type: ignore[no-any-return]


def limiter_of(request: Request) -> RateLimiter:
    return request.app.state.limiter  # type: ignore[no-any-return]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def identify(request: Request, creds: HTTPAuthorizationCredentials | None) -> Device | Admin:
    if creds is None or not creds.credentials:
        raise AuthFailed("Sign in first: send 'Authorization: Bearer <token>'")
    station = station_of(request)
    limiter = limiter_of(request)
    key = f"auth:{client_ip(request)}"
    limiter.check(key, station.limits.auth_failures_per_ip)
    try:
        return station.devices.identify(creds.credentials)
    except (AuthFailed, Revoked):
        limiter.hit(key)
        log.warning("rejected a bad or revoked token from %s on %r", client_ip(request),
                    request.url.path)
        raise


def device(request: Request,
           creds: Credentials) -> Device:
    who = identify(request, creds)
    if not isinstance(who, Device):
        raise Forbidden("This endpoint is for enrolled devices, not admin tokens")
    return who


def admin(*roles: str) -> Callable[..., Admin]:
    def dependency(request: Request,
                   creds: Credentials) -> Admin:
        who = identify(request, creds)
        if not isinstance(who, Admin):
            raise Forbidden("This endpoint needs an admin token; devices may not use it")
        if who.role not in roles:
            raise Forbidden(f"This endpoint needs the {' or '.join(roles)} role")
        return who

    return dependency


CurrentDevice = Annotated[Device, Depends(device)]
