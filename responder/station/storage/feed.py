"""The pull feed: an append-only, globally sequenced list of changes addressed to units.

Writers append inside their own transaction (after ``lock_feed``), so a change and the feed rows
announcing it commit together or not at all. Readers page by ``seq``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from civilian_responder.station.bodies import UNREADABLE, load_row
from civilian_responder.station.storage.tables import feed
from sqlalchemy import Connection, Engine, or_, select

MAX_PULL = 1000
DEFAULT_PULL = 200


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def append(conn: Connection, unit_id: str | None, kind: str, entity_id: str,
           payload: dict[str, Any], at: str) -> None:
    conn.execute(feed.insert(), {"unit_id": unit_id, "kind": kind, "entity_id": entity_id,
                                 "payload": canonical(payload), "created_at": at})


def pull(engine: Engine, unit_id: str, cursor: int, limit: int) -> dict[str, Any]:
    limit = max(1, min(limit, MAX_PULL))
    with engine.connect() as conn:
        rows = conn.execute(
            select(feed.c.seq, feed.c.kind, feed.c.entity_id, feed.c.payload)
            .where(feed.c.seq > cursor)
            .where(or_(feed.c.unit_id == unit_id, feed.c.unit_id.is_(None)))
            .order_by(feed.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [_served(r) for r in rows]
    return {"changes": changes, "cursor": rows[-1].seq if rows else cursor, "more": more}


def _served(row: Any) -> dict[str, Any]:
    """One feed row as sent; a row that can no longer be read safely goes out as an
    ``unreadable`` marker (units ignore unknown kinds) so it never blocks the rows after it."""
    payload = load_row(row.payload, f"feed row {row.seq}")
    if payload is None:
        return {"seq": row.seq, "kind": "unreadable", "entity_id": str(row.entity_id),
                "payload": dict(UNREADABLE, kind=str(row.kind))}
    return {"seq": row.seq, "kind": row.kind, "entity_id": row.entity_id, "payload": payload}
