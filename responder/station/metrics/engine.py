"""The metrics themselves, over the flat rows written when calls, status events and reports
are stored (storage/call_facts.py): each figure is one SQL aggregate over one table (or a fold
of a small grouped result) that runs the same on SQLite and PostgreSQL; only percentiles differ
(PostgreSQL's ``percentile_disc``; on SQLite the k-th value of the sorted leg, by ``OFFSET``).
Definitions: docs/metrics.md."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.metrics.scope import Scope
from civilian_responder.station.storage.call_facts import LEGS, STATUS_EVENT, SUPERSEDED
from civilian_responder.station.storage.tables import (
    call_facts,
    call_unit_facts,
    report_codes,
    report_facts,
)
from sqlalchemy import Connection, Engine, and_, case, func, literal, or_, select
from sqlalchemy.dialects import postgresql

__all__ = ["LEGS", "STATUS_EVENT", "SUPERSEDED", "Metrics", "histogram_labels"]
HISTOGRAM_EDGES = (5, 10, 15, 20, 30, 45, 60)  # minutes
_COMBO = ("disposition_code", "backup_requested", "backup_reason_code",
          "police_handoff_reason_code", "transport_mode_code", "transport_destination_code",
          "shelter_placement_code", "hold_code", "response_model_code", "call_source_code",
          "call_transferred_988", "warm_transfer_988", "follow_up_needed")


def for_big_reads(conn: Connection) -> None:
    """SQLite: a year of a city's calls is more than the default 2 MB page cache; map the file
    instead of copying its pages. PostgreSQL, for this read-only transaction only: sort the
    legs in memory, and group by hashing (the planner's estimate of the number of groups
    makes it sort a million rows by fifteen columns otherwise)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size=-65536")
        conn.exec_driver_sql("PRAGMA mmap_size=4294967296")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
        conn.exec_driver_sql("SET LOCAL enable_sort = off")


def rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def nearest_rank_index(n: int, q: float) -> int:
    """Where the q-th percentile by nearest rank (PostgreSQL's percentile_disc) sits among n
    sorted values: the smallest value with at least q of the values at or below it."""
    return max(0, math.ceil(q * n) - 1)


