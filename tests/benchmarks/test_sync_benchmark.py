"""Sync over loopback to the real station, in two scenarios (issue 16):

- ``city``: 1,000 reports, each with one 200 KB photo (target ratio >= 0.3);
- ``shift``: a realistic shift, 40 reports, 400 status events, 80 photos of 3 MB (>= 0.5).

Prints: wall time, throughput, the ratio to sending the same bytes (photos and change
payloads) in one raw HTTP request to a bare uvicorn sink in the same run, and the largest
GUI-thread stall while the TaskRunner runs the sync (QTimer heartbeat; target <= 50 ms). Like
the app (ui/app.py), it freezes the start-up heap out of the garbage collector first;
RESPONDER_BENCH_NO_FREEZE=1 to see the stall without that (full collections holding the GIL:
~65-70 ms on this machine).
"""

from __future__ import annotations

import gc
import os
import sys
import time

import httpx
import pytest
from civilian_responder.clock import new_id
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.sync_panel import SyncPanel
from PySide6.QtCore import QElapsedTimer, QTimer

from tests.benchmarks.sink_process import running_sink
from tests.station_process import ROOT, StationProcess, child_env, free_port
from tests.sync_checks import assert_station_matches, enrolled_app

REPORTS = int(os.environ.get("RESPONDER_BENCH_REPORTS", "1000"))
PHOTO = 200 * 1024
HEARTBEAT_MS = 5


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


