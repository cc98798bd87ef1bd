"""``responder-station export reports|calls --format csv``: the flat records every metric is
computed from, streamed, so an analyst can check any figure (docs/metrics.md says which
columns each metric reads). Multi-valued fields are ``;``-separated codes."""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator
from typing import Any, TextIO

from civilian_responder.reference import ReferenceData
from civilian_responder.station.metrics.engine import for_big_reads
from civilian_responder.station.metrics.scope import Scope
from civilian_responder.station.part2_access import for_role
from civilian_responder.station.storage.call_facts import SUPERSEDED, per_call_unit
from civilian_responder.station.storage.tables import calls, report_codes, report_facts, reports
from sqlalchemy import Engine, and_, exists, literal, select

CHUNK = 5_000
FACT_COLUMNS = ("disposition_code", "response_model_code", "call_source_code",
                "transport_mode_code", "transport_destination_code", "transport_facility",
                "referral_agency", "shelter_placement_code", "hold_code",
                "police_handoff_reason_code", "backup_requested", "backup_reason_code",
                "call_transferred_988", "warm_transfer_988", "follow_up_needed", "persons",
                "time_on_task_minutes", "finalized_at")
REPORT_HEADER = ("report_id", "report_number", "version", "state", "unit_id", "call_id",
                 "cad_number", "call_type", "priority", "received_at", "disposition_group",
                 *FACT_COLUMNS, "outcome_codes", "referrals", "flags", "services",
                 "part2_withheld")
CALL_HEADER = ("call_id", "cad_number", "assigned_unit_id", "type_code", "priority",
               "received_at", "has_report", "unit_id", "dispatched_at", "en_route_at",
               "on_scene_at", "cleared_at", "in_service_at")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value


def report_rows(engine: Engine, ref: ReferenceData, scope: Scope,
                role: str | None = None,
                allowed: Collection[str] = ()) -> Iterator[tuple[Any, ...]]:
    """One row per report. Values tagged under 42 CFR Part 2 are left out unless ``role`` may
    see them (``part2_access.for_role``); column ``part2_withheld`` says what was."""
    f = report_facts.c
    query = (select(f.report_id, reports.c.report_number, reports.c.version, reports.c.state,
                    f.unit_id, f.call_id, calls.c.cad_number, calls.c.type_code,
                    calls.c.priority, calls.c.received_at, *[f[c] for c in FACT_COLUMNS])
             .select_from(report_facts.join(reports, reports.c.id == f.report_id)
                          .join(calls, calls.c.id == f.call_id))
             .where(reports.c.state != SUPERSEDED, _calls_in(scope),
                    scope.unit_where(f.unit_id))
             .order_by(calls.c.received_at, f.report_id))
    with engine.connect() as conn:
        for_big_reads(conn)
        result = conn.execution_options(yield_per=CHUNK).execute(query)
        for chunk in result.partitions(CHUNK):
            codes = _codes_of(conn, [r.report_id for r in chunk])
            for r in chunk:
                d = ref.dispositions.get(r.disposition_code)
                mine = codes.get(r.report_id, {})
                facts = [_cell(v) for v in r[10:]]
                lists = [mine.get(k, []) for k in ("outcome", "referral", "flag", "service")]
                withheld = _part2(role, allowed, facts, lists)
                yield (*[_cell(v) for v in r[:10]], d.get("group") if d else "", *facts,
                       *[";".join(v) for v in lists], "; ".join(withheld))


_TEXT_FACTS = ("transport_destination_code", "transport_facility", "referral_agency")


def _part2(role: str | None, allowed: Collection[str], facts: list[Any],
           lists: list[list[str]]) -> tuple[str, ...]:
    """Leave out (in place) what ``for_role`` withholds from the row; the labels of it."""
    at = {name: FACT_COLUMNS.index(name) for name in _TEXT_FACTS}
    services = [{"code": s.split(":", 1)[0], "text": s} for s in lists[3]]
    record = {name: facts[i] or None for name, i in at.items()}
    record.update(referrals=lists[1], flags=lists[2], services=services)
    shown = for_role(role, record, allowed=allowed)
    if not shown.withheld:
        return ()
    seen = shown.record
    for name, i in at.items():
        if (seen.get(name) or None) != record[name]:
            facts[i] = ""
    lists[1][:] = seen["referrals"]
    lists[2][:] = seen["flags"]
    lists[3][:] = [s["text"] for s in seen["services"]]
    return shown.withheld


def _calls_in(scope: Scope) -> Any:
    """Calls of the period and types, whichever unit they are assigned to (a report counts
    for the unit that wrote it)."""
    cond = and_(calls.c.received_at >= scope.start, calls.c.received_at < scope.end,
                calls.c.cancelled == literal(False))
    if scope.call_types:
        cond = and_(cond, calls.c.type_code.in_(scope.call_types))
    return cond


def _codes_of(conn: Any, report_ids: list[str]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    c = report_codes.c
    rows = conn.execute(select(c.report_id, c.field, c.code, c.response, c.person_id)
                        .where(c.report_id.in_(report_ids)).order_by(c.id))
    for rid, field, code, response, person in rows:
        text = f"{code}:{response}:{person or ''}" if field == "service" else code
        out.setdefault(rid, {}).setdefault(field, []).append(text)
    return out


def call_rows(engine: Engine, ref: ReferenceData, scope: Scope) -> Iterator[tuple[Any, ...]]:
    """One row per call and unit that worked it (a call no unit worked: one row, no unit)."""
    per = per_call_unit(ref, scope.calls_where()).subquery()
    has_report = exists().where(reports.c.call_id == calls.c.id, reports.c.state != SUPERSEDED)
    query = (select(calls.c.id, calls.c.cad_number, calls.c.unit_id, calls.c.type_code,
                    calls.c.priority, calls.c.received_at, has_report, per.c.unit_id,
                    per.c.dispatched, per.c.en_route, per.c.on_scene, per.c.cleared,
                    per.c.service)
             .select_from(calls.outerjoin(per, per.c.call_id == calls.c.id))
             .where(scope.calls_where())
             .order_by(calls.c.received_at, calls.c.id, per.c.unit_id))
    with engine.connect() as conn:
        for_big_reads(conn)
        for row in conn.execution_options(yield_per=CHUNK).execute(query):
            yield tuple(_cell(v) for v in row)


def write_csv(kind: str, engine: Engine, ref: ReferenceData, scope: Scope,
              out: TextIO, role: str | None = None) -> int:
    """``role`` None (the default) withholds 42 CFR Part 2 values from report rows;
    ``part2_access.OPERATOR`` (``--include-part2``) keeps them."""
    rows = (report_rows(engine, ref, scope, role) if kind == "reports"
            else call_rows(engine, ref, scope))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_HEADER if kind == "reports" else CALL_HEADER)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
