"""The metrics themselves. Each figure is one SQL aggregate (or a fold of a small grouped
result) that runs the same on SQLite and PostgreSQL; only percentiles differ (PostgreSQL's
``percentile_disc``; on SQLite the leg values are streamed and ranked here). Definitions:
docs/metrics.md."""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.metrics.scope import Scope, minutes_between
from civilian_responder.station.storage.tables import (
    call_events,
    calls,
    report_codes,
    report_facts,
    reports,
)
from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    exists,
    func,
    literal,
    literal_column,
    not_,
    select,
)

SUPERSEDED = "superseded"  # a station report state (storage/reviews.py STATES)
STATUS_EVENT = "status"  # call_events.kind of a status change
LEGS = (("received_to_dispatched", "received", "dispatched"),
        ("dispatched_to_en_route", "dispatched", "en_route"),
        ("en_route_to_on_scene", "en_route", "on_scene"),
        ("received_to_on_scene", "received", "on_scene"),
        ("time_on_scene", "on_scene", "cleared"))
HISTOGRAM_EDGES = (5, 10, 15, 20, 30, 45, 60)  # minutes
_COMBO = ("disposition_code", "backup_requested", "backup_reason_code",
          "police_handoff_reason_code", "transport_mode_code", "transport_destination_code",
          "shelter_placement_code", "hold_code", "response_model_code", "call_source_code",
          "call_transferred_988", "warm_transfer_988", "follow_up_needed")


def rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def nearest_rank(values: list[float], q: float) -> float | None:
    """The q-th percentile by nearest rank (PostgreSQL's percentile_disc): the smallest value
    with at least q of the values at or below it."""
    if not values:
        return None
    return values[max(0, math.ceil(q * len(values)) - 1)]


