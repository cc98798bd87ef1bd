"""End to end on a real station: the roster goes out, a crew of two logs on, works a call in
tandem with police, clears it, reports and logs off; the station holds the shift, the
co-responder and a report that names the crew. And a station whose clock is 5 h off: the unit
notices at sync, warns, and stamps its timeline in the station's time."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from civilian_responder.clock import parse_iso

from tests.station_process import StationProcess
from tests.sync_checks import enrolled_app
from tests.sync_work import finish_report

ROSTER = (
    "person_id,name,roles\nCSO-0412,Alex Rivera,CSO\nCLN-0207,Hodan Ali,CLINICIAN;PEER\nBAD,,CSO\n"
)


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


def _rows(station, sql, *args):
    conn = sqlite3.connect(f"file:{station.db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_a_crew_of_two_works_a_call_in_tandem_with_police(station, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    with pytest.raises(RuntimeError, match="line 4"):  # the bad row is named; the rest kept
        station.cli("roster", "import", str(roster))
    app = enrolled_app(station, tmp_path / "cso12", "CSO-12")
    app.sync.sync()
    assert [p.person_id for p in app.shifts.roster()] == ["CSO-0412", "CLN-0207"]

    crew = [app.shifts.crew_member("CSO-0412"), app.shifts.crew_member("CLN-0207")]
    app.shifts.start(crew, "VAN-3", 48_210)
    call = station.create_call("CSO-12", type_code="5150", priority=2, address="400 E 72nd St")
    app.sync.sync()
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"):
        app.calls.change_status(call["id"], status)
    assert app.calls.unit_status() == "ON_SCENE"
    police = app.co_responders.add(call["id"], "POLICE", "2A31", "TEAM_REQUESTED", arrived=True)
    app.co_responders.departed(police.id)
    app.calls.change_status(call["id"], "CLEARED")
    report = finish_report(app, call["id"], narrative="Met him with police standing by.")
    assert report.crew == tuple(crew) and report.response_model_code == "CO_RESPONSE_POLICE"
    shift, totals = app.shifts.end(48_236)
    assert totals.calls == 1 and totals.miles == 26
    assert app.calls.unit_status() == "OFF_DUTY"
    app.sync.sync()
    assert [e for e in app.store.outbox.entries() if e.state != "acked"] == []

    held = dict(
        _rows(
            station,
            "SELECT kind, payload FROM records WHERE unit_id = 'CSO-12'"
            " AND kind IN ('shift', 'co_responder')",
        )
    )
    kept_shift, kept_co = json.loads(held["shift"]), json.loads(held["co_responder"])
    assert kept_shift["id"] == shift.id and kept_shift["end_mileage"] == 48_236
    assert [m["name"] for m in kept_shift["crew"]] == ["Alex Rivera", "Hodan Ali"]
    assert (kept_co["agency_code"], kept_co["unit_label"], kept_co["call_id"]) == (
        "POLICE",
        "2A31",
        call["id"],
    )
    assert kept_co["arrived_at"] and kept_co["departed_at"]
    ((payload,),) = _rows(station, "SELECT payload FROM reports WHERE id = ?", report.id)
    assert [m["role_code"] for m in json.loads(payload)["crew"]] == ["CSO", "CLINICIAN"]
    ((model,),) = _rows(
        station, "SELECT response_model_code FROM report_facts WHERE report_id = ?", report.id
    )
    assert model == "CO_RESPONSE_POLICE"
    statuses = [
        s
        for (s,) in _rows(
            station,
            "SELECT status FROM call_events WHERE call_id = ? AND kind = 'status' ORDER BY at",
            call["id"],
        )
    ]
    assert statuses == ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED"]
    app.close()


def test_a_station_5_hours_off_is_noticed_and_the_timeline_follows_it(tmp_path):
    skewed = StationProcess(tmp_path / "skewed")
    skewed.extra_args += ["--clock-offset", str(5 * 3600)]
    skewed.start()
    try:
        app = enrolled_app(skewed, tmp_path / "unit", "CSO-21")
        assert not app.clock_check.off
        call = skewed.create_call("CSO-21")
        app.sync.sync()
        check = app.clock_check
        assert check.off and abs(check.measured_seconds - 5 * 3600) < 60
        assert "behind the station" in check.text
        app.calls.change_status(call["id"], "ACKNOWLEDGED")
        timeline = app.calls.timeline(call["id"])
        dispatched = next(e for e in timeline if e.status == "DISPATCHED")
        acked = timeline[-1]
        assert acked.status == "ACKNOWLEDGED" and acked.at >= dispatched.at
        assert parse_iso(acked.at) - parse_iso(dispatched.at) < timedelta(minutes=2)
        app.sync.sync()
        assert [e for e in app.store.outbox.entries() if e.state != "acked"] == []
        app.close()
    finally:
        skewed.close()
