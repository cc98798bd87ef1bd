"""What units send so a station restored from an older backup gets back what it lost.

A unit that notices the station went back (``sync/state``) re-sends everything it had synced,
plus two kinds only this recovery uses:

- ``call_copy``: the unit's copy of a call it holds (dispatched or on-view, with its CAD
  number). A station that lost the call re-creates it under the same id and number, so the
  unit's status events and reports for it are accepted again; a station holding an older
  revision takes the unit's newer one (a cancellation is never undone). A number the restored
  station meanwhile gave to another call goes back to the unit's call; the other call is
  renumbered and announced.
- ``review_copy``: a supervisor decision the unit holds. A return is restored (it only gives the
  report back to its unit); an approval is never taken from a unit's word: it is flagged in the
  conflicts list for a supervisor to approve again.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from civilian_responder.clock import iso, new_id
from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage import calls as call_store
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.devices import Device
from civilian_responder.station.storage.records import (
    APPLIED,
    Outcome,
    Rejected,
    _int,
    _str,
    _time,
)
from civilian_responder.station.storage.tables import (
    call_units,
    calls,
    conflicts,
    reviews,
)
from civilian_responder.station.storage.tables import reports as reports_t
from sqlalchemy import Connection, select, update

log = logging.getLogger(__name__)
_TEXTS = ("cross_streets", "location_note", "caller_name", "narrative", "caution_notes")
RESTORED_BY = "restored from the unit's copy"


def apply_call_copy(conn: Connection, ref: ReferenceData, device: Device, entity_id: str,
                    p: dict[str, Any], now: datetime) -> Outcome:
    if p.get("id") != entity_id:
        raise Rejected("invalid", "payload.id must equal the change's entity_id")
    cad = _str(p, "cad_number", limit=32)
    unit_id = _str(p, "unit_id", limit=32) or ""
    revision = _int(p, "station_revision", 0, 2**31 - 1)
    call_store.raise_cad(conn, cad)
    row = call_store.get_row(conn, entity_id)
    if row is None:
        return _recreate(conn, ref, device, entity_id, unit_id, cad or "", revision, p, now)
    if not call_store.visible_to(conn, entity_id, device.unit_id):
        raise Rejected("forbidden", f"call {entity_id} is not assigned to unit {device.unit_id}")
    if revision <= row.station_revision:
        return Outcome("duplicate")
    values: dict[str, Any] = {
        "priority": _int(p, "priority", 1, 9), "station_revision": revision,
        "cancelled": bool(row.cancelled) or _cancelled(p, device), "updated_at": iso(now),
    }
    if unit_id != device.unit_id and unit_id != row.unit_id:
        # The unit saw the call reassigned away (the restore lost that): assign it again.
        values.update(unit_id=unit_id, status="DISPATCHED")
        if unit_id not in call_store.units_of(conn, entity_id):
            conn.execute(call_units.insert().values(call_id=entity_id, unit_id=unit_id))
    for name in _TEXTS:
        values[name] = _str(p, name, required=False)
    conn.execute(update(calls).where(calls.c.id == entity_id).values(**values))
    call_store.announce(conn, call_store.get_row(conn, entity_id))  # the unit's other devices
    log.warning("call %s: took unit %s's newer copy (revision %s over %s)", entity_id,
                device.unit_id, revision, row.station_revision)
    return APPLIED


def _recreate(conn: Connection, ref: ReferenceData, device: Device, entity_id: str,
              unit_id: str, cad: str, revision: int, p: dict[str, Any],
              now: datetime) -> Outcome:
    status = p.get("status")
    if status not in ref.unit_statuses:
        raise Rejected("invalid", f"payload.status {status!r} is not a unit status code")
    holder = conn.execute(select(calls).where(calls.c.cad_number == cad)).first()
    if holder is not None:
        call_store.renumber(conn, holder, now)
    values: dict[str, Any] = {
        "id": entity_id, "cad_number": cad, "unit_id": unit_id, "status": status,
        "type_code": _str(p, "type_code", limit=32), "priority": _int(p, "priority", 1, 9),
        "address": _str(p, "address", required=False, limit=2000),
        "received_at": _time(p, "received_at"), "updated_at": iso(now),
        "caller_phone": _str(p, "caller_phone", required=False, limit=64),
        "self_initiated": bool(p.get("self_initiated")), "cancelled": _cancelled(p, device),
        "station_revision": revision, "type_text": "",
        "source": "unit" if p.get("self_initiated") else "restored",
    }
    for name in _TEXTS:
        values[name] = _str(p, name, required=False)
    for name, bound in (("latitude", 90), ("longitude", 180)):
        v = p.get(name)
        values[name] = v if isinstance(v, int | float) and not isinstance(v, bool) \
            and -bound <= v <= bound else None
    conn.execute(calls.insert().values(**values))
    # The sending unit may see it (and send its records for it); a call reassigned away from
    # it stays assigned where the copy says, as it was before the restore.
    for unit in {unit_id, device.unit_id}:
        conn.execute(call_units.insert().values(call_id=entity_id, unit_id=unit))
    # The unit's other devices may never have seen it (the restore lost its announcement).
    call_store.announce(conn, call_store.get_row(conn, entity_id), device.unit_id)
    log.warning("call %s (%s) re-created from unit %s's copy", entity_id, cad, device.unit_id)
    return APPLIED


def _cancelled(p: dict[str, Any], device: Device) -> bool:
    """A copy of a call reassigned away says ``cancelled`` only to mean "not yours any more"."""
    return bool(p.get("cancelled")) and p.get("unit_id") == device.unit_id


def apply_review_copy(conn: Connection, device: Device, change_id: str, entity_id: str,
                      p: dict[str, Any], now: str) -> Outcome:
    decision = p.get("decision")
    if decision not in ("approved", "returned"):
        raise Rejected("invalid", "payload.decision must be approved or returned")
    if p.get("report_id") != entity_id:
        raise Rejected("invalid", "payload.report_id must equal the change's entity_id")
    at = _str(p, "at", required=False, limit=40) or now
    comment = _str(p, "comment", required=False, limit=5000) or ""
    row = conn.execute(select(reports_t).where(reports_t.c.id == entity_id)).first()
    if row is not None and row.unit_id != device.unit_id:
        raise Rejected("forbidden", "this report belongs to another unit")
    if decision == "returned":
        known = row is not None and conn.execute(
            select(reviews.c.id).where(reviews.c.report_id == entity_id)
            .where(reviews.c.decision == "returned").where(reviews.c.at == at)).first()
        if row is None or known or row.state != "submitted":
            return Outcome("duplicate")  # nothing to give back, or it was not lost
        conn.execute(update(reports_t).where(reports_t.c.id == entity_id).values(
            state="returned", reviewed_at=at, reviewer=RESTORED_BY, review_comment=comment))
        conn.execute(reviews.insert().values(id=new_id(), report_id=entity_id,
                                             decision="returned", comment=comment,
                                             reviewer=RESTORED_BY, at=at))
        return APPLIED
    if row is not None and row.state in ("approved", "superseded"):
        return Outcome("duplicate")
    number = f"{row.report_number} v{row.version}" if row is not None else entity_id
    reason = (f"unit {device.unit_id} holds an approval of report {number} (at {at}) that this "
              "station does not: it was probably restored from an older backup. Review the "
              "report again.")
    conn.execute(conflicts.insert().values(
        change_id=change_id, device_id=device.id, kind="review_copy", entity_id=entity_id,
        reason=reason, payload=feed.canonical({"payload": p}), received_at=now))
    log.warning("report %s: approval held by unit %s is missing here; flagged", entity_id,
                device.unit_id)
    return APPLIED
