"""The dispatch board's read: units with their current status and crew, open calls by priority.

Open calls are found through ``ix_calls_status`` (statuses that still have a next step), so the
board reads the few hundred live calls, not the year of closed ones.
"""

from __future__ import annotations

from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage.calls import call_payload
from civilian_responder.station.storage.tables import call_events, calls, devices
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
        unit["crew"] = sorted(crew.get(unit_id, ()))
    return {"calls": open_calls, "units": [units[u] for u in sorted(units)]}
