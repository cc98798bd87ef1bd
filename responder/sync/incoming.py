"""Storing what the station sent (pull), inside the caller's transaction.

Each change is stored under its own savepoint. An unreadable change (garbled on the way, or
malformed) stops the page there: the changes before it are stored and the cursor stays just
before it, so the next sync asks for it again. Only after several syncs fail on the same change
(``give_up_seq``) is it skipped, so one bad change cannot hold back dispatch for good. Logged by
sequence number, never by content.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civilian_responder.errors import StorageError, StorageFullError
from civilian_responder.models import RosterPerson, StatusEvent
from civilian_responder.store import Store
from civilian_responder.store.directory import payload_resource, search_text

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
    people: int = 0
    resources: int = 0  # resource-directory entries added, changed or dropped
    roster: int = 0
    skipped: int = 0
    unreadable: int = 0  # changes held back for the next sync (0 or 1: the page stops there)
    recovered: int = 0  # changes re-offered to a station that went back (restored backup)


@dataclass
class Stored:
    """How far a page got: ``through`` is the seq of the last change stored (or passed over
    on purpose), ``stuck`` the seq of an unreadable change the page stopped at."""

    counts: IncomingCounts
    through: int | None = None
    through_change: Mapping[str, Any] | None = None
    stuck: int | None = None
    clashes: list[str] = field(default_factory=list)  # local calls whose number was reused


def store_changes(store: Store, checklist_dir: Path, changes: Sequence[Mapping[str, Any]],
                  statuses: Sequence[str], give_up_seq: int | None = None,
                  people: Callable[[str, dict[str, Any]], str | None] | None = None) -> Stored:
    """Store pulled changes in order, up to the first unreadable one. Call inside
    ``store.atomic``."""
    done = Stored(IncomingCounts())
    counts = done.counts
    handlers: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
        "call": lambda p: _call(store, p, statuses, done.clashes),
        "call_event": lambda p: _event(store, p, statuses),
        "review": lambda p: _review(store, p),
        "checklist_definition": lambda p: _checklist(checklist_dir, p),
        "reference": lambda p: None,  # optional in v1: our code lists ship with the app
        "resource": lambda p: _resource(store, p),
        "roster_person": lambda p: _roster_person(store, p),
    }
    if people is not None:  # people over time: known persons, merges, prior contacts
        for people_kind in PEOPLE_KINDS:
            handlers[people_kind] = functools.partial(_people, people, people_kind)
    for change in changes:
        kind = change.get("kind")
        seq = change.get("seq")
        handler = handlers.get(str(kind))
        payload = change.get("payload")
        try:
            if handler is None:
                log.info("Ignoring station change #%s of unknown kind %r", seq, kind)
                counted = None
            else:
                if not isinstance(payload, Mapping):
                    raise Skip("payload is not an object")
                with store.step(f"storing station change #{seq}"):
                    counted = handler(payload)
        except StorageFullError:
            raise
        except (Skip, StorageError, TypeError, ValueError) as exc:
            why = exc if isinstance(exc, Skip) else type(exc).__name__
            if seq != give_up_seq:
                counts.unreadable += 1
                done.stuck = seq if isinstance(seq, int) else None
                log.warning("Station change #%s (%s) is unreadable (%s); it is asked for again "
                            "at the next sync", seq, kind, why)
                return done
            counts.skipped += 1
            log.warning("Skipped station change #%s (%s) after repeated failures: %s",
                        seq, kind, why)
            counted = None
        if counted:
            setattr(counts, counted, getattr(counts, counted) + 1)
        done.through, done.through_change = seq if isinstance(seq, int) else None, change
    return done


# agency_setting: the station's agency settings units follow (retention_days).
PEOPLE_KINDS = ("person", "person_merge", "prior_contacts", "agency_setting")


def _people(people: Callable[[str, dict[str, Any]], str | None], kind: str,
            payload: Mapping[str, Any]) -> str | None:
    try:
        return people(kind, dict(payload))
    except KeyError as exc:
        raise Skip(f"{kind} lacks {exc.args[0]}") from None


def _call(store: Store, payload: Mapping[str, Any], statuses: Sequence[str],
          clashes: list[str]) -> str | None:
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
    outcome = store.sync.store_call(fields, NEW_CALL_STATUS, statuses)
    if outcome.startswith("clash:"):
        clashes.append(outcome.split(":", 1)[1])
        log.warning("The station numbered call %s with a number this unit holds for another "
                    "call; the station is told and renumbers it", payload.get("id"))
    return None if outcome == "older" else "calls"


def _event(store: Store, payload: Mapping[str, Any], statuses: Sequence[str]) -> str | None:
    for key in ("id", "call_id", "status", "at"):
        if not payload.get(key):
            raise Skip(f"call event lacks {key}")
    if not store.sync.call_exists(str(payload["call_id"])):
        log.info("Ignoring an event for a call this unit does not hold")
        return None
    kind = payload.get("kind") if payload.get("kind") in _EVENT_KINDS else "status"
    from_unit = payload.get("origin") == "unit"  # recorded by another device of this unit
    event = StatusEvent(
        id=str(payload["id"]), call_id=str(payload["call_id"]), kind=str(kind),
        status=str(payload["status"]), at=str(payload["at"]),
        reason_code=payload.get("reason_code"), note=str(payload.get("note") or ""),
        actor=str(payload.get("actor") or ""), origin="unit" if from_unit else "station",
    )
    if from_unit:
        return "events" if store.sync.store_unit_event(event, statuses) else None
    return "events" if store.sync.store_station_event(event) else None


def _roster_person(store: Store, payload: Mapping[str, Any]) -> str:
    person_id, name = payload.get("person_id"), payload.get("name")
    roles = payload.get("role_codes")
    if not isinstance(person_id, str) or not person_id or not isinstance(name, str):
        raise Skip("roster entry lacks a person id or name")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Skip("roster entry lacks a role list")
    person = RosterPerson(person_id, name, tuple(roles), payload.get("active") is not False)
    store.shifts.upsert_roster_person(person, str(payload.get("updated_at") or ""))
    return "roster"


def _review(store: Store, payload: Mapping[str, Any]) -> str | None:
    state = _REVIEW_STATES.get(str(payload.get("decision")))
    if state is None or not payload.get("report_id"):
        raise Skip("review lacks a decision or report id")
    stored = store.sync.store_review(
        str(payload["report_id"]), state, str(payload.get("comment") or ""),
        str(payload.get("at") or ""),
    )
    return "reviews" if stored else None


def _resource(store: Store, payload: Mapping[str, Any]) -> str | None:
    """A resource-directory entry: a newer revision replaces the held one; retired: dropped."""
    try:
        resource = payload_resource(payload)
    except ValueError as exc:
        raise Skip(f"directory entry lacks a usable {exc}") from None
    if payload.get("retired") is True:
        store.directory.remove(resource.id)
        return "resources"
    return "resources" if store.directory.put(resource, search_text(resource)) else None


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
