"""What each pushed kind does on the station, with the ownership rules.

The unit owns its status events (append-only), its self-initiated calls until the station
numbers them, its reports until submitted, its checklist runs, audit events and attachment
metadata. Anything naming another unit's call or report is rejected as ``forbidden``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from civilian_responder.clock import parse_iso
from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage import calls as call_store
from civilian_responder.station.storage import eido_outbox, feed
from civilian_responder.station.storage.devices import Device
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.report_facts import replace_facts
from civilian_responder.station.storage.tables import (
    call_events,
    calls,
    records,
    report_submissions,
)
from civilian_responder.station.storage.tables import reports as reports_t
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

MAX_ATTACHMENT = 15 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")
EVENT_KINDS = ("status", "backup", "note")
EVENT_FIELDS = call_store.EVENT_FIELDS


class Rejected(Exception):
    """A change the station will not apply; ``kind`` is invalid / forbidden / not_found."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    status: str  # applied | duplicate | conflict
    reason: str = ""


APPLIED = Outcome("applied")


def _str(p: dict[str, Any], name: str, required: bool = True, limit: int = 20_000,
         allow_none: bool = False) -> str | None:
    value = p.get(name)
    if value is None and (allow_none or not required):
        return None if allow_none else ""
    if not isinstance(value, str):
        raise Rejected("invalid", f"payload.{name} must be a string")
    if required and not value.strip():
        raise Rejected("invalid", f"payload.{name} is required")
    if len(value) > limit:
        raise Rejected("invalid", f"payload.{name} is longer than {limit} characters")
    return value


def _int(p: dict[str, Any], name: str, low: int, high: int) -> int:
    value = p.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Rejected("invalid", f"payload.{name} must be a whole number from {low} to {high}")
    return value


def _time(p: dict[str, Any], name: str) -> str:
    value = _str(p, name, limit=40)
    try:
        parse_iso(value or "")
    except ValueError:
        raise Rejected("invalid", f"payload.{name} is not an ISO-8601 time") from None
    return value or ""


# Built once: these run for nearly every pushed change.
_EVENT = select(call_events).where(call_events.c.id == bindparam("id"))
_REPORT = select(reports_t).where(reports_t.c.id == bindparam("id"))
_REPORT_OWNER = select(reports_t.c.unit_id).where(reports_t.c.id == bindparam("id"))
_RECORD = select(records).where(records.c.kind == bindparam("kind")).where(
    records.c.entity_id == bindparam("id"))
_NEW_EVENT = call_events.insert()
_NEW_EVENT_ONCE = sqlite_insert(call_events).on_conflict_do_nothing(index_elements=["id"])
_NEW_SUBMISSION = report_submissions.insert()
_NEW_REPORT = reports_t.insert()
_NEW_RECORD = records.insert()
_SUPERSEDE = (update(reports_t).where(reports_t.c.id == bindparam("old"))
              .where(reports_t.c.unit_id == bindparam("unit"))
              .where(reports_t.c.state.in_(("submitted", "returned", "approved")))
              .values(state="superseded"))


def _same_id(p: dict[str, Any], entity_id: str) -> None:
    if p.get("id") != entity_id:
        raise Rejected("invalid", "payload.id must equal the change's entity_id")


# ``known``: a push batch's memo of calls it has seen, each with its assigned units (a call in
# it exists). Only kinds that never create calls or change assignments are given one, and the
# batch forgets it before any other kind (push.py), so it always says what the tables say.
Known = dict[str, set[str]]


def _units(conn: Connection, call_id: str, known: Known | None) -> set[str]:
    """The units of an existing call."""
    if known is None:
        return call_store.units_of(conn, call_id)
    units = known.get(call_id)
    if units is None:
        units = known[call_id] = call_store.units_of(conn, call_id)
    return units


def _call_for(conn: Connection, device: Device, call_id: str, known: Known | None = None,
              row_needed: bool = True) -> Any:
    if row_needed or known is None or call_id not in known:
        row = call_store.get_row(conn, call_id)
        if row is None:
            raise Rejected("not_found", f"call {call_id} is not known to the station")
    else:
        row = None  # the caller only asks whether the call exists and is the unit's
    if device.unit_id not in _units(conn, call_id, known):
        raise Rejected("forbidden", f"call {call_id} is not assigned to unit {device.unit_id}")
    return row