class Metrics:
    def __init__(self, engine: Engine, reference: ReferenceData) -> None:
        self._engine = engine
        self._ref = reference
        statuses = reference.unit_statuses
        self._milestone = {c.get("milestone"): c.code for c in statuses if c.get("milestone")}

    def compute(self, scope: Scope) -> dict[str, Any]:
        with self._engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # A year of a city's calls is more than SQLite's default 2 MB page cache.
                conn.exec_driver_sql("PRAGMA cache_size=-65536")
                conn.exec_driver_sql("PRAGMA mmap_size=268435456")
            out: dict[str, Any] = {"period": scope.describe()}
            out["totals"] = self._totals(conn, scope)
            self._reports(conn, scope, out)
            if conn.dialect.name == "postgresql":
                out["response_minutes"], out["response_histogram"] = self._response_minutes(
                    conn, scope)
                out["units"] = self._units(conn, scope)
            else:
                out["response_minutes"], out["response_histogram"], out["units"] = (
                    self._timelines_streamed(conn, scope))
            out["hours_of_service"] = {u: v["hours"] for u, v in out["units"].items()}
            out["data_quality"].update(self._call_quality(conn, scope))
        out["empty"] = out["totals"]["calls"] == 0 and out["totals"]["reports"] == 0
        out["notes"] = (["No calls or reports in this period for these units and call types: "
                         "every figure is zero."] if out["empty"] else [])
        return out

    # Scopes -----------------------------------------------------------------------------------

    def _report_rows(self, scope: Scope) -> Any:
        """The current version of every report on a call in scope, by the chosen units."""
        return (report_facts.join(reports, reports.c.id == report_facts.c.report_id)
                .join(calls, calls.c.id == report_facts.c.call_id)), and_(
            reports.c.state != SUPERSEDED, scope_calls(scope),
            scope.unit_where(report_facts.c.unit_id))

    # Totals and report figures -----------------------------------------------------------------

    def _totals(self, conn: Connection, scope: Scope) -> dict[str, int]:
        n_calls = conn.execute(select(func.count()).select_from(calls)
                               .where(scope.calls_where())).scalar_one()
        with_report = conn.execute(select(func.count()).select_from(calls).where(
            scope.calls_where(), _has_report())).scalar_one()
        return {"calls": n_calls, "reports": 0, "calls_with_report": with_report,
                "calls_without_report": n_calls - with_report}

    def _reports(self, conn: Connection, scope: Scope, out: dict[str, Any]) -> None:
        joined, where = self._report_rows(scope)
        police_outcomes = [c.code for c in self._ref.outcomes if c.get("police")]
        police_outcome = exists().where(
            report_codes.c.report_id == report_facts.c.report_id,
            report_codes.c.field == "outcome", report_codes.c.code.in_(police_outcomes))
        inner = (select(*[report_facts.c[n] for n in _COMBO], calls.c.priority,
                        police_outcome.label("police_outcome"))
                 .select_from(joined).where(where).subquery())
        cols = list(inner.c)
        grouped = conn.execute(select(*cols, func.count().label("n")).group_by(*cols)).all()
        codes = conn.execute(
            select(report_codes.c.field, report_codes.c.code, report_codes.c.response,
                   func.count().label("n"))
            .select_from(joined.join(report_codes,
                                     report_codes.c.report_id == report_facts.c.report_id))
            .where(where).group_by(report_codes.c.field, report_codes.c.code,
                                   report_codes.c.response)).all()
        total = sum(row.n for row in grouped)
        out["totals"]["reports"] = total
        fold = _Fold(self._ref, total)
        for row in grouped:
            fold.add(row._mapping)
        for row in codes:
            fold.add_code(row.field, row.code, row.response, row.n)
        out.update(fold.result())
        out["services"]["persons_accepting"] = self._persons_accepting(conn, joined, where)
        names = {}
        for column in ("transport_facility", "referral_agency"):
            c = report_facts.c[column]
            names[column] = {r[0]: r[1] for r in conn.execute(
                select(c, func.count()).select_from(joined).where(where, c != "")
                .group_by(c).order_by(func.count().desc(), c))}
        out["transports"]["by_facility"] = names["transport_facility"]
        out["referrals"]["by_agency"] = names["referral_agency"]

    def _persons_accepting(self, conn: Connection, joined: Any, where: Any) -> int:
        accepted = [c.code for c in self._ref.service_responses if c.get("accepted")]
        pairs = (select(report_codes.c.report_id,
                        func.coalesce(report_codes.c.person_id, "").label("person"))
                 .select_from(joined.join(report_codes,
                                          report_codes.c.report_id == report_facts.c.report_id))
                 .where(where, report_codes.c.field == "service",
                        report_codes.c.response.in_(accepted)).distinct().subquery())
        return int(conn.execute(select(func.count()).select_from(pairs)).scalar_one())

    # Timelines ---------------------------------------------------------------------------------

    def _per_call_unit(self, conn: Connection, scope: Scope) -> Any:
        return per_call_unit(self._ref, scope)

    def _response_minutes(self, conn: Connection,
                          scope: Scope) -> tuple[dict[str, Any], dict[str, int]]:
        per = self._per_call_unit(conn, scope).subquery()
        per_call = (select(per.c.call_id, func.min(per.c.received).label("received"),
                           func.min(per.c.dispatched).label("dispatched"),
                           func.min(per.c.en_route).label("en_route"),
                           func.min(per.c.on_scene).label("on_scene"),
                           func.max(per.c.cleared).label("cleared"))
                    .group_by(per.c.call_id).subquery())
        legs = select(*[minutes_between(conn, per_call.c[a], per_call.c[b]).label(name)
                        for name, a, b in LEGS]).subquery()
        return self._percentiles_in_sql(conn, legs), _histogram(conn,
                                                               legs.c.received_to_on_scene)

    def _timelines_streamed(self, conn: Connection, scope: Scope) -> tuple[Any, Any, Any]:
        """SQLite: one pass over the per-(call, unit) milestones, folded here into the
        response legs (per call, across its units) and each unit's calls and hours; the same
        definitions as the SQL of ``_response_minutes`` and ``_units``."""
        per = self._per_call_unit(conn, scope).subquery()
        names = ("received", "dispatched", "en_route", "on_scene", "cleared", "service")
        query = select(per.c.call_id, per.c.unit_id,
                       *[func.julianday(per.c[n]) * 1440.0 for n in names]
                       ).order_by(per.c.call_id)
        values: dict[str, list[float]] = {name: [] for name, _a, _b in LEGS}
        units: dict[str, list[float]] = {}
        wanted = set(scope.units)
        current: str | None = None
        merged: dict[str, Any] = {}
        for row in conn.execute(query).yield_per(20_000):
            call_id, unit, t = row[0], row[1], dict(zip(names, row[2:], strict=True))
            if call_id != current:
                _add_legs(values, merged)
                current, merged = call_id, dict(t)
            else:
                for n in names[:4]:
                    merged[n] = _min(merged[n], t[n])
                merged["cleared"] = _max(merged["cleared"], t["cleared"])
            if unit is not None and (not wanted or unit in wanted) and t["cleared"] is not None:
                total = units.setdefault(unit, [0, 0.0])
                total[0] += 1
                if t["service"] is not None and t["cleared"] >= t["service"]:
                    total[1] += t["cleared"] - t["service"]
        _add_legs(values, merged)
        counts = Counter(bisect.bisect_right(HISTOGRAM_EDGES, v)
                         for v in values["received_to_on_scene"])
        histogram = {label: counts[i] for i, label in enumerate(histogram_labels())}
        return ({name: _summary(sorted(v)) for name, v in values.items()}, histogram,
                {u: {"calls": int(n), "hours": round(m / 60.0, 2)}
                 for u, (n, m) in sorted(units.items())})

    def _percentiles_in_sql(self, conn: Connection, legs: Any) -> dict[str, Any]:
        cols = []
        for name, _a, _b in LEGS:
            ok = case((legs.c[name] >= 0, legs.c[name]))
            cols += [func.count(ok),
                     func.percentile_disc(0.5).within_group(ok),
                     func.percentile_disc(0.9).within_group(ok)]
        row = conn.execute(select(*cols)).one()
        out = {}
        for i, (name, _a, _b) in enumerate(LEGS):
            n, p50, p90 = row[3 * i: 3 * i + 3]
            out[name] = {"n": n, "p50": _round(p50), "p90": _round(p90)}
        return out

    def _units(self, conn: Connection, scope: Scope) -> dict[str, Any]:
        per = self._per_call_unit(conn, scope).where(
            call_events.c.unit_id.is_not(None), scope.unit_where(call_events.c.unit_id)
        ).subquery()
        busy = minutes_between(conn, per.c.service, per.c.cleared)
        rows = conn.execute(
            select(per.c.unit_id, func.count(per.c.cleared),
                   func.sum(case((busy >= 0, busy), else_=0.0)))
            .group_by(per.c.unit_id).order_by(per.c.unit_id)).all()
        return {u: {"calls": int(n), "hours": round(float(m or 0) / 60.0, 2)}
                for u, n, m in rows if n}

    def _call_quality(self, conn: Connection, scope: Scope) -> dict[str, Any]:
        cutoff = _hours_before(scope.as_of, scope.unfinished_hours)
        cleared_long_ago = exists().where(
            call_events.c.call_id == calls.c.id, call_events.c.kind == STATUS_EVENT,
            call_events.c.status == self._milestone["cleared"], call_events.c.at < cutoff)
        unfinished = conn.execute(select(func.count()).select_from(calls).where(
            scope.calls_where(), not_(_has_report()), cleared_long_ago)).scalar_one()
        return {"unfinished_after_clear": {"hours": scope.unfinished_hours, "count": unfinished}}


