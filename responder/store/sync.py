"""SQL for sync: snapshots of what waits to go, acknowledgements, and changes pulled from the
station. Callers own the transaction (``Store.atomic``) for the writes."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import Attachment, Call, OutboxEntry, PendingChange, StatusEvent
from civilian_responder.store.calls import call_to_row

_ATT_FIELDS = [f.name for f in dataclasses.fields(Attachment)]
_CALL_COLUMNS = [f.name for f in dataclasses.fields(Call)]
_CALL_FIELDS = set(_CALL_COLUMNS)
# A photo's metadata (and then its bytes) waits until its report is on the station and the
# report is not being revised: the station files photos under reports it already holds.
# A re-offered photo (the station lost it in a restore) goes even while its report is being
# revised: the station had it before.
RESENT = "re-offered to a restored station"
_HOLD_BACK_META = f"""
    o.kind = 'attachment_meta' AND NOT EXISTS (
        SELECT 1 FROM outbox r JOIN reports rep ON rep.id = r.entity_id
        WHERE r.entity_id = json_extract(o.payload, '$.report_id') AND r.kind = 'report'
          AND r.state = 'acked'
          AND (rep.state NOT IN ('draft', 'returned') OR o.result_reason = '{RESENT}'))
"""
# A photo's bytes go once its report is finished (not a draft, not returned for revision), or
# once the station acknowledged its metadata (a re-offered photo): with the report's first push,
# not after it. They are addressed by their SHA-256 and filed under the report only by the
# metadata, which still waits as above, so the station never lists a photo early; the bytes
# going early only keep the wire busy while the changes are applied.
_META_ACKED = """
    EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = a.id
            AND o.kind = 'attachment_meta' AND o.state = 'acked')
"""
_BYTES_MAY_GO = _META_ACKED + """
    OR EXISTS (SELECT 1 FROM reports rep WHERE rep.id = a.report_id
               AND rep.state NOT IN ('draft', 'returned'))
