"""What a unit does when the station's answers cannot be trusted as they are: pull pages checked
against the cursor, and the recovery queued when the station went back to an older backup.

Runs inside the caller's transaction (``Store.atomic``) where it writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from civilian_responder.errors import SyncError, SyncErrorKind, say
from civilian_responder.store import Store


def check_page(cursor: int, changes: list[Mapping[str, Any]], new_cursor: int) -> None:
    """A page must follow on from the cursor without gaps: each change names the one before
    it (``prev``), and the page's cursor is its last change. Anything else (changes dropped,
    a cursor that runs ahead) is refused before a single change is stored."""
    last = cursor
    for change in changes:
        seq = change["seq"]
        prev = change.get("prev", last)  # a station before v1.1 does not say
        if seq <= last or prev != last:
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station's changes skip from #{last} to #{seq} "
                                "(it says #{prev} comes before); not stored, asked for "
                                "again").format(last=last, seq=seq, prev=prev))
        last = seq
    if new_cursor != last:  # an empty page leaves the cursor where it was
        raise SyncError(SyncErrorKind.PROTOCOL, say(
            "Sync", "The station's cursor (#{cursor}) runs past its last change (#{last}); "
            "not stored, asked for again").format(cursor=new_cursor, last=last))


def change_check(change: Mapping[str, Any]) -> str:
    """The fingerprint the station computes for the same feed change (``feed.change_check``)."""
    text = json.dumps([change.get("seq"), change.get("kind"), change.get("entity_id"),
                       change.get("payload")], sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def queue_call_copies(store: Store, call_ids: Iterable[str] | None, now: str) -> int:
    """Queue the unit's copy of its numbered calls (all, or ``call_ids``) for the station."""
    wanted = set(call_ids) if call_ids is not None else None
    count = 0
    for call in store.sync.numbered_calls():
        if wanted is None or call.id in wanted:
            store.outbox.enqueue("call_copy", call.id, dataclasses.asdict(call), now, call.id)
            count += 1
    return count


def queue_recovery(store: Store, now: str) -> int:
    """Everything a restored station may have lost: every change it had acknowledged (or
    refused) again, a copy of every numbered call (sent first, so the station re-creates calls
    under their own numbers before their records arrive) and of every review decision the unit
    holds. A report returned and then resubmitted sends the return before the resubmission (a
    station that lost the return would see the resubmission as a conflict). Returns how many."""
    sync, outbox = store.sync, store.outbox
    decided = sync.decided_reports()
    count = sync.reoffer_acknowledged(hold_back=[d[0] for d in decided if d[4]])
    count += queue_call_copies(store, None, now)
    for report_id, state, comment, at, resubmitted in decided:
        outbox.enqueue("review_copy", report_id, {
            "report_id": report_id, "decision": state, "comment": comment, "at": at,
        }, now)
        payload = sync.last_report_payload(report_id) if resubmitted else None
        if payload is not None:
            body = json.loads(payload)
            outbox.enqueue("report", report_id, body, now, body.get("call_id"))
        count += 1
    return count
