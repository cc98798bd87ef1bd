"""The metrics themselves. A period of whole days is read from the daily roll-up
(storage/rollups.py: per day, unit and call type, the count behind each figure, kept with the
facts at store time); ``source="facts"`` builds the same tally from the flat fact rows instead
(storage/call_facts.py), which is how the roll-up is checked. Two figures always come from the
facts: the response-time percentiles (the roll-up finds the value bucket holding each rank;
only that bucket's values are read) and the calls without a report N hours after clear (it
depends on when you ask). Definitions: docs/metrics.md."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.metrics.scope import Scope
from civilian_responder.station.storage import rollups
from civilian_responder.station.storage.call_facts import LEGS, STATUS_EVENT, SUPERSEDED
from civilian_responder.station.storage.rollups import HISTOGRAM_EDGES, SEP, Sums
from civilian_responder.station.storage.tables import call_facts
from sqlalchemy import (
    ARRAY,
    Connection,
    Engine,
    Float,
    and_,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

__all__ = ["LEGS", "STATUS_EVENT", "SUPERSEDED", "Metrics", "histogram_labels"]
SOURCES = ("rollups", "facts")


def for_big_reads(conn: Connection) -> None:
    """SQLite: a year of a city's calls is more than the default 2 MB page cache; map the file
    instead of copying its pages. PostgreSQL, for this read-only transaction only: sort in
    memory."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size=-65536")
        conn.exec_driver_sql("PRAGMA mmap_size=4294967296")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")


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

    def compute(self, scope: Scope, source: str = "rollups") -> dict[str, Any]:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}")
        with self._engine.connect() as conn:
            for_big_reads(conn)
            if source == "rollups":
                sums = rollups.read(conn, scope.first_day, scope.last_day, scope.units,
                                    scope.call_types)
            else:
                sums = rollups.tally_facts(
                    conn, self._ref, lambda t: scope.facts_where(t, *_unit_columns(t))
                ).summed()
            out = _figures(sums, self._ref, scope)
            out["response_minutes"] = _percentiles(conn, scope, sums)
            out["data_quality"]["unfinished_after_clear"] = {
                "hours": scope.unfinished_hours, "count": _unfinished(conn, scope)}
        out["empty"] = out["totals"]["calls"] == 0 and out["totals"]["reports"] == 0
        out["notes"] = (["No calls or reports in this period for these units and call types: "
                         "every figure is zero."] if out["empty"] else [])
        return out


def _unit_columns(table: Any) -> tuple[Any, ...]:
    """The unit columns a scope's units filter on each fact table."""
    if "call_unit_id" in table.c:
        return (table.c.call_unit_id, table.c.unit_id)
    return (table.c.unit_id,)


def _unfinished(conn: Connection, scope: Scope) -> int:
    c = call_facts.c
    cutoff = _hours_before(scope.as_of, scope.unfinished_hours)
    return int(conn.execute(select(func.count()).where(
        scope.facts_where(call_facts, c.unit_id), c.has_report == literal(False),
        c.first_cleared_at < cutoff)).scalar_one())


def _percentiles(conn: Connection, scope: Scope, sums: Sums) -> dict[str, Any]:
    """p50 and p90 (nearest rank) of each leg: the bucket counts say which value bucket holds
    each rank and where in it; one pass over the facts reads just those buckets' values
    (PostgreSQL picks the value at that rank itself)."""
    per_leg: dict[str, Counter[int]] = {name: Counter() for name, _a, _b in LEGS}
    for key, n in sums.n["leg"].items():
        name, bucket = key.split(SEP)
        per_leg[name][int(bucket)] += n
    wanted: list[tuple[str, float, tuple[float, float | None], int]] = []
    counts: dict[str, int] = {}
    for name, buckets in per_leg.items():
        counts[name] = n = sum(buckets.values())
        for q in (0.5, 0.9):
            if not n:
                continue
            k, below = nearest_rank_index(n, q), 0
            for bucket in sorted(buckets):
                if k < below + buckets[bucket]:
                    wanted.append((name, q, rollups.bucket_bounds(bucket), k - below))
                    break
                below += buckets[bucket]
    found: dict[tuple[str, float], float] = {}
    if wanted:
        c = call_facts.c

        def inside(name: str, lo: float, hi: float | None) -> Any:
            return c[name] >= lo if hi is None else and_(c[name] >= lo, c[name] < hi)

        conds = {(name, lo, hi): inside(name, lo, hi) for name, _q, (lo, hi), _r in wanted}
        if conn.dialect.name == "postgresql":
            # The r-th value of each bucket, picked by the server in the same single pass.
            picks = [type_coerce(func.array_agg(aggregate_order_by(c[name], c[name]))
                                 .filter(conds[(name, lo, hi)]), ARRAY(Float))[rank + 1]
                     for name, _q, (lo, hi), rank in wanted]
            row = conn.execute(select(*picks).where(
                scope.facts_where(call_facts, c.unit_id), or_(*conds.values()))).one()
            found = {(name, q): v for (name, q, _b, _r), v in zip(wanted, row, strict=True)}
        else:
            # SQLite: those buckets' values come back and are ranked here. A period holding
            # most calls is read faster straight through the table than a row at a time
            # through the received_at index, which SQLite would do (5x on a year).
            where = scope.facts_where(call_facts, c.unit_id,
                                      straight=_most_of_the_calls(conn, sums))
            rows = conn.execute(select(*[c[n] for n, _a, _b in LEGS]).where(
                where, or_(*conds.values()))).all()
            index = {name: i for i, (name, _a, _b) in enumerate(LEGS)}
            for name, q, (lo, hi), rank in wanted:
                values = sorted(v for row in rows if (v := row[index[name]]) is not None
                                and v >= lo and (hi is None or v < hi))
                found[(name, q)] = values[rank]
    return {name: {"n": counts[name], "p50": _round(found.get((name, 0.5))),
                   "p90": _round(found.get((name, 0.9)))} for name, _a, _b in LEGS}


