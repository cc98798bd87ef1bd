"""The audit trail's SQL. Rows are only ever inserted (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import dataclasses

import sqlite_utils
from civilian_responder.models import AuditEntry

_COLUMNS = "seq, id, at, device_id, actor, action, target, outcome, detail, prev_hash, hash"


class AuditRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def last(self) -> AuditEntry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return AuditEntry(*row) if row else None

    def insert(self, entry: AuditEntry) -> None:
        """Call inside the transaction of the action being audited."""
        values = dataclasses.astuple(entry)
        self._db.execute(
            f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join('?' * len(values))})",
            list(values),
        )

    def entries(self, limit: int | None = None, newest_first: bool = False) -> list[AuditEntry]:
        sql = f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq {'DESC' if newest_first else ''}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [AuditEntry(*row) for row in self._db.execute(sql).fetchall()]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM audit_log").fetchone()[0])
