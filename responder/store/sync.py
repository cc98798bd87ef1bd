"""SQL for sync: snapshots of what waits to go, acknowledgements, and changes pulled from the
station. Callers own the transaction (``Store.atomic``) for the writes."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils
from civilian_responder.models import Attachment, Call, OutboxEntry, PendingChange, StatusEvent
from civilian_responder.store.calls import call_to_row

_ATT_FIELDS = [f.name for f in dataclasses.fields(Attachment)]
_CALL_FIELDS = {f.name for f in dataclasses.fields(Call)}
# A photo's metadata (and then its bytes) waits until its report is on the station and the
# report is not being revised: the station files photos under reports it already holds.
_HOLD_BACK_META = """
    o.kind = 'attachment_meta' AND NOT EXISTS (
        SELECT 1 FROM outbox r JOIN reports rep ON rep.id = r.entity_id
        WHERE r.entity_id = json_extract(o.payload, '$.report_id') AND r.kind = 'report'
          AND r.state = 'acked' AND rep.state NOT IN ('draft', 'returned'))
"""


class SyncRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # What waits to go -----------------------------------------------------------------------

    def pending_changes(self, limit: int, max_bytes: int) -> list[PendingChange]:
        """Pending outbox entries in order, at most ``limit`` of them and about ``max_bytes``
        of payload (always at least one)."""
        rows = self._db.execute(
            f"""SELECT o.seq, o.change_id, o.kind, o.entity_id, o.call_id, o.created_at, o.payload
                FROM outbox o WHERE o.state = 'pending' AND NOT ({_HOLD_BACK_META})
                ORDER BY o.seq LIMIT ?""",
            [int(limit)],
        ).fetchall()
        out: list[PendingChange] = []
        size = 0
        for row in rows:
            size += len(row[6])
            if out and size > max_bytes:
                break
            out.append(PendingChange(*row))
        return out

    def waiting_counts(self) -> dict[str, int]:
        """Pending outbox entries by kind, plus ``photo`` for photo bytes not yet on the station."""
        counts = {
            kind: n for kind, n in self._db.execute(
                "SELECT kind, COUNT(*) FROM outbox WHERE state = 'pending' GROUP BY kind"
            ).fetchall()
        }
        photos = self._db.execute("SELECT COUNT(*) FROM attachments WHERE uploaded = 0").fetchone()
        if photos[0]:
            counts["photo"] = int(photos[0])
        return counts

    def problems(self) -> list[OutboxEntry]:
        """Changes the station rejected (quarantined) or found in conflict: shown to the user."""
        rows = self._db.execute(
            "SELECT seq, change_id, kind, entity_id, payload, created_at, state, acked_at,"
            " result_reason FROM outbox WHERE state IN ('quarantined', 'conflict') ORDER BY seq"
        ).fetchall()
        return [OutboxEntry(*r) for r in rows]

    def uploadable_attachments(self, max_bytes: int, max_seconds: float | None = None
                               ) -> list[tuple[Attachment, bytes]]:
        """Photos whose metadata the station acknowledged but whose bytes it does not hold yet,
        with their bytes, about ``max_bytes`` at most (always at least one), and no more than
        fit in ``max_seconds`` of reading (this runs on the GUI thread)."""
        started = time.perf_counter()
        rows = self._db.execute(
            f"""SELECT {', '.join('a.' + f for f in _ATT_FIELDS)} FROM attachments a
                WHERE a.uploaded = 0 AND EXISTS (
                    SELECT 1 FROM outbox o WHERE o.entity_id = a.id
                      AND o.kind = 'attachment_meta' AND o.state = 'acked')
                ORDER BY a.created_at"""
        ).fetchall()
        out: list[tuple[Attachment, bytes]] = []
        total = 0
        for row in rows:
            values = dict(zip(_ATT_FIELDS, row, strict=True))
            values["uploaded"] = bool(values["uploaded"])
            att = Attachment(**values)
            if out and (total + att.size > max_bytes or (
                    max_seconds is not None and time.perf_counter() - started > max_seconds)):
                break
            data = self._db.execute(
                "SELECT data FROM attachment_data WHERE id = ?", [att.id]
            ).fetchone()
            out.append((att, bytes(data[0]) if data else b""))
            total += att.size
        return out

    def mark_uploaded(self, attachment_ids: Iterable[str]) -> None:
        self._db.conn.executemany(
            "UPDATE attachments SET uploaded = 1 WHERE id = ?", [(i,) for i in attachment_ids]
        )

    def mark_results(self, results: Iterable[tuple[str, str, str, str]]) -> None:
        """(change_id, state, reason, at) for entries still pending; an entry already settled
        keeps its first answer (a replayed round must not flip it)."""
        self._db.conn.executemany(
            "UPDATE outbox SET state = ?, result_reason = ?, acked_at = ?"
            " WHERE change_id = ? AND state = 'pending'",
            [(state, reason, at, change_id) for change_id, state, reason, at in results],
        )

    def reoffer_acknowledged(self) -> int:
        """The station was restored from a backup: everything it had acknowledged goes again
        (it answers ``duplicate`` for what it still holds). Refused and conflicting changes keep
        their answer. Returns how many changes were re-offered."""
        cursor = self._db.execute(
            "UPDATE outbox SET state = 'pending', acked_at = NULL, result_reason = ''"
            " WHERE state = 'acked'"
        )
        self._db.execute("UPDATE attachments SET uploaded = 0 WHERE uploaded = 1")
        return cursor.rowcount

    # What came from the station -------------------------------------------------------------

    def store_call(self, fields: Mapping[str, Any], default_status: str) -> None:
        """Insert or update a call from the station. The unit keeps its own status."""
        row = {k: v for k, v in fields.items() if k in _CALL_FIELDS}
        existing = self._db.execute(
            "SELECT status, self_initiated FROM calls WHERE id = ?", [row["id"]]
        ).fetchone()
        if existing is None:
            row.setdefault("status", default_status)
            call = Call(**row)
            self._db.table("calls").insert(call_to_row(call))
            return
        row.pop("status", None)
        row.pop("id")
        for name in ("self_initiated", "cancelled"):
            if name in row:
                row[name] = int(bool(row[name]))
        if row:
            # Plain UPDATE (column names come from the Call dataclass, never from the wire).
            assignments = ", ".join(f"{name} = ?" for name in row)
            self._db.execute(f"UPDATE calls SET {assignments} WHERE id = ?",
                             [*row.values(), fields["id"]])

    def call_exists(self, call_id: str) -> bool:
        return bool(self._db.execute("SELECT 1 FROM calls WHERE id = ?", [call_id]).fetchone())

    def store_station_event(self, event: StatusEvent) -> bool:
        """Add a station-origin timeline event once; False if it was already there."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO status_events (id, call_id, kind, status, at, reason_code,"
            " note, actor, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event.id, event.call_id, event.kind, event.status, event.at, event.reason_code,
             event.note, event.actor, event.origin],
        )
        return cursor.rowcount > 0

    def store_review(self, report_id: str, state: str, comment: str, at: str) -> bool:
        """Set a submitted report's review outcome. Only a report waiting for review changes:
        one already revised locally or superseded is left alone. False if nothing changed."""
        cursor = self._db.execute(
            "UPDATE reports SET state = ?, review_comment = ?,"
            " updated_at = COALESCE(NULLIF(?, ''), updated_at)"
            " WHERE id = ? AND state IN ('finalized', 'approved', 'returned')",
            [state, comment, at, report_id],
        )
        return cursor.rowcount > 0
