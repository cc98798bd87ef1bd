"""GET /api/v1/metrics on the real server (SQLite and PostgreSQL): admin tokens only, the
CAD received time flows into the response legs, bad input is a 422 naming what is wrong."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.station.conftest import Unit, dispatch_call, status_change

EIDO = Path(__file__).parent / "eido"


def test_metrics_endpoint_counts_a_units_call(station, dispatcher, supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id, priority=4,
                         received_at="2026-11-21T11:50:00-00:00")
    assert call["received_at"] == "2026-11-21T11:50:00.000Z"  # CAD's time, in our form
    on_scene = status_change(call["id"], "ON_SCENE")  # at 12:00
    results = unit.push(on_scene)
    assert results[0]["status"] == "applied"
    r = supervisor.get("/api/v1/metrics", params={"from": "2026-11-21", "to": "2026-11-21",
                                                  "unit": unit.unit_id})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["totals"]["calls"] == 1 and body["totals"]["reports"] == 0
    assert body["response_minutes"]["received_to_on_scene"] == {"n": 1, "p50": 10.0,
                                                               "p90": 10.0}
    assert body["data_quality"]["unfinished_after_clear"]["count"] == 0
    for key in ("disposition_by_priority", "outcomes", "backup", "hours_of_service"):
        assert key in body


def test_metrics_endpoint_refuses_devices_and_names_bad_input(station, supervisor):
    unit = Unit(station)
    assert unit.http.get("/api/v1/metrics", params={"from": "2026-01-01",
                                                    "to": "2026-01-02"}).status_code == 403
    anonymous = httpx.get(f"{station.base_url}/api/v1/metrics",
                          params={"from": "2026-01-01", "to": "2026-01-02"})
    assert anonymous.status_code == 401
    bad = supervisor.get("/api/v1/metrics", params={"from": "2026-1-32", "to": "2026-02-01"})
    assert bad.status_code == 422 and "'2026-1-32' is not a date" in bad.text
    unknown = supervisor.get("/api/v1/metrics", params={"from": "2026-01-01",
                                                        "to": "2026-02-01", "unit": "NO-SUCH"})
    assert unknown.status_code == 422 and "unknown unit NO-SUCH" in unknown.text
    empty = supervisor.get("/api/v1/metrics", params={"from": "1999-01-01", "to": "1999-01-31"})
    assert empty.status_code == 200 and empty.json()["empty"] is True


def test_eido_call_time_becomes_the_received_time(station, dispatcher):
    unit = Unit(station)
    body = (EIDO / "eido-2021-call-transfer.json").read_bytes()
    r = dispatcher.post("/api/v1/calls/eido", params={"unit": unit.unit_id}, content=body,
                        headers={"Content-Type": "application/json"})
    assert r.status_code in (200, 201), r.text
    # callStartTimestamp 2021-04-30T14:40:00.0-04:00
    assert r.json()["call"]["received_at"] == "2021-04-30T18:40:00.000Z"


def test_the_station_and_its_metrics_load_without_reportlab():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from tests.station_fixture import REPO  # noqa: PLC0415

    probe = ("import civilian_responder.station.app, civilian_responder.station.cli\n"
             "from civilian_responder.station.metrics import engine, export, render\n"
             "import civilian_responder.station.demo_data, sys\n"
             "print(' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                         text=True, timeout=60, check=True)
    assert not {m for m in out.stdout.split() if m.startswith("reportlab")}
