"""What the embedded demo station costs a ``--demo --screenshot`` start (which waits for the
station and the first sync; an interactive window shows at once and connects behind it).

Baseline in the same run: the same start with the station turned off (RESPONDER_DEMO_STATION=off).
Cold: the station child starts, adopts the demo shift, enrolls the unit, first sync. Warm: another
app already runs the station (a lease held here), so the start reuses it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from civilian_responder.leases import LeaseDir

ROOT = Path(__file__).resolve().parents[2]
REPEATS = 3
ENV = {k: v for k, v in os.environ.items()
       if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("RESPONDER_DEMO")}
ENV.update(QT_QPA_PLATFORM="offscreen", RESPONDER_PASSPHRASE="demo-responder-2026",
           PYTHONPATH=str(ROOT))


def _start(profile: Path, out: Path, **extra: str) -> float:
    cmd = [sys.executable, "-m", "civilian_responder_ui", "--demo", "--profile", str(profile),
           "--screenshot", str(out)]
    began = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=dict(ENV, **extra), check=True, capture_output=True,
                   timeout=120)
    return time.perf_counter() - began


def _station_gone(profile: Path) -> None:
    leases = LeaseDir(profile / "station" / "leases")
    deadline = time.monotonic() + 10
    while (profile / "station" / "leases").exists() and leases.holders() \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # the lease watch polls every 0.5 s


def test_demo_station_start_cost(benchmark, tmp_path, capsys):
    profile, out = tmp_path / "demo", tmp_path / "shot.png"
    _start(profile, out)  # create the demo profile and the station database outside the timing
    _station_gone(profile)
    off = statistics.median(_start(profile, out, RESPONDER_DEMO_STATION="off")
                            for _ in range(REPEATS))
    cold_runs = []
    for _ in range(REPEATS):
        _station_gone(profile)
        cold_runs.append(_start(profile, out))
    leases = LeaseDir(profile / "station" / "leases")
    leases.take()  # "another app": the station stays up between the warm starts
    try:
        _start(profile, out)
        warm = benchmark.pedantic(_start, args=(profile, out), rounds=REPEATS, iterations=1)
        warm = statistics.median(benchmark.stats.stats.data)
    finally:
        leases.release()
    cold = statistics.median(cold_runs)
    benchmark.extra_info.update(off_s=off, cold_s=cold, warm_s=warm)
    with capsys.disabled():
        print(f"\n[demo-station-benchmark] --demo --screenshot: without station {off * 1000:.0f}"
              f" ms; station started {cold * 1000:.0f} ms ({cold / off:.2f}x); station reused "
              f"{warm * 1000:.0f} ms ({warm / off:.2f}x)")
    assert cold > 0 and warm < cold
