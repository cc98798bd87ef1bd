"""The station's bad days, randomized, on SQLite and PostgreSQL: restores from a backup taken at
a random point of a shift, wrong answers (trimmed or garbled pages, cursors that run ahead, a
station trickling bytes), and two laptops of one unit interleaving. After each trial every
device docks cleanly and the station must hold exactly the union of the units' data: nothing
lost, nothing twice, every CAD number once, every call as far along as its furthest device.

The seed is printed (RESPONDER_FAULT_SEED=<seed> replays it). RESPONDER_BAD_DAYS_TRIALS=<n>
runs more trials of each family (default 2 restores, 4 wrong-answer rounds, 4 interleavings).
"""

from __future__ import annotations

import dataclasses
import os
import random

import pytest
from civilian_responder.app import open_app
from civilian_responder.errors import SyncError
from civilian_responder.sync import SyncSettings, TokenStore

from tests.e2e.fault_proxy import ANSWER_FAULTS, FaultProxy, random_policy
from tests.keyrings import MemoryKeyring
from tests.station_fixture import postgres_url
from tests.station_process import StationProcess
from tests.sync_work import finish_report, photo_bytes

SEED = int(os.environ.get("RESPONDER_FAULT_SEED", random.randrange(1 << 30)))
TRIALS = os.environ.get("RESPONDER_BAD_DAYS_TRIALS")
RESTORES = int(TRIALS or 2)
ANSWERS = int(TRIALS or 4)
INTERLEAVINGS = int(TRIALS or 4)
CLEAN = SyncSettings(timeout=10.0, probe_timeout=1.0, push_batch=4, round_changes=8,
                     pull_limit=4, round_pull=8)
FAULTY = dataclasses.replace(CLEAN, timeout=1.0, round_deadline=1.5)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def station(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"bad-days-{request.param}")
    if request.param == "sqlite":
        station = StationProcess(workdir).start()
        yield station
        station.close()
        return
    with postgres_url() as url:
        station = StationProcess(workdir, url).start()
        yield station
        station.close()


class Device:
    """One laptop of a unit doing random field work."""

    def __init__(self, station, profile, unit, name, rng, url=None):
        self.station, self.unit, self.rng = station, unit, rng
        self.app = open_app(profile, tokens=TokenStore(MemoryKeyring()), sync_settings=CLEAN)
        self.app.sync.enroll(url or station.url, station.enroll_code(unit), device_name=name)

    def work(self, steps: int) -> None:
        for _ in range(steps):
            self._one_step()

    def _one_step(self) -> None:
        app, rng = self.app, self.rng
        returned = app.reports.all(["returned"])
        if returned and rng.random() < 0.6:
            app.reports.save_fields(returned[0].id, {"narrative": f"Revised {rng.random()}"})
            app.reports.finalize(returned[0].id)
            return
        open_calls = [s for s in app.calls.board()
                      if app.calls.next_statuses(app.calls.get(s.id))]
        if not open_calls or rng.random() < 0.2:
            if rng.random() < 0.5:
                self.station.create_call(self.unit, priority=rng.randint(1, 6))
            else:
                app.calls.create_self_initiated("WELCK", f"{rng.randint(1, 9999)} Dock St")
            return
        call = app.calls.get(rng.choice(open_calls).id)
        step = rng.choice(app.calls.next_statuses(call))
        if step not in ("ACKNOWLEDGED", "CLEARED") and app.calls.switch_options(call.id):
            app.calls.switch_to(call.id, "HOLD")  # one active call: the current one waits
        app.calls.change_status(call.id, step)
        if app.calls.get(call.id).status == "CLEARED" and not app.reports.for_call(call.id):
            photo = photo_bytes(rng.randint(3_000, 12_000)) if rng.random() < 0.3 else None
            finish_report(app, call.id, photo=photo)

    def sync(self, settings: SyncSettings = CLEAN, tolerate: bool = False) -> None:
        self.app.sync.settings = settings
        try:
            self.app.sync.sync()
        except SyncError:
            if not tolerate:
                raise
        finally:
            self.app.sync.settings = CLEAN


def _review_some(station, rng) -> None:
    waiting = station.query("SELECT id FROM reports WHERE state = 'submitted'")
    for (report_id,) in waiting:
        if rng.random() < 0.4:
            decision = rng.choice(["approve", "return"])
            station.review(report_id, decision, "Please add detail")


