"""The station's bad days, one case at a time, against the real station: restored from an older
backup (without anyone running ``new-epoch``), wrong pull answers, and two laptops on one unit.
The randomized trials are in tests/e2e/test_sync_bad_days.py."""

from __future__ import annotations

import dataclasses
import resource
import shutil
import subprocess
import sys
import time

import pytest
from civilian_responder.app import open_app
from civilian_responder.errors import SyncError, SyncErrorKind
from civilian_responder.sync import TokenStore

from tests.e2e.fault_proxy import FaultProxy
from tests.keyrings import MemoryKeyring
from tests.station_process import ROOT, StationProcess, child_env
from tests.sync_checks import FAST, assert_station_matches, enrolled_app
from tests.sync_work import finish_report, work_call_to_clear


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    # One station for the module: each test has units of its own, and a restore only rewinds
    # what happened since that test's own backup.
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


def _conflicts(station, unit):
    return station.query("SELECT COUNT(*) FROM conflicts c JOIN devices d ON d.id = c.device_id"
                         " WHERE d.unit_id = ?", unit)[0][0]


def _cad_numbers(station):
    return {cid: cad for cid, cad in station.query("SELECT id, cad_number FROM calls")}


def test_a_station_restored_without_new_epoch_is_noticed_and_gets_everything_back(
        station, tmp_path):
    app = enrolled_app(station, tmp_path / "u", "RST-1")
    early = station.create_call("RST-1", priority=4)
    app.sync.sync()
    backup = station.backup("nightly")
    # After the backup: a dispatched call worked to the end, a report approved, an on-view
    # call numbered, and a call cancelled and re-prioritised by dispatch.
    late = station.create_call("RST-1")
    doomed = station.create_call("RST-1", priority=5)
    app.sync.sync()
    work_call_to_clear(app, late["id"])
    report = finish_report(app, late["id"])
    onview = app.calls.create_self_initiated("WELCK", "12 Dock St")
    app.sync.sync()
    station.review(report.id, "approve")
    station.update_call(doomed["id"], priority=2)
    station.update_call(doomed["id"], cancel=True, cancel_reason="caller called back")
    app.sync.sync()
    numbers = {c: app.calls.get(c).cad_number for c in (late["id"], onview.id, doomed["id"])}
    assert all(numbers.values())

    station.restore(backup)  # no new-epoch: nobody remembered
    reused = station.create_call("RST-1")  # dispatch goes on before the unit docks
    summary = app.sync.sync()
    app.sync.sync()

    assert summary.incoming.recovered > 0
    held = _cad_numbers(station)
    for call_id, number in numbers.items():
        assert held[call_id] == number, "a call re-created under another number"
    assert len(set(held.values())) == len(held), "a CAD number used twice"
    assert app.calls.get(reused["id"]).cad_number == held[reused["id"]]
    assert held[reused["id"]] not in numbers.values()
    # Nothing on the unit went back to the backup's copy...
    got = app.calls.get(doomed["id"])
    assert got.cancelled and got.priority == 2
    assert app.calls.get(early["id"]).status == "DISPATCHED"
    assert app.reports.get(report.id).state == "approved"
    # ...and the station took the unit's newer copy back.
    (cancelled, priority), = station.query("SELECT cancelled, priority FROM calls WHERE id = ?",
                                           doomed["id"])
    assert bool(cancelled) and priority == 2
    # The approval the restore lost is flagged for the supervisor, never silently dropped.
    flagged = station.query("SELECT entity_id, reason FROM conflicts WHERE kind = 'review_copy'")
    assert [f[0] for f in flagged] == [report.id] and "approval" in flagged[0][1]
    assert station.holdings("RST-1").reports[report.id][0] == "submitted"
    station.review(report.id, "approve")
    app.sync.sync()
    assert_station_matches(app, station, "RST-1")
    app.close()


