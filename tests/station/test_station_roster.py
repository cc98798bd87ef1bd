"""The agency roster: a CSV import that names each bad row and keeps the rest, the pull feed
that carries it to every unit, and shifts / co-responders kept as the unit sent them."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from tests.station.conftest import Unit, dispatch_call
from tests.station_fixture import REPO

ROSTER = (
    "person_id,name,roles,active\n"
    "{p}1,Ana Ruiz,CSO,yes\n"
    "{p}2,Ben Cho,CLINICIAN;PEER,\n"
    ",No Id,CSO,\n"
    "{p}3,Cat Diaz,PILOT,\n"
    "{p}1,Ana Again,CSO,\n"
    "{p}4,Dee Fox,EMT,maybe\n"
    "{p}5,Eli Gray,emt,no\n"
)


def _cli(station, *args):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "civilian_responder.station",
            *args,
            "--database",
            station.database_url,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _mine(changes, prefix):
    return {
        c["entity_id"]: c
        for c in changes
        if c["kind"] == "roster_person" and c["entity_id"].startswith(prefix)
    }


def test_roster_import_names_bad_rows_keeps_the_rest_and_reaches_every_unit(station, tmp_path):
    prefix = f"R{uuid.uuid4().hex[:6].upper()}-"
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER.format(p=prefix), encoding="utf-8")
    unit = Unit(station)
    _, cursor = unit.pull_all()
    done = _cli(station, "roster", "import", str(path))
    assert done.returncode == 1, done.stderr  # some rows were skipped
    problems = done.stderr.strip().splitlines()
    assert [p.split(":")[0] for p in problems] == [
        "skipped line 4",
        "skipped line 5",
        "skipped line 6",
        "skipped line 7",
    ]
    assert "unknown role PILOT" in problems[1] and "also on line 2" in problems[2]
    assert "active must be yes or no" in problems[3]
    assert "3 added" in done.stdout and "4 rows skipped" in done.stdout
    listed = _cli(station, "roster", "list", "--json")
    people = {
        p["person_id"]: p for p in json.loads(listed.stdout) if p["person_id"].startswith(prefix)
    }
    assert people[prefix + "1"]["name"] == "Ana Ruiz"  # the first of two rows is kept
    assert people[prefix + "2"]["role_codes"] == ["CLINICIAN", "PEER"]
    assert people[prefix + "5"]["active"] is False and people[prefix + "5"]["role_codes"] == ["EMT"]
    # Every unit gets each person through the pull feed, even a unit enrolled before.
    changes, cursor = unit.pull_all(cursor)
    sent = _mine(changes, prefix)
    assert set(sent) == {prefix + "1", prefix + "2", prefix + "5"}
    assert sent[prefix + "2"]["payload"]["role_codes"] == ["CLINICIAN", "PEER"]
    assert sent[prefix + "5"]["payload"]["active"] is False
    # The same file again changes nothing and sends nothing; an edit sends one change.
    again = _cli(station, "roster", "import", str(path))
    assert "0 added, 0 updated, 3 unchanged" in again.stdout
    path.write_text(f"person_id,name,roles\n{prefix}2,Ben Cho,CLINICIAN\n", encoding="utf-8")
    edited = _cli(station, "roster", "import", str(path))
    assert edited.returncode == 0 and "1 updated" in edited.stdout
    later, _ = unit.pull_all(cursor)
    assert list(_mine(later, prefix)) == [prefix + "2"]
    other = Unit(station)
    assert prefix + "1" in _mine(other.pull_all()[0], prefix)


def test_a_roster_file_without_the_needed_columns_is_refused(station, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,full_name\nP1,Ana\n", encoding="utf-8")
    done = _cli(station, "roster", "import", str(path))
    assert done.returncode != 0 and "person_id" in done.stderr


def test_shifts_and_co_responders_are_kept_as_the_unit_sent_them(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    shift_id, co_id = str(uuid.uuid4()), str(uuid.uuid4())
    shift = {
        "id": shift_id,
        "unit_id": unit.unit_id,
        "vehicle": "VAN-3",
        "start_mileage": 100,
        "started_at": "2026-11-21T08:00:00.000Z",
        "end_mileage": None,
        "ended_at": None,
        "correction_note": "",
        "officer": "cso",
        "crew": [
            {"person_id": "P1", "name": "Ana Ruiz", "role_code": "CSO", "on_roster": True},
            {"person_id": "adhoc-1", "name": "Guest", "role_code": "PEER", "on_roster": False},
        ],
    }
    co = {
        "id": co_id,
        "call_id": call["id"],
        "agency_code": "POLICE",
        "unit_label": "2A31",
        "requested_by_code": "TEAM_REQUESTED",
        "created_at": "2026-11-21T09:00:00.000Z",
        "arrived_at": "2026-11-21T09:05:00.000Z",
        "departed_at": None,
        "note": "",
    }
    results = unit.push(
        {
            "change_id": str(uuid.uuid4()),
            "kind": "shift",
            "entity_id": shift_id,
            "call_id": None,
            "created_at": shift["started_at"],
            "payload": shift,
        },
        {
            "change_id": str(uuid.uuid4()),
            "kind": "co_responder",
            "entity_id": co_id,
            "call_id": call["id"],
            "created_at": co["created_at"],
            "payload": co,
        },
        {
            "change_id": str(uuid.uuid4()),
            "kind": "shift",
            "entity_id": "not-the-id",
            "call_id": None,
            "created_at": shift["started_at"],
            "payload": shift,
        },
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    ended = dict(shift, end_mileage=160, ended_at="2026-11-21T16:00:00.000Z")
    assert (
        unit.push(
            {
                "change_id": str(uuid.uuid4()),
                "kind": "shift",
                "entity_id": shift_id,
                "call_id": None,
                "created_at": ended["ended_at"],
                "payload": ended,
            }
        )[0]["status"]
        == "applied"
    )
    other, eid = Unit(station), str(uuid.uuid4())
    stolen = other.push(
        {
            "change_id": str(uuid.uuid4()),
            "kind": "co_responder",
            "entity_id": eid,
            "call_id": call["id"],
            "created_at": co["created_at"],
            "payload": dict(co, id=eid),
        }
    )
    assert stolen[0]["status"] == "rejected" and stolen[0]["error_kind"] == "forbidden"