class Metrics:
    def __init__(self, engine: Engine, reference: ReferenceData) -> None:
        self._engine = engine
        self._ref = reference

    def compute(self, scope: Scope) -> dict[str, Any]:
        with self._engine.connect() as conn:
            for_big_reads(conn)
            out: dict[str, Any] = {"period": scope.describe()}
            calls_part = self._calls(conn, scope)
            out["totals"] = calls_part["totals"]
            self._reports(conn, scope, out)
            out["response_minutes"] = calls_part["response_minutes"]
            out["response_histogram"] = calls_part["response_histogram"]
            out["units"] = self._units(conn, scope)
            out["hours_of_service"] = {u: v["hours"] for u, v in out["units"].items()}
            out["data_quality"]["unfinished_after_clear"] = calls_part["unfinished"]
        out["empty"] = out["totals"]["calls"] == 0 and out["totals"]["reports"] == 0
        out["notes"] = (["No calls or reports in this period for these units and call types: "
                         "every figure is zero."] if out["empty"] else [])
        return out

    # Calls: totals, response legs, data quality ------------------------------------------------

    def _calls(self, conn: Connection, scope: Scope) -> dict[str, Any]:
        """One aggregate over ``call_facts`` (on SQLite the legs' percentiles come from one
        more pass that returns the legs, ranked here)."""
        c = call_facts.c
        where = scope.facts_where(call_facts, c.unit_id)
        cutoff = _hours_before(scope.as_of, scope.unfinished_hours)
        leg = c.received_to_on_scene
        buckets = [func.count(case((and_(leg >= lo, leg < hi), 1)) if hi is not None
                              else case((leg >= lo, 1)))
                   for lo, hi in zip((0, *HISTOGRAM_EDGES), (*HISTOGRAM_EDGES, None),
                                     strict=True)]
        cols = [func.count(), func.count(case((c.has_report == literal(True), 1))),
                func.count(case((and_(c.has_report == literal(False),
                                      c.first_cleared_at < cutoff), 1))),
                *buckets, *[func.count(c[n]) for n, _a, _b in LEGS]]
        pg = conn.dialect.name == "postgresql"
        if pg:
            cols += [func.percentile_disc(postgresql.array([0.5, 0.9])).within_group(c[n])
                     for n, _a, _b in LEGS]
        row = list(conn.execute(select(*cols).where(where)).one())
        n_calls, with_report, unfinished = row[:3]
        histogram = dict(zip(histogram_labels(), row[3:3 + len(buckets)], strict=True))
        counts = row[3 + len(buckets):3 + len(buckets) + len(LEGS)]
        if pg:
            ranked = [tuple(v) if v else (None, None) for v in row[-len(LEGS):]]
        else:
            ranked = self._ranked_here(conn, where, counts)
        legs = {name: {"n": n, "p50": _round(p50), "p90": _round(p90)}
                for (name, _a, _b), n, (p50, p90) in zip(LEGS, counts, ranked, strict=True)}
        return {"totals": {"calls": n_calls, "reports": 0, "calls_with_report": with_report,
                           "calls_without_report": n_calls - with_report},
                "response_minutes": legs, "response_histogram": histogram,
                "unfinished": {"hours": scope.unfinished_hours, "count": unfinished}}

    @staticmethod
    def _ranked_here(conn: Connection, where: Any, counts: list[int]) -> list[tuple[Any, Any]]:
        """SQLite has no percentile aggregate: one pass returns every leg, each sorted here
        and read at its nearest ranks."""
        c = call_facts.c
        rows = conn.execute(select(*[c[n] for n, _a, _b in LEGS]).where(where)).all()
        values = [[v for v in column if v is not None] for column in zip(*rows, strict=True)
                  ] if rows else [[] for _ in LEGS]
        out = []
        for v, n in zip(values, counts, strict=True):
            v.sort()
            out.append((v[nearest_rank_index(n, 0.5)], v[nearest_rank_index(n, 0.9)])
                       if n else (None, None))
        return out

    # Report figures ----------------------------------------------------------------------------

    def _reports(self, conn: Connection, scope: Scope, out: dict[str, Any]) -> None:
        f, rc = report_facts.c, report_codes.c
        where = scope.facts_where(report_facts, f.unit_id)
        codes_where = scope.facts_where(report_codes, rc.unit_id)
        cols = [*[f[n] for n in _COMBO], f.priority, f.police_outcome]
        grouped = conn.execute(select(*cols, func.count().label("n")).where(where)
                               .group_by(*cols)).all()
        codes = conn.execute(
            select(rc.field, rc.code, rc.response, func.count().label("n"))
            .where(codes_where).group_by(rc.field, rc.code, rc.response)).all()
        total = sum(row.n for row in grouped)
        out["totals"]["reports"] = total
        fold = _Fold(self._ref, total)
        for row in grouped:
            fold.add(row._mapping)
        for row in codes:
            fold.add_code(row.field, row.code, row.response, row.n)
        out.update(fold.result())
        out["services"].update(self._persons(conn, codes_where))
        names: dict[str, Counter[str]] = {"transport_facility": Counter(),
                                          "referral_agency": Counter()}
        for facility, agency, n in conn.execute(
                select(f.transport_facility, f.referral_agency, func.count())
                .where(where, or_(f.transport_facility != "", f.referral_agency != ""))
                .group_by(f.transport_facility, f.referral_agency)):
            for column, name in (("transport_facility", facility), ("referral_agency", agency)):
                if name:
                    names[column][name] += n
        out["transports"]["by_facility"] = _sorted(names["transport_facility"])
        out["referrals"]["by_agency"] = _sorted(names["referral_agency"])

    def _persons(self, conn: Connection, codes_where: Any) -> dict[str, Any]:
        """Services per person: the people (a report's person, or the person served when the
        answer names none) with at least one service answered, offered, accepted, declined."""
        responses = [c.code for c in self._ref.service_responses]
        accepted = [c.code for c in self._ref.service_responses if c.get("accepted")]
        rc = report_codes.c

        def any_of(codes: list[str], label: str) -> Any:
            return func.max(case((rc.response.in_(codes), 1), else_=0)).label(label)

        # person_id is never "" (storage/report_facts.py); GROUP BY puts the NULLs together.
        person = (select(rc.report_id, rc.person_id,
                         *[any_of([code], f"r{i}") for i, code in enumerate(responses)],
                         any_of(accepted, "accepted"))
                  .where(codes_where, rc.field == "service")
                  .group_by(rc.report_id, rc.person_id).subquery())
        row = conn.execute(select(
            func.count(), func.sum(person.c.accepted),
            *[func.sum(person.c[f"r{i}"]) for i in range(len(responses))])).one()
        return {"persons_with_services": int(row[0]), "persons_accepting": int(row[1] or 0),
                "persons_by_response": {code: int(v or 0)
                                        for code, v in zip(responses, row[2:], strict=True)}}

    # Units -------------------------------------------------------------------------------------

    def _units(self, conn: Connection, scope: Scope) -> dict[str, Any]:
        u = call_unit_facts.c
        rows = conn.execute(
            select(u.unit_id, func.count(u.busy_minutes), func.sum(u.busy_minutes))
            .where(scope.facts_where(call_unit_facts, u.call_unit_id, u.unit_id))
            .group_by(u.unit_id).order_by(u.unit_id)).all()
        return {unit: {"calls": int(n), "hours": round(float(m or 0) / 60.0, 2)}
                for unit, n, m in rows if n}


def histogram_labels() -> list[str]:
    lows = (0, *HISTOGRAM_EDGES)
    return [f"{lo}–{hi}" for lo, hi in zip(lows, HISTOGRAM_EDGES, strict=False)] + [
        f"{HISTOGRAM_EDGES[-1]}+"]


def _hours_before(as_of: str, hours: int) -> str:
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from civilian_responder.clock import iso, parse_iso  # noqa: PLC0415

    now = parse_iso(as_of) if as_of else datetime.now(UTC)
    return iso(now - timedelta(hours=hours))


def _round(v: Any) -> float | None:
    return None if v is None else round(float(v), 2)


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

