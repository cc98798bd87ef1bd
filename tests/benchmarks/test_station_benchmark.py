"""Station-side throughput over loopback: reports pushed per second and photo upload MB/s,
each as a ratio to sending the same bytes to a bare uvicorn sink in the same run.

Run: python -m pytest tests/benchmarks/test_station_benchmark.py --benchmark-only -s
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time

import httpx
import pytest

from tests.benchmarks.sink_process import running_sink
from tests.station.conftest import Unit, dispatch_call, report_change
from tests.station_fixture import REPO, StationProcess, free_port

REPORTS = int(os.environ.get("RESPONDER_BENCH_REPORTS", "1000"))
PHOTOS = int(os.environ.get("RESPONDER_BENCH_PHOTOS", "300"))
PHOTO_BYTES = 200 * 1024
SINK = """
import uvicorn
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})
uvicorn.run(app, host="127.0.0.1", port=int(__import__("sys").argv[1]), log_level="warning")
"""


@pytest.fixture(scope="module")
def sink():
    port = free_port()
    with running_sink([sys.executable, "-c", SINK, str(port)], port, wait_s=20,
                      cwd=REPO) as url:
        yield url


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    server = StationProcess(tmp_path_factory.mktemp("bench-station")).start()
    yield server
    server.close()


def _raw_seconds(url: str, body: bytes) -> float:
    started = time.monotonic()
    httpx.post(url, content=body, timeout=120)
    return time.monotonic() - started


def test_push_reports_throughput(benchmark, station, sink):
    unit = Unit(station)
    call = dispatch_call(station.client(station.admin_token("dispatcher")), unit.unit_id)
    reports = [report_change(call["id"], narrative="x" * 1500) for _ in range(REPORTS)]

    def push_all() -> None:
        for i in range(0, len(reports), 100):
            assert {r["status"] for r in unit.push(*reports[i:i + 100])} <= {"applied",
                                                                             "duplicate"}

    started = time.monotonic()
    benchmark.pedantic(push_all, rounds=1, iterations=1)
    seconds = time.monotonic() - started
    raw = _raw_seconds(sink, json.dumps({"changes": reports}).encode())
    print(f"\nstation push: {REPORTS} reports in {seconds:.2f} s ({REPORTS / seconds:.0f}/s); "
          f"same bytes in one raw request {raw:.3f} s; ratio {raw / seconds:.2f}")


def test_photo_upload_throughput(benchmark, station, sink):
    unit = Unit(station)
    base = os.urandom(PHOTO_BYTES)
    photos = [base[:-8] + i.to_bytes(8, "big") for i in range(PHOTOS)]

    def upload_all() -> None:
        for data in photos:
            sha = hashlib.sha256(data).hexdigest()
            r = unit.http.patch(f"/api/v1/attachments/{sha}", content=data,
                                headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
            assert r.status_code == 204

    started = time.monotonic()
    benchmark.pedantic(upload_all, rounds=1, iterations=1)
    seconds = time.monotonic() - started
    megabytes = PHOTOS * PHOTO_BYTES / 1e6
    raw = _raw_seconds(sink, b"".join(photos))
    print(f"\nstation upload: {PHOTOS} x 200 KB in {seconds:.2f} s "
          f"({megabytes / seconds:.1f} MB/s); same bytes in one raw request {raw:.3f} s; "
          f"ratio {raw / seconds:.2f}")