def test_new_epoch_still_works_and_quarantined_calls_are_retried(station, tmp_path):
    app = enrolled_app(station, tmp_path / "u", "RST-2")
    backup = station.backup("before")
    call = station.create_call("RST-2")
    app.sync.sync()
    work_call_to_clear(app, call["id"])
    finish_report(app, call["id"])
    app.sync.sync()
    station.restore(backup, new_epoch=True)
    app.sync.sync()
    assert_station_matches(app, station, "RST-2")
    assert _cad_numbers(station)[call["id"]] == app.calls.get(call["id"]).cad_number
    app.close()


def test_wrong_pull_answers_are_refused_and_nothing_is_lost(station, tmp_path):
    proxy = FaultProxy(station.port)
    settings = dataclasses.replace(FAST, pull_limit=3)
    app = enrolled_app(station, tmp_path / "u", "RST-3", settings, url=proxy.url)
    sent = [station.create_call("RST-3", priority=p) for p in (1, 2, 3, 4, 5, 6, 3)]
    for fault in ("trim_page", "cursor_ahead", "garble_change"):
        proxy.policy = lambda method, path, f=fault: f if "/sync/pull" in path else "pass"
        with pytest.raises(SyncError) as info:
            app.sync.sync()
        assert info.value.kind is SyncErrorKind.PROTOCOL, fault
    proxy.policy = lambda method, path: "pass"
    app.sync.sync()
    for call in sent:
        assert app.calls.get(call["id"]).cad_number == call["cad_number"]
    proxy.stop()
    app.close()


def test_a_trickling_station_cannot_hold_a_sync_past_its_deadline(station, tmp_path):
    proxy = FaultProxy(station.port, trickle_gap=0.2)
    settings = dataclasses.replace(FAST, timeout=2.0, round_deadline=2.0)
    app = enrolled_app(station, tmp_path / "u", "RST-4", settings)
    app.sync.settings = settings
    app.store.set_meta("sync.station_url", proxy.url)
    for _ in range(5):
        station.create_call("RST-4")
    proxy.policy = lambda method, path: "trickle" if "/sync/pull" in path else "pass"
    started = time.monotonic()
    with pytest.raises(SyncError) as info:
        app.sync.sync()
    assert info.value.kind is SyncErrorKind.OFFLINE
    assert time.monotonic() - started < 6
    proxy.policy = lambda method, path: "pass"
    app.sync.sync()
    assert len(app.calls.board()) == 5
    proxy.stop()
    app.close()


def test_two_laptops_of_one_unit_merge_status_and_number_reports_apart(station, tmp_path):
    van_a = enrolled_app(station, tmp_path / "a", "RST-5")
    van_b = enrolled_app(station, tmp_path / "b", "RST-5")
    call = station.create_call("RST-5")
    other = station.create_call("RST-5")
    van_a.sync.sync()
    van_b.sync.sync()
    work_call_to_clear(van_a, call["id"])
    van_b.calls.change_status(call["id"], "ACKNOWLEDGED")  # b lags behind, syncs later
    van_a.sync.sync()
    van_b.sync.sync()
    (status,), = station.query("SELECT status FROM calls WHERE id = ?", call["id"])
    assert status == "CLEARED", "the call went back because of sync order"
    van_a.sync.sync()
    for van in (van_a, van_b):
        assert van.calls.get(call["id"]).status == "CLEARED"
    seen_by_b = {e.id for e in van_b.calls.timeline(call["id"]) if e.origin == "unit"}
    seen_by_a = {e.id for e in van_a.calls.timeline(call["id"]) if e.origin == "unit"}
    assert seen_by_a == seen_by_b and len(seen_by_a) == 5  # 4 from a, 1 from b
    work_call_to_clear(van_b, other["id"])
    one = finish_report(van_a, call["id"])
    two = finish_report(van_b, other["id"])
    assert one.report_number != two.report_number
    van_a.sync.sync()
    van_b.sync.sync()
    held = station.holdings("RST-5")
    assert set(held.reports) == {one.id, two.id} and _conflicts(station, "RST-5") == 0
    for van in (van_a, van_b):
        van.close()


