"""The outbox: every syncable change, written in the same transaction as the change itself."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils
from civilian_responder.clock import new_id
from civilian_responder.models import OutboxEntry

_COLUMNS = "seq, change_id, kind, entity_id, payload, created_at, state, acked_at, result_reason"


class Outbox:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def enqueue(
        self,
        kind: str,
        entity_id: str,
        payload: Mapping[str, Any],
        created_at: str,
        call_id: str | None = None,
    ) -> str:
        """Add a change. Call inside the transaction that makes the change."""
        change_id = new_id()
        self._db.execute(
            "INSERT INTO outbox (change_id, kind, entity_id, call_id, payload, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [change_id, kind, entity_id, call_id, json.dumps(payload, sort_keys=True), created_at],
        )
        return change_id

    def pending(self, limit: int | None = None) -> list[OutboxEntry]:
        sql = f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY seq"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [OutboxEntry(*row) for row in self._db.execute(sql).fetchall()]

    def entries(self, state: str | None = None) -> list[OutboxEntry]:
        if state is None:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox ORDER BY seq").fetchall()
        else:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE state = ? ORDER BY seq", [state]
            ).fetchall()
        return [OutboxEntry(*row) for row in rows]

    def mark(self, results: Iterable[tuple[str, str, str, str]]) -> None:
        """Record acknowledgements: (change_id, state, reason, at). Caller owns the transaction."""
        for change_id, state, reason, at in results:
            self._db.execute(
                "UPDATE outbox SET state = ?, result_reason = ?, acked_at = ? WHERE change_id = ?",
                [state, reason, at, change_id],
            )

    def counts_by_kind(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT kind, COUNT(*) FROM outbox WHERE state = 'pending' GROUP BY kind"
        ).fetchall()
        return {kind: n for kind, n in rows}
