"""Trading a one-time enrollment code for a device token (protocol v1 ``POST /enroll``)."""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass

from civilian_responder.errors import SyncError, SyncErrorKind, ValidationError, say
from civilian_responder.store import Store
from civilian_responder.sync.client import StationClient, check_station_url
from civilian_responder.sync.status import (
    META_CURSOR,
    META_CURSOR_CHECK,
    META_DEVICE,
    META_EPOCH,
    META_STATION,
    META_STUCK,
    META_URL,
    token_account,
)
from civilian_responder.sync.token_store import TokenStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnrollmentGrant:
    """What the station answered: network result, not yet stored (worker → owning thread)."""

    station_url: str
    device_id: str
    unit_id: str
    station_id: str
    token: str

    def __repr__(self) -> str:  # never print the token
        return f"EnrollmentGrant({self.station_url!r}, unit={self.unit_id!r})"


@dataclass(frozen=True)
class Enrollment:
    station_url: str
    unit_id: str
    device_id: str
    token_persistent: bool  # False: kept in memory for this session only; tell the user


def normalize_code(code: str) -> str:
    clean = "".join(code.split()).upper()
    if len(clean) < 4:
        raise ValidationError(say("Sync", "Enter the enrollment code from the station"),
                              {"code": "the code is missing or too short"})
    return clean


def request_enrollment(station_url: str, code: str, device_name: str | None = None,
                       timeout: float = 15.0) -> EnrollmentGrant:
    """Network only (safe on a worker): ask the station for a device token."""
    url = check_station_url(station_url)
    name = device_name or socket.gethostname() or "responder"
    with StationClient(url, timeout=timeout) as client:
        try:
            body = client.enroll(normalize_code(code), name)
        except SyncError as exc:
            if exc.kind is SyncErrorKind.AUTH or "(404)" in str(exc) or "(422)" in str(exc):
                raise SyncError(SyncErrorKind.AUTH,
                                say("Sync", "The station did not accept this code: it may be "
                                    "mistyped, already used or expired")) from exc
            raise
    return EnrollmentGrant(url, str(body["device_id"]), str(body["unit_id"]),
                           str(body.get("station_id") or ""), str(body["token"]))


def store_enrollment(store: Store, tokens: TokenStore, grant: EnrollmentGrant) -> Enrollment:
    """On the store's thread: remember the station and device; the token goes to the keyring
    (or memory only). The pull cursor starts over: re-pulling is harmless, skipping is not."""
    persistent = tokens.save(token_account(grant.device_id), grant.token)
    with store.atomic("saving the station connection"):
        store.set_meta(META_URL, grant.station_url)
        store.set_meta(META_DEVICE, grant.device_id)
        store.set_meta(META_STATION, grant.station_id)
        store.set_meta("unit_id", grant.unit_id)
        store.set_meta(META_CURSOR, "0")
        store.set_meta(META_CURSOR_CHECK, "")
        store.set_meta(META_STUCK, "")
        store.set_meta(META_EPOCH, "")  # learnt at the first sync
    log.info("Enrolled as unit %s (token %s)", grant.unit_id,
             "in the keyring" if persistent else "in memory only")
    return Enrollment(grant.station_url, grant.unit_id, grant.device_id, persistent)