def apply_status_event(conn: Connection, ref: ReferenceData, device: Device, entity_id: str,
                       call_id: str | None, p: dict[str, Any],
                       known: Known | None = None) -> Outcome:
    _same_id(p, entity_id)
    event_call = _str(p, "call_id", limit=64) or ""
    if call_id is not None and call_id != event_call:
        raise Rejected("invalid", "payload.call_id differs from the change's call_id")
    kind = _str(p, "kind", limit=16)
    if kind not in EVENT_KINDS:
        raise Rejected("invalid", f"payload.kind must be one of {', '.join(EVENT_KINDS)}")
    status = _str(p, "status", limit=32)
    if status not in ref.unit_statuses:
        raise Rejected("invalid", f"payload.status {status!r} is not a unit status code")
    values = {
        "id": entity_id, "call_id": event_call, "kind": kind, "status": status,
        "at": _time(p, "at"), "reason_code": _str(p, "reason_code", False, 64, allow_none=True),
        "note": _str(p, "note", required=False), "actor": _str(p, "actor", False, 128),
        "origin": "unit", "unit_id": device.unit_id, "device_id": device.id,
    }
    row = _call_for(conn, device, event_call, known)  # the row read afresh: its status
    if conn.dialect.name == "sqlite":  # one statement: written unless the id is held already
        inserted = run(conn, _NEW_EVENT_ONCE, values).rowcount == 1
    else:
        inserted = False
    if not inserted:
        existing = conn.execute(_EVENT, {"id": entity_id}).first()
        if existing is not None:
            same = all(existing._mapping[k] == v for k, v in values.items())
            return Outcome("duplicate") if same else Outcome(
                "conflict", f"status event {entity_id} was already received with other content")
        conn.execute(_NEW_EVENT, values)
    if kind == "status":  # CAD learns the unit's status (docs/cad.md)
        eido_outbox.queue(conn, "status", event_call, entity_id, f"status:{entity_id}",
                          values["at"])
    if (kind == "status" and row.unit_id == device.unit_id
            and status_rank(ref, status) >= status_rank(ref, row.status)):
        # Merged by the lifecycle, not by arrival: a unit's devices sync in any order, and a
        # call one of them cleared must not go back to "acknowledged" when another syncs.
        run(conn, _CALL_STATUS, {"call": row.id, "status": status})
    # The unit's other devices learn of it through pull (the sender already has it).
    event = {name: values[name] for name in EVENT_FIELDS}
    feed.append(conn, device.unit_id, "call_event", entity_id, event, values["at"])
    return APPLIED


_CALL_STATUS = update(calls).where(calls.c.id == bindparam("call")).values(
    status=bindparam("status"))


def status_rank(ref: ReferenceData, status: str) -> int:
    """How far along the lifecycle a unit status is (its place in the reference list)."""
    codes = ref.unit_statuses.codes()
    return codes.index(status) if status in codes else -1


def apply_call(conn: Connection, ref: ReferenceData, device: Device, entity_id: str,
               p: dict[str, Any], now: str) -> Outcome:
    """A self-initiated call: stored, numbered, and its CAD number announced to the unit."""
    _same_id(p, entity_id)
    if p.get("unit_id") != device.unit_id:
        raise Rejected("forbidden", f"a unit may only create calls for itself ({device.unit_id})")
    type_code = _str(p, "type_code", limit=32)
    status = p.get("status") or "ON_SCENE"
    if status not in ref.unit_statuses:
        raise Rejected("invalid", f"payload.status {status!r} is not a unit status code")
    values: dict[str, Any] = {
        "id": entity_id, "unit_id": device.unit_id, "type_code": type_code,
        "priority": _int(p, "priority", 1, 9), "status": status,
        "address": _str(p, "address", limit=2000), "received_at": _time(p, "received_at"),
    }
    for name in ("cross_streets", "location_note", "caller_name", "narrative", "caution_notes"):
        values[name] = _str(p, name, required=False)
    values["caller_phone"] = _str(p, "caller_phone", required=False, limit=64)
    for name, bound in (("latitude", 90), ("longitude", 180)):
        v = p.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)
                              or not -bound <= v <= bound):
            raise Rejected("invalid", f"payload.{name} must be a number within ±{bound}")
        values[name] = v
    existing = call_store.get_row(conn, entity_id)
    if existing is not None:
        if existing.source == "unit" and existing.unit_id == device.unit_id:
            return Outcome("duplicate")
        raise Rejected("forbidden", f"call {entity_id} already exists and is not this unit's")
    values.update(
        cad_number=call_store.next_cad(conn, parse_iso(now)), self_initiated=True, cancelled=False,
        station_revision=1, source="unit", updated_at=now, type_text="",
    )
    row = call_store.insert_call(conn, values)
    call_store.announce(conn, row)
    return APPLIED


