"""The pull feed: an append-only, globally sequenced list of changes addressed to units.

Writers append inside their own transaction (after ``lock_feed``), so a change and the feed rows
announcing it commit together or not at all. Readers page by ``seq``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from civilian_responder.station.bodies import UNREADABLE, load_row
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.tables import feed
from sqlalchemy import Connection, Engine, func, or_, select

MAX_PULL = 1000
DEFAULT_PULL = 200


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


_APPEND = feed.insert()  # built once: nearly every pushed change appends


def append(conn: Connection, unit_id: str | None, kind: str, entity_id: str,
           payload: dict[str, Any], at: str) -> None:
    run(conn, _APPEND, {"unit_id": unit_id, "kind": kind, "entity_id": entity_id,
                                 "payload": canonical(payload), "created_at": at})


def _visible(unit_id: str) -> Any:
    return or_(feed.c.unit_id == unit_id, feed.c.unit_id.is_(None))


def pull(engine: Engine, unit_id: str, cursor: int, limit: int) -> dict[str, Any]:
    """One page of the unit's feed after ``cursor``. Each change names ``prev``, the seq of the
    unit's change before it (0 for the first), so a unit can prove a page has no gaps."""
    limit = max(1, min(limit, MAX_PULL))
    with engine.connect() as conn:
        prev = conn.execute(select(func.max(feed.c.seq)).where(feed.c.seq <= cursor)
                            .where(_visible(unit_id))).scalar_one_or_none() or 0
        rows = conn.execute(
            select(feed.c.seq, feed.c.kind, feed.c.entity_id, feed.c.payload)
            .where(feed.c.seq > cursor)
            .where(_visible(unit_id))
            .order_by(feed.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = []
    for r in rows:
        changes.append(dict(_served(r), prev=prev))
        prev = r.seq
    return {"changes": changes, "cursor": rows[-1].seq if rows else cursor, "more": more}


def change_check(change: dict[str, Any]) -> str:
    """What a unit remembers of the last change it stored, to tell later whether this station
    still holds it (the unit computes the same from what it pulled)."""
    return fingerprint([change["seq"], change["kind"], change["entity_id"], change["payload"]])


def holds(conn: Connection, unit_id: str, seq: int, check: str | None) -> bool:
    """Does the unit's feed still hold, at ``seq``, the change the unit stored from there?"""
    if seq <= 0:
        return True
    row = conn.execute(select(feed.c.seq, feed.c.kind, feed.c.entity_id, feed.c.payload)
                       .where(feed.c.seq == seq).where(_visible(unit_id))).first()
    if row is None:
        return False
    if not check:
        return True
    return change_check(_served(row)) == check  # as the unit got it (maybe a marker)


def high(conn: Connection) -> int:
    return int(conn.execute(select(func.max(feed.c.seq))).scalar_one_or_none() or 0)


def _served(row: Any) -> dict[str, Any]:
    """One feed row as sent; a row that can no longer be read safely goes out as an
    ``unreadable`` marker (units ignore unknown kinds) so it never blocks the rows after it."""
    payload = load_row(row.payload, f"feed row {row.seq}")
    if payload is None:
        return {"seq": row.seq, "kind": "unreadable", "entity_id": str(row.entity_id),
                "payload": dict(UNREADABLE, kind=str(row.kind))}
    return {"seq": row.seq, "kind": row.kind, "entity_id": row.entity_id, "payload": payload}
