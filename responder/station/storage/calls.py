"""Calls on the station: dispatch intake, updates that reach units, and the call timeline.

The station owns call data. Every change bumps ``station_revision`` and appends feed rows in the
same transaction: the assigned unit gets the new ``call``; a unit that lost the call gets it back
marked cancelled (with its new unit id) so it leaves that unit's board.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.models import Call, StatusEvent
from civilian_responder.reference import ReferenceData
from civilian_responder.station.errors import Conflict, Invalid, NotFound
from civilian_responder.station.storage import briefing, call_facts, feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.devices import check_unit_id
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.tables import call_events, call_units, calls, counters
from sqlalchemy import Connection, Engine, bindparam, select, update

log = logging.getLogger(__name__)
CALL_FIELDS = [f.name for f in dataclasses.fields(Call)]
EVENT_FIELDS = [f.name for f in dataclasses.fields(StatusEvent)]
MAX_TEXT = 20_000
CAD_PATTERN = re.compile(r"^(\d{4})-(\d{6})$")


@dataclass(frozen=True)
class CallSpec:
    unit_id: str
    type_code: str
    priority: int
    address: str
    narrative: str = ""
    caution_notes: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    cross_streets: str = ""
    location_note: str = ""
    latitude: float | None = None
    longitude: float | None = None
    type_text: str = ""
    incident_id: str | None = None
    received_at: str | None = None  # when CAD received the call; None: now


@dataclass(frozen=True)
class CallUpdate:
    priority: int | None = None
    add_note: str | None = None
    unit_id: str | None = None
    cancel: bool = False
    cancel_reason: str = ""
    narrative: str | None = None
    caution_notes: str | None = None


def received(source_time: str | None, now: str) -> str:
    """The call's received time: the source's (CAD, EIDO), in our UTC form, else now. A time
    after now (a clock ahead of ours) is taken as now, so no response leg comes out negative."""
    if not source_time:
        return now
    stamp = iso(parse_iso(source_time))
    return min(stamp, now)


def _zoned(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(
            value.strip().replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def call_payload(row: Any) -> dict[str, Any]:
    """Exactly the fields of ``civilian_responder.models.Call``, as the unit stores them."""
    m = row._mapping
    out = {name: m[name] for name in CALL_FIELDS}
    out["self_initiated"] = bool(out["self_initiated"])
    out["cancelled"] = bool(out["cancelled"])
    return out


# Built once: a push looks calls up several times per change.
_CALL = select(calls).where(calls.c.id == bindparam("call_id"))
_UNITS = select(call_units.c.unit_id).where(call_units.c.call_id == bindparam("call_id"))


_COUNTER = select(counters.c.value).where(counters.c.name == bindparam("name"))
_NEW_COUNTER = counters.insert()
_SET_COUNTER = update(counters).where(counters.c.name == bindparam("counter")).values(
    value=bindparam("to"))
_NEW_CALL = calls.insert()
_NEW_CALL_UNIT = call_units.insert()


def get_row(conn: Connection, call_id: str) -> Any:
    return run(conn, _CALL, {"call_id": call_id}).first()


def units_of(conn: Connection, call_id: str) -> set[str]:
    return {r.unit_id for r in run(conn, _UNITS, {"call_id": call_id})}


def visible_to(conn: Connection, call_id: str, unit_id: str) -> bool:
    return unit_id in units_of(conn, call_id)


def next_cad(conn: Connection, now: datetime) -> str:
    """The next CAD number for the year. Callers hold the feed lock, so this is serialized.

    The counter never goes below the minute of the year: a station restored from an older
    backup (whose counter went back with it) still hands out numbers above the ones it gave
    before the restore, unless it was numbering faster than one call a minute. Units also
    report the highest numbers they hold (``raise_cad``), which covers that case.
    """
    year = now.year
    name = f"cad-{year}"
    floor = minute_of_year(now)
    current = run(conn, _COUNTER, {"name": name}).scalar_one_or_none()
    value = max((current or 0) + 1, floor)
    if current is None:
        run(conn, _NEW_COUNTER, {"name": name, "value": value})
    else:
        run(conn, _SET_COUNTER, {"counter": name, "to": value})
    return f"{year}-{value:06d}"


def minute_of_year(now: datetime) -> int:
    start = datetime(now.year, 1, 1, tzinfo=now.tzinfo or UTC)
    return max(0, int((now - start).total_seconds() // 60))


def raise_cad(conn: Connection, cad_number: object) -> None:
    """Never hand out a number a unit already holds: lift the year's counter to it."""
    match = CAD_PATTERN.match(cad_number) if isinstance(cad_number, str) else None
    if match is None:
        return
    name, value = f"cad-{match.group(1)}", int(match.group(2))
    current = conn.execute(select(counters.c.value).where(counters.c.name == name)
                           ).scalar_one_or_none()
    if current is None:
        conn.execute(counters.insert().values(name=name, value=value))
    elif current < value:
        conn.execute(update(counters).where(counters.c.name == name).values(value=value))


