"""Alembic 0004 builds the metrics facts for reports the station already held, in the old
payload shape too, and leaves the reports themselves untouched."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.config import Config
from civilian_responder.station.storage.database import MIGRATIONS_DIR, make_engine, migrate, write
from civilian_responder.station.storage.tables import report_codes, report_facts, reports
from sqlalchemy import select

OLD = {"id": "r-old", "call_id": "c1", "report_number": "R-1", "version": 1,
       "disposition_code": "NRR", "outcome_code": "TRANSFER_988", "transfer_988": True,
       "referrals": ["988"], "flags": ["MENTAL_HEALTH"],
       "services": [{"code": "MH_SUPPORT", "response": "ACCEPTED"}]}


def test_existing_reports_get_their_facts(tmp_path):
    engine = make_engine(str(tmp_path / "station.db"))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with write(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with write(engine) as conn:
        conn.execute(reports.insert().values(
            id="r-old", report_number="R-1", version=1, call_id="c1", unit_id="CSO-1",
            device_id="d", state="approved", payload=json.dumps(OLD), payload_hash="x",
            submitted_at="2026-01-01T00:00:00.000Z", review_comment=""))
        conn.execute(reports.insert().values(
            id="r-bad", report_number="R-2", version=1, call_id="c2", unit_id="CSO-1",
            device_id="d", state="submitted", payload="not json", payload_hash="y",
            submitted_at="2026-01-01T00:00:00.000Z", review_comment=""))
    migrate(engine)
    with engine.connect() as conn:
        facts = conn.execute(select(report_facts)).all()
        codes = conn.execute(select(report_codes.c.field, report_codes.c.code,
                                    report_codes.c.response).order_by(report_codes.c.id)).all()
        kept = conn.execute(select(reports.c.payload).where(reports.c.id == "r-bad")).scalar()
    assert [(f.report_id, f.disposition_code, f.warm_transfer_988, f.call_transferred_988)
            for f in facts] == [("r-old", "NRR", True, False)]
    assert [tuple(c) for c in codes] == [("referral", "988", None), ("flag", "MENTAL_HEALTH", None),
                                         ("service", "MH_SUPPORT", "ACCEPTED")]
    assert kept == "not json"  # unreadable payloads are kept as received, just not counted


def test_revision_0010_builds_the_flat_rows_of_an_existing_station(tmp_path):
    """A station at 0004 with a call, its timeline and its report: after the upgrade the
    response legs, the unit's hours and the report's figures come from the new rows."""
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.station.metrics.engine import Metrics  # noqa: PLC0415
    from civilian_responder.station.metrics.scope import make_scope  # noqa: PLC0415
    from civilian_responder.station.storage.report_facts import store_facts  # noqa: PLC0415
    from civilian_responder.station.storage.tables import (  # noqa: PLC0415
        call_events,
        call_facts,
        call_unit_facts,
        calls,
    )

    engine = make_engine(str(tmp_path / "station.db"))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with write(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    t0 = "2026-01-05T10:00:00.000Z"
    with write(engine) as conn:
        conn.execute(calls.insert().values(
            id="c1", cad_number="2026-000001", unit_id="CSO-1", type_code="WELCK",
            priority=3, status="CLEARED", address="1 Test St", source="dispatch",
            received_at=t0, updated_at=t0))
        for i, (status, minute) in enumerate((("DISPATCHED", 2), ("EN_ROUTE", 5),
                                              ("ON_SCENE", 15), ("CLEARED", 45))):
            conn.execute(call_events.insert().values(
                id=f"e{i}", call_id="c1", kind="status", status=status,
                at=f"2026-01-05T10:{minute:02d}:00.000Z", origin="unit", unit_id="CSO-1"))
        body = dict(OLD, call_id="c1", outcome_codes=["HANDED_TO_POLICE"])
        conn.execute(reports.insert().values(
            id="r-old", report_number="R-1", version=1, call_id="c1", unit_id="CSO-1",
            device_id="d", state="approved", payload=json.dumps(body), payload_hash="x",
            submitted_at=t0, review_comment=""))
        store_facts(conn, "r-old", "CSO-1", body)  # what a 0004 station wrote on receipt
    migrate(engine)
    with engine.connect() as conn:
        row = conn.execute(select(call_facts)).one()
        unit = conn.execute(select(call_unit_facts)).one()
        fact = conn.execute(select(report_facts)).one()
    assert (row.received_to_dispatched, row.received_to_on_scene, row.time_on_scene) == (
        pytest.approx(2), pytest.approx(15), pytest.approx(30))
    assert row.has_report and row.first_cleared_at == "2026-01-05T10:45:00.000Z"
    assert (unit.unit_id, unit.busy_minutes) == ("CSO-1", pytest.approx(40))  # from en route
    assert (fact.received_at, fact.priority, fact.is_current, fact.police_outcome) == (
        t0, 3, True, True)
    ref = load_reference()
    m = Metrics(engine, ref).compute(make_scope(engine, ref, "2026-01-01", "2026-01-31"))
    assert m["totals"] == {"calls": 1, "reports": 1, "calls_with_report": 1,
                           "calls_without_report": 0}
    assert m["response_minutes"]["received_to_on_scene"] == {"n": 1, "p50": 15.0, "p90": 15.0}
    assert m["units"] == {"CSO-1": {"calls": 1, "hours": 0.67}}
    assert m["handed_to_police"]["count"] == 1 and m["resolved_without_police"]["count"] == 0
