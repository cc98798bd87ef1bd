"""End to end: a real station, two enrolled units, dispatch (API and EIDO), field work, sync,
supervisor review, revise and resubmit. The station ends up holding exactly the units' data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.app import open_app
from civilian_responder.sync import TokenStore

from tests.keyrings import FileKeyring
from tests.station_process import ROOT, StationProcess, child_env
from tests.sync_checks import (
    CLI_PASSPHRASE,
    assert_station_matches,
    enroll_officer,
    enrolled_app,
    sign_in_officer,
)
from tests.sync_work import finish_report, photo_bytes, work_call_to_clear

EIDO = Path(__file__).parent / "data" / "eido-2020.json"


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


def test_two_units_dispatch_work_review_revise(station, tmp_path):
    cso12 = enrolled_app(station, tmp_path / "cso12", "CSO-12")
    cso14 = enrolled_app(station, tmp_path / "cso14", "CSO-14")
    assert (cso12.unit_id, cso14.unit_id) == ("CSO-12", "CSO-14")

    # Dispatch: two calls for CSO-12 through the API, one for CSO-14 plus an EIDO incident.
    a = station.create_call("CSO-12", type_code="5150", priority=2, address="400 E 72nd St")
    b = station.create_call("CSO-12", type_code="647", priority=4, address="Library steps")
    c = station.create_call("CSO-14", type_code="WELCK", address="1200 S Union Ave")
    eido = station.import_eido(EIDO.read_bytes(), "CSO-14")
    for app in (cso12, cso14):
        app.sync.sync()
    assert {s.id for s in cso12.calls.board()} == {a["id"], b["id"]}
    assert {s.id for s in cso14.calls.board()} == {c["id"], eido["id"]}
    assert cso14.calls.get(eido["id"]).cad_number == eido["cad_number"]

    # An update reaches the unit at its next sync; the unit keeps its own status.
    cso12.calls.change_status(a["id"], "ACKNOWLEDGED")
    station.update_call(a["id"], priority=1, add_note="Family on scene, use side door")
    cso12.sync.sync()
    updated = cso12.calls.get(a["id"])
    assert (updated.priority, updated.status) == (1, "ACKNOWLEDGED")
    notes = [e.note for e in cso12.calls.timeline(a["id"]) if e.origin == "station"]
    assert any("side door" in n for n in notes)

    # A checklist the supervisor publishes reaches every unit, one file per version, and the
    # unit's checklist catalog offers it at once.
    definition = json.loads((ROOT / "resources" / "checklists" / "safety-screen.json").read_text())
    definition = definition | {"id": "agency-safety", "version": 2, "title": "Agency safety"}
    station.api("POST", "/checklists", "supervisor", json=definition)
    for app in (cso12, cso14):
        app.sync.sync()
        saved = app.paths.checklists / "agency-safety.v2.json"
        assert json.loads(saved.read_text()) == definition
        assert app.checklists.catalog.get("agency-safety", 2) is not None

    # Field work on both units, offline; then sync.
    for status in ("EN_ROUTE", "ON_SCENE", "CLEARED"):
        cso12.calls.change_status(a["id"], status)
    ra = finish_report(cso12, a["id"], photo=photo_bytes(120_000))
    work_call_to_clear(cso12, b["id"])
    cso12.calls.request_backup(b["id"], cso12.reference.backup_reasons.codes()[0])
    rb = finish_report(cso12, b["id"])
    onview = cso12.calls.create_self_initiated("ENCAMP", "Creek trail underpass")
    work_call_to_clear(cso14, c["id"])
    rc = finish_report(cso14, c["id"], photo=photo_bytes(80_000))
    work_call_to_clear(cso14, eido["id"])
    re_ = finish_report(cso14, eido["id"])
    assert "report" in cso12.sync.status().waiting_text
    for app in (cso12, cso14):
        app.sync.sync()
    assert cso12.calls.get(onview.id).cad_number

    # Review on the station: approve two, return two with comments.
    station.review(ra.id, "approve")
    station.review(rb.id, "return", "Say why backup was needed")
    station.review(rc.id, "return", "Add the referral")
    station.review(re_.id, "approve")
    for app in (cso12, cso14):
        app.sync.sync()
    assert cso12.reports.get(ra.id).state == "approved"
    returned = cso12.reports.get(rb.id)
    assert (returned.state, returned.review_comment) == ("returned", "Say why backup was needed")
    assert cso14.reports.get(rc.id).review_comment == "Add the referral"

    # Revise (the unit owns the returned reports again), resubmit, sync, approve, sync.
    cso12.reports.save_fields(rb.id, {"narrative": "Subject had a knife; backup for safety."})
    cso12.reports.finalize(rb.id)
    referral = cso14.reference.referral_destinations.codes()[0]
    cso14.reports.save_fields(rc.id, {"outcome_codes": ["REFERRED"], "referrals": [referral]})
    cso14.reports.finalize(rc.id)
    for app in (cso12, cso14):
        app.sync.sync()
    assert_station_matches(cso12, station, "CSO-12")
    assert_station_matches(cso14, station, "CSO-14")
    station.review(rb.id, "approve")
    station.review(rc.id, "approve")
    for app in (cso12, cso14):
        app.sync.sync()
        assert {r.state for r in app.reports.all()} == {"approved"}
        assert app.sync.status().waiting_text == "Nothing waiting"
    assert_station_matches(cso12, station, "CSO-12")
    assert_station_matches(cso14, station, "CSO-14")
    # Each unit only ever saw its own calls.
    assert c["id"] not in {s.id for s in cso12.calls.board()}
    assert a["id"] not in {s.id for s in cso14.calls.board()}
    cso12.close()
    cso14.close()


def _responder(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "civilian_responder", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_command_line_enroll_and_sync_for_a_docking_script(station, tmp_path):
    env = child_env(PYTHON_KEYRING_BACKEND="tests.keyrings.FileKeyring",
                    RESPONDER_TEST_KEYRING=str(tmp_path / "keyring.json"),
                    RESPONDER_PASSPHRASE=CLI_PASSPHRASE)
    profile = str(tmp_path / "cso40")
    enroll_officer(Path(profile))
    done = _responder("enroll", "--station", station.url, "--code",
                      station.enroll_code("CSO-40"), "--profile", profile, env=env)
    assert done.returncode == 0, done.stderr
    assert "Enrolled as unit CSO-40" in done.stdout
    token = next(iter(json.loads((tmp_path / "keyring.json").read_text()).values()))
    for path in Path(profile).rglob("*"):  # the token is in the keyring only, never the profile
        assert not path.is_file() or token.encode() not in path.read_bytes(), path
    call = station.create_call("CSO-40")
    done = _responder("sync", "--profile", profile, env=env)
    assert done.returncode == 0, done.stderr
    assert "Sync done" in done.stdout and "Nothing waiting" in done.stdout
    app = open_app(Path(profile), tokens=TokenStore(FileKeyring(tmp_path / "keyring.json")),
                   session=sign_in_officer(Path(profile)))
    assert app.calls.get(call["id"]).cad_number == call["cad_number"]
    assert "sync" in [e.action for e in app.audit.entries()]
    app.store.set_meta("sync.station_url", "http://127.0.0.1:9")
    app.close()
    done = _responder("sync", "--profile", profile, env=env)
    assert done.returncode == 3
    assert "Station unreachable (offline)" in done.stderr


def test_command_line_sync_without_enrollment_fails_with_sign_in(tmp_path):
    enroll_officer(tmp_path / "new")
    done = _responder("sync", "--profile", str(tmp_path / "new"),
                      env=child_env(RESPONDER_PASSPHRASE=CLI_PASSPHRASE))
    assert done.returncode == 4
    assert "not connected to a station" in done.stderr
