"""SQL for the unit's own status timeline, the calls it holds, and co-responders on calls."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import CallSummary, CoResponder, UnitStatus

_STATUS_FIELDS = [f.name for f in dataclasses.fields(UnitStatus)]
_CO_FIELDS = [f.name for f in dataclasses.fields(CoResponder)]


class UnitRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # Unit status -----------------------------------------------------------------------------

    def add_status(self, status: UnitStatus) -> None:
        self._db["unit_status_events"].insert(dataclasses.asdict(status))

    def current(self) -> UnitStatus | None:
        row = self._db.execute(
            f"SELECT {', '.join(_STATUS_FIELDS)} FROM unit_status_events"
            " ORDER BY at DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return UnitStatus(*row) if row else None

    def timeline(self, since: str = "") -> list[UnitStatus]:
        rows = self._db.execute(
            f"SELECT {', '.join(_STATUS_FIELDS)} FROM unit_status_events WHERE at >= ?"
            " ORDER BY at, rowid",
            [since],
        ).fetchall()
        return [UnitStatus(*r) for r in rows]

    # Holds -----------------------------------------------------------------------------------

    def hold(self, call_id: str, at: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO call_holds (call_id, held_at) VALUES (?, ?)", [call_id, at]
        )

    def release(self, call_id: str) -> None:
        self._db.execute("DELETE FROM call_holds WHERE call_id = ?", [call_id])

    def held(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT call_id FROM call_holds").fetchall()}

    def open_calls(self, open_statuses: Sequence[str]) -> list[CallSummary]:
        """Open calls (in ``open_statuses``, not cancelled), most urgent first: priority, then
        age. Naming the statuses lets SQLite use the board index instead of reading every call.
        """
        marks = ", ".join("?" for _ in open_statuses)
        rows = self._db.execute(
            f"""
            SELECT c.id, COALESCE(c.cad_number, 'LOCAL-' || upper(substr(c.id, 1, 8))),
                   c.type_code, c.priority, c.address, c.status, c.received_at,
                   c.caution_notes != '',
                   EXISTS (SELECT 1 FROM outbox o WHERE o.call_id = c.id AND o.state = 'pending'),
                   substr(c.narrative, 1, 200)
            FROM calls c WHERE c.status IN ({marks}) AND NOT c.cancelled
            ORDER BY c.priority, c.received_at
            """,
            list(open_statuses),
        ).fetchall()
        return [
            CallSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), bool(r[8]), r[9])
            for r in rows
        ]

    # Co-responders ---------------------------------------------------------------------------

    def add_co_responder(self, co: CoResponder) -> None:
        self._db["co_responders"].insert(dataclasses.asdict(co))

    def update_co_responder(self, co_id: str, fields: dict[str, Any]) -> None:
        self._db["co_responders"].update(co_id, fields)

    def co_responder(self, co_id: str) -> CoResponder | None:
        row = self._db.execute(
            f"SELECT {', '.join(_CO_FIELDS)} FROM co_responders WHERE id = ?", [co_id]
        ).fetchone()
        return CoResponder(*row) if row else None

    def co_responders(self, call_id: str) -> list[CoResponder]:
        rows: Sequence[Any] = self._db.execute(
            f"SELECT {', '.join(_CO_FIELDS)} FROM co_responders WHERE call_id = ?"
            " ORDER BY created_at, rowid",
            [call_id],
        ).fetchall()
        return [CoResponder(*r) for r in rows]