def _dock_all(devices, rng, rounds: int = 2) -> None:
    for _ in range(rounds):
        for device in rng.sample(devices, len(devices)):
            device.sync()


def _reapprove_flagged(station) -> int:
    """The restore procedure's last step: a supervisor approves again what units flagged."""
    flagged = {r[0] for r in station.query(
        "SELECT c.entity_id FROM conflicts c JOIN reports r ON r.id = c.entity_id"
        " WHERE c.kind = 'review_copy' AND r.state = 'submitted'")}
    for report_id in flagged:
        station.review(report_id, "approve")
    return len(flagged)


def assert_union(station, devices) -> None:
    """The station holds exactly what the units' devices hold, and the devices agree."""
    by_unit: dict[str, list[Device]] = {}
    for device in devices:
        by_unit.setdefault(device.unit, []).append(device)
    numbers = station.query("SELECT id, cad_number FROM calls")
    assert len({n for _, n in numbers}) == len(numbers), "a CAD number used twice"
    cad = dict(numbers)
    rank = {code: i for i, code in enumerate(devices[0].app.reference.unit_statuses.codes())}
    for unit, vans in by_unit.items():
        held = station.holdings(unit)
        for van in vans:
            pending = [e for e in van.app.store.outbox.entries() if e.state != "acked"]
            assert pending == [], f"{unit}: unanswered, refused or conflicting changes"
        events = [{e.id for s in v.app.calls.board() for e in v.app.calls.timeline(s.id)
                   if e.origin == "unit"} for v in vans]
        union = set().union(*events)
        assert all(e == union for e in events), (
            "devices of a unit see different events", [len(union - e) for e in events],
            [station.query("SELECT id, call_id, device_id, status FROM call_events WHERE id = ?",
                           i) for e in events for i in union - e][:3])
        assert held.unit_events == events[0] and held.event_rows == len(events[0])
        reports = {r.id: r for v in vans for r in v.app.reports.all() if r.state != "draft"}
        assert set(held.reports) == set(reports) and held.report_rows == len(reports)
        expected = {"finalized": "submitted"}
        for report_id, (state, _hash) in held.reports.items():
            local = reports[report_id].state
            assert state == expected.get(local, local), (report_id, state, local)
        numbers_used = [r.report_number for r in reports.values() if r.version == 1]
        assert len(numbers_used) == len(set(numbers_used)), "two reports with one number"
        photos = {a.id: a for v in vans for r in v.app.reports.all()
                  for a in v.app.attachments.for_report(r.id) if r.state != "draft"}
        assert held.attachments == set(photos)
        assert {a.sha256 for a in photos.values()} <= held.complete_uploads
        onview = {s.id for v in vans for s in v.app.calls.board()
                  if v.app.calls.get(s.id).self_initiated}
        assert held.self_initiated == onview
        statuses = dict(station.query("SELECT id, status FROM calls WHERE unit_id = ?", unit))
        for van in vans:
            for summary in van.app.calls.board():
                call = van.app.calls.get(summary.id)
                if call.id in statuses:
                    assert call.cad_number == cad[call.id], "one call, two numbers"
                    if call.unit_id == unit and not call.cancelled:
                        assert rank[statuses[call.id]] >= rank[call.status], "went back"
        for call_id, status in statuses.items():
            local = {v.app.calls.get(call_id).status for v in vans
                     if v.app.store.calls.get(call_id)}
            assert local == {status} or not local, (call_id, status, local)


