"""Daily roll-ups of the metrics (``metric_rollups``, Alembic 0013): for each UTC day, unit and
call type, the counts every published figure is a sum of, kept in the same transaction as the
fact rows they come from (storage/call_facts.py, storage/report_facts.py).

A row is (day, unit, call type, metric, key) → count (and, for a unit's minutes of service,
their sum in whole milliseconds, so adding and removing a call is exact). Each fact row counts
once in the cell of its own unit (the call's unit for call figures, the report's unit for
report figures, the call's unit for a serving unit's hours, the serving unit being the key)
and once more in the day's all-units cell (unit ``*``), which is what an unfiltered period
reads. Only what a metrics scope can ever count is rolled up: calls not cancelled, reports that
are the current version, with a received time.

Response-time percentiles stay exact: the roll-up holds each leg's count per value bucket
(half-minute buckets under 8 minutes, 2-minute buckets to 64, 16-minute buckets to 512); the
engine finds the bucket holding the wanted rank and reads only that bucket's values from the
facts.

Maintenance is by difference: before a call's facts change, its contribution is read from the
facts; after, again; the difference is added to the roll-up (``tracking``). The same tally
built over every fact row is the backfill, and the check that the roll-up is right.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage.tables import (
    call_facts,
    call_unit_facts,
    metric_rollups,
    report_codes,
    report_facts,
)
from sqlalchemy import (
    Connection,
    and_,
    case,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
)

ALL_UNITS = "*"
SEP = "\x1f"  # between the parts of a composite key (group and priority, service and answer)
LEG_NAMES = ("received_to_dispatched", "dispatched_to_en_route", "en_route_to_on_scene",
             "received_to_on_scene", "time_on_scene")  # call_facts.LEGS, in order
HISTOGRAM_EDGES = (5, 10, 15, 20, 30, 45, 60)  # minutes, received → on scene
COMBO = ("disposition_code", "backup_requested", "backup_reason_code",
         "police_handoff_reason_code", "transport_mode_code", "transport_destination_code",
         "shelter_placement_code", "hold_code", "response_model_code", "call_source_code",
         "call_transferred_988", "warm_transfer_988", "follow_up_needed")
_PENDING = "metric_rollups.pending"  # Connection.info key while changes are being tracked
_CHUNK = 500

Cell = tuple[str, str, str]  # day, unit, call type


def leg_bucket(minutes: float) -> int:
    """The value bucket of a leg (0–72); only exact float operations (×2, ÷2, ÷16)."""
    if minutes < 8:
        return int(minutes * 2)
    if minutes < 64:
        return int(minutes / 2) + 12
    if minutes < 512:
        return int(minutes / 16) + 40
    return 72


def bucket_bounds(bucket: int) -> tuple[float, float | None]:
    """[low, high) of a bucket (high None: no upper bound)."""
    if bucket < 16:
        return bucket / 2, (bucket + 1) / 2
    if bucket < 44:
        return (bucket - 12) * 2.0, (bucket - 11) * 2.0
    if bucket < 72:
        return (bucket - 40) * 16.0, (bucket - 39) * 16.0
    return 512.0, None


def histogram_bin(minutes: float) -> int:
    return bisect_right(HISTOGRAM_EDGES, minutes)


class Tally:
    """Counts per (cell, metric, key): ``n`` and, for ``unit_busy``, ``ms`` (whole ms)."""

    def __init__(self, ref: ReferenceData) -> None:
        self._ref = ref
        self.n: Counter[tuple[Cell, str, str]] = Counter()
        self.ms: Counter[tuple[Cell, str, str]] = Counter()

    def _add(self, cell: Cell, metric: str, key: str, n: int = 1) -> None:
        self.n[(cell, metric, key)] += n
        if cell[1] != ALL_UNITS:
            self.n[((cell[0], ALL_UNITS, cell[2]), metric, key)] += n

    # Calls -------------------------------------------------------------------------------------

    def add_call(self, cell: Cell, has_report: bool, legs: Iterable[float | None]) -> None:
        self._add(cell, "totals", "calls")
        if has_report:
            self._add(cell, "totals", "calls_with_report")
        for name, v in zip(LEG_NAMES, legs, strict=True):
            if v is not None:
                self._add(cell, "leg", f"{name}{SEP}{leg_bucket(v):02d}")
                if name == "received_to_on_scene":
                    self._add(cell, "histogram", str(histogram_bin(v)))

    def add_busy(self, cell: Cell, unit: str, minutes: float) -> None:
        ms = round(minutes * 60000)
        for c in (cell, (cell[0], ALL_UNITS, cell[2])) if cell[1] != ALL_UNITS else (cell,):
            self.n[(c, "unit_busy", unit)] += 1
            self.ms[(c, "unit_busy", unit)] += ms

    # Reports -----------------------------------------------------------------------------------

    def add_report(self, cell: Cell, row: Any, n: int) -> None:
        """One grouped row of report facts (the ``COMBO`` columns, priority, police_outcome)."""
        add = self._add
        add(cell, "totals", "reports", n)
        d = self._ref.dispositions.get(row["disposition_code"])
        group = d.get("group") if d else None
        if row["disposition_code"] is None:
            add(cell, "quality", "reports_missing_disposition", n)
        elif group is None:
            add(cell, "quality", "unknown_disposition", n)
        else:
            add(cell, "grid", f"{group}{SEP}{row['priority']}", n)
        for flag in ("backup_requested", "call_transferred_988", "warm_transfer_988",
                     "follow_up_needed"):
            if row[flag]:
                add(cell, "count", flag, n)
        if row["backup_requested"] and row["backup_reason_code"]:
            add(cell, "backup_reasons", row["backup_reason_code"], n)
        for column, metric in (("police_handoff_reason_code", "handoff_reasons"),
                               ("transport_mode_code", "by_mode"),
                               ("transport_destination_code", "by_destination"),
                               ("shelter_placement_code", "shelter"), ("hold_code", "holds"),
                               ("response_model_code", "response_model"),
                               ("call_source_code", "call_source")):
            if row[column]:
                add(cell, metric, row[column], n)
        if row["transport_mode_code"] or row["transport_destination_code"]:
            add(cell, "count", "transports", n)
        model = self._ref.response_models.get(row["response_model_code"])
        if not (row["backup_requested"] or row["police_outcome"]
                or (model is not None and model.get("police"))):
            add(cell, "count", "without_police", n)
        for column, list_name in (("call_source_code", "call_sources"),
                                  ("backup_reason_code", "backup_reasons"),
                                  ("police_handoff_reason_code", "police_handoff_reasons"),
                                  ("transport_destination_code", "transport_destinations")):
            self._other(cell, list_name, row[column], n)

    def _other(self, cell: Cell, list_name: str, code: str | None, n: int) -> None:
        if code:
            self._add(cell, "other", "coded", n)
            found = self._ref.lists[list_name].get(code)
            if found is not None and found.get("other"):
                self._add(cell, "other", "used", n)

    def add_code(self, cell: Cell, field: str, code: str, response: str | None, n: int) -> None:
        if field == "outcome":
            self._add(cell, "outcomes", code, n)
        elif field == "referral":
            self._add(cell, "referrals", code, n)
            self._other(cell, "referral_destinations", code, n)
        elif field == "flag":
            self._add(cell, "flags", code, n)
        elif field == "service" and response:
            self._add(cell, "service", f"{code}{SEP}{response}", n)

    def add_persons(self, cell: Cell, n: int, accepted: int, by_response: dict[str, int]) -> None:
        for key, v in (("with", n), ("accepted", accepted),
                       *((f"r{SEP}{k}", v) for k, v in by_response.items())):
            if v:
                self._add(cell, "persons", key, v)

    def add_name(self, cell: Cell, column: str, name: str, n: int) -> None:
        self._add(cell, column, name, n)

    # Reading -----------------------------------------------------------------------------------

    def minus(self, other: Tally) -> Tally:
        out = Tally(self._ref)
        out.n.update(self.n)
        out.n.subtract(other.n)
        out.ms.update(self.ms)
        out.ms.subtract(other.ms)
        return out

    def summed(self, units: tuple[str, ...] = ()) -> Sums:
        """Everything summed over cells: the all-units cells, or those of ``units``."""
        sums = Sums()
        for (cell, metric, key), n in self.n.items():
            if (cell[1] == ALL_UNITS) == (not units) and (not units or cell[1] in units):
                sums.add(metric, key, n, self.ms.get((cell, metric, key), 0))
        return sums


class Sums:
    """metric → key → count (and ms for ``unit_busy``), over a scope's cells."""

    def __init__(self) -> None:
        self.n: dict[str, Counter[str]] = defaultdict(Counter)
        self.ms: Counter[str] = Counter()

    def add(self, metric: str, key: str, n: int, ms: int = 0) -> None:
        self.n[metric][key] += n
        if ms:
            self.ms[key] += ms

    def only_units(self, units: tuple[str, ...]) -> None:
        """A serving unit's hours count for a unit-filtered scope only if it is chosen too."""
        if units:
            for key in [k for k in self.n["unit_busy"] if k not in units]:
                del self.n["unit_busy"][key]
                self.ms.pop(key, None)