def _most_of_the_calls(conn: Connection, sums: Sums) -> bool:
    in_scope = sums.n["totals"]["calls"]
    return in_scope * 4 > int(conn.execute(select(func.count()).select_from(call_facts))
                             .scalar_one())


def _figures(sums: Sums, ref: ReferenceData, scope: Scope) -> dict[str, Any]:
    """The published figures from the summed counts (everything but the percentiles and the
    unfinished reports)."""
    n = sums.n
    total = n["totals"]["reports"]
    count = n["count"]
    police = [o.code for o in ref.outcomes if o.get("police")]
    handed = sum(n["outcomes"][p] for p in police)
    placed = sum(n["shelter"][p.code] for p in ref.shelter_placements if p.get("placed"))
    grid: dict[str, Counter[str]] = defaultdict(Counter)
    for key, v in n["grid"].items():
        group, priority = key.split(SEP)
        grid[group][priority] += v
    services: dict[str, Counter[str]] = {}
    for key, v in n["service"].items():
        code, response = key.split(SEP)
        services.setdefault(code, Counter())[response] += v
    by_response = Counter[str]()
    for counts in services.values():
        by_response.update(counts)
    responses = [c.code for c in ref.service_responses]
    persons = n["persons"]
    other = n["other"]
    calls = n["totals"]["calls"]
    with_report = n["totals"]["calls_with_report"]
    labels = histogram_labels()
    units = {unit: {"calls": sums.n["unit_busy"][unit],
                    "hours": round(sums.ms[unit] / 3_600_000, 2)}
             for unit in sorted(sums.n["unit_busy"]) if sums.n["unit_busy"][unit]}
    return {
        "period": scope.describe(),
        "totals": {"calls": calls, "reports": total, "calls_with_report": with_report,
                   "calls_without_report": calls - with_report},
        "resolved_without_police": {"count": count["without_police"],
                                    "share": rate(count["without_police"], total)},
        "disposition_by_priority": _grid(grid, ref),
        "backup": {"count": count["backup_requested"],
                   "rate": rate(count["backup_requested"], total),
                   "reasons": _sorted(n["backup_reasons"])},
        "handed_to_police": {"count": handed, "rate": rate(handed, total),
                             "reasons": _sorted(n["handoff_reasons"])},
        "outcomes": _sorted(n["outcomes"]),
        "response_model": _sorted(n["response_model"]),
        "call_source": _sorted(n["call_source"]),
        "transports": {"count": count["transports"], "by_mode": _sorted(n["by_mode"]),
                       "by_destination": _sorted(n["by_destination"]),
                       "by_facility": _sorted(n["transport_facility"])},
        "referrals": {"by_type": _sorted(n["referrals"]),
                      "by_agency": _sorted(n["referral_agency"])},
        "services": {"by_service": {k: dict(v) for k, v in sorted(services.items())},
                     "by_response": dict(by_response),
                     "persons_with_services": persons["with"],
                     "persons_accepting": persons["accepted"],
                     "persons_by_response": {code: persons[f"r{SEP}{code}"]
                                             for code in responses}},
        "shelter": {"placements": placed, "by_result": _sorted(n["shelter"])},
        "holds": _sorted(n["holds"]),
        "transfers_988": {"call_transferred": count["call_transferred_988"],
                          "warm_transfer": count["warm_transfer_988"]},
        "follow_ups": {"needed": count["follow_up_needed"],
                       "rate": rate(count["follow_up_needed"], total)},
        "flags": {f.code: {"count": n["flags"][f.code], "rate": rate(n["flags"][f.code], total)}
                  for f in ref.flags},
        "data_quality": {
            "reports_missing_disposition": n["quality"]["reports_missing_disposition"],
            "reports_unknown_disposition": n["quality"]["unknown_disposition"],
            "other_codes": {"used": other["used"], "coded": other["coded"],
                            "share": rate(other["used"], other["coded"])}},
        "response_histogram": {label: n["histogram"][str(i)] for i, label in enumerate(labels)},
        "units": units,
        "hours_of_service": {u: v["hours"] for u, v in units.items()},
    }


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