"""

# Calls go before the records that name them: a restored station re-creates a call from the
# unit's copy (with its CAD number) before the unit's re-sent original could renumber it.
_CALLS_FIRST = "CASE o.kind WHEN 'call_copy' THEN 0 WHEN 'call' THEN 1 ELSE 2 END"
_CAD_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]"


class SyncRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # What waits to go -----------------------------------------------------------------------

    def pending_changes(self, limit: int, max_bytes: int) -> list[PendingChange]:
        """Pending outbox entries in order, at most ``limit`` of them and about ``max_bytes``
        of payload (always at least one)."""
        # Calls first, then the rest in seq order straight off the (state, seq) index, which
        # stops after ``limit`` rows: no sort of every pending row (this runs on the GUI thread).
        columns = "o.seq, o.change_id, o.kind, o.entity_id, o.call_id, o.created_at, o.payload"
        rows = self._db.execute(
            f"""SELECT {columns} FROM outbox o
                WHERE o.state = 'pending' AND o.kind IN ('call_copy', 'call')
                ORDER BY {_CALLS_FIRST}, o.seq LIMIT ?""", [int(limit)]).fetchall()
        if len(rows) < limit:
            rows += self._db.execute(
                f"""SELECT {columns} FROM outbox o
                    WHERE o.state = 'pending' AND o.kind NOT IN ('call_copy', 'call')
                      AND NOT ({_HOLD_BACK_META})
                    ORDER BY o.seq LIMIT ?""", [int(limit) - len(rows)]).fetchall()
        out: list[PendingChange] = []
        size = 0
        for row in rows:
            size += len(row[6])
            if out and size > max_bytes:
                break
            out.append(PendingChange(*row))
        return out

    def metas_following(self, report_changes: Mapping[str, str],
                        limit: int) -> list[tuple[PendingChange, str]]:
        """Photo metadata held back only because its report is not on the station yet, for
        reports whose change goes in this round (``report_changes``: report id -> that
        change's id): ``(metadata change, the report change it waits for)``. The sync sends
        each one only once the station acknowledged that report change (the rule of
        ``_HOLD_BACK_META``, kept within one round)."""
        if not report_changes or limit <= 0:
            return []
        columns = "o.seq, o.change_id, o.kind, o.entity_id, o.call_id, o.created_at, o.payload"
        rows = self._db.execute(
            f"""SELECT {columns}, rep.id FROM outbox o
                JOIN reports rep ON rep.id = json_extract(o.payload, '$.report_id')
                WHERE o.state = 'pending' AND o.kind = 'attachment_meta'
                  AND rep.id IN (SELECT value FROM json_each(?))
                  AND (rep.state NOT IN ('draft', 'returned') OR o.result_reason = '{RESENT}')
                ORDER BY o.seq LIMIT ?""",
            [json.dumps(list(report_changes)), int(limit)]).fetchall()
        return [(PendingChange(*row[:7]), report_changes[row[7]]) for row in rows]

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
        """Photos whose bytes may go (``_BYTES_MAY_GO``) but the station does not hold yet,
        with their bytes, about ``max_bytes`` at most (always at least one), and no more than
        fit in ``max_seconds`` of reading (this runs on the GUI thread)."""
        started = time.perf_counter()
        rows = self._db.execute(
            f"""SELECT {', '.join('a.' + f for f in _ATT_FIELDS)} FROM attachments a
                WHERE a.uploaded = 0 AND ({_BYTES_MAY_GO})
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

    def uploadable(self, max_bytes: int, limit: int, finished: bool = True) -> list[Attachment]:
        """Like ``uploadable_attachments`` without the bytes (the sync worker reads them
        itself): at most ``limit`` photos and about ``max_bytes`` (always at least one).
        ``finished=False``: only photos whose metadata the station acknowledged."""
        rule = _BYTES_MAY_GO if finished else _META_ACKED
        rows = self._db.execute(
            f"""SELECT {', '.join('a.' + f for f in _ATT_FIELDS)} FROM attachments a
                WHERE a.uploaded = 0 AND ({rule})
                ORDER BY a.created_at LIMIT ?""", [int(limit)]).fetchall()
        return _within(rows, max_bytes)

    def not_uploaded(self, attachment_ids: Sequence[str], max_bytes: int) -> list[Attachment]:
        """Of these photos (whose metadata goes in this round), those whose bytes the station
        does not hold yet; about ``max_bytes`` of them."""
        ids = list(attachment_ids)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = self._db.execute(
            f"SELECT {', '.join(_ATT_FIELDS)} FROM attachments"
            f" WHERE uploaded = 0 AND id IN ({marks}) ORDER BY created_at", ids).fetchall()
        return _within(rows, max_bytes, at_least_one=False)

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

    def reoffer_acknowledged(self, hold_back: Iterable[str] = ()) -> int:
        """The station was restored from a backup: everything it had acknowledged goes again
        (it answers ``duplicate`` for what it still holds), and so do refused changes (a
        rejection is not remembered: "call … is not known" may be accepted now). Conflicts keep
        their answer. Of a report's submissions only the last goes (replaying a resubmission
        after its first version would conflict); ``hold_back`` reports none (the caller sends
        them anew). Returns how many changes were re-offered."""
        held = list(hold_back)
        marks = ", ".join("?" for _ in held) or "SELECT NULL WHERE 0"  # () is not valid SQL
        cursor = self._db.execute(
            f"""UPDATE outbox SET state = 'pending', acked_at = NULL, result_reason = '{RESENT}'
                WHERE state IN ('acked', 'quarantined') AND NOT (kind = 'report' AND (
                    entity_id IN ({marks}) OR seq < (
                        SELECT MAX(r.seq) FROM outbox r
                        WHERE r.kind = 'report' AND r.entity_id = outbox.entity_id)))""",
            held,
        )
        self._db.execute("UPDATE attachments SET uploaded = 0 WHERE uploaded = 1")
        return cursor.rowcount

    def last_report_payload(self, report_id: str) -> str | None:
        row = self._db.execute(
            "SELECT payload FROM outbox WHERE kind = 'report' AND entity_id = ?"
            " ORDER BY seq DESC LIMIT 1", [report_id]).fetchone()
        return row[0] if row else None

    def numbered_calls(self) -> list[Call]:
        """Every call that carries a station number: what a restored station may have lost."""
        rows = self._db.execute(
            f"SELECT {', '.join(_CALL_COLUMNS)} FROM calls WHERE cad_number IS NOT NULL"
            " ORDER BY received_at").fetchall()
        return [_call(row) for row in rows]

    def decided_reports(self) -> list[tuple[str, str, str, str, bool]]:
        """(report id, approved|returned, comment, decided at, resubmitted) for reports whose
        supervisor decision the unit holds; ``resubmitted``: returned, then finalized again."""
        rows = self._db.execute(
            "SELECT id, state, review_comment, COALESCE(review_at, updated_at), call_id"
            " FROM reports WHERE state IN ('approved', 'returned')"
            " OR (state = 'finalized' AND review_at IS NOT NULL) ORDER BY created_at").fetchall()
        return [(r[0], "approved" if r[1] == "approved" else "returned", r[2], r[3],
                 r[1] == "finalized") for r in rows]

    def highest_cad_numbers(self) -> list[str]:
        """The highest station number this unit holds, per year."""
        rows = self._db.execute(
            "SELECT MAX(cad_number) FROM calls WHERE cad_number GLOB ?"
            " GROUP BY substr(cad_number, 1, 4)", [_CAD_GLOB]).fetchall()
        return [r[0] for r in rows if r[0]]

    # What came from the station -------------------------------------------------------------

    def store_call(self, fields: Mapping[str, Any], default_status: str,
                   statuses: Sequence[str]) -> str:
        """Insert or update a call from the station. Returns ``stored``, ``older`` (the unit
        holds a newer revision: a restored station's old copy never replaces it) or
        ``clash:<call id>`` (its CAD number is one this unit holds for another call; stored
        without it until the station renumbers it)."""
        row = {k: v for k, v in fields.items() if k in _CALL_FIELDS}
        outcome = "stored"
        cad = row.get("cad_number")
        if cad:
            holder = self._db.execute("SELECT id FROM calls WHERE cad_number = ? AND id != ?",
                                      [cad, row["id"]]).fetchone()
            if holder is not None:
                row["cad_number"] = None
                outcome = f"clash:{holder[0]}"
        existing = self._db.execute(
            "SELECT status, station_revision, cancelled, unit_id FROM calls WHERE id = ?",
            [row["id"]]).fetchone()
        if existing is None:
            row.setdefault("status", default_status)
            self._db.table("calls").insert(call_to_row(Call(**row)))
            return outcome
        if outcome != "stored":
            row.pop("cad_number")  # keep whatever number it has until the station renumbers
        status, revision, cancelled, unit_id = existing
        if int(row.get("station_revision") or 0) < int(revision or 0):
            return "older"
        row["status"] = _further(status, row.get("status"), statuses)
        if cancelled and unit_id == row.get("unit_id"):
            row["cancelled"] = True  # a cancellation is final: an older copy does not undo it
        row.pop("id")
        for name in ("self_initiated", "cancelled"):
            if name in row:
                row[name] = int(bool(row[name]))
        # Plain UPDATE (column names come from the Call dataclass, never from the wire).
        assignments = ", ".join(f"{name} = ?" for name in row)
        self._db.execute(f"UPDATE calls SET {assignments} WHERE id = ?",
                         [*row.values(), fields["id"]])
        return outcome

    def store_unit_event(self, event: StatusEvent, statuses: Sequence[str]) -> bool:
        """A status event another device of this unit recorded: into the timeline once, and
        the call moves forward to it (never back). False if it was already there."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO status_events (id, call_id, kind, status, at, reason_code,"
            " note, actor, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unit')",
            [event.id, event.call_id, event.kind, event.status, event.at, event.reason_code,
             event.note, event.actor],
        )
        if cursor.rowcount == 0:
            return False
        if event.kind == "status":
            current = self._db.execute("SELECT status FROM calls WHERE id = ?",
                                       [event.call_id]).fetchone()
            if current is not None:
                further = _further(current[0], event.status, statuses)
                if further != current[0]:
                    self._db.execute("UPDATE calls SET status = ? WHERE id = ?",
                                     [further, event.call_id])
        return True

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
        one already revised locally or superseded is left alone, and a decision older than
        the one the report last took (a re-pull from a restored station) is ignored. False if
        nothing changed."""
        cursor = self._db.execute(
            "UPDATE reports SET state = ?, review_comment = ?, review_at = NULLIF(?, ''),"
            " updated_at = COALESCE(NULLIF(?, ''), updated_at)"
            " WHERE id = ? AND state IN ('finalized', 'approved', 'returned')"
            " AND (review_at IS NULL OR ? > review_at)",
            [state, comment, at, at, report_id, at],
        )
        return cursor.rowcount > 0


def _further(mine: str | None, theirs: object, statuses: Sequence[str]) -> str | None:
    """Of two unit statuses, the one further along the lifecycle (the reference list order)."""
    if not isinstance(theirs, str) or theirs not in statuses:
        return mine
    if mine not in statuses or statuses.index(theirs) > statuses.index(mine):
        return theirs
    return mine


def _call(row: Sequence[Any]) -> Call:
    values = dict(zip(_CALL_COLUMNS, row, strict=True))
    values["self_initiated"] = bool(values["self_initiated"])
    values["cancelled"] = bool(values["cancelled"])
    return Call(**values)


def _within(rows: Sequence[Sequence[Any]], max_bytes: int,
            at_least_one: bool = True) -> list[Attachment]:
    out: list[Attachment] = []
    total = 0
    for row in rows:
        values = dict(zip(_ATT_FIELDS, row, strict=True))
        values["uploaded"] = bool(values["uploaded"])
        att = Attachment(**values)
        if (out or not at_least_one) and total + att.size > max_bytes:
            break
        out.append(att)
        total += att.size
    return out