def renumber(conn: Connection, row: Any, now: datetime) -> Any:
    """Give a call a fresh CAD number (its old one belongs to an older call a unit holds) and
    announce it to its unit."""
    conn.execute(update(calls).where(calls.c.id == row.id).values(
        cad_number=next_cad(conn, now), station_revision=row.station_revision + 1,
        updated_at=iso(now)))
    fresh = get_row(conn, row.id)
    log.warning("call %s renumbered %s -> %s: a unit holds the old number for another call",
                row.id, row.cad_number, fresh.cad_number)
    announce(conn, fresh)
    return fresh


def insert_call(conn: Connection, values: dict[str, Any]) -> Any:
    run(conn, _NEW_CALL, values)
    run(conn, _NEW_CALL_UNIT, {"call_id": values["id"], "unit_id": values["unit_id"]})
    return get_row(conn, values["id"])


def announce(conn: Connection, row: Any, unit_id: str | None = None) -> None:
    payload = call_payload(row)
    feed.append(conn, unit_id or payload["unit_id"], "call", payload["id"], payload,
                payload["updated_at"])


def station_event(conn: Connection, row: Any, unit_id: str, kind: str, status: str, at: str,
                  note: str = "", actor: str = "") -> None:
    event = StatusEvent(new_id(), row.id, kind, status, at, note=note, actor=actor,
                        origin="station")
    conn.execute(call_events.insert().values(**dataclasses.asdict(event), unit_id=unit_id))
    feed.append(conn, unit_id, "call_event", event.id, dataclasses.asdict(event), at)
    if kind == "status" and status == "DISPATCHED":  # the unit gets what is known there
        briefing.send_briefing(conn, row, unit_id, at)


def _text(value: str, name: str, errors: dict[str, str], required: bool = False) -> str:
    if required and not value.strip():
        errors[name] = "is required"
    if len(value) > MAX_TEXT:
        errors[name] = f"is longer than {MAX_TEXT} characters"
    return value.strip()


