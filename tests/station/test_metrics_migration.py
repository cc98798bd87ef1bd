"""Alembic 0004 builds the metrics facts for reports the station already held, in the old
payload shape too, and leaves the reports themselves untouched."""

from __future__ import annotations

import json

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