# Building a tally from the facts ---------------------------------------------------------------

def _day(column: Any) -> Any:
    # Inline numbers: PostgreSQL matches a grouped expression only when its text is the same.
    return func.substr(column, literal_column("1"), literal_column("10"))


def _valid(table: Any) -> Any:
    t = table.c
    cond = and_(t.received_at.is_not(None), t.cancelled == literal(False))
    if "is_current" in t:
        cond = and_(cond, t.is_current == literal(True))
    return cond


def tally_facts(conn: Connection, ref: ReferenceData, where: Callable[[Any], Any],
                calls_too: bool = True) -> Tally:
    """The tally of the fact rows each table's ``where(table)`` picks (cancelled calls and
    superseded reports never count)."""
    out = Tally(ref)
    c, u, f, rc = call_facts.c, call_unit_facts.c, report_facts.c, report_codes.c

    def cell_of(row: Any) -> Cell:
        return (row[0], row[1], row[2])

    if calls_too:
        for row in conn.execute(
                select(_day(c.received_at), c.unit_id, c.type_code, c.has_report,
                       *[c[n] for n in LEG_NAMES])
                .where(_valid(call_facts), where(call_facts))):
            out.add_call(cell_of(row), bool(row[3]), row[4:])
        for row in conn.execute(
                select(_day(u.received_at), u.call_unit_id, u.type_code, u.unit_id,
                       u.busy_minutes)
                .where(_valid(call_unit_facts), where(call_unit_facts),
                       u.busy_minutes.is_not(None))):
            out.add_busy(cell_of(row), row[3], row[4])
    dims_f = (_day(f.received_at).label("day"), f.unit_id, f.type_code)
    cols = [*[f[n] for n in COMBO], f.priority, f.police_outcome]
    f_where = and_(_valid(report_facts), where(report_facts))
    for row in conn.execute(select(*dims_f, *cols, func.count().label("n"))
                            .where(f_where).group_by(*dims_f, *cols)):
        out.add_report(cell_of(row), row._mapping, row.n)
    for row in conn.execute(
            select(_day(f.received_at), f.unit_id, f.type_code, f.transport_facility,
                   f.referral_agency, func.count())
            .where(f_where, or_(f.transport_facility != "", f.referral_agency != ""))
            .group_by(_day(f.received_at), f.unit_id, f.type_code, f.transport_facility,
                      f.referral_agency)):
        if row[3]:
            out.add_name(cell_of(row), "transport_facility", row[3], row[5])
        if row[4]:
            out.add_name(cell_of(row), "referral_agency", row[4], row[5])
    dims_c = (_day(rc.received_at).label("day"), rc.unit_id, rc.type_code)
    rc_where = and_(_valid(report_codes), where(report_codes))
    for row in conn.execute(select(*dims_c, rc.field, rc.code, rc.response, func.count())
                            .where(rc_where)
                            .group_by(*dims_c, rc.field, rc.code, rc.response)):
        out.add_code(cell_of(row), row[3], row[4], row[5], row[6])
    _persons(conn, ref, rc_where, out)
    return out


