"""Metrics for a one-year period over 100,000 calls on SQLite (target ≤ 1 s) and 1,000,000 on
PostgreSQL (target ≤ 2 s), and the CSV export's throughput; each printed with its ratio to a
bare baseline query over the same tables in the same run.

Run: python -m pytest tests/benchmarks/test_metrics_benchmark.py --benchmark-only -s
(RESPONDER_BENCH_SQLITE_CALLS / RESPONDER_BENCH_PG_CALLS change the sizes.)
"""

from __future__ import annotations

import io
import os
import time

import pytest
from civilian_responder.station.metrics.export import write_csv
from civilian_responder.station.metrics.scope import make_scope
from civilian_responder.station.service import open_station
from sqlalchemy import text

from tests.benchmarks.metrics_station import bulk_fill
from tests.station_fixture import postgres_url

SQLITE_CALLS = int(os.environ.get("RESPONDER_BENCH_SQLITE_CALLS", "100000"))
PG_CALLS = int(os.environ.get("RESPONDER_BENCH_PG_CALLS", "1000000"))
BARE = "SELECT call_id, MIN(at), MAX(at) FROM call_events GROUP BY call_id"


def _best(fn, rounds=3):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def _measure(station, n, target, label):
    scope = make_scope(station.engine, station.reference, "2025-01-01", "2025-12-31")
    seconds, m = _best(lambda: station.metrics.compute(scope))
    with station.engine.connect() as conn:
        bare, _ = _best(lambda: conn.execute(text(BARE)).all())
    assert m["totals"]["calls"] == n
    verdict = "meets" if seconds <= target else "MISSES"
    print(f"\n{label}: metrics for one year over {n:,} calls in {seconds:.2f} s "
          f"({seconds / bare:.1f}x a bare GROUP BY of the status events, {bare:.2f} s); "
          f"{verdict} the {target:g} s target")
    return scope


@pytest.fixture(scope="module")
def big_sqlite(tmp_path_factory):
    station = open_station(str(tmp_path_factory.mktemp("bench") / "station.db"))
    t = time.perf_counter()
    bulk_fill(station.engine, SQLITE_CALLS)
    print(f"\nbulk-filled {SQLITE_CALLS:,} calls on SQLite in {time.perf_counter() - t:.0f} s")
    yield station
    station.close()


@pytest.mark.timeout(900)
def test_metrics_one_year_sqlite(benchmark, big_sqlite):
    benchmark.pedantic(lambda: None, rounds=1)
    _measure(big_sqlite, SQLITE_CALLS, 1.0, "SQLite")


@pytest.mark.timeout(900)
def test_csv_export_throughput(benchmark, big_sqlite):
    benchmark.pedantic(lambda: None, rounds=1)
    station = big_sqlite
    scope = make_scope(station.engine, station.reference, "2025-01-01", "2025-12-31")
    for kind, bare_sql in (("reports", "SELECT * FROM report_facts"),
                           ("calls", "SELECT * FROM call_events")):
        sink = io.StringIO()
        t = time.perf_counter()
        rows = write_csv(kind, station.engine, station.reference, scope, sink)
        seconds = time.perf_counter() - t
        with station.engine.connect() as conn:
            t = time.perf_counter()
            bare_rows = len(conn.execute(text(bare_sql)).all())
            bare = time.perf_counter() - t
        print(f"\nexport {kind}: {rows:,} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s, "
              f"{len(sink.getvalue()) / seconds / 1e6:.1f} MB/s "
              f"({(rows / seconds) / (bare_rows / bare):.2f}"
              f" of a bare fetch of {bare_sql.split()[-1]})")
        assert rows > 0


@pytest.mark.postgres
@pytest.mark.timeout(2400)  # generating a million calls' rows takes minutes
def test_metrics_one_year_postgres(benchmark):
    benchmark.pedantic(lambda: None, rounds=1)
    with postgres_url() as url:
        station = open_station(url)
        try:
            t = time.perf_counter()
            bulk_fill(station.engine, PG_CALLS)
            print(f"\nbulk-filled {PG_CALLS:,} calls on PostgreSQL in "
                  f"{time.perf_counter() - t:.0f} s")
            _measure(station, PG_CALLS, 2.0, "PostgreSQL")
        finally:
            station.close()
