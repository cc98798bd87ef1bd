"""The audit trail (CJIS AU-2/AU-3, HIPAA 164.312(b)): who did what to which record, when.

Every row carries actor, UTC time, device id, device sequence number (``seq``), action, target
(a record id or number, never content), outcome and a short detail (field names, never values).
Rows are hash-chained: ``hash = SHA-256(prev_hash + canonical JSON of the row)``, so editing or
deleting any row breaks the chain at that row; triggers make the table append-only; the current
head (seq and hash) is also kept in ``meta`` so removing the newest rows is evident; and every
row goes into the outbox (kind ``audit``) so the station keeps its own copy.
A local attacker who has the database key could recompute the whole chain; the station's copy
is what makes that evident.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.models import AuditEntry
from civilian_responder.store import Store

log = logging.getLogger(__name__)

GENESIS = "0" * 64
HEAD_META = "audit_head"
ATTEMPTS_META = "signin_attempts_seen"
MAX_DETAIL = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# The actions the app records (free to extend; these names are what the station reports on).
ACTIONS = (
    "signin", "signin.failed", "signin.lockout", "signin.log_tampered", "signout", "lock",
    "unlock", "unlock.failed", "report.view", "report.change", "report.finalize",
    "report.correct", "pdf.export", "pdf.print", "pdf.preview", "sync", "secrets.unavailable",
    "audit.verify", "audit.tampered", "officer.add",
    "officer.release",
)


def canonical(entry: AuditEntry) -> str:
    body = dataclasses.asdict(entry)
    body.pop("hash")
    body.pop("prev_hash")
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def _clean(text: str) -> str:
    """One line, bounded: audit rows must not be able to forge other rows in a listing."""
    return _CONTROL.sub(" ", str(text))[:MAX_DETAIL]


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    bad_seq: int | None = None
    problem: str = ""


class AuditRecorder(Protocol):
    """The one way a service writes to the audit trail: ``open_app`` passes every service
    ``audit=app.audit.record`` at construction (``None`` in tests that need no trail)."""

    def __call__(self, action: str, target: str = "", outcome: str = "ok",
                 detail: str = "") -> object: ...


# Actions whose successive rows for one target and actor share one row within a window: autosave
# writes every half second while someone types, and one "report.change" per few minutes says
# enough without filling the trail (and the outbox it syncs through).
COALESCE_WINDOW_S = {"report.change": 300}


class AuditLog:
    """``app.audit``. ``record`` joins the caller's transaction when there is one."""

    def __init__(self, store: Store, clock: Clock, actor: str) -> None:
        self._store = store
        self._clock = clock
        self.actor = actor or "system"
        device = store.get_meta("device_id")
        if not device:
            device = new_id()
            store.set_meta("device_id", device)
        self.device_id = device

    def record(self, action: str, target: str = "", outcome: str = "ok",
               detail: str = "", at: str | None = None) -> AuditEntry:
        with self._store.atomic(f"recording {action} in the audit trail"):
            same = self._coalesced_with(action, target, outcome)
            if same is not None:
                return same
            last_seq, prev = self._tip()
            entry = AuditEntry(
                seq=last_seq + 1, id=new_id(), at=at or iso(self._clock.now()),
                device_id=self.device_id, actor=_clean(self.actor), action=_clean(action),
                target=_clean(target), outcome=_clean(outcome), detail=_clean(detail),
                prev_hash=prev, hash="",
            )
            entry = dataclasses.replace(entry, hash=entry_hash(prev, entry))
            self._store.audit.insert(entry)
            self._store.set_meta(HEAD_META, f"{entry.seq}:{entry.hash}")
            self._store.outbox.enqueue("audit", entry.id, dataclasses.asdict(entry), entry.at)
        return entry

    def entries(self, limit: int | None = None, newest_first: bool = False) -> list[AuditEntry]:
        return self._store.audit.entries(limit, newest_first)

    def _coalesced_with(self, action: str, target: str, outcome: str) -> AuditEntry | None:
        window = COALESCE_WINDOW_S.get(action)
        if window is None or outcome != "ok":
            return None
        last = self._store.audit.last()
        if (last is not None and last.action == action and last.target == _clean(target)
                and last.actor == _clean(self.actor) and last.outcome == "ok"
                and (self._clock.now() - parse_iso(last.at)).total_seconds() < window):
            return last
        return None

    def _tip(self) -> tuple[int, str]:
        """Where the next row chains on. The head kept in meta wins over the newest row, so
        rows removed from the end stay evident as a gap after new rows are added."""
        head = self._store.get_meta(HEAD_META)
        if head:
            seq, _, digest = head.partition(":")
            return int(seq), digest
        last = self._store.audit.last()
        return (last.seq, last.hash) if last else (0, GENESIS)

    def verify(self) -> ChainCheck:
        return verify_chain(self._store)

    def import_signin_attempts(self, attempts_file: Path) -> None:
        """Copy sign-in failures and lockouts logged while the database was locked into the
        trail, and record it if that file was altered, truncated or removed since last time."""
        from civilian_responder.security.attempts import AttemptLog  # noqa: PLC0415 (no cycle at import)

        events, broken = AttemptLog(attempts_file, self._clock).read()
        seen_seq, _, seen_hash = (self._store.get_meta(ATTEMPTS_META) or "0:").partition(":")
        seen = int(seen_seq or 0)
        known = {e.seq: e.hash for e in events}
        damaged = [p for p in attempts_file.parent.glob(attempts_file.name + ".damaged-*")
                   if not p.name.endswith(".seen")]
        if broken or damaged or (seen and known.get(seen) != seen_hash):
            self.record("signin.log_tampered", attempts_file.name, "alert",
                        broken or "the sign-in attempt log was truncated or replaced")
            for p in damaged:
                p.rename(p.with_name(p.name + ".seen"))
            if seen > (events[-1].seq if events else 0):
                seen = 0  # a fresh chain: its events are new to us
        for e in events:
            if e.seq > seen and e.event in ("failure", "lockout"):
                action = "signin.failed" if e.event == "failure" else "signin.lockout"
                self.record(action, f"officer:{e.officer}", "failed", at=e.at)
        if events:
            self._store.set_meta(ATTEMPTS_META, f"{events[-1].seq}:{events[-1].hash}")


def verify_chain(store: Store) -> ChainCheck:
    """Walk the chain from the first row; name the first row that does not fit."""
    prev, expected, n = GENESIS, 1, 0
    for entry in store.audit.entries():
        n += 1
        if entry.seq != expected:
            return ChainCheck(False, n, expected,
                              f"audit row {expected} is missing (the chain breaks before row "
                              f"{entry.seq})")
        if entry.prev_hash != prev:
            return ChainCheck(False, n, entry.seq,
                              f"audit row {entry.seq} does not follow row {entry.seq - 1}")
        if entry_hash(prev, entry) != entry.hash:
            return ChainCheck(False, n, entry.seq, f"audit row {entry.seq} was altered")
        prev, expected = entry.hash, expected + 1
    head = store.get_meta(HEAD_META)
    if n and not head:
        return ChainCheck(False, n, None, "the audit head record is missing")
    if head and head != f"{expected - 1}:{prev}":
        head_seq = int(head.split(":")[0])
        return ChainCheck(False, n, expected if head_seq >= expected else head_seq,
                          f"audit rows after row {expected - 1} were removed or the head was "
                          "altered")
    return ChainCheck(True, n)
