"""The station console in-process for tests: a real station on a SQLite file, staff of every
role, FastAPI's TestClient signed in as one of them, and a unit that pushes over the real API."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from civilian_responder.station.app import create_app
from civilian_responder.station.service import Station, open_station
from fastapi.testclient import TestClient

from tests.station.conftest import report_change, status_change

PASSWORD = "a-long-test-password"
ROLES = ("supervisor", "clinical_supervisor", "dispatcher", "program_manager", "admin")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_station(tmp_path: Path, url: str | None = None) -> Station:
    station = open_station(url or str(tmp_path / "station.db"))
    for role in ROLES:
        station.staff.add(f"{role.replace('_', '-')}1", role, PASSWORD)
    return station


def browser(station: Station) -> TestClient:
    return TestClient(create_app(station), base_url="http://127.0.0.1")


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, role: str, password: str = PASSWORD) -> Any:
    page = client.get("/console/signin")
    return client.post(
        "/console/signin",
        data={
            "csrf": csrf_of(page.text),
            "name": f"{role.replace('_', '-')}1",
            "password": password,
            "next": "/console/",
        },
        follow_redirects=False,
    )


def signed_in(station: Station, role: str) -> TestClient:
    client = browser(station)
    answer = sign_in(client, role)
    assert answer.status_code == 303, answer.text
    return client


def post_form(
    client: TestClient, page: str, action: str, data: dict[str, Any], **kwargs: Any
) -> Any:
    """Submit a form the way a browser does: with the CSRF token of the page it is on."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={"csrf": token, **data}, follow_redirects=False, **kwargs)


class Unit:
    """A unit enrolled on the station, pushing through the real API (in process)."""

    def __init__(self, station: Station, client: TestClient, unit_id: str | None = None) -> None:
        self.unit_id = unit_id or f"U-{uuid.uuid4().hex[:6].upper()}"
        code, _ = station.devices.make_code(self.unit_id)
        self.token = station.devices.enroll(code, "test device").token
        self.client = client
        self.station = station

    def push(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.client.post(
            "/api/v1/sync/push",
            json={"changes": list(changes)},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        assert r.status_code == 200, r.text
        return list(r.json()["results"])

    def pull(self) -> list[dict[str, Any]]:
        r = self.client.get(
            "/api/v1/sync/pull",
            params={"cursor": 0, "limit": 500},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        assert r.status_code == 200, r.text
        return list(r.json()["changes"])

    def call(self, **extra: Any) -> dict[str, Any]:
        fields = {
            "unit_id": self.unit_id,
            "type_code": "WELCK",
            "priority": 3,
            "address": "100 Main St",
            **extra,
        }
        return dict(self.station.create_call(fields, "dispatch"))

    def report(self, narrative: str = "Met the person", **extra: Any) -> str:
        call = self.call()
        self.push(status_change(call["id"], "ACKNOWLEDGED"))
        change = report_change(call["id"], narrative=narrative)
        change["payload"].update(extra)
        self.push(change)
        return str(change["entity_id"])