class Dispatch:
    def __init__(self, engine: Engine, clock: Clock, reference: ReferenceData) -> None:
        self._engine = engine
        self._clock = clock
        self._ref = reference

    def check_priority(self, priority: object, errors: dict[str, str]) -> None:
        if isinstance(priority, bool) or str(priority) not in self._ref.priorities:
            errors["priority"] = f"must be one of {', '.join(self._ref.priorities.codes())}"

    def validate(self, spec: CallSpec, known_type: bool = True) -> None:
        errors: dict[str, str] = {}
        try:
            check_unit_id(spec.unit_id)
        except Invalid as exc:
            errors["unit_id"] = exc.message
        if known_type and spec.type_code not in self._ref.call_types:
            errors["type_code"] = f"{spec.type_code!r} is not a call type code"
        if not spec.type_code.strip() or len(spec.type_code) > 32:
            errors["type_code"] = "must be 1-32 characters"
        self.check_priority(spec.priority, errors)
        _text(spec.address, "address", errors, required=True)
        for name in ("narrative", "caution_notes", "caller_name", "caller_phone",
                     "cross_streets", "location_note"):
            _text(getattr(spec, name), name, errors)
        for name, bound in (("latitude", 90), ("longitude", 180)):
            v = getattr(spec, name)
            if v is not None and not -bound <= v <= bound:
                errors[name] = f"must be between -{bound} and {bound}"
        if spec.received_at is not None:
            if not _zoned(spec.received_at):
                errors["received_at"] = "must be an ISO-8601 time with a zone"
        if errors:
            raise Invalid("The call cannot be created: " + "; ".join(
                f"{k} {v}" for k, v in errors.items()))

    def create(self, spec: CallSpec, actor: str, known_type: bool = True,
               source: str = "dispatch") -> dict[str, Any]:
        self.validate(spec, known_type)
        now = self._clock.now()
        at = iso(now)
        with write(self._engine) as conn:
            lock_feed(conn)
            values = dataclasses.asdict(spec)
            values.update(
                id=new_id(), cad_number=next_cad(conn, now), status="DISPATCHED",
                self_initiated=False, cancelled=False, station_revision=1, source=source,
                received_at=received(spec.received_at, at), updated_at=at,
                priority=int(spec.priority),
            )
            row = insert_call(conn, values)
            announce(conn, row)
            station_event(conn, row, spec.unit_id, "status", "DISPATCHED", at, actor=actor)
            call_facts.refresh(conn, self._ref, [row.id])
        log.info("call %s (%s) dispatched to %s by %s", row.id, row.cad_number, spec.unit_id,
                 actor)
        return call_payload(row)

    def update(self, call_id: str, change: CallUpdate, actor: str) -> dict[str, Any]:
        errors: dict[str, str] = {}
        if change.priority is not None:
            self.check_priority(change.priority, errors)
        if change.unit_id is not None:
            try:
                check_unit_id(change.unit_id)
            except Invalid as exc:
                errors["unit_id"] = exc.message
        for name in ("add_note", "narrative", "caution_notes", "cancel_reason"):
            value = getattr(change, name)
            if value is not None:
                _text(value, name, errors)
        if errors:
            raise Invalid("The call cannot be updated: " + "; ".join(
                f"{k} {v}" for k, v in errors.items()))
        with write(self._engine) as conn:
            lock_feed(conn)
            row = get_row(conn, call_id)
            if row is None:
                raise NotFound(f"No call with id {call_id}")
            if row.cancelled and (change.priority is not None or change.unit_id is not None):
                raise Conflict(f"Call {row.cad_number} is cancelled; create a new call instead")
            result = self._apply_update(conn, row, change, actor)
            call_facts.refresh(conn, self._ref, [row.id])
            return result

    def _apply_update(self, conn: Connection, row: Any, change: CallUpdate,
                      actor: str) -> dict[str, Any]:
        at = iso(self._clock.now())
        values: dict[str, Any] = {}
        if change.priority is not None and int(change.priority) != row.priority:
            values["priority"] = int(change.priority)
        for name in ("narrative", "caution_notes"):
            new = getattr(change, name)
            if new is not None and new != getattr(row, name):
                values[name] = new
        old_unit = row.unit_id
        moving = change.unit_id is not None and change.unit_id != old_unit
        if moving:
            values.update(unit_id=change.unit_id, status="DISPATCHED")
        if change.cancel and not row.cancelled:
            values["cancelled"] = True
        note = (change.add_note or "").strip()
        if not values and not note:
            return call_payload(row)
        values.update(updated_at=at, station_revision=row.station_revision + 1)
        log.info("call %s updated by %s: %s%s", row.id, actor, ", ".join(sorted(values)),
                 ", note" if note else "")
        conn.execute(update(calls).where(calls.c.id == row.id).values(**values))
        row = get_row(conn, row.id)
        if moving:
            self._reassign(conn, row, old_unit, at, actor)
        else:
            announce(conn, row)
        if note:
            station_event(conn, row, row.unit_id, "note", row.status, at, note=note, actor=actor)
        if values.get("cancelled"):
            why = change.cancel_reason.strip() or "no reason given"
            station_event(conn, row, row.unit_id, "note", row.status, at,
                          note=f"Call cancelled by dispatch: {why}", actor=actor)
        return call_payload(row)

    def _reassign(self, conn: Connection, row: Any, old_unit: str, at: str, actor: str) -> None:
        # The old unit learns the call is gone from its board; the new one gets it dispatched.
        gone = dict(call_payload(row), cancelled=True)
        feed.append(conn, old_unit, "call", row.id, gone, at)
        station_event(conn, row, old_unit, "note", row.status, at,
                      note=f"Reassigned to {row.unit_id} by dispatch", actor=actor)
        if row.unit_id not in units_of(conn, row.id):
            conn.execute(call_units.insert().values(call_id=row.id, unit_id=row.unit_id))
        announce(conn, row)
        station_event(conn, row, row.unit_id, "status", "DISPATCHED", at, actor=actor)

    def get(self, call_id: str) -> dict[str, Any]:
        with self._engine.connect() as conn:
            row = get_row(conn, call_id)
            if row is None:
                raise NotFound(f"No call with id {call_id}")
            events = conn.execute(select(call_events).where(call_events.c.call_id == call_id)
                                  .order_by(call_events.c.at, call_events.c.id)).all()
            units = sorted(units_of(conn, call_id))
        return {
            "call": call_payload(row),
            "incident_id": row.incident_id, "type_text": row.type_text, "source": row.source,
            "units": units,
            "events": [dict(e._mapping) for e in events],
        }

    def resolve(self, ref: str) -> str:
        """A call id from an id or a CAD number (what a dispatcher has at hand)."""
        with self._engine.connect() as conn:
            found = conn.execute(select(calls.c.id).where(
                (calls.c.id == ref) | (calls.c.cad_number == ref))).scalar_one_or_none()
        if found is None:
            raise NotFound(f"No call with id or CAD number {ref}")
        return str(found)

    def find_by_incident(self, incident_id: str) -> str | None:
        with self._engine.connect() as conn:
            return conn.execute(select(calls.c.id).where(calls.c.incident_id == incident_id)
                                ).scalar_one_or_none()

    def list_calls(self, unit_id: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        query = select(calls).order_by(calls.c.received_at.desc()).limit(max(1, min(limit, 5000)))
        if unit_id:
            query = query.where(calls.c.unit_id == unit_id)
        with self._engine.connect() as conn:
            return [call_payload(r) for r in conn.execute(query)]
