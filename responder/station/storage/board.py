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
        shifts = _open_shifts(conn, ref)
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


def _open_shifts(conn: Any, ref: ReferenceData) -> dict[str, dict[str, Any]]:
    """Each unit's latest shift (the unit pushes it at start and again at end), when it is
    still open: its crew as "Name (role label)" and its vehicle."""
    latest = (
        select(records.c.unit_id, func.max(records.c.received_at).label("at"))
        .where(records.c.kind == "shift")
        .group_by(records.c.unit_id)
        .subquery()
    )
    rows = conn.execute(
        select(records.c.unit_id, records.c.entity_id, records.c.payload)
        .join(
            latest,
            and_(records.c.unit_id == latest.c.unit_id, records.c.received_at == latest.c.at),
        )
        .where(records.c.kind == "shift")
    ).all()
    found: dict[str, dict[str, Any]] = {}
    for unit_id, entity_id, text in rows:
        shift = load_row(text, f"shift {entity_id}")
        if not isinstance(shift, dict) or shift.get("ended_at"):
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