def test_randomized_restores_from_a_backup_taken_mid_shift(station, tmp_path):
    """Each trial: a shift of work and docking with a backup taken at a random moment, then the
    station restored from it (with or without ``new-epoch``) and dispatch going on before the
    units dock again."""
    rng = random.Random(SEED)
    print(f"\nbad-days seed {SEED} (RESPONDER_FAULT_SEED to replay), {RESTORES} restores")
    devices = [Device(station, tmp_path / "a1", "BD-1", "a1", rng),
               Device(station, tmp_path / "a2", "BD-1", "a2", rng),
               Device(station, tmp_path / "b1", "BD-2", "b1", rng)]
    _dock_all(devices, rng)
    for trial in range(RESTORES):
        steps = rng.randint(4, 7)
        backup_at = rng.randrange(steps)
        backup = None
        for step in range(steps):
            if step == backup_at:
                backup = station.backup(f"trial{trial}")
            device = rng.choice(devices)
            device.work(rng.randint(1, 3))
            device.sync()
            _review_some(station, rng)
        for device in devices:
            if rng.random() < 0.5:
                device.sync()
        assert backup is not None
        station.restore(backup, new_epoch=rng.random() < 0.3)
        for _ in range(rng.randint(0, 2)):
            station.create_call(rng.choice(["BD-1", "BD-2"]))
        try:
            _dock_all(devices, rng)
            _reapprove_flagged(station)
            _dock_all(devices, rng, rounds=1)
            assert_union(station, devices)
        except AssertionError:
            print(f"restore trial {trial} failed (seed {SEED})")
            raise
    for device in devices:
        device.app.close()


def test_randomized_wrong_answers(station, tmp_path):
    """Trimmed, garbled and trickled pull answers, cursors that run ahead: refused, retried,
    and nothing the station sent is lost or stored past a gap."""
    rng = random.Random(SEED + 1)
    proxy = FaultProxy(station.port, trickle_gap=0.3)
    devices = [Device(station, tmp_path / "w1", "BD-3", "w1", rng, url=proxy.url)]
    seen: set[str] = set()
    for trial in range(ANSWERS):
        for _ in range(rng.randint(2, 5)):
            station.create_call("BD-3", priority=rng.randint(1, 6))
        devices[0].work(rng.randint(1, 3))
        proxy.policy = random_policy(rng, rng.choice([0.3, 0.6, 1.0]), ANSWER_FAULTS)
        for _ in range(rng.randint(1, 2)):
            devices[0].sync(FAULTY, tolerate=True)
        seen |= {fault for _, _, fault in proxy.log}
        proxy.log.clear()
        proxy.policy = lambda method, path: "pass"
        devices[0].sync()
        try:
            assert_union(station, devices)
            _assert_holds_the_units_calls(station, devices[0], "BD-3")
        except AssertionError:
            print(f"wrong-answer trial {trial} failed (seed {SEED})")
            raise
    proxy.stop()
    devices[0].app.close()
    assert seen - {"pass"}, "no wrong answer was injected"


def _assert_holds_the_units_calls(station, device, unit) -> None:
    calls = station.query("SELECT c.id, c.cad_number, c.station_revision FROM calls c"
                          " JOIN call_units u ON u.call_id = c.id WHERE u.unit_id = ?", unit)
    for call_id, number, revision in calls:
        local = device.app.store.calls.get(call_id)
        assert local is not None, "a dispatched call never arrived"
        assert (local.cad_number, local.station_revision) == (number, revision)


def test_randomized_two_laptops_interleaving(station, tmp_path):
    """Two laptops of one van work and dock in random order, some syncs cut short by a faulty
    network: status is merged forward, each sees the other's events, numbers never collide."""
    rng = random.Random(SEED + 2)
    proxy = FaultProxy(station.port, delay=1.2)
    devices = [Device(station, tmp_path / "i1", "BD-4", "i1", rng, url=proxy.url),
               Device(station, tmp_path / "i2", "BD-4", "i2", rng, url=proxy.url)]
    _dock_all(devices, rng)
    for trial in range(INTERLEAVINGS):
        for _ in range(rng.randint(3, 6)):
            device = rng.choice(devices)
            device.work(rng.randint(1, 2))
            if rng.random() < 0.6:
                proxy.policy = random_policy(rng, rng.choice([0.0, 0.2, 0.5]))
                device.sync(FAULTY, tolerate=True)
                proxy.policy = lambda method, path: "pass"
        _review_some(station, rng)
        _dock_all(devices, rng)
        try:
            assert_union(station, devices)
        except AssertionError:
            print(f"interleaving trial {trial} failed (seed {SEED})")
            raise
    assert station.query("SELECT COUNT(*) FROM conflicts c JOIN devices d ON d.id = c.device_id"
                         " WHERE d.unit_id = 'BD-4'") == [(0,)]
    proxy.stop()
    for device in devices:
        device.app.close()