def test_a_cloned_profile_sends_duplicates_not_conflicts_and_a_real_conflict_shows(
        station, tmp_path):
    original = enrolled_app(station, tmp_path / "a", "RST-6")
    call = station.create_call("RST-6")
    original.sync.sync()
    work_call_to_clear(original, call["id"])
    draft = original.reports.start(call["id"])
    original.reports.save_fields(draft.id, {"narrative": "Started on the first laptop."})
    original.close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # IT images the second laptop
    original = open_app(tmp_path / "a", tokens=original.sync.tokens, sync_settings=FAST)
    clone = open_app(tmp_path / "b", tokens=TokenStore(MemoryKeyring()), sync_settings=FAST)
    clone.sync.enroll(station.url, station.enroll_code("RST-6"), device_name="clone")
    original.sync.sync()
    clone.sync.sync()
    assert clone.sync.problems() == [] and _conflicts(station, "RST-6") == 0
    # Both finish the cloned draft differently: that one is a real conflict, kept and shown.
    for app, words in ((original, "Finished on laptop A."), (clone, "Finished on laptop B.")):
        finish_report(app, call["id"], narrative=words)
    original.sync.sync()
    clone.sync.sync()
    problems = clone.sync.problems()
    assert [p.kind for p in problems] == ["report"] and "both" in problems[0].result_reason
    assert _conflicts(station, "RST-6") == 1
    for app in (original, clone):
        app.close()


# The docking-station script ----------------------------------------------------------------


def _cli_unit(station, tmp_path, unit, url):
    from tests.sync_checks import CLI_PASSPHRASE, enroll_officer

    keyring = tmp_path / "keyring.json"
    env = child_env(PYTHON_KEYRING_BACKEND="tests.keyrings.FileKeyring",
                    RESPONDER_TEST_KEYRING=str(keyring), RESPONDER_PASSPHRASE=CLI_PASSPHRASE)
    profile = tmp_path / unit
    enroll_officer(profile)
    done = _responder(env, "enroll", "--station", url, "--code", station.enroll_code(unit),
                      "--profile", str(profile))
    assert done.returncode == 0, done.stderr
    return profile, env


def _responder(env, *args, limit_bytes=None):
    def limit():
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "civilian_responder", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=limit)


def test_a_trickling_station_still_gives_the_docking_script_an_exit_code(station, tmp_path):
    proxy = FaultProxy(station.port, trickle_gap=0.5)
    profile, env = _cli_unit(station, tmp_path, "BD-5", proxy.url)
    station.create_call("BD-5")
    proxy.policy = lambda method, path: "trickle"
    started = time.monotonic()
    done = _responder(env, "sync", "--profile", str(profile), "--deadline", "3")
    assert done.returncode == 3, done.stderr
    assert time.monotonic() - started < 20
    proxy.policy = lambda method, path: "pass"
    assert _responder(env, "sync", "--profile", str(profile)).returncode == 0
    proxy.stop()


def test_a_full_disk_during_sync_has_its_own_exit_code(station, tmp_path):
    profile, env = _cli_unit(station, tmp_path, "BD-6", station.url)
    for _ in range(40):
        station.create_call("BD-6", narrative="Long history from the caller. " * 500)
    biggest = max(p.stat().st_size for p in profile.rglob("*") if p.is_file())
    done = _responder(env, "sync", "--profile", str(profile), limit_bytes=biggest + 100_000)
    assert done.returncode == 8, (done.returncode, done.stderr[-2000:])
    assert "disk is full" in done.stderr
    done = _responder(env, "sync", "--profile", str(profile))  # room again: all of it arrives
    assert done.returncode == 0, done.stderr
    held = station.query("SELECT COUNT(*) FROM calls WHERE unit_id = 'BD-6'")[0][0]
    assert held == 40
