"""Sync of 1,000 reports, each with one 200 KB photo, over loopback to the real station.

Prints: wall time, throughput, the ratio to sending the same bytes in one raw HTTP request to a
bare uvicorn sink in the same run (target >= 0.5), and the largest GUI-thread stall while the
TaskRunner runs the sync (QTimer heartbeat; target <= 50 ms). Like the app (ui/app.py), it
freezes the start-up heap out of the garbage collector first; RESPONDER_BENCH_NO_FREEZE=1 to
see the stall without that (full collections holding the GIL: ~65-70 ms on this machine).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time

import httpx
import pytest
from civilian_responder.clock import new_id
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.sync_panel import SyncPanel
from PySide6.QtCore import QElapsedTimer, QTimer

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
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.benchmarks.sink_app:app", "--host",
         "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=child_env())
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            httpx.post(url, content=b"x", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


def _field_work(app, reports: int) -> int:
    """Finished reports with one photo each, written in one transaction (setup only)."""
    total = 0
    with app.store.atomic("benchmark setup"):
        for n in range(reports):
            call = app.calls.create_self_initiated("WELCK", f"{n} Pacific Ave")
            app.calls.change_status(call.id, "CLEARED")
            report = app.reports.start(call.id)
            app.reports.save_fields(report.id, {
                "disposition_code": "ARW", "outcome_codes": ["RESOLVED_ON_SCENE"],
                "persons": [{"id": new_id(), "role_code": "SUBJECT"}],
                "time_on_task_minutes": 15, "narrative": "Benchmark narrative. " * 20,
            })
            photo = b"\xff\xd8\xff\xe0" + os.urandom(PHOTO - 4)
            app.attachments.attach_photo(report.id, f"p{n}.jpg", photo)
            app.reports.finalize(report.id)
            total += PHOTO
    return total


def _raw_baseline(sink: str, size: int) -> float:
    body = os.urandom(size)
    started = time.perf_counter()
    answer = httpx.post(sink, content=body, timeout=600)
    elapsed = time.perf_counter() - started
    assert int(answer.text) == size
    return elapsed


def test_sync_1000_reports_with_photos(benchmark, station, sink, tmp_path, qtbot):
    app = enrolled_app(station, tmp_path / "bench", "CSO-90")
    photo_bytes = _field_work(app, REPORTS)
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
    for name in ("prepare", "apply", "status"):
        real = getattr(app.sync, name)

        def timed(*args, _real=real, _name=name):
            started = time.perf_counter()
            try:
                return _real(*args)
            finally:
                took = (time.perf_counter() - started) * 1000
                gui_steps[_name] = max(gui_steps.get(_name, 0.0), took)

        setattr(app.sync, name, timed)

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
    assert_station_matches(app, station, "CSO-90")
    stall = max(gaps[1:]) - HEARTBEAT_MS if len(gaps) > 1 else float("nan")
    ratio = baseline / wall
    print(f"\nsync of {REPORTS} reports + {REPORTS} photos of {PHOTO // 1024} KB "
          f"({photo_bytes / 1e6:.0f} MB): {wall:.2f} s, {photo_bytes / wall / 1e6:.1f} MB/s")
    print(f"raw single HTTP request of the same bytes: {baseline:.2f} s "
          f"({photo_bytes / baseline / 1e6:.0f} MB/s); ratio raw/sync = {ratio:.2f} "
          "(target >= 0.5)")
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
    # The throughput ratio is printed, not asserted: it misses its 0.5 target (the station's
    # per-change and per-photo durable commits dominate; see the closing note of issue 4).
    assert stall <= 50
