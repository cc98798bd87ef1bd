"""Health (open) and enrollment (open, but needs a one-time code; rate-limited)."""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.clock import iso
from civilian_responder.station.auth import client_ip, station_of, throttled_failure
from civilian_responder.station.errors import AuthFailed
from civilian_responder.station.routes.responses import errors
from civilian_responder.station.storage.devices import normalize_code
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1", tags=["enrollment"])
# Protocol v1.1 additions a unit may use when it sees them here (old units ignore the list).
FEATURES = ("photo_batch",)


class EnrollIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=64, description="One-time code, e.g. ABCD-EFGH-JKLM")
    device_name: str = Field(default="device", max_length=128)


class EnrollOut(BaseModel):
    device_id: str
    unit_id: str
    token: str
    station_id: str


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    station = station_of(request)
    return {"status": "ok", "station_id": station.station_id, "version": station.version,
            "epoch": station.epoch, "time": iso(station.clock.now()),
            "features": list(FEATURES)}


@router.post("/enroll", response_model=EnrollOut, responses=errors(400, 401, 413, 422, 429))
def enroll(body: EnrollIn, request: Request) -> EnrollOut:
    station = station_of(request)
    try:
        done = station.devices.enroll(body.code, body.device_name)
    except AuthFailed as exc:
        # A valid code always enrolls; failures are counted by address, by the code presented
        # and across all clients, and only further failures are answered 429.
        ip = client_ip(request)
        log.warning("failed enrollment attempt from %s", ip)
        limits = station.limits
        raise throttled_failure(request, exc, [
            (f"enroll:ip:{ip}", limits.enroll_per_ip),
            (f"enroll:code:{normalize_code(body.code)}", limits.enroll_per_ip),
            ("enroll:all", limits.enroll_global)]) from None
    log.info("enrolled device %s for unit %s", done.device_id, done.unit_id)
    return EnrollOut(device_id=done.device_id, unit_id=done.unit_id, token=done.token,
                     station_id=station.station_id)
