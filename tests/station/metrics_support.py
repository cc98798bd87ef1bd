"""Building stations for the metrics tests: in-process, on SQLite or the local PostgreSQL,
through the real dispatch and push paths."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from civilian_responder.clock import FixedClock, iso, parse_iso
from civilian_responder.station.service import Station, open_station
from civilian_responder.station.storage.calls import CallSpec

from tests.station_fixture import postgres_url


@contextlib.contextmanager
def station_on(backend: str, tmp_path: Path, clock: FixedClock | None = None
               ) -> Iterator[Station]:
    clock = clock or FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    if backend == "sqlite":
        station = open_station(str(tmp_path / "station.db"), clock=clock)
        yield station
        station.close()
        return
    with postgres_url() as url:
        station = open_station(url, clock=clock)
        try:
            yield station
        finally:
            station.close()


class FieldUnit:
    """An enrolled device that pushes status events and reports like a real unit."""

    def __init__(self, station: Station, unit_id: str) -> None:
        self.station = station
        self.unit_id = unit_id
        code, _ = station.devices.make_code(unit_id)
        self.device = station.devices.get(station.devices.enroll(code, "test").device_id)

    def push(self, *changes: dict[str, Any]) -> None:
        results = self.station.pusher.push(self.device, list(changes))
        assert all(r["status"] == "applied" for r in results), results

    def status(self, call_id: str, status: str, at: str) -> dict[str, Any]:
        event_id = str(uuid.uuid4())
        p = {"id": event_id, "call_id": call_id, "kind": "status", "status": status, "at": at,
             "reason_code": None, "note": "", "actor": "t", "origin": "unit"}
        return {"change_id": str(uuid.uuid4()), "kind": "status_event", "entity_id": event_id,
                "call_id": call_id, "created_at": at, "payload": p}

    def report(self, call_id: str, number: str, version: int = 1,
               supersedes_id: str | None = None, **fields: Any) -> dict[str, Any]:
        rid = str(uuid.uuid4())
        p = {"id": rid, "call_id": call_id, "report_number": number, "version": version,
             "state": "finalized", "supersedes_id": supersedes_id, "narrative": "n",
             "finalized_at": "2026-03-10T00:00:00.000Z", "persons": [], **fields}
        return {"change_id": str(uuid.uuid4()), "kind": "report", "entity_id": rid,
                "call_id": call_id, "created_at": "2026-03-10T00:00:00.000Z", "payload": p}


def dispatch(station: Station, clock: FixedClock, unit: str, received: str, minutes: float,
             priority: int = 3, type_code: str = "WELCK") -> str:
    """A call CAD received at ``received``, dispatched ``minutes`` later (the station's time)."""
    clock._now = parse_iso(received)  # noqa: SLF001 (a test clock set by hand)
    clock.advance(minutes * 60)
    call = station.dispatch.create(CallSpec(unit_id=unit, type_code=type_code,
                                            priority=priority, address="1 Test St",
                                            received_at=received), "test")
    return str(call["id"])


def at(received: str, minutes: float) -> str:
    from datetime import timedelta  # noqa: PLC0415

    return iso(parse_iso(received) + timedelta(minutes=minutes))
