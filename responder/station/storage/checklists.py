"""Checklist definitions published by the station and sent to every unit through the pull feed.

The station checks only the envelope (an object with a string ``id``, a whole ``version`` and an
``items`` list); the app's checklist loader validates the content when it stores it. A version
once published is immutable: new content needs a new version number.
"""

from __future__ import annotations

from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.station.bodies import load_row
from civilian_responder.station.errors import Conflict, Invalid
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.tables import checklist_definitions
from sqlalchemy import Engine, select

MAX_DEFINITION = 512 * 1024


def check_definition(definition: Any) -> tuple[str, int]:
    if not isinstance(definition, dict):
        raise Invalid("A checklist definition must be a JSON object")
    cid, version = definition.get("id"), definition.get("version")
    if not isinstance(cid, str) or not 1 <= len(cid) <= 128:
        raise Invalid("The checklist definition needs a string 'id' (1-128 characters)")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Invalid("The checklist definition needs a whole 'version' of 1 or more")
    if not isinstance(definition.get("items"), list) or not definition["items"]:
        raise Invalid("The checklist definition needs a non-empty 'items' list")
    if len(feed.canonical(definition)) > MAX_DEFINITION:
        raise Invalid(f"The checklist definition is over {MAX_DEFINITION} bytes")
    return cid, version


class Checklists:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def publish(self, definition: Any) -> dict[str, Any]:
        """Publish to every unit; returns {id, version, published} (False if already out)."""
        cid, version = check_definition(definition)
        text = feed.canonical(definition)
        at = iso(self._clock.now())
        with write(self._engine) as conn:
            lock_feed(conn)
            existing = conn.execute(
                select(checklist_definitions.c.definition)
                .where(checklist_definitions.c.id == cid)
                .where(checklist_definitions.c.version == version)).scalar_one_or_none()
            if existing is not None:
                if existing != text:
                    raise Conflict(f"Checklist {cid} version {version} was already published "
                                   "with other content; publish it as a new version")
                return {"id": cid, "version": version, "published": False}
            conn.execute(checklist_definitions.insert().values(
                id=cid, version=version, definition=text, published_at=at))
            feed.append(conn, None, "checklist_definition", cid,
                        {"id": cid, "version": version, "definition": definition}, at)
        return {"id": cid, "version": version, "published": True}

    def published(self) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(checklist_definitions).order_by(
                checklist_definitions.c.id, checklist_definitions.c.version)).all()
        return [{"id": r.id, "version": r.version, "published_at": r.published_at,
                 "title": _title(r)} for r in rows]


def _title(row: Any) -> str:
    definition = load_row(row.definition, f"checklist {row.id} v{row.version}")
    if definition is None:
        return "(unreadable: see the station log)"
    title = definition.get("title", "")
    return title if isinstance(title, str) else ""
