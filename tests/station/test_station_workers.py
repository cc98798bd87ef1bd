"""``responder-station serve --workers N``: several worker processes on one database serve a
small city correctly: exactly-once pushes, every call reaching its unit, shared counters."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tests.city_load import assert_station_holds_exactly, run_city
from tests.station_fixture import GENEROUS_LIMITS, StationProcess, postgres_url


def worker_pids(parent: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
            if fields.get("PPid", "").strip() == str(parent) and "python" in fields.get(
                    "Name", ""):
                found.append(int(status.parent.name))
    return found


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_two_workers_serve_a_small_city_exactly_once(tmp_path, backend):
    database = postgres_url() if backend == "postgres" else contextlib.nullcontext(
        str(tmp_path / "city.db"))
    with database as url:
        server = StationProcess(tmp_path, url, extra_args=[*GENEROUS_LIMITS, "--workers", "2"])
        server.start(timeout=60)
        try:
            assert server.proc is not None
            assert len(worker_pids(server.proc.pid)) >= 2
            run = run_city(server, units=20, concurrency=8)
            assert_station_holds_exactly(server, run)
            assert run.reviewed > 0
        finally:
            server.close()
