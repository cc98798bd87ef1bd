"""The resource directory at the station: import naming bad rows, list, beds, and its sync to
every unit through the pull feed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from civilian_responder.clock import FixedClock
from civilian_responder.resource_files import resource_path
from civilian_responder.station.cli import main
from civilian_responder.station.demo_dispatcher import seed_directory
from civilian_responder.station.service import open_station

from tests.station.conftest import Unit

GOOD_CSV = """id,kind,name,phone,address,hours,eligibility,languages,beds_open,beds_as_of
harbor-light,SHELTER,Harbor Light Shelter,253-555-0101,2105 S Tacoma Way,17:00-21:00,\
Men 18+,English;Spanish,12,2026-12-01T18:00:00Z
,FOOD,Eastside Food Bank,253-555-0102,1300 E Harrison St,Tue 10-14,Anyone,English,,
988,CRISIS_988,988 Lifeline,988,,24/7,Anyone,English;Spanish,,
"""
BAD_ROWS = """id,kind,name,phone,address,hours,eligibility,languages,beds_open,beds_as_of
x1,SHELTR,Typo Shelter,253-555-0103,,,,,,
x2,FOOD,,253-555-0104,,,,,,
x3,FOOD,Bad Phone Pantry,call us maybe,,,,,,
x4,FOOD,Beds At A Pantry,253-555-0105,,,,,4,
x5,SHELTER,Minus Beds,253-555-0106,,,,,-2,
x6,SHELTER,When Shelter,253-555-0107,,,,,3,last tuesday
mercy,SHELTER,Mercy House,253-555-0108,615 E 72nd St,16-20,Women,English,9,
"""


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "station.db")


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_keeps_good_rows_and_names_each_bad_one(capsys, db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    code, out, err = run(capsys, "directory", "import", str(good), "--database", db)
    assert code == 0 and "3 added" in out and err == ""
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(BAD_ROWS)
    code, out, err = run(capsys, "directory", "import", str(mixed), "--database", db)
    assert code == 1 and "1 added" in out and "6 bad rows left out" in out
    lines = err.strip().splitlines()
    assert len(lines) == 6
    assert "row 1 (Typo Shelter): kind 'SHELTR' is not a resource kind" in lines[0]
    assert "row 2 (no name): name is required" in lines[1]
    assert "row 3 (Bad Phone Pantry): phone 'call us maybe'" in lines[2]
    assert "row 4 (Beds At A Pantry): beds_open is only for kinds with beds" in lines[3]
    assert "row 5 (Minus Beds): beds_open must be from 0 to 10000" in lines[4]
    assert "row 6 (When Shelter): beds_as_of 'last tuesday'" in lines[5]
    code, out, _ = run(capsys, "directory", "list", "--json", "--database", db)
    rows = {r["id"]: r for r in json.loads(out)}
    assert set(rows) == {"harbor-light", "food-eastside-food-bank", "988", "mercy"}
    assert rows["harbor-light"]["languages"] == ["English", "Spanish"]
    assert rows["harbor-light"]["beds_as_of"] == "2026-12-01T18:00:00.000Z"
    # Importing the same file again changes nothing.
    code, out, _ = run(capsys, "directory", "import", str(good), "--database", db)
    assert "0 added, 0 updated, 3 unchanged" in out


def test_json_import_set_beds_and_list(capsys, db, tmp_path):
    doc = tmp_path / "d.json"
    doc.write_text(
        json.dumps(
            {
                "resources": [
                    {
                        "id": "s1",
                        "kind": "shelter",
                        "name": "North Shelter",
                        "phone": "253-555-0110",
                        "languages": ["English", "Somali"],
                    },
                    {"id": "s1", "kind": "SHELTER", "name": "Repeated", "phone": "253-555-0111"},
                    "not an object",
                ]
            }
        )
    )
    code, out, err = run(capsys, "directory", "import", str(doc), "--database", db)
    assert code == 1 and "1 added" in out
    assert "row 2 (Repeated): id 's1' repeats row 1" in err and "row 3" in err
    code, out, _ = run(
        capsys,
        "directory",
        "set-beds",
        "s1",
        "7",
        "--as-of",
        "2026-12-02T08:00:00Z",
        "--database",
        db,
    )
    assert code == 0 and "7 beds open as of 2026-12-02T08:00:00.000Z" in out
    code, out, _ = run(capsys, "directory", "list", "--kind", "SHELTER", "--database", db)
    assert re.search(r"s1\s+SHELTER\s+North Shelter\s+253-555-0110\s+beds 7", out)
    code, _, err = run(capsys, "directory", "set-beds", "nope", "3", "--database", db)
    assert code == 2 and "No resource 'nope'" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    code, _, err = run(capsys, "directory", "import", str(broken), "--database", db)
    assert code == 2 and "is not a CSV or JSON directory file" in err


def test_demo_directory_is_generated_fiction_and_imports_whole(tmp_path):
    doc = json.loads(resource_path("directory", "demo-directory.json").read_text())
    phones = [r["phone"] for r in doc["resources"]]
    assert all(p == "988" or re.fullmatch(r"253-555-01\d\d", p) for p in phones)
    assert len(set(phones)) == len(phones)
    clock = FixedClock(datetime(2026, 12, 2, 20, 0, tzinfo=UTC))
    station = open_station(str(tmp_path / "s.db"), clock=clock)
    assert seed_directory(station) == len(doc["resources"])
    assert seed_directory(station) == 0  # only into an empty directory
    shelters = station.directory.list("SHELTER")
    assert shelters and {r["beds_as_of"] for r in shelters} == {"2026-12-02T18:00:00.000Z"}
    kinds = {r["kind"] for r in station.directory.list()}
    assert {
        "CRISIS_988",
        "COUNTY_CRISIS_LINE",
        "MOBILE_CRISIS",
        "SHELTER",
        "DETOX",
        "SOBERING_CENTER",
        "DV_HOTLINE",
        "FOOD",
        "CLINIC",
    } <= kinds
    station.close()


def test_directory_changes_reach_every_unit_through_the_feed(station):
    first, second = Unit(station), Unit(station)
    _, start = first.pull_all()
    rows = [
        {
            "id": "sync-shelter",
            "kind": "SHELTER",
            "name": "Sync Shelter",
            "phone": "253-555-0120",
            "beds_open": 5,
        }
    ]
    done, bad = station.station.import_directory(json.dumps(rows).encode(), "d.json")
    assert (done.added, bad) == (1, [])
    station.station.directory.set_beds("sync-shelter", 2, "2026-12-02T09:00:00.000Z")
    for unit in (first, second):
        got = [
            c
            for c in unit.pull_all(start)[0]
            if c["kind"] == "resource" and c["entity_id"] == "sync-shelter"
        ]
        assert [c["payload"]["beds_open"] for c in got] == [5, 2]
        assert got[-1]["payload"]["revision"] == 2
