"""The data-quality list behind the metrics' quality counts: which reports and calls they are.

Same rules as the engine: the current version of each report on a call in scope; a report is
listed when its disposition is missing or not in the reference list; a call when it was cleared
more than the scope's ``unfinished_hours`` ago and has no report.
"""

from __future__ import annotations

from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.metrics.engine import SUPERSEDED, _hours_before
from civilian_responder.station.metrics.scope import Scope
from civilian_responder.station.storage.tables import call_events, calls, report_facts, reports
from sqlalchemy import ColumnElement, Engine, and_, exists, literal, not_, or_, select

LIMIT = 200


def _calls_in_period(scope: Scope) -> ColumnElement[bool]:
    # Units are chosen on the report's unit (below), not the call's, as in the engine.
    cond = and_(calls.c.received_at >= scope.start, calls.c.received_at < scope.end,
                calls.c.cancelled == literal(False))
    if scope.call_types:
        cond = and_(cond, calls.c.type_code.in_(scope.call_types))
    return cond


def quality_list(engine: Engine, ref: ReferenceData, scope: Scope) -> list[dict[str, Any]]:
    known = list(ref.dispositions.codes())
    bad = or_(
        report_facts.c.disposition_code.is_(None), not_(report_facts.c.disposition_code.in_(known))
    )
    query = (
        select(
            reports.c.id,
            reports.c.report_number,
            reports.c.version,
            reports.c.unit_id,
            calls.c.cad_number,
            report_facts.c.disposition_code,
        )
        .select_from(
            report_facts.join(reports, reports.c.id == report_facts.c.report_id).join(
                calls, calls.c.id == report_facts.c.call_id
            )
        )
        .where(
            reports.c.state != SUPERSEDED,
            _calls_in_period(scope),
            scope.unit_where(report_facts.c.unit_id),
            bad,
        )
        .order_by(reports.c.submitted_at)
        .limit(LIMIT)
    )
    cleared = next(s.code for s in ref.unit_statuses if s.get("milestone") == "cleared")
    cutoff = _hours_before(scope.as_of, scope.unfinished_hours)
    unfinished = (
        select(calls.c.id, calls.c.cad_number, calls.c.unit_id)
        .where(
            scope.calls_where(),
            not_(exists().where(reports.c.call_id == calls.c.id, reports.c.state != SUPERSEDED)),
            exists().where(
                and_(
                    call_events.c.call_id == calls.c.id,
                    call_events.c.status == cleared,
                    call_events.c.at < cutoff,
                )
            ),
        )
        .order_by(calls.c.received_at)
        .limit(LIMIT)
    )
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for r in conn.execute(query):
            problem = (
                "no disposition"
                if r.disposition_code is None
                else f"unknown disposition {r.disposition_code}"
            )
            out.append(
                {
                    "kind": "report",
                    "id": r.id,
                    "what": f"{r.report_number} v{r.version}",
                    "unit_id": r.unit_id,
                    "cad_number": r.cad_number,
                    "problem": problem,
                }
            )
        for c in conn.execute(unfinished):
            out.append(
                {
                    "kind": "call",
                    "id": c.id,
                    "what": c.cad_number or c.id,
                    "unit_id": c.unit_id,
                    "cad_number": c.cad_number,
                    "problem": f"cleared over {scope.unfinished_hours} h ago, no report",
                }
            )
    return out
