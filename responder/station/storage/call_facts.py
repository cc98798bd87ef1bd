"""The flat, indexed rows the metrics read (``call_facts``, ``call_unit_facts`` and the scope
columns of ``report_facts`` / ``report_codes``), rebuilt for a call whenever the call, one of
its status events or one of its reports is stored, so a period's figures are aggregates over
one table each instead of timeline scans and joins at query time.

One function builds them, for one call at write time and for every call in the Alembic
revision that introduced them (0010); the definitions are the metrics' (docs/metrics.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage import rollups
from civilian_responder.station.storage.tables import (
    call_events,
    call_facts,
    call_unit_facts,
    calls,
    report_codes,
    report_facts,
    reports,
)
from sqlalchemy import (
    TIMESTAMP,
    Connection,
    case,
    cast,
    delete,
    exists,
    extract,
    func,
    literal,
    null,
    select,
    true,
    update,
)

_BATCHED = "call_facts.batched"  # Connection.info key: the calls waiting for their refresh
SUPERSEDED = "superseded"  # a station report state (storage/reviews.py STATES)
STATUS_EVENT = "status"  # call_events.kind of a status change
LEGS = (
    ("received_to_dispatched", "received", "dispatched"),
    ("dispatched_to_en_route", "dispatched", "en_route"),
    ("en_route_to_on_scene", "en_route", "on_scene"),
    ("received_to_on_scene", "received", "on_scene"),
    ("time_on_scene", "on_scene", "cleared"),
)


def minutes_between(conn: Connection, start: Any, end: Any) -> Any:
    """SQL for the minutes from one stored ISO time to another, on SQLite or PostgreSQL."""
    if conn.dialect.name == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 1440.0
    return (
        extract(
            "epoch", cast(end, TIMESTAMP(timezone=True)) - cast(start, TIMESTAMP(timezone=True))
        )
        / 60.0
    )


def per_call_unit(ref: ReferenceData, where: Any) -> Any:
    """Per (call, unit) of the calls matching ``where``: the first time of each milestone, the
    start of service, the first and the last clear."""
    e = call_events.c
    m = {c.get("milestone"): c.code for c in ref.unit_statuses if c.get("milestone")}
    in_service = [c.code for c in ref.unit_statuses if c.get("in_service")]

    def first(status: str) -> Any:
        return func.min(case((e.status == status, e.at)))

    return (
        select(
            e.call_id,
            e.unit_id,
            calls.c.received_at.label("received"),
            first(m["dispatched"]).label("dispatched"),
            first(m["en_route"]).label("en_route"),
            first(m["on_scene"]).label("on_scene"),
            func.max(case((e.status == m["cleared"], e.at))).label("cleared"),
            first(m["cleared"]).label("first_cleared"),
            func.min(case((e.status.in_(in_service), e.at))).label("service"),
        )
        .select_from(call_events.join(calls, calls.c.id == e.call_id))
        .where(where, e.kind == STATUS_EVENT)
        .group_by(e.call_id, e.unit_id, calls.c.received_at)
    )


def refresh(conn: Connection, ref: ReferenceData, call_ids: Iterable[str] | None,
            rollups_too: bool = True) -> None:
    """Rebuild the metrics rows of these calls (``None``: of every call, the 0010 backfill,
    which leaves the roll-up to revision 0013) and, for named calls, keep the daily roll-up
    (storage/rollups.py) in step in the same transaction."""
    if call_ids is None:
        _rebuild(conn, ref, true())
        return
    ids = sorted({c for c in call_ids if c})
    if not ids:
        return
    if not rollups_too:
        _rebuild(conn, ref, calls.c.id.in_(ids))
        return
    waiting = conn.info.get(_BATCHED)
    if waiting is not None:
        waiting.update(ids)
        return
    with rollups.tracking(conn, ref):
        rollups.touch(conn, ref, ids)
        _rebuild(conn, ref, calls.c.id.in_(ids))


@contextmanager
def batched(conn: Connection, ref: ReferenceData) -> Iterator[None]:
    """Within this block (one transaction: a push batch, a generated batch), ``refresh`` of
    named calls waits and runs once, for all of them, when the block ends, and the roll-up
    takes the difference once. Nested blocks join the outer one."""
    if _BATCHED in conn.info:
        yield
        return
    waiting: set[str] = set()
    conn.info[_BATCHED] = waiting
    try:
        with rollups.tracking(conn, ref):
            yield
            conn.info.pop(_BATCHED, None)
            ids = sorted(waiting)
            rollups.touch(conn, ref, ids)
            for i in range(0, len(ids), 500):
                _rebuild(conn, ref, calls.c.id.in_(ids[i:i + 500]))
    finally:
        conn.info.pop(_BATCHED, None)


def _rebuild(conn: Connection, ref: ReferenceData, where: Any) -> None:
    chosen = select(calls.c.id).where(where)
    conn.execute(delete(call_facts).where(call_facts.c.call_id.in_(chosen)))
    conn.execute(delete(call_unit_facts).where(call_unit_facts.c.call_id.in_(chosen)))
    per = per_call_unit(ref, where).subquery()
    per_call = (
        select(
            per.c.call_id,
            func.min(per.c.dispatched).label("dispatched"),
            func.min(per.c.en_route).label("en_route"),
            func.min(per.c.on_scene).label("on_scene"),
            func.max(per.c.cleared).label("cleared"),
            func.min(per.c.first_cleared).label("first_cleared"),
        )
        .group_by(per.c.call_id)
        .subquery()
    )
    t = {
        "received": calls.c.received_at,
        **{n: per_call.c[n] for n in ("dispatched", "en_route", "on_scene", "cleared")},
    }
    legs = []
    for _name, a, b in LEGS:
        minutes = minutes_between(conn, t[a], t[b])
        legs.append(case((minutes >= 0, minutes), else_=null()))
    has_report = exists().where(reports.c.call_id == calls.c.id, reports.c.state != SUPERSEDED)
    conn.execute(
        call_facts.insert().from_select(
            [
                "call_id",
                "received_at",
                "cancelled",
                "type_code",
                "unit_id",
                "priority",
                "has_report",
                "first_cleared_at",
                *[n for n, _a, _b in LEGS],
            ],
            select(
                calls.c.id,
                calls.c.received_at,
                calls.c.cancelled,
                calls.c.type_code,
                calls.c.unit_id,
                calls.c.priority,
                has_report,
                per_call.c.first_cleared,
                *legs,
            )
            .select_from(calls.outerjoin(per_call, per_call.c.call_id == calls.c.id))
            .where(where),
        )
    )
    busy = minutes_between(conn, per.c.service, per.c.cleared)
    conn.execute(
        call_unit_facts.insert().from_select(
            [
                "call_id",
                "unit_id",
                "received_at",
                "cancelled",
                "type_code",
                "call_unit_id",
                "busy_minutes",
            ],
            select(
                per.c.call_id,
                per.c.unit_id,
                calls.c.received_at,
                calls.c.cancelled,
                calls.c.type_code,
                calls.c.unit_id,
                case((per.c.cleared.is_(None), null()), (busy >= 0, busy), else_=literal(0.0)),
            )
            .select_from(per.join(calls, calls.c.id == per.c.call_id))
            .where(per.c.unit_id.is_not(None)),
        )
    )
    _refresh_reports(conn, ref, where)


def _refresh_reports(conn: Connection, ref: ReferenceData, where: Any) -> None:
    """Copy each report's call scope and current-version flag onto its facts and codes, and
    note whether one of its outcomes is a police one (``outcomes.json``, ``police``). Joined
    updates (``UPDATE ... FROM``, SQLite 3.33+ and PostgreSQL), so the backfill of a big
    station is a join, not a lookup per row and column."""
    f, rc = report_facts.c, report_codes.c
    police = [c.code for c in ref.outcomes if c.get("police")]
    conn.execute(
        update(report_facts)
        .where(f.call_id == calls.c.id, reports.c.id == f.report_id, where)
        .values(
            received_at=calls.c.received_at,
            cancelled=calls.c.cancelled,
            type_code=calls.c.type_code,
            priority=calls.c.priority,
            is_current=reports.c.state != SUPERSEDED,
            police_outcome=exists().where(
                rc.report_id == f.report_id, rc.field == "outcome", rc.code.in_(police)
            ),
        )
    )
    conn.execute(
        update(report_codes)
        .where(rc.report_id == f.report_id, f.call_id.in_(select(calls.c.id).where(where)))
        .values(
            **{
                name: f[name]
                for name in ("received_at", "cancelled", "type_code", "unit_id", "is_current")
            }
        )
    )


def calls_of_reports(conn: Connection, report_ids: Iterable[str]) -> set[str]:
    ids = [r for r in report_ids if r]
    if not ids:
        return set()
    return set(conn.execute(select(reports.c.call_id).where(reports.c.id.in_(ids))).scalars())
