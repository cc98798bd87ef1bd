"""What a metrics request covers: a period of whole UTC days, optional units and call types,
checked against what the station knows so a typo is named instead of giving zeros."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from civilian_responder.clock import iso
from civilian_responder.reference import ReferenceData
from civilian_responder.station.errors import Invalid
from civilian_responder.station.storage.tables import call_units, calls, devices, reports
from sqlalchemy import ColumnElement, Connection, Engine, and_, func, literal, select, true


@dataclass(frozen=True)
class Scope:
    first_day: date
    last_day: date  # inclusive
    units: tuple[str, ...] = ()
    call_types: tuple[str, ...] = ()
    unfinished_hours: int = 24
    as_of: str = ""  # the time "N hours after clear" is measured to (default: now)

    @property
    def start(self) -> str:
        return iso(datetime.combine(self.first_day, datetime.min.time(), UTC))

    @property
    def end(self) -> str:  # exclusive
        return iso(datetime.combine(self.last_day + timedelta(days=1), datetime.min.time(), UTC))

    def describe(self) -> dict[str, Any]:
        return {"from": self.first_day.isoformat(), "to": self.last_day.isoformat(),
                "timezone": "UTC", "units": list(self.units),
                "call_types": list(self.call_types)}

    def calls_where(self) -> ColumnElement[bool]:
        """Calls received in the period, not cancelled, of the chosen units and types."""
        cond = and_(calls.c.received_at >= self.start, calls.c.received_at < self.end,
                    calls.c.cancelled == literal(False))
        if self.units:
            cond = and_(cond, calls.c.unit_id.in_(self.units))
        if self.call_types:
            cond = and_(cond, calls.c.type_code.in_(self.call_types))
        return cond

    def facts_where(self, table: Any, *unit_columns: Any,
                    straight: bool = False) -> ColumnElement[bool]:
        """The same scope on a metrics fact table (storage/call_facts.py): its copy of the
        call's received time, cancelled flag and type, and the chosen units on each of
        ``unit_columns``. ``straight``: compare the received time as an expression, so SQLite
        reads the table straight through instead of through its received_at index."""
        t = table.c
        received = t.received_at + "" if straight else t.received_at
        cond = and_(received >= self.start, received < self.end,
                    t.cancelled == literal(False))
        if self.call_types:
            cond = and_(cond, t.type_code.in_(self.call_types))
        for column in unit_columns:
            cond = and_(cond, self.unit_where(column))
        if "is_current" in t:
            cond = and_(cond, t.is_current == literal(True))
        return cond

    def unit_where(self, column: Any) -> ColumnElement[bool]:
        return column.in_(self.units) if self.units else true()


def parse_day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise Invalid(f"{flag} {text!r} is not a date; use YYYY-MM-DD") from None


def make_scope(engine: Engine, ref: ReferenceData, date_from: str, date_to: str,
               units: Sequence[str] = (), call_types: Sequence[str] = (),
               unfinished_hours: int = 24, as_of: str = "") -> Scope:
    """A checked scope, or Invalid naming the bad date, unit or call type."""
    first, last = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    if last < first:
        raise Invalid(f"--to {last} is before --from {first}")
    if not 0 <= unfinished_hours <= 24 * 90:
        raise Invalid("unfinished_hours must be between 0 and 2160")
    units = tuple(dict.fromkeys(u.strip() for u in units if u.strip()))
    types = tuple(dict.fromkeys(t.strip() for t in call_types if t.strip()))
    with engine.connect() as conn:
        known = known_units(conn) if units else set()
        unknown = [u for u in units if u not in known]
        if unknown:
            raise Invalid(f"unknown unit {', '.join(unknown)}: no call, device or report has "
                          "ever named it")
        bad = [t for t in types if t not in ref.call_types and not _type_seen(conn, t)]
        if bad:
            raise Invalid(f"unknown call type {', '.join(bad)}")
    return Scope(first, last, units, types, unfinished_hours, as_of)


def known_units(conn: Connection) -> set[str]:
    found: set[str] = set()
    for column in (call_units.c.unit_id, devices.c.unit_id, reports.c.unit_id):
        found.update(conn.execute(select(column).distinct()).scalars())
    return found


def _type_seen(conn: Connection, type_code: str) -> bool:
    return bool(conn.execute(select(func.count()).select_from(calls)
                             .where(calls.c.type_code == type_code)).scalar_one())
