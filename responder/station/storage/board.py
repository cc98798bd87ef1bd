"""The dispatch board's read: units with their current status and crew, open calls by priority.

Open calls are found through ``ix_calls_status`` (statuses that still have a next step), so the
board reads the few hundred live calls, not the year of closed ones.
"""

from __future__ import annotations

from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.bodies import load_row
from civilian_responder.station.storage.calls import call_payload
from civilian_responder.station.storage.tables import call_events, calls, devices, records
from sqlalchemy import Engine, and_, func, select

MAX_OPEN = 1000
# How many of a unit's latest shifts the board looks through for an open one.
RECENT_SHIFTS = 3


def open_statuses(ref: ReferenceData) -> list[str]:
    return [s.code for s in ref.unit_statuses if s.get("next")]


def read_board(engine: Engine, ref: ReferenceData) -> dict[str, Any]:
    is_open = and_(calls.c.status.in_(open_statuses(ref)), calls.c.cancelled.is_(False))
    with engine.connect() as conn:
        rows = conn.execute(
            select(calls)
            .where(is_open)
            .order_by(calls.c.priority, calls.c.received_at)
            .limit(MAX_OPEN)
        ).all()
        fleet = conn.execute(
            select(devices.c.unit_id, func.max(devices.c.last_seen_at))
            .where(devices.c.revoked_at.is_(None))
            .group_by(devices.c.unit_id)
        ).all()
        crew: dict[str, set[str]] = {}
        for unit_id, actor in conn.execute(
            select(call_events.c.unit_id, call_events.c.actor)
            .distinct()
            .select_from(call_events.join(calls, calls.c.id == call_events.c.call_id))
            .where(is_open, call_events.c.origin == "unit", call_events.c.actor != "")
        ):
            if unit_id:
                crew.setdefault(unit_id, set()).add(actor)
        shifts = _open_shifts(conn, ref, is_open)
    open_calls = [call_payload(r) for r in rows]
    units: dict[str, dict[str, Any]] = {
        u: {"unit_id": u, "last_seen_at": seen, "status": "AVAILABLE", "calls": []}
        for u, seen in fleet
    }
    for call in open_calls:
        unit = units.setdefault(
            call["unit_id"],
            {"unit_id": call["unit_id"], "last_seen_at": None, "status": "AVAILABLE", "calls": []},
        )
        if not unit["calls"]:
            unit["status"] = call["status"]  # the most urgent open call's status
        unit["calls"].append(call["cad_number"] or call["id"])
    for unit_id, unit in units.items():
        shift = shifts.get(unit_id)
        unit["crew"] = shift["crew"] if shift else sorted(crew.get(unit_id, ()))
        unit["vehicle"] = shift["vehicle"] if shift else ""
        unit["crew_from"] = "shift" if shift else "events"
    return {"calls": open_calls, "units": [units[u] for u in sorted(units)]}


def _open_shifts(conn: Any, ref: ReferenceData, is_open: Any) -> dict[str, dict[str, Any]]:
    """Each board unit's latest open shift (the unit pushes a shift when it starts and again
    when it ends): its crew as "Name (role label)" and its vehicle.

    One short index range per unit (``ix_records_kind_unit_received``, its last
    ``RECENT_SHIFTS`` shifts), not a read of every shift: an end that arrives after the next
    shift's start (two devices, a late correction) does not hide the open shift. Stored
    payloads are canonical JSON, where a quote inside a string is escaped, so
    ``"ended_at":null`` only matches the shift's own key."""
    board_units = (
        select(devices.c.unit_id.label("unit_id"))
        .where(devices.c.revoked_at.is_(None))
        .union(select(calls.c.unit_id.label("unit_id")).where(is_open))
        .subquery("board_units")
    )
    recent = (
        select(records.c.payload, records.c.received_at)
        .where(records.c.kind == "shift", records.c.unit_id == board_units.c.unit_id)
        .order_by(records.c.received_at.desc())
        .limit(RECENT_SHIFTS)
        .correlate(board_units)
        .subquery("recent")
    )
    latest = (
        select(recent.c.payload)
        .where(recent.c.payload.contains('"ended_at":null'))
        .order_by(recent.c.received_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    found: dict[str, dict[str, Any]] = {}
    for unit_id, text in conn.execute(select(board_units.c.unit_id, latest)):
        shift = load_row(text, f"shift of {unit_id}") if text is not None else None
        if not isinstance(shift, dict) or shift.get("ended_at") is not None:
            continue
        members = [m for m in shift.get("crew") or [] if isinstance(m, dict)]
        found[unit_id] = {
            "crew": [_member(m, ref) for m in members],
            "vehicle": str(shift.get("vehicle") or ""),
        }
    return found


def _member(member: dict[str, Any], ref: ReferenceData) -> str:
    name, code = str(member.get("name") or "?"), member.get("role_code")
    try:
        role = ref.crew_roles.get(str(code))
    except (AttributeError, KeyError):
        role = None
    return f"{name} ({role.label if role is not None else code})" if code else name