def apply_report(conn: Connection, ref: ReferenceData, device: Device, change_id: str,
                 entity_id: str, p: dict[str, Any], now: str,
                 known: Known | None = None) -> Outcome:
    _same_id(p, entity_id)
    call_id = _str(p, "call_id", limit=64) or ""
    number = _str(p, "report_number", limit=64) or ""
    version = _int(p, "version", 1, 10_000)
    supersedes = _str(p, "supersedes_id", required=False, limit=64, allow_none=True)
    _str(p, "narrative", required=False, limit=100_000)
    _call_for(conn, device, call_id, known, row_needed=False)
    digest = feed.fingerprint(p)
    text = feed.canonical(p)
    existing = run(conn, _REPORT, {"id": entity_id}).first()
    outcome = _report_outcome(existing, device, digest)
    run(conn, _NEW_SUBMISSION, {
        "report_id": entity_id, "change_id": change_id, "outcome": outcome.status,
        "payload": text, "received_at": now,
    })
    if outcome.status != "applied":
        return outcome
    values = {"payload": text, "payload_hash": digest, "state": "submitted",
              "submitted_at": now, "report_number": number, "version": version,
              "call_id": call_id, "supersedes_id": supersedes, "device_id": device.id}
    if existing is None:
        run(conn, _NEW_REPORT, dict(values, id=entity_id, unit_id=device.unit_id,
                                    review_comment=""))
        if supersedes:
            conn.execute(_SUPERSEDE, {"old": supersedes, "unit": device.unit_id})
    else:
        conn.execute(update(reports_t).where(reports_t.c.id == entity_id).values(**values))
    replace_facts(conn, ref, entity_id, device.unit_id, p)
    eido_outbox.queue(conn, "disposition", call_id, entity_id,
                      f"disposition:{entity_id}:{digest}", now)
    return APPLIED


def _report_outcome(existing: Any, device: Device, digest: str) -> Outcome:
    if existing is None:
        return APPLIED
    if existing.unit_id != device.unit_id:
        raise Rejected("forbidden", "this report belongs to another unit")
    if existing.payload_hash == digest:
        return Outcome("duplicate")
    if existing.state == "returned":
        return APPLIED  # the unit revised a returned report: a resubmission
    if existing.state == "approved":
        return Outcome("conflict", "this report version is approved and final; "
                                   "make a correction instead (both versions kept)")
    return Outcome("conflict", f"this report is already {existing.state} with other content; "
                               "both versions kept")


def _check_attachment(p: dict[str, Any]) -> None:
    _str(p, "report_id", limit=64)
    for name in ("filename", "mime_type"):
        _str(p, name, limit=255)
    _str(p, "caption", required=False, limit=2000)
    _int(p, "size", 0, MAX_ATTACHMENT)
    if not isinstance(p.get("sha256"), str) or not SHA256.match(p["sha256"]):
        raise Rejected("invalid", "payload.sha256 must be 64 lowercase hex digits")


def apply_record(conn: Connection, device: Device, kind: str, entity_id: str,
                 call_id: str | None, p: dict[str, Any], now: str,
                 known: Known | None = None) -> Outcome:
    """Checklist runs, audit events, attachment metadata, shifts (crew, vehicle, mileage) and
    co-responders on calls: kept as the unit sent them."""
    report_id = None
    if kind in ("shift", "co_responder"):
        _same_id(p, entity_id)
    if kind == "attachment_meta":
        _same_id(p, entity_id)
        _check_attachment(p)
        report_id = p["report_id"]
        owner = run(conn, _REPORT_OWNER, {"id": report_id}).scalar_one_or_none()
        if owner is not None and owner != device.unit_id:
            raise Rejected("forbidden", f"report {report_id} belongs to another unit")
    call_id = call_id or (p.get("call_id") if isinstance(p.get("call_id"), str) else None)
    if (call_id and ((known is not None and call_id in known)
                     or call_store.get_row(conn, call_id) is not None)
            and device.unit_id not in _units(conn, call_id, known)):
        raise Rejected("forbidden", f"call {call_id} is not assigned to unit {device.unit_id}")
    text = feed.canonical(p)
    existing = run(conn, _RECORD, {"kind": kind, "id": entity_id}).first()
    if existing is not None:
        if existing.unit_id != device.unit_id:
            raise Rejected("forbidden", f"{kind} {entity_id} belongs to another unit")
        if existing.payload == text:
            return Outcome("duplicate")
        if kind == "audit":  # audit events are append-only: never overwritten
            return Outcome("conflict", f"audit event {entity_id} already received with other "
                                       "content; both kept")
        conn.execute(update(records).where(records.c.kind == kind)
                     .where(records.c.entity_id == entity_id)
                     .values(payload=text, received_at=now, device_id=device.id))
        return APPLIED
    run(conn, _NEW_RECORD, {
        "kind": kind, "entity_id": entity_id, "unit_id": device.unit_id,
        "device_id": device.id, "call_id": call_id, "report_id": report_id,
        "sha256": p.get("sha256") if kind == "attachment_meta" else None,
        "payload": text, "received_at": now,
    })
    return APPLIED
