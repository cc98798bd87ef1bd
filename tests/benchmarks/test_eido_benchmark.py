"""EIDO emission throughput at the station (documents per second).

Units push status events and reports through the station's real push path (which queues the
jobs); the timed part is ``EidoOutbox.publish``: read the rows, build each document from the
allowlist, validate it against the EIDO JSON Schema and store it under the next cursor, in
batches of 500 per transaction. The baseline, in the same run, is ``json.dumps`` of the same
documents plus an INSERT into an identical table on the same engine (same batch size).
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime

from civilian_responder.clock import FixedClock
from civilian_responder.station.service import open_station
from civilian_responder.station.storage.calls import CallSpec
from civilian_responder.station.storage.database import write
from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from tests.station.conftest import report_change, status_change

CALLS = 400
STATUSES = ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED")


def test_eido_emission_throughput(benchmark, tmp_path):
    clock = FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    station = open_station(str(tmp_path / "station.db"), clock=clock)
    code, _ = station.devices.make_code("CSO-1")
    device = station.devices.identify(station.devices.enroll(code, "van").token)
    for _ in range(CALLS):
        call = station.dispatch.create(
            CallSpec(unit_id="CSO-1", type_code="5150", priority=2, address="1 Main St"), "dispatch"
        )
        changes = [status_change(call["id"], s) for s in STATUSES] + [report_change(call["id"])]
        station.pusher.push(device, changes)  # queues the jobs; publishing is what we time
    jobs = CALLS * (len(STATUSES) + 1)
    assert len(station.eido.pending()) == jobs
    station.eido.writer  # noqa: B018 (compile the schema outside the timing, as a server has)
    took: list[float] = []

    def publish() -> None:
        t0 = time.perf_counter()
        assert station.eido.publish() == jobs
        took.append(time.perf_counter() - t0)

    benchmark.pedantic(publish, rounds=1, iterations=1)
    docs = [d["document"] for d in station.eido.select()]
    assert len(docs) == jobs
    bare = _bare_insert(station.engine, docs)
    station.close()
    rate, bare_rate = jobs / took[0], jobs / bare
    print(
        f"\nEIDO emission, {jobs:,} documents ({CALLS} calls x 4 statuses + disposition):"
        f"\n  build + validate + store : {rate:,.0f} documents/s ({took[0] * 1000:.0f} ms)"
        f"\n  bare json.dumps + INSERT : {bare_rate:,.0f} documents/s ({bare * 1000:.0f} ms)"
        f"\n  ratio (bare / ours)      : {bare_rate / rate:.1f}x slower than the bare insert"
    )


def _bare_insert(engine, docs) -> float:
    table = Table(
        f"bare_{uuid.uuid4().hex[:8]}",
        MetaData(),
        Column("cursor", Integer, primary_key=True, autoincrement=True),
        Column("kind", String(16)),
        Column("document", Text),
    )
    table.create(engine)
    t0 = time.perf_counter()
    for start in range(0, len(docs), 500):
        with write(engine) as conn:
            for doc in docs[start : start + 500]:
                conn.execute(
                    table.insert().values(
                        kind="status",
                        document=json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                    )
                )
    return time.perf_counter() - t0