def per_call_unit(ref: ReferenceData, scope: Scope) -> Any:
    """Per (call, unit): the first time of each milestone, the start of service, the last
    clear (a select the response legs, the hours of service and the calls export read)."""
    e = call_events.c
    m = {c.get("milestone"): c.code for c in ref.unit_statuses if c.get("milestone")}
    in_service = [c.code for c in ref.unit_statuses if c.get("in_service")]

    def first(status: str) -> Any:
        return func.min(case((e.status == status, e.at)))

    return (select(e.call_id, e.unit_id, calls.c.received_at.label("received"),
                   first(m["dispatched"]).label("dispatched"),
                   first(m["en_route"]).label("en_route"),
                   first(m["on_scene"]).label("on_scene"),
                   func.max(case((e.status == m["cleared"], e.at))).label("cleared"),
                   func.min(case((e.status.in_(in_service), e.at))).label("service"))
            .select_from(call_events.join(calls, calls.c.id == e.call_id))
            .where(scope.calls_where(), e.kind == STATUS_EVENT)
            .group_by(e.call_id, e.unit_id, calls.c.received_at))


def _histogram(conn: Connection, leg: Any) -> dict[str, int]:
    """Calls by minutes from received to on scene, in the buckets of HISTOGRAM_EDGES."""
    bucket = case(*[(leg < literal_column(str(edge)), literal_column(str(i)))
                    for i, edge in enumerate(HISTOGRAM_EDGES)],
                  else_=literal_column(str(len(HISTOGRAM_EDGES)))).label("bucket")
    found = dict(conn.execute(select(bucket, func.count()).where(leg >= literal_column("0"))
                              .group_by(literal_column("bucket"))).all())
    return {label: int(found.get(i, 0)) for i, label in enumerate(histogram_labels())}