@pytest.fixture(scope="module")
def sink():
    port = free_port()
    with running_sink(
            [sys.executable, "-m", "uvicorn", "tests.benchmarks.sink_app:app", "--host",
             "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            port, wait_s=10, cwd=ROOT, env=child_env()) as url:
        yield url


SCENARIOS = {  # reports, photos per report, photo bytes, status events per call, target
    "city": (REPORTS, 1, PHOTO, 1, 0.3),
    "shift": (40, 2, 3 * 1024 * 1024, 10, 0.5),
}


def _field_work(app, reports: int, photos: int = 1, photo_size: int = PHOTO,
                events: int = 1) -> int:
    """Finished reports with their photos and status events, written in one transaction
    (setup only). Returns the bytes a sync must move (photos plus change payloads)."""
    total = 0
    backup = next(iter(app.reference.backup_reasons)).code
    with app.store.atomic("benchmark setup"):
        for n in range(reports):
            call = app.calls.create_self_initiated("WELCK", f"{n} Pacific Ave")
            steps = ["TRANSPORTING", "AT_DESTINATION", "CLEARED"] if events > 1 else ["CLEARED"]
            for _ in range(events - len(steps)):
                app.calls.request_backup(call.id, backup)
            for status in steps:
                app.calls.change_status(call.id, status)
            report = app.reports.start(call.id)
            app.reports.save_fields(report.id, {
                "disposition_code": "ARW", "outcome_codes": ["RESOLVED_ON_SCENE"],
                "persons": [{"id": new_id(), "role_code": "SUBJECT"}],
                "time_on_task_minutes": 15, "narrative": "Benchmark narrative. " * 20,
            })
            for p in range(photos):
                photo = b"\xff\xd8\xff\xe0" + os.urandom(photo_size - 4)
                app.attachments.attach_photo(report.id, f"p{n}-{p}.jpg", photo)
                total += photo_size
            app.reports.finalize(report.id)
    return total + sum(len(e.payload) for e in app.store.outbox.entries())


def _raw_baseline(sink: str, size: int) -> float:
    """The faster of one raw request with all the bytes and the same bytes as 8 MB requests
    on one connection (one huge body is slow in uvicorn's h11 reader: the baseline must not
    flatter the sync)."""
    body = os.urandom(size)
    started = time.perf_counter()
    answer = httpx.post(sink, content=body, timeout=600)
    single = time.perf_counter() - started
    assert int(answer.text) == size
    step = 8 * 1024 * 1024
    with httpx.Client(timeout=600) as http:
        started = time.perf_counter()
        sent = sum(int(http.post(sink, content=body[i:i + step]).text)
                   for i in range(0, size, step))
        pieces = time.perf_counter() - started
    assert sent == size
    return min(single, pieces)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_sync_at_wire_speed(benchmark, station, sink, tmp_path, qtbot, scenario):
    reports, photos, size, events, target = SCENARIOS[scenario]
    unit = f"CSO-{scenario.upper()}"
    app = enrolled_app(station, tmp_path / "bench", unit)
    photo_bytes = _field_work(app, reports, photos, size, events)
    baseline = _raw_baseline(sink, photo_bytes)

    tasks = TaskRunner()
    panel = SyncPanel(app.sync, tasks, probe_interval_ms=0)
    qtbot.addWidget(panel)
    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer(interval=HEARTBEAT_MS)

    def beat() -> None:
        gaps.append(clock.restart())

    heartbeat.timeout.connect(beat)
    gui_steps: dict[str, float] = {}

    def note(name: str, started: float) -> None:
        took = (time.perf_counter() - started) * 1000
        gui_steps[name] = max(gui_steps.get(name, 0.0), took)

    for name in ("prepare", "status"):
        real = getattr(app.sync, name)

        def timed(*args, _real=real, _name=name):
            started = time.perf_counter()
            try:
                return _real(*args)
            finally:
                note(_name, started)

        setattr(app.sync, name, timed)
    def sliced(real, name):  # each slice (answers, pulled changes) is one GUI-thread step
        def timed_steps(result):
            steps = real(result)
            while True:
                started = time.perf_counter()
                try:
                    next(steps)
                except StopIteration as done:
                    note(name, started)
                    return done.value
                note(name, started)
                yield

        return timed_steps

    app.sync.answer_steps = sliced(app.sync.answer_steps, "answer slice")
    app.sync.pulled_steps = sliced(app.sync.pulled_steps, "pulled slice")

    def run_sync() -> None:
        if not os.environ.get("RESPONDER_BENCH_NO_FREEZE"):
            gc.collect()  # as ui/app.py does once the window is built
            gc.freeze()
        clock.start()
        heartbeat.start()
        with qtbot.waitSignal(panel.sync_finished, timeout=600_000):
            panel.sync_now()
        heartbeat.stop()

    # Reference: the same heartbeat with nothing running (what this loaded machine does alone).
    clock.start()
    heartbeat.start()
    qtbot.wait(2000)
    heartbeat.stop()
    idle_gaps = gaps[1:]
    gaps.clear()
    benchmark.pedantic(run_sync, rounds=1, iterations=1)
    wall = benchmark.stats.stats.max
    assert_station_matches(app, station, unit)
    stall = max(gaps[1:]) - HEARTBEAT_MS if len(gaps) > 1 else float("nan")
    ratio = baseline / wall
    print(f"\n[{scenario}] sync of {reports} reports, {reports * events} status events, "
          f"{reports * photos} photos of {size // 1024} KB ({photo_bytes / 1e6:.0f} MB): "
          f"{wall:.2f} s, {photo_bytes / wall / 1e6:.1f} MB/s")
    print(f"raw single HTTP request of the same bytes: {baseline:.2f} s "
          f"({photo_bytes / baseline / 1e6:.0f} MB/s); ratio raw/sync = {ratio:.2f} "
          f"(target >= {target})")
    print(f"largest GUI-thread stall during the sync: {stall:.0f} ms (target <= 50 ms; "
          f"{len(gaps)} heartbeats of {HEARTBEAT_MS} ms)")
    ordered = sorted(gaps[1:])
    p99 = ordered[int(len(ordered) * 0.99)] - HEARTBEAT_MS if ordered else float("nan")
    print(f"GUI heartbeat p99 gap {p99:.0f} ms; idle machine, no sync: largest stall "
          f"{max(idle_gaps, default=HEARTBEAT_MS) - HEARTBEAT_MS:.0f} ms")
    print("longest GUI-thread sync steps: " +
          ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(gui_steps.items())))
    benchmark.extra_info.update(ratio=ratio, stall_ms=stall, baseline_s=baseline)
    tasks.wait_for_done(5000)
    app.close()
    # The throughput ratio is printed, not asserted (see the issue 16 report for the figures).
    assert stall <= 50
