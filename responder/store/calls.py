"""SQL for calls and their append-only status timeline."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import sqlite_utils
from civilian_responder.models import Call, CallSummary, StatusEvent

_CALL_FIELDS = [f.name for f in dataclasses.fields(Call)]
_EVENT_FIELDS = [f.name for f in dataclasses.fields(StatusEvent)]
_BOOL_FIELDS = ("self_initiated", "cancelled")


def _call_from_row(row: Sequence[object]) -> Call:
    values = dict(zip(_CALL_FIELDS, row, strict=True))
    for name in _BOOL_FIELDS:
        values[name] = bool(values[name])
    return Call(**values)  # type: ignore[arg-type]


def call_to_row(call: Call) -> dict[str, object]:
    row = dataclasses.asdict(call)
    for name in _BOOL_FIELDS:
        row[name] = int(row[name])
    return row


class CallRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def insert(self, call: Call) -> None:
        self._db["calls"].insert(call_to_row(call))

    def insert_many(self, calls: Iterable[Call], batch_size: int = 1000) -> None:
        self._db["calls"].insert_all((call_to_row(c) for c in calls), batch_size=batch_size)

    def upsert(self, call: Call) -> None:
        self._db["calls"].upsert(call_to_row(call), pk="id")

    def get(self, call_id: str) -> Call | None:
        row = self._db.execute(
            f"SELECT {', '.join(_CALL_FIELDS)} FROM calls WHERE id = ?", [call_id]
        ).fetchone()
        return _call_from_row(row) if row else None

    def by_cad_number(self, cad_number: str) -> Call | None:
        row = self._db.execute(
            f"SELECT {', '.join(_CALL_FIELDS)} FROM calls WHERE cad_number = ?", [cad_number]
        ).fetchone()
        return _call_from_row(row) if row else None

    def update_fields(self, call_id: str, fields: dict[str, object]) -> None:
        self._db["calls"].update(call_id, fields)

    def board(self) -> list[CallSummary]:
        """Every call with what the board shows: open calls most urgent first (priority, then
        oldest first), then history (cleared or cancelled), most recent first."""
        rows = self._db.execute(
            """
            SELECT c.id, COALESCE(c.cad_number, 'LOCAL-' || upper(substr(c.id, 1, 8))),
                   c.type_code, c.priority, c.address, c.status, c.received_at,
                   c.caution_notes != '',
                   EXISTS (SELECT 1 FROM outbox o WHERE o.call_id = c.id AND o.state = 'pending'),
                   substr(c.narrative, 1, 200)
            FROM calls c
            ORDER BY (c.status = 'CLEARED' OR c.cancelled),
                     CASE WHEN c.status = 'CLEARED' OR c.cancelled THEN 0 ELSE c.priority END,
                     CASE WHEN c.status = 'CLEARED' OR c.cancelled THEN '' ELSE c.received_at END,
                     c.received_at DESC
            """
        ).fetchall()
        return [
            CallSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), bool(r[8]), r[9])
            for r in rows
        ]

    def search(self, query: str, limit: int = 200) -> list[str]:
        """Call ids matching a full-text query over number, type, address and narrative."""
        if not query.strip():
            return []
        rows = self._db["calls"].search(query, columns=["id"], limit=limit)
        return [r["id"] for r in rows]

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])

    # Status timeline -------------------------------------------------------------------------

    def add_event(self, event: StatusEvent) -> None:
        self._db["status_events"].insert(dataclasses.asdict(event))

    def add_events(self, events: Iterable[StatusEvent]) -> None:
        self._db["status_events"].insert_all(dataclasses.asdict(e) for e in events)

    def events(self, call_id: str) -> list[StatusEvent]:
        rows = self._db.execute(
            f"SELECT {', '.join(_EVENT_FIELDS)} FROM status_events WHERE call_id = ?"
            " ORDER BY at, rowid",
            [call_id],
        ).fetchall()
        return [StatusEvent(*r) for r in rows]

    def event_exists(self, event_id: str) -> bool:
        return bool(
            self._db.execute("SELECT 1 FROM status_events WHERE id = ?", [event_id]).fetchone()
        )
