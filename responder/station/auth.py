"""Who is calling: bearer tokens to devices or admins, rate limits on failures, client address.

Every endpoint except health and enroll depends on ``device`` or ``admin(role)``. A device may
use only device endpoints; an admin token only admin endpoints of its role.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Sequence
from typing import Annotated

from civilian_responder.station.errors import AuthFailed, Forbidden, RateLimited, Revoked
from civilian_responder.station.service import Station
from civilian_responder.station.storage.devices import Admin, Device
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="A device token or an admin token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def station_of(request: Request) -> Station:
    return request.app.state.station  # type: ignore[no-any-return]


def client_ip(request: Request) -> str:
    """The client's address: the peer, or, when the peer is a configured trusted proxy, the
    nearest untrusted address in its ``X-Forwarded-For`` (never a header from anyone else)."""
    peer = request.client.host if request.client else "unknown"
    trusted = station_of(request).limits.trusted_proxies
    if not trusted or not _within(peer, trusted):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")]
    for hop in reversed([h for h in hops if h]):
        try:
            address = ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a malformed chain: trust nothing in it
        if not _within(str(address), trusted):
            return str(address)
    return peer


def _within(address: str, networks: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def throttled_failure(request: Request, error: Exception,
                      limits: Sequence[tuple[str, int]]) -> Exception:
    """Count a failure by address and by what failed; the error to raise (429 once over)."""
    wait = station_of(request).throttle.fail(limits)
    if wait is not None:
        return RateLimited("Too many failed attempts; wait and try again", wait)
    return error


def identify(request: Request, creds: HTTPAuthorizationCredentials | None) -> Device | Admin:
    """The caller. A valid token is never throttled: failures are counted per client address
    and per presented token, and only failing requests are answered 429 once over the limit,
    so junk from one client (or many behind one proxy) never locks out good tokens."""
    station = station_of(request)
    limit = station.limits.auth_failures_per_ip
    try:
        if creds is None or not creds.credentials:
            raise AuthFailed("Sign in first: send 'Authorization: Bearer <token>'")
        return station.devices.identify(creds.credentials)
    except (AuthFailed, Revoked) as exc:
        ip = client_ip(request)
        keys = [(f"auth:ip:{ip}", limit)]
        if creds is not None and creds.credentials:
            keys.append((f"auth:token:{creds.credentials}", limit))  # hashed before storing
            log.warning("rejected a bad or revoked token from %s on %r", ip, request.url.path)
        raise throttled_failure(request, exc, keys) from None


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