def histogram_labels() -> list[str]:
    lows = (0, *HISTOGRAM_EDGES)
    return [f"{lo}–{hi}" for lo, hi in zip(lows, HISTOGRAM_EDGES, strict=False)] + [
        f"{HISTOGRAM_EDGES[-1]}+"]


def scope_calls(scope: Scope) -> Any:
    cond = and_(calls.c.received_at >= scope.start, calls.c.received_at < scope.end,
                calls.c.cancelled == literal(False))
    if scope.call_types:
        cond = and_(cond, calls.c.type_code.in_(scope.call_types))
    return cond


def _has_report() -> Any:
    return exists().where(reports.c.call_id == calls.c.id, reports.c.state != SUPERSEDED)


def _hours_before(as_of: str, hours: int) -> str:
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from civilian_responder.clock import iso, parse_iso  # noqa: PLC0415

    now = parse_iso(as_of) if as_of else datetime.now(UTC)
    return iso(now - timedelta(hours=hours))


def _min(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def _add_legs(values: dict[str, list[float]], t: dict[str, Any]) -> None:
    if not t:
        return
    for name, a, b in LEGS:
        if t[a] is not None and t[b] is not None and t[b] - t[a] >= 0:
            values[name].append(t[b] - t[a])


def _round(v: Any) -> float | None:
    return None if v is None else round(float(v), 2)


def _summary(values: list[float]) -> dict[str, Any]:
    return {"n": len(values), "p50": _round(nearest_rank(values, 0.5)),
            "p90": _round(nearest_rank(values, 0.9))}


class _Fold:
    """Adds up the grouped report rows and code rows into the published figures."""

    def __init__(self, ref: ReferenceData, total: int) -> None:
        self._ref = ref
        self._total = total
        self.c: dict[str, Counter[str]] = defaultdict(Counter)
        self.grid: dict[str, Counter[str]] = defaultdict(Counter)
        self.services: dict[str, Counter[str]] = defaultdict(Counter)
        self.other = Counter[str]()

    def add(self, row: Any) -> None:
        n = row["n"]
        d = self._ref.dispositions.get(row["disposition_code"])
        group = d.get("group") if d else None
        if row["disposition_code"] is None:
            self.c["quality"]["reports_missing_disposition"] += n
        elif group is None:
            self.c["quality"]["unknown_disposition"] += n
        else:
            self.grid[group][str(row["priority"])] += n
        for flag in ("backup_requested", "call_transferred_988", "warm_transfer_988",
                     "follow_up_needed"):
            if row[flag]:
                self.c["count"][flag] += n
        if row["backup_requested"] and row["backup_reason_code"]:
            self.c["backup_reasons"][row["backup_reason_code"]] += n
        for column, key in (("police_handoff_reason_code", "handoff_reasons"),
                            ("transport_mode_code", "by_mode"),
                            ("transport_destination_code", "by_destination"),
                            ("shelter_placement_code", "shelter"), ("hold_code", "holds"),
                            ("response_model_code", "response_model"),
                            ("call_source_code", "call_source")):
            if row[column]:
                self.c[key][row[column]] += n
        if row["transport_mode_code"] or row["transport_destination_code"]:
            self.c["count"]["transports"] += n
        model = self._ref.response_models.get(row["response_model_code"])
        if not (row["backup_requested"] or row["police_outcome"]
                or (model is not None and model.get("police"))):
            self.c["count"]["without_police"] += n
        for column, list_name in (("call_source_code", "call_sources"),
                                  ("backup_reason_code", "backup_reasons"),
                                  ("police_handoff_reason_code", "police_handoff_reasons"),
                                  ("transport_destination_code", "transport_destinations")):
            self._other(list_name, row[column], n)

    def _other(self, list_name: str, code: str | None, n: int) -> None:
        if code:
            self.other["coded"] += n
            found = self._ref.lists[list_name].get(code)
            if found is not None and found.get("other"):
                self.other["used"] += n

    def add_code(self, field: str, code: str, response: str | None, n: int) -> None:
        if field == "outcome":
            self.c["outcomes"][code] += n
        elif field == "referral":
            self.c["referrals"][code] += n
            self._other("referral_destinations", code, n)
        elif field == "flag":
            self.c["flags"][code] += n
        elif field == "service" and response:
            self.services[code][response] += n

    def result(self) -> dict[str, Any]:
        total, c, ref = self._total, self.c, self._ref
        police = [o.code for o in ref.outcomes if o.get("police")]
        handed = sum(c["outcomes"][p] for p in police)
        placed = sum(c["shelter"][p.code] for p in ref.shelter_placements if p.get("placed"))
        by_response = Counter[str]()
        for counts in self.services.values():
            by_response.update(counts)
        return {
            "resolved_without_police": {"count": c["count"]["without_police"],
                                        "share": rate(c["count"]["without_police"], total)},
            "disposition_by_priority": _grid(self.grid, ref),
            "backup": {"count": c["count"]["backup_requested"],
                       "rate": rate(c["count"]["backup_requested"], total),
                       "reasons": _sorted(c["backup_reasons"])},
            "handed_to_police": {"count": handed, "rate": rate(handed, total),
                                 "reasons": _sorted(c["handoff_reasons"])},
            "outcomes": _sorted(c["outcomes"]),
            "response_model": _sorted(c["response_model"]),
            "call_source": _sorted(c["call_source"]),
            "transports": {"count": c["count"]["transports"], "by_mode": _sorted(c["by_mode"]),
                           "by_destination": _sorted(c["by_destination"])},
            "referrals": {"by_type": _sorted(c["referrals"])},
            "services": {"by_service": {k: dict(v) for k, v in sorted(self.services.items())},
                         "by_response": dict(by_response)},
            "shelter": {"placements": placed, "by_result": _sorted(c["shelter"])},
            "holds": _sorted(c["holds"]),
            "transfers_988": {"call_transferred": c["count"]["call_transferred_988"],
                              "warm_transfer": c["count"]["warm_transfer_988"]},
            "follow_ups": {"needed": c["count"]["follow_up_needed"],
                           "rate": rate(c["count"]["follow_up_needed"], total)},
            "flags": {f.code: {"count": c["flags"][f.code], "rate": rate(c["flags"][f.code],
                                                                          total)}
                      for f in ref.flags},
            "data_quality": {
                "reports_missing_disposition": c["quality"]["reports_missing_disposition"],
                "reports_unknown_disposition": c["quality"]["unknown_disposition"],
                "other_codes": {"used": self.other["used"], "coded": self.other["coded"],
                                "share": rate(self.other["used"], self.other["coded"])}},
        }


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _grid(grid: dict[str, Counter[str]], ref: ReferenceData) -> dict[str, Any]:
    """Group → priority → count with row and column totals, every cell present (zeros too)."""
    seen = {p for counts in grid.values() for p in counts}
    priorities = (*ref.priorities.codes(), *sorted(seen - set(ref.priorities.codes())))
    out: dict[str, Any] = {}
    column = Counter[str]()
    for g in ref.disposition_groups:
        row = {p: grid[g.code][p] for p in priorities}
        row["total"] = sum(row.values())
        column.update({k: v for k, v in row.items()})
        out[g.code] = row
    out["total"] = {p: column[p] for p in (*priorities, "total")}
    return out