def _persons(conn: Connection, ref: ReferenceData, rc_where: Any, out: Tally) -> None:
    """Services per person: the people (a report's person, or the person served when the
    answer names none) with at least one service answered, offered, accepted, declined."""
    responses = [c.code for c in ref.service_responses]
    accepted = [c.code for c in ref.service_responses if c.get("accepted")]
    rc = report_codes.c

    def any_of(codes: list[str], label: str) -> Any:
        return func.max(case((rc.response.in_(codes), 1), else_=0)).label(label)

    dims = (_day(rc.received_at).label("day"), rc.unit_id, rc.type_code)
    # person_id is never "" (storage/report_facts.py); GROUP BY puts the NULLs together.
    person = (select(*dims, rc.report_id, rc.person_id,
                     *[any_of([code], f"r{i}") for i, code in enumerate(responses)],
                     any_of(accepted, "accepted"))
              .where(rc_where, rc.field == "service")
              .group_by(*dims, rc.report_id, rc.person_id).subquery())
    p = person.c
    for row in conn.execute(
            select(p.day, p.unit_id, p.type_code, func.count(), func.sum(p.accepted),
                   *[func.sum(p[f"r{i}"]) for i in range(len(responses))])
            .group_by(p.day, p.unit_id, p.type_code)):
        out.add_persons((row[0], row[1], row[2]), int(row[3]), int(row[4] or 0),
                        {code: int(v or 0) for code, v in zip(responses, row[5:], strict=True)})


def tally_of_calls(conn: Connection, ref: ReferenceData, call_ids: Iterable[str]) -> Tally:
    """What these calls (and their reports) contribute to the roll-up now."""
    ids = sorted({c for c in call_ids if c})
    out = Tally(ref)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]

        def where(table: Any, chunk: list[str] = chunk) -> Any:
            if table is report_codes:
                return report_codes.c.report_id.in_(
                    select(report_facts.c.report_id).where(report_facts.c.call_id.in_(chunk)))
            return table.c.call_id.in_(chunk)

        part = tally_facts(conn, ref, where)
        out.n.update(part.n)
        out.ms.update(part.ms)
    return out


