"""A city on one station: 200 simulated units each push a shift (status events, a report, a
photo, audit events, one repeated push) and pull, while a dispatcher adds their calls and a
supervisor reviews, against ``responder-station serve --workers 2`` on PostgreSQL. Loopback
only and bounded (a fixed amount of work). Afterwards the station must hold exactly what the
units sent.

Prints throughput (requests/s, changes/s) and p50/p99 latency per request type, and the ratio
to the same number of requests, with the same concurrency, to a bare uvicorn sink.

Run: python -m pytest tests/benchmarks/test_station_load_benchmark.py --benchmark-only -s
(RESPONDER_LOAD_UNITS, RESPONDER_LOAD_WORKERS, RESPONDER_LOAD_CONCURRENCY to vary it.)
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.benchmarks.sink_process import running_sink
from tests.city_load import assert_station_holds_exactly, run_city
from tests.station_fixture import GENEROUS_LIMITS, REPO, StationProcess, free_port, postgres_url

UNITS = int(os.environ.get("RESPONDER_LOAD_UNITS", "200"))
WORKERS = os.environ.get("RESPONDER_LOAD_WORKERS", "2")
CONCURRENCY = int(os.environ.get("RESPONDER_LOAD_CONCURRENCY", "32"))
CHANGES_PER_UNIT = 4 + 1 + 1 + 3 + 4  # events, report, photo meta, audits, repeated events


@pytest.fixture(scope="module")
def sink():
    port = free_port()
    with running_sink(
            [sys.executable, "-m", "uvicorn", "tests.benchmarks.sink_app:app", "--host",
             "127.0.0.1", "--port", str(port), "--log-level", "warning", "--workers", WORKERS],
            port, cwd=REPO) as url:
        yield url


def _bare(url: str, requests: int) -> float:
    """The same number of small POSTs, one client per simulated unit, as the units send."""
    per_unit = max(1, requests // UNITS)

    def unit(_n: int) -> None:
        with httpx.Client(timeout=30) as http:
            for _ in range(per_unit):
                http.post(url, content=b'{"changes": []}' * 50)

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(unit, range(UNITS)))
    return time.perf_counter() - started


@pytest.mark.postgres
def test_city_load_on_postgres_workers(benchmark, tmp_path, sink):
    with postgres_url() as url:
        server = StationProcess(tmp_path, url, extra_args=[*GENEROUS_LIMITS, "--workers",
                                                           WORKERS]).start(timeout=60)
        try:
            result = {}

            def city() -> None:
                result["run"] = run_city(server, UNITS, CONCURRENCY)

            benchmark.pedantic(city, rounds=1, iterations=1)
            run = result["run"]
            assert_station_holds_exactly(server, run)
        finally:
            server.close()
    requests = run.requests()
    bare = _bare(sink, requests)
    print(f"\ncity load: {UNITS} units, {WORKERS} workers on PostgreSQL, {CONCURRENCY} at a "
          f"time: {requests} requests in {run.seconds:.1f} s = {requests / run.seconds:.0f} "
          f"req/s, {UNITS * CHANGES_PER_UNIT / run.seconds:.0f} changes/s; "
          f"{run.reviewed} reports reviewed")
    for what in sorted(run.latencies):
        print(f"  {what:<12} n={len(run.latencies[what]):<5} p50 "
              f"{run.percentile(what, 0.5) * 1000:6.1f} ms  p99 "
              f"{run.percentile(what, 0.99) * 1000:6.1f} ms")
    print(f"bare sink, same {requests} requests, same concurrency: {bare:.1f} s; "
          f"ratio bare/station = {bare / run.seconds:.2f}")
    print("afterwards the station holds exactly what the units sent: checked")
