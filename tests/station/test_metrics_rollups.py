"""The daily roll-up (storage/rollups.py, revision 0013) after a mixed workload on SQLite and
PostgreSQL: every row equals the roll-up rebuilt from the facts, and every figure read from it
equals the figure computed from the facts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from civilian_responder.clock import FixedClock
from civilian_responder.station.demo_data import DemoData
from civilian_responder.station.metrics.scope import make_scope
from civilian_responder.station.service import open_station
from civilian_responder.station.storage import rollups
from civilian_responder.station.storage.calls import CallUpdate
from civilian_responder.station.storage.database import write
from sqlalchemy import text

from tests.station.metrics_support import FieldUnit, at, station_on
from tests.station.test_metrics import AS_OF, BACKENDS, D1, build


def _consistent(station):
    with station.engine.connect() as conn:
        stored, fresh = rollups.stored(conn), rollups.recomputed(conn, station.reference)
    assert stored, "the roll-up is empty"
    missing = {k: v for k, v in fresh.items() if stored.get(k) != v}
    extra = {k: v for k, v in stored.items() if k not in fresh}
    assert not missing and not extra, (list(missing.items())[:5], list(extra.items())[:5])


def _same_figures(station, date_from, date_to, **kw):
    scope = make_scope(station.engine, station.reference, date_from, date_to, as_of=AS_OF, **kw)
    from_rollups = station.metrics.compute(scope)
    assert from_rollups == station.metrics.compute(scope, source="facts")
    return from_rollups


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_rollup_equals_one_rebuilt_from_the_facts_after_a_mixed_workload(backend, tmp_path):
    clock = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    with station_on(backend, tmp_path, clock) as station:
        # Hand-checked calls: a corrected report version, approve and return, a cancelled
        # call, a call without a report, a pre-0401 report.
        c1 = build(station, clock)
        _consistent(station)
        # A generated month through the push path, with reviews returned and approved.
        DemoData(station, seed=5, year=2026, batch=40).run(120)
        _consistent(station)
        # Later changes: a late status event, a new priority, another unit, a cancellation,
        # a returned report resubmitted as a new version.
        a = FieldUnit(station, "CSO-A")
        a.push(a.status(c1, "ON_SCENE", at(D1, 12)))
        station.dispatch.update(c1, CallUpdate(priority=1), "test")
        _consistent(station)
        returned = [r for r in station.review.list_reports("returned")]
        assert returned
        r = returned[0]
        unit = FieldUnit(station, r["unit_id"])
        unit.push(unit.report(r["call_id"], r["report_number"], version=r["version"] + 1,
                              supersedes_id=r["id"], disposition_code="NRR",
                              outcome_codes=["REFERRED"], referrals=["SHELTER"]))
        _consistent(station)
        moved = r["call_id"]
        station.dispatch.update(moved, CallUpdate(unit_id="CSO-B"), "test")
        station.dispatch.update(moved, CallUpdate(cancel=True), "test")
        _consistent(station)
        m = _same_figures(station, "2026-01-01", "2026-12-31")
        assert m["totals"]["calls"] > 100 and m["response_minutes"]["time_on_scene"]["p90"]
        _same_figures(station, "2026-03-01", "2026-03-31", units=["CSO-A"])
        _same_figures(station, "2026-02-10", "2026-03-04", call_types=["WELCK"])


def test_revision_0013_builds_the_rollup_of_an_existing_station(tmp_path):
    db = str(tmp_path / "station.db")
    clock = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    station = open_station(db, clock=clock)
    build(station, clock)
    DemoData(station, seed=3, year=2026).run(60)
    expected = _same_figures(station, "2026-01-01", "2026-12-31")
    with write(station.engine) as conn:  # the station as it was before 0013
        conn.execute(text("DROP TABLE metric_rollups"))
        conn.execute(text("DROP INDEX ix_call_facts_has_report_received_at"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0014_photo_files'"))
    station.close()
    station = open_station(db, clock=clock)  # migrates to head
    try:
        _consistent(station)
        assert _same_figures(station, "2026-01-01", "2026-12-31") == expected
    finally:
        station.close()


def test_leg_buckets_agree_with_their_bounds():
    for v in (0.0, 0.49, 0.5, 7.99, 8.0, 9.99, 10.0, 63.99, 64.0, 511.9, 512.0, 9000.0):
        lo, hi = rollups.bucket_bounds(rollups.leg_bucket(v))
        assert lo <= v and (hi is None or v < hi), v
