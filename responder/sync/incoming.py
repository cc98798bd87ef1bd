"""Storing what the station sent (pull), inside the caller's transaction.

Each change is stored under its own savepoint: one malformed change is skipped (and logged by
sequence number, never by content) instead of stopping every later change from arriving.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civilian_responder.errors import StorageError, StorageFullError
from civilian_responder.models import StatusEvent
from civilian_responder.store import Store

log = logging.getLogger(__name__)

NEW_CALL_STATUS = "DISPATCHED"
_CALL_REQUIRED = ("id", "unit_id", "type_code", "priority", "received_at", "updated_at")
_EVENT_KINDS = ("status", "backup", "note")
_REVIEW_STATES = {"approved": "approved", "approve": "approved",
                  "returned": "returned", "return": "returned"}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


class Skip(Exception):
    """This change cannot be stored; the reason names the field, never the content."""


@dataclass
class IncomingCounts:
    calls: int = 0
    events: int = 0
    reviews: int = 0
    checklists: int = 0
    skipped: int = 0


def store_changes(store: Store, checklist_dir: Path, changes: Sequence[Mapping[str, Any]],
                  statuses: Sequence[str]) -> IncomingCounts:
    """Store pulled changes in order. Call inside ``store.atomic``."""
    counts = IncomingCounts()
    handlers: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
        "call": lambda p: _call(store, p, statuses),
        "call_event": lambda p: _event(store, p),
        "review": lambda p: _review(store, p),
        "checklist_definition": lambda p: _checklist(checklist_dir, p),
        "reference": lambda p: None,  # optional in v1: our code lists ship with the app
    }
    for change in changes:
        kind = change.get("kind")
        handler = handlers.get(str(kind))
        if handler is None:
            log.info("Ignoring station change #%s of unknown kind %r", change.get("seq"), kind)
            continue
        payload = change.get("payload")
        try:
            if not isinstance(payload, Mapping):
                raise Skip("payload is not an object")
            with store.atomic(f"storing station change #{change.get('seq')}"):
                counted = handler(payload)
        except StorageFullError:
            raise
        except (Skip, StorageError, TypeError, ValueError) as exc:
            counts.skipped += 1
            log.warning("Skipped station change #%s (%s): %s", change.get("seq"), kind,
                        exc if isinstance(exc, Skip) else type(exc).__name__)
            continue
        if counted:
            setattr(counts, counted, getattr(counts, counted) + 1)
    return counts


def _call(store: Store, payload: Mapping[str, Any], statuses: Sequence[str]) -> str:
    missing = [k for k in _CALL_REQUIRED if payload.get(k) in (None, "")]
    if missing:
        raise Skip(f"call lacks {', '.join(missing)}")
    fields = dict(payload)
    fields["priority"] = int(fields["priority"])
    for text in ("address", "narrative", "caution_notes", "cross_streets", "location_note",
                 "caller_name", "caller_phone"):
        if fields.get(text) is None:
            fields[text] = ""
    if fields.get("status") not in statuses:
        fields.pop("status", None)
    store.sync.store_call(fields, NEW_CALL_STATUS)
    return "calls"


def _event(store: Store, payload: Mapping[str, Any]) -> str | None:
    for key in ("id", "call_id", "status", "at"):
        if not payload.get(key):
            raise Skip(f"call event lacks {key}")
    if not store.sync.call_exists(str(payload["call_id"])):
        raise Skip("call event for a call this unit does not hold")
    kind = payload.get("kind") if payload.get("kind") in _EVENT_KINDS else "status"
    event = StatusEvent(
        id=str(payload["id"]), call_id=str(payload["call_id"]), kind=str(kind),
        status=str(payload["status"]), at=str(payload["at"]),
        reason_code=payload.get("reason_code"), note=str(payload.get("note") or ""),
        actor=str(payload.get("actor") or ""), origin="station",
    )
    return "events" if store.sync.store_station_event(event) else None


def _review(store: Store, payload: Mapping[str, Any]) -> str | None:
    state = _REVIEW_STATES.get(str(payload.get("decision")))
    if state is None or not payload.get("report_id"):
        raise Skip("review lacks a decision or report id")
    stored = store.sync.store_review(
        str(payload["report_id"]), state, str(payload.get("comment") or ""),
        str(payload.get("at") or ""),
    )
    return "reviews" if stored else None


def _checklist(folder: Path, payload: Mapping[str, Any]) -> str:
    name = str(payload.get("id") or "")
    definition = payload.get("definition")
    if not _SAFE_NAME.match(name) or not isinstance(definition, Mapping):
        raise Skip("checklist definition lacks a usable id or body")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise Skip("checklist definition lacks a version number")
    folder.mkdir(parents=True, exist_ok=True)
    # One file per version: runs started on an older version still find their definition.
    target = folder / f"{name}.v{version}.json"
    tmp = target.with_suffix(".json.tmp")
    # Write-then-rename: a crash leaves the old file or the new one, never half of one.
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(definition, fh, indent=2, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return "checklists"