# Keeping the roll-up -----------------------------------------------------------------------------

@contextmanager
def tracking(conn: Connection, ref: ReferenceData) -> Iterator[None]:
    """Within this block, fact changes of calls passed to ``touch`` (before they change) are
    added to the roll-up once, when the block ends; nested blocks join the outer one."""
    if _PENDING in conn.info:
        yield
        return
    pending: dict[str, Any] = {"calls": set(), "before": Tally(ref)}
    conn.info[_PENDING] = pending
    try:
        yield
        calls = pending["calls"]
        if calls:
            apply(conn, tally_of_calls(conn, ref, calls).minus(pending["before"]))
    finally:
        conn.info.pop(_PENDING, None)


def touch(conn: Connection, ref: ReferenceData, call_ids: Iterable[str]) -> None:
    """Note calls whose facts are about to change (inside ``tracking``)."""
    pending = conn.info.get(_PENDING)
    if pending is None:
        raise RuntimeError("rollups.touch outside rollups.tracking")
    new = {c for c in call_ids if c} - pending["calls"]
    if new:
        before = tally_of_calls(conn, ref, new)
        pending["before"].n.update(before.n)
        pending["before"].ms.update(before.ms)
        pending["calls"] |= new


def _upsert(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # noqa: PLC0415
    else:
        from sqlalchemy.dialects.sqlite import insert  # noqa: PLC0415
    stmt = insert(metric_rollups)
    return stmt.on_conflict_do_update(
        index_elements=["unit_id", "day", "type_code", "metric", "key"],
        set_={"n": metric_rollups.c.n + stmt.excluded.n,
              "ms": metric_rollups.c.ms + stmt.excluded.ms})


def _rows(tally: Tally) -> list[dict[str, Any]]:
    return [{"day": cell[0], "unit_id": cell[1], "type_code": cell[2], "metric": metric,
             "key": key, "n": n, "ms": tally.ms.get((cell, metric, key), 0)}
            for (cell, metric, key), n in tally.n.items()
            if n or tally.ms.get((cell, metric, key), 0)]


def apply(conn: Connection, delta: Tally) -> None:
    """Add a difference to the roll-up; rows that reach zero are removed."""
    rows = _rows(delta)
    if not rows:
        return
    conn.execute(_upsert(conn), rows)
    m = metric_rollups.c
    gone = [r for r in rows if r["n"] < 0]
    if gone:
        conn.execute(delete(metric_rollups).where(
            m.day == _bind("day"), m.unit_id == _bind("unit_id"),
            m.type_code == _bind("type_code"), m.metric == _bind("metric"),
            m.key == _bind("key"), m.n == 0), [
            {f"b_{k}": r[k] for k in ("day", "unit_id", "type_code", "metric", "key")}
            for r in gone])


def _bind(name: str) -> Any:
    from sqlalchemy import bindparam  # noqa: PLC0415

    return bindparam(f"b_{name}")


def rebuild(conn: Connection, ref: ReferenceData) -> int:
    """Build the whole roll-up from the facts (Alembic 0013); returns its rows."""
    conn.execute(delete(metric_rollups))
    rows = _rows(tally_facts(conn, ref, lambda _t: true()))
    for i in range(0, len(rows), 20_000):
        conn.execute(metric_rollups.insert(), rows[i:i + 20_000])
    return len(rows)


def stored(conn: Connection) -> dict[tuple[str, ...], tuple[int, int]]:
    return {(r.day, r.unit_id, r.type_code, r.metric, r.key): (r.n, r.ms)
            for r in conn.execute(select(metric_rollups)) if r.n or r.ms}


def recomputed(conn: Connection, ref: ReferenceData) -> dict[tuple[str, ...], tuple[int, int]]:
    """What the roll-up must hold, built afresh from the facts (the consistency check)."""
    return {(r["day"], r["unit_id"], r["type_code"], r["metric"], r["key"]): (r["n"], r["ms"])
            for r in _rows(tally_facts(conn, ref, lambda _t: true()))}


def read(conn: Connection, first: date, last: date, units: tuple[str, ...],
         call_types: tuple[str, ...]) -> Sums:
    """The roll-up summed over whole days ``first``..``last`` for the units (none: all) and
    call types (none: all)."""
    m = metric_rollups.c
    cond = and_(m.day >= first.isoformat(), m.day <= last.isoformat(),
                m.unit_id.in_(units) if units else m.unit_id == ALL_UNITS)
    if call_types:
        cond = and_(cond, m.type_code.in_(call_types))
    sums = Sums()
    for metric, key, n, ms in conn.execute(
            select(m.metric, m.key, func.sum(m.n), func.sum(m.ms)).where(cond)
            .group_by(m.metric, m.key)):
        if n:
            sums.add(metric, key, int(n), int(ms or 0))
    sums.only_units(units)
    return sums
