"""Shift log-on and log-off: crew from the roster (or flagged), mileage, totals, recovery of a
shift left open, sync of shifts and the roster, and reports that carry the crew."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import FixedClock
from civilian_responder.errors import InvalidTransitionError, ValidationError
from civilian_responder.models import CrewMember
from civilian_responder.pdf.render import render
from civilian_responder.sync.incoming import store_changes

START = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def fresh(tmp_path, clock):
    app = open_app(tmp_path / "p", clock=clock)
    changes = [
        {
            "seq": n + 1,
            "kind": "roster_person",
            "entity_id": pid,
            "payload": {
                "person_id": pid,
                "name": name,
                "role_codes": roles,
                "active": True,
                "updated_at": "2026-11-20T10:00:00.000Z",
            },
        }
        for n, (pid, name, roles) in enumerate(
            [("P1", "Ana Ruiz", ["CSO"]), ("P2", "Ben Cho", ["CLINICIAN", "PEER"])]
        )
    ]
    with app.store.atomic("pull"):
        stored = store_changes(app.store, app.paths.checklists, changes, ("DISPATCHED",))
    assert stored.counts.roster == 2
    yield app
    app.close()


def test_the_roster_arrives_by_pull_and_crew_comes_from_it(fresh):
    assert [(p.person_id, p.role_codes) for p in fresh.shifts.roster()] == [
        ("P1", ("CSO",)),
        ("P2", ("CLINICIAN", "PEER")),
    ]
    assert fresh.shifts.crew_member("P2") == CrewMember("P2", "Ben Cho", "CLINICIAN", True)
    assert fresh.shifts.crew_member("P2=PEER").role_code == "PEER"
    guest = fresh.shifts.crew_member("Dee  Fox/emt")
    assert (guest.name, guest.role_code, guest.on_roster) == ("Dee Fox", "EMT", False)
    with pytest.raises(ValidationError, match="not on the roster"):
        fresh.shifts.crew_member("P9")


def test_a_shift_needs_crew_vehicle_and_mileage(fresh):
    with pytest.raises(ValidationError) as err:
        fresh.shifts.start([], " ", -4)
    assert set(err.value.field_errors) == {"crew", "vehicle", "mileage"}
    with pytest.raises(ValidationError, match="crew role"):
        fresh.shifts.start([CrewMember("x", "X", "PILOT")], "VAN-3", 10)
    ana = fresh.shifts.crew_member("P1")
    with pytest.raises(ValidationError, match="twice"):
        fresh.shifts.start([ana, ana], "VAN-3", 10)
    assert fresh.shifts.current() is None and fresh.store.outbox.pending() == []


def test_start_and_end_record_crew_mileage_and_totals_and_sync(fresh, clock):
    crew = [fresh.shifts.crew_member("P1"), fresh.shifts.crew_member("Dee Fox/EMT")]
    assert fresh.calls.unit_status() == "OFF_DUTY"
    shift = fresh.shifts.start(crew, "VAN-3", 48_210)
    assert fresh.calls.unit_status() == "AVAILABLE"
    with pytest.raises(InvalidTransitionError):
        fresh.shifts.start(crew, "VAN-3", 48_210)
    assert fresh.shifts.current().crew == tuple(crew)
    # One dispatched-like call worked for 40 minutes, then an hour more on shift.
    clock.advance(600)
    call = fresh.calls.create_self_initiated("WELCK", "100 Main St")
    assert fresh.calls.unit_status() == "ON_SCENE"
    clock.advance(40 * 60)
    fresh.calls.change_status(call.id, "CLEARED")
    assert fresh.calls.unit_status() == "AVAILABLE"
    clock.advance(3600 - 600)
    with pytest.raises(ValidationError, match="start mileage"):
        fresh.shifts.end(48_000)
    ended, totals = fresh.shifts.end(48_262)
    assert ended.ended_at and ended.end_mileage == 48_262
    assert (totals.hours, totals.calls, totals.time_on_task_minutes, totals.miles) == (
        pytest.approx(1.67, abs=0.01),
        1,
        40,
        52,
    )
    assert fresh.calls.unit_status() == "OFF_DUTY"
    sent = [json.loads(e.payload) for e in fresh.store.outbox.pending() if e.kind == "shift"]
    assert [s["ended_at"] is None for s in sent] == [True, False]
    assert sent[1]["crew"][1] == {
        "person_id": crew[1].person_id,
        "name": "Dee Fox",
        "role_code": "EMT",
        "on_roster": False,
    }
    states = [u.status for u in fresh.calls.unit_timeline()]
    assert states == ["AVAILABLE", "ON_SCENE", "AVAILABLE", "OFF_DUTY"]
    assert shift.id == ended.id


def test_a_shift_left_open_by_a_crash_is_recovered_and_closed_with_a_correction(tmp_path):
    clock = FixedClock(START)
    app = open_app(tmp_path / "p", clock=clock)
    app.shifts.start([CrewMember("adhoc-1", "Ana", "CSO", False)], "VAN-3", 100)
    app.store.db.close()  # a crash: no clean close
    clock.advance(3 * 3600)
    again = open_app(tmp_path / "p", clock=clock)
    assert again.shift_recovery is not None and again.shift_recovery.reason == "crash"
    assert "still open" in again.shift_recovery.text
    real_end = START + timedelta(hours=2)
    with pytest.raises(ValidationError) as err:
        again.shifts.end(150, real_end)
    assert "correction_note" in err.value.field_errors
    with pytest.raises(ValidationError):
        again.shifts.end(150, START - timedelta(minutes=1), "before it started")
    ended, totals = again.shifts.end(150, real_end, "app crashed; ended at 18:00")
    assert ended.ended_at == "2026-11-21T18:00:00.000Z" and totals.hours == 2.0
    assert ended.correction_note == "app crashed; ended at 18:00"
    again.close()
    assert open_app(tmp_path / "p", clock=clock).shift_recovery is None


def test_a_shift_left_open_across_midnight_is_recovered(tmp_path):
    clock = FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    app = open_app(tmp_path / "p", clock=clock)
    app.shifts.start([CrewMember("adhoc-1", "Ana", "CSO", False)], "VAN-3", 100)
    app.close()
    clock.advance(36 * 3600)
    again = open_app(tmp_path / "p", clock=clock)
    assert again.shift_recovery is not None and again.shift_recovery.reason == "midnight"
    again.close()


def test_reports_carry_the_crew_and_the_pdf_shows_it(fresh):
    pypdf = pytest.importorskip("pypdf")
    crew = [fresh.shifts.crew_member("P1"), fresh.shifts.crew_member("P2")]
    fresh.shifts.start(crew, "VAN-3", 10)
    call = fresh.calls.create_self_initiated("WELCK", "100 Main St")
    fresh.co_responders.add(call.id, "POLICE", "2A31", "TEAM_REQUESTED", arrived=True)
    report = fresh.reports.start(call.id)
    assert report.crew == tuple(crew)
    assert fresh.reports.get(report.id).crew == tuple(crew)  # stored, not only returned
    data = render(fresh.pdf.snapshot(report.id))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Crew" in text and "Ana Ruiz" in text and "Mental health clinician" in text
    assert "Other agencies on the call" in text and "2A31" in text
    assert "Our team asked for them" in text


def test_shift_commands_start_show_and_end_a_shift(tmp_path):
    """``responder shift start|show|end`` on an encrypted profile, as a docking script runs."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from tests.station_process import ROOT, child_env  # noqa: PLC0415
    from tests.sync_checks import CLI_PASSPHRASE, enroll_officer  # noqa: PLC0415

    profile = tmp_path / "cli"
    enroll_officer(profile)
    env = child_env(RESPONDER_PASSPHRASE=CLI_PASSPHRASE)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "civilian_responder", "shift", *args, "--profile", str(profile)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = run("start", "--crew", "P404", "--vehicle", "VAN-3", "--mileage", "10")
    assert refused.returncode == 2 and "not on the roster" in refused.stderr
    started = run(
        "start",
        "--crew",
        "Ana Ruiz/CSO",
        "--crew",
        "Ben Cho/clinician",
        "--vehicle",
        "VAN-3",
        "--mileage",
        "100",
        "--json",
    )
    assert started.returncode == 0, started.stderr
    crew = json.loads(started.stdout)["shift"]["crew"]
    assert [(m["name"], m["role_code"], m["on_roster"]) for m in crew] == [
        ("Ana Ruiz", "CSO", False),
        ("Ben Cho", "CLINICIAN", False),
    ]
    shown = run("show")
    assert shown.returncode == 0 and "VAN-3" in shown.stdout
    assert "Ben Cho (Mental health clinician)  [not on roster]" in shown.stdout
    assert "unit: Available" in shown.stdout
    ended = run("end", "--mileage", "90")
    assert ended.returncode == 2 and "start mileage" in ended.stderr
    ended = run("end", "--mileage", "130", "--json")
    assert ended.returncode == 0, ended.stderr
    assert json.loads(ended.stdout)["totals"]["miles"] == 30
    assert "open" not in run("show").stdout.splitlines()[0]
