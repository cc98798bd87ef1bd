"""The station suite runs against SQLite and against the local PostgreSQL (``station``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.station_fixture import StationProcess, postgres_url


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def station(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[StationProcess]:
    workdir = tmp_path_factory.mktemp(f"station-{request.param}")
    if request.param == "sqlite":
        server = StationProcess(workdir).start()
        yield server
        server.close()
        return
    with postgres_url() as url:
        server = StationProcess(workdir, url).start()
        yield server
        server.close()


def unit_name() -> str:
    """A fresh unit per test, so tests sharing one station never see each other's calls."""
    return f"U-{uuid.uuid4().hex[:8].upper()}"


class Unit:
    """An enrolled device of a fresh unit, with helpers to build and send changes."""

    def __init__(self, station: StationProcess, unit_id: str | None = None) -> None:
        self.unit_id = unit_id or unit_name()
        self.device_id, self.token = station.enroll(self.unit_id)
        self.http: httpx.Client = station.client(self.token)

    def push(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.http.post("/api/v1/sync/push", json={"changes": list(changes)})
        assert r.status_code == 200, r.text
        return list(r.json()["results"])

    def pull_all(self, cursor: int = 0, limit: int = 200) -> tuple[list[dict[str, Any]], int]:
        out: list[dict[str, Any]] = []
        while True:
            r = self.http.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            body = r.json()
            out += body["changes"]
            cursor = body["cursor"]
            if not body["more"]:
                return out, cursor


def status_change(call_id: str, status: str = "ACKNOWLEDGED", note: str = "",
                  event_id: str | None = None, change_id: str | None = None) -> dict[str, Any]:
    event_id = event_id or str(uuid.uuid4())
    payload = {"id": event_id, "call_id": call_id, "kind": "status", "status": status,
               "at": "2026-11-21T12:00:00.000Z", "reason_code": None, "note": note,
               "actor": "cso", "origin": "unit"}
    return {"change_id": change_id or str(uuid.uuid4()), "kind": "status_event",
            "entity_id": event_id, "call_id": call_id, "created_at": payload["at"],
            "payload": payload}


def report_change(call_id: str, report_id: str | None = None, narrative: str = "Met the person",
                  version: int = 1, supersedes_id: str | None = None) -> dict[str, Any]:
    report_id = report_id or str(uuid.uuid4())
    payload = {"id": report_id, "call_id": call_id, "report_number": "R-2026-0001",
               "version": version, "state": "finalized", "created_at": "2026-11-21T12:00:00.000Z",
               "updated_at": "2026-11-21T12:30:00.000Z", "author": "cso",
               "supersedes_id": supersedes_id, "finalized_at": "2026-11-21T12:30:00.000Z",
               "persons": [], "flags": [], "disposition_code": "GOA",
               "outcome_codes": ["NO_CONTACT"],
               "narrative": narrative}
    return {"change_id": str(uuid.uuid4()), "kind": "report", "entity_id": report_id,
            "call_id": call_id, "created_at": payload["updated_at"], "payload": payload}


def self_call_change(unit_id: str, call_id: str | None = None) -> dict[str, Any]:
    call_id = call_id or str(uuid.uuid4())
    payload = {"id": call_id, "cad_number": None, "unit_id": unit_id, "type_code": "ONVIEW",
               "priority": 5, "status": "ON_SCENE", "address": "Library steps",
               "received_at": "2026-11-21T12:00:00.000Z", "updated_at": "2026-11-21T12:00:00.000Z",
               "narrative": "Came upon a man sleeping", "caution_notes": "", "self_initiated": True,
               "cancelled": False, "station_revision": 0}
    return {"change_id": str(uuid.uuid4()), "kind": "call", "entity_id": call_id,
            "call_id": call_id, "created_at": payload["received_at"], "payload": payload}


@pytest.fixture()
def dispatcher(station: StationProcess) -> httpx.Client:
    return station.client(station.admin_token("dispatcher"))


@pytest.fixture()
def supervisor(station: StationProcess) -> httpx.Client:
    return station.client(station.admin_token("supervisor"))


def dispatch_call(dispatcher: httpx.Client, unit_id: str, **extra: Any) -> dict[str, Any]:
    body = {"unit_id": unit_id, "type_code": "WELCK", "priority": 3, "address": "100 Main St"}
    body.update(extra)
    r = dispatcher.post("/api/v1/calls", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json()["call"])
