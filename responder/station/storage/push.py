"""Applying pushed changes exactly once.

Each change runs in its own transaction (PostgreSQL) or savepoint of the batch's transaction
(SQLite): its effect and its receipt (keyed by ``change_id``) commit together, so a crash
leaves either both or neither, and one bad change never holds up the rest of the batch.

On SQLite a batch is one group commit (one fsync, answered only after it): the batch's
receipts are read in one query up front and written in one statement before the commit, and
the metrics rows (``call_facts``) of the calls it touched are rebuilt once before the commit,
so a change costs only its own effect. Within the batch, the calls already looked up are
remembered with their units (``MEMO_KINDS``), and each change's savepoint is issued straight on
the SQLite connection. The per-change answers are the same as change by change.
A repeat of a receipted change is ``duplicate``; a different payload under a used id is
``conflict`` and is kept in ``conflicts``. Rejections are not receipted: a re-sent rejected
change is judged again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.reference import ReferenceData
from civilian_responder.station.bodies import MAX_DEPTH, Unacceptable, check_value, encodable
from civilian_responder.station.storage import call_facts, feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.devices import Device
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.people import PUSH_KINDS as PEOPLE_KINDS
from civilian_responder.station.storage.people import apply_people
from civilian_responder.station.storage.records import (
    Known,
    Outcome,
    Rejected,
    apply_call,
    apply_record,
    apply_report,
    apply_status_event,
)
from civilian_responder.station.storage.restore import apply_call_copy, apply_review_copy
from civilian_responder.station.storage.tables import conflicts, receipts
from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import DataError, IntegrityError

log = logging.getLogger(__name__)

# Built once: the hot path of a push skips SQLAlchemy's statement construction.
RECEIPT = select(receipts).where(receipts.c.change_id == bindparam("change_id"))
NEW_RECEIPT = receipts.insert()
KINDS = ("status_event", "call", "report", "checklist_run", "audit", "attachment_meta",
         "call_copy", "review_copy", "shift", "co_responder", *PEOPLE_KINDS)
# Kinds that append to the pull feed: they take the feed lock so rows commit in seq order.
FEED_KINDS = ("status_event", "call", "call_copy")
# Kinds that neither add calls nor change their assignments: within a batch they share a memo
# of the calls already looked up (records.Known); any other kind clears it first.
MEMO_KINDS = ("status_event", "report", "checklist_run", "audit", "attachment_meta", "shift",
              "co_responder")
METRIC_KINDS = ("status_event", "call", "call_copy", "report")  # change call_facts
MAX_ID = 128  # change ids
MAX_ENTITY_ID = 64  # record ids (UUIDs are 36)


@dataclass(frozen=True)
class Change:
    change_id: str
    kind: str
    entity_id: str
    call_id: str | None
    created_at: str
    payload: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        return feed.fingerprint([self.kind, self.entity_id, self.call_id, self.payload])


def parse_change(raw: Any) -> Change:
    """The change envelope, or Rejected naming the first thing wrong with it."""
    if not isinstance(raw, dict):
        raise Rejected("invalid", "a change must be a JSON object")
    try:
        check_value(raw.get("payload"), "payload", MAX_DEPTH)
        check_value({k: v for k, v in raw.items() if k != "payload"}, "the change", MAX_DEPTH)
    except Unacceptable as exc:
        raise Rejected("invalid", str(exc)) from None
    for name, limit in (("change_id", MAX_ID), ("kind", 32), ("entity_id", MAX_ENTITY_ID)):
        value = raw.get(name)
        if not isinstance(value, str) or not 1 <= len(value) <= limit:
            raise Rejected("invalid", f"{name} must be a string of 1-{limit} characters")
    if raw["kind"] not in KINDS:
        raise Rejected("invalid", f"unknown kind {raw['kind'][:40]!r}; known: {', '.join(KINDS)}")
    call_id = raw.get("call_id")
    if call_id is not None and (not isinstance(call_id, str) or len(call_id) > MAX_ENTITY_ID):
        raise Rejected("invalid", "call_id must be a string or null")
    created_at = raw.get("created_at", "")
    if not isinstance(created_at, str) or len(created_at) > 40:
        raise Rejected("invalid", "created_at must be an ISO-8601 string")
    payload = raw.get("payload")
    if not isinstance(payload, dict):
        raise Rejected("invalid", "payload must be a JSON object")
    return Change(raw["change_id"], raw["kind"], raw["entity_id"], call_id, created_at, payload)


class PushService:
    def __init__(self, engine: Engine, clock: Clock, reference: ReferenceData) -> None:
        self._engine = engine
        self._clock = clock
        self._ref = reference

    def push(self, device: Device, raw_changes: list[Any]) -> list[dict[str, Any]]:
        if self._engine.dialect.name == "sqlite":
            # SQLite runs one writer at a time anyway: one transaction (one fsync) per batch,
            # a savepoint per change. A crash mid-batch loses only unanswered work.
            # The metrics rows of every call the batch touched are rebuilt once, when the
            # block ends, from the rows just written (call_facts.batched: derived data, the
            # same as after each change, in the same transaction, for a fraction of the cost).
            with write(self._engine) as conn, call_facts.batched(conn, self._ref):
                batch = _Batch(conn, raw_changes)
                results = [self.push_one(device, raw, conn, batch) for raw in raw_changes]
                batch.flush()
        else:
            # PostgreSQL: a short transaction per change, so concurrent pushers never deadlock
            # and the feed lock is held only as long as one change takes.
            results = [self.push_one(device, raw) for raw in raw_changes]
        counts: dict[str, int] = {}
        for r in results:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        log.info("push from device %s (unit %s): %s", device.id, device.unit_id, counts)
        return results

    def push_one(self, device: Device, raw: Any, shared: Connection | None = None,
                 batch: _Batch | None = None) -> dict[str, Any]:
        """Apply one change in its own transaction, or in a savepoint of ``shared``."""
        change_id = raw.get("change_id") if isinstance(raw, dict) else None
        if not encodable(change_id) or len(change_id) > MAX_ID:
            change_id = ""  # nothing usable to echo back (the change is rejected)
        try:
            change = parse_change(raw)
            for _attempt in range(3):
                try:
                    if shared is None:
                        with write(self._engine) as conn:
                            return self._apply(conn, device, change)
                    with _savepoint(shared):
                        return self._apply(shared, device, change, batch)
                except IntegrityError:
                    # A concurrent push of the same change won the insert; read its receipt.
                    continue
            raise Rejected("invalid", "the change collided with concurrent writes; retry later")
        except (DataError, UnicodeError):
            # e.g. a NUL character, which PostgreSQL text cannot hold: this change only.
            return {"change_id": change_id, "status": "rejected", "error_kind": "invalid",
                    "reason": "a value is too long or holds characters that cannot be stored "
                              "(such as NUL)"}
        except Rejected as exc:
            return {"change_id": change_id, "status": "rejected", "reason": exc.reason,
                    "error_kind": exc.kind}

    def _apply(self, conn: Connection, device: Device, change: Change,
               batch: _Batch | None = None) -> dict[str, Any]:
        now = iso(self._clock.now())
        digest = change.fingerprint
        if change.kind in FEED_KINDS:
            lock_feed(conn)
        if batch is not None:
            receipt = batch.receipt(change.change_id)
        else:
            receipt = run(conn, RECEIPT, {"change_id": change.change_id}).first()
        if receipt is not None:
            return self._repeat(conn, device, change, receipt, digest, now)
        outcome = self._dispatch(conn, device, change, now, batch)
        if outcome.status == "conflict":
            _keep_conflict(conn, device, change, outcome.reason, now)
        row = {
            "change_id": change.change_id, "device_id": device.id, "unit_id": device.unit_id,
            "kind": change.kind, "entity_id": change.entity_id, "payload_hash": digest,
            "outcome": outcome.status, "received_at": now,
        }
        if batch is not None:
            batch.add(row)  # written with the batch's others, in the same transaction
        else:
            conn.execute(NEW_RECEIPT, row)
        return {"change_id": change.change_id, "status": outcome.status, "reason": outcome.reason}

    def _repeat(self, conn: Connection, device: Device, change: Change, receipt: Any,
                digest: str, now: str) -> dict[str, Any]:
        # Same content from another device of the same unit (a cloned profile) is the same
        # change, already had: a duplicate, not a conflict.
        same_unit = receipt.device_id == device.id or receipt.unit_id == device.unit_id
        if receipt.payload_hash == digest and same_unit:
            if receipt.outcome == "conflict":
                return {"change_id": change.change_id, "status": "conflict",
                        "reason": "this change conflicted when first received; both kept"}
            return {"change_id": change.change_id, "status": "duplicate", "reason": ""}
        reason = "a different change was already received under this change_id; both kept"
        _keep_conflict(conn, device, change, reason, now)
        return {"change_id": change.change_id, "status": "conflict", "reason": reason}

    def _dispatch(self, conn: Connection, device: Device, change: Change, now: str,
                  batch: _Batch | None = None) -> Outcome:
        known = None
        if batch is not None:
            if change.kind in MEMO_KINDS:
                known = batch.known
            else:  # it may add a call or change who a call is assigned to
                batch.known.clear()
        outcome = self._apply_kind(conn, device, change, now, known)
        if outcome.status == "applied" and change.kind in METRIC_KINDS:
            touched = {change.entity_id if change.kind in ("call", "call_copy")
                       else str(change.payload.get("call_id") or change.call_id or "")}
            if change.kind == "report":  # a superseded version may sit on another call
                touched |= call_facts.calls_of_reports(
                    conn, [str(change.payload.get("supersedes_id") or "")])
            call_facts.refresh(conn, self._ref, touched)  # in a batch: once, at its end
        return outcome

    def _apply_kind(self, conn: Connection, device: Device, change: Change,
                    now: str, known: Known | None = None) -> Outcome:
        if change.kind == "status_event":
            return apply_status_event(conn, self._ref, device, change.entity_id,
                                      change.call_id, change.payload, known)
        if change.kind == "call":
            return apply_call(conn, self._ref, device, change.entity_id, change.payload, now)
        if change.kind == "call_copy":
            return apply_call_copy(conn, self._ref, device, change.entity_id, change.payload,
                                   self._clock.now())
        if change.kind == "review_copy":
            return apply_review_copy(conn, device, change.change_id, change.entity_id,
                                     change.payload, now)
        if change.kind in PEOPLE_KINDS:
            return apply_people(conn, device, change.kind, change.entity_id, change.payload,
                                now)
        if change.kind == "report":
            return apply_report(conn, self._ref, device, change.change_id, change.entity_id,
                                change.payload, now, known)
        return apply_record(conn, device, change.kind, change.entity_id, change.call_id,
                            change.payload, now, known)


class _Batch:
    """One SQLite push batch's receipts: those already held, read in one query, and the new
    ones, written in one statement before the batch commits (the write lock is held from the
    first read to the commit, so nothing else can add a receipt in between)."""

    def __init__(self, conn: Connection, raw_changes: list[Any]) -> None:
        self._conn = conn
        ids = list({raw["change_id"] for raw in raw_changes if isinstance(raw, dict)
                    and encodable(raw.get("change_id")) and 0 < len(raw["change_id"]) <= MAX_ID})
        self._held: dict[str, Any] = {}
        for start in range(0, len(ids), 400):  # SQLite's bound-parameter limit
            for row in conn.execute(select(receipts).where(
                    receipts.c.change_id.in_(ids[start:start + 400]))):
                self._held[row.change_id] = row
        self._new: list[dict[str, Any]] = []
        self.known: Known = {}  # calls seen, with their units (see MEMO_KINDS)

    def receipt(self, change_id: str) -> Any:
        return self._held.get(change_id)

    def add(self, row: dict[str, Any]) -> None:
        self._new.append(row)
        self._held[row["change_id"]] = SimpleNamespace(**row)

    def flush(self) -> None:
        if self._new:
            run(self._conn, NEW_RECEIPT, self._new)
            self._new = []


@contextmanager
def _savepoint(conn: Connection) -> Iterator[None]:
    """A savepoint of ``conn``'s transaction around one change: kept if the block ends,
    rolled back if it raises. On SQLite it is issued straight on the driver's connection
    (the same connection and transaction, whose isolation handling is ours, see
    ``database._configure_sqlite``): SQLAlchemy's nested-transaction bookkeeping cost
    about as much as a status event's own statements."""
    if conn.dialect.name != "sqlite":
        with conn.begin_nested():
            yield
        return
    raw = conn.connection.driver_connection
    raw.execute("SAVEPOINT push_change")
    try:
        yield
    except BaseException:
        raw.execute("ROLLBACK TO push_change")
        raw.execute("RELEASE push_change")
        raise
    raw.execute("RELEASE push_change")


def _keep_conflict(conn: Connection, device: Device, change: Change, reason: str,
                   now: str) -> None:
    conn.execute(conflicts.insert().values(
        change_id=change.change_id, device_id=device.id, kind=change.kind,
        entity_id=change.entity_id, reason=reason,
        payload=feed.canonical({"call_id": change.call_id, "created_at": change.created_at,
                                "payload": change.payload}),
        received_at=now,
    ))
