"""Supervisor review: list, show, approve, return with comments.

A decision is recorded and announced to the unit as a ``review`` pull change in one transaction.
Only a ``submitted`` version can be decided; an approved version is final.
"""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.station.bodies import UNREADABLE, load_row
from civilian_responder.station.errors import Conflict, Invalid, NotFound
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.tables import (
    call_events,
    calls,
    conflicts,
    records,
    report_codes,
    report_submissions,
    reports,
    reviews,
    uploads,
)
from sqlalchemy import Engine, exists, select, update

log = logging.getLogger(__name__)
STATES = ("submitted", "approved", "returned", "superseded")
DECISIONS = {"approve": "approved", "approved": "approved", "return": "returned",
             "returned": "returned"}
MAX_COMMENT = 5000
SUMMARY_COLUMNS = ("id", "report_number", "version", "call_id", "unit_id", "state",
                   "supersedes_id", "submitted_at", "reviewed_at", "reviewer", "review_comment")


def _summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "report_number": row.report_number, "version": row.version,
        "call_id": row.call_id, "unit_id": row.unit_id, "state": row.state,
        "supersedes_id": row.supersedes_id, "submitted_at": row.submitted_at,
        "reviewed_at": row.reviewed_at, "reviewer": row.reviewer,
        "review_comment": row.review_comment,
    }


def _payload(text: str, where: str) -> dict[str, Any]:
    found = load_row(text, where)
    return UNREADABLE if found is None else found


def _attachment(meta: Any) -> dict[str, Any]:
    found = load_row(meta.payload, f"attachment_meta {meta.entity_id}")
    if found is None:
        return dict(UNREADABLE, id=meta.entity_id, complete=False)
    return dict(found, complete=bool(meta.complete))


class Review:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def list_reports(self, state: str | None = "submitted", unit_id: str | None = None,
             limit: int = 500) -> list[dict[str, Any]]:
        if state is not None and state not in STATES:
            raise Invalid(f"state must be one of {', '.join(STATES)}")
        query = select(reports).order_by(reports.c.submitted_at).limit(max(1, min(limit, 5000)))
        if state is not None:
            query = query.where(reports.c.state == state)
        if unit_id is not None:
            query = query.where(reports.c.unit_id == unit_id)
        with self._engine.connect() as conn:
            return [_summary(r) for r in conn.execute(query)]

    def queue(self, state: str = "submitted", unit_id: str = "", type_code: str = "",
              older_than: str = "", flag: str = "", limit: int = 200) -> list[dict[str, Any]]:
        """The console's review queue: reports in ``state``, oldest first, with the call's type
        and the report's flags; filters by unit, call type, submitted before ``older_than``
        (an ISO time) and flag code."""
        if state not in STATES:
            raise Invalid(f"state must be one of {', '.join(STATES)}")
        summary = [reports.c[name] for name in SUMMARY_COLUMNS]  # not the payload
        query = (select(*summary, calls.c.type_code, calls.c.cad_number, calls.c.priority)
                 .select_from(reports.outerjoin(calls, calls.c.id == reports.c.call_id))
                 .where(reports.c.state == state)
                 .order_by(reports.c.submitted_at).limit(max(1, min(limit, 1000))))
        if unit_id:
            query = query.where(reports.c.unit_id == unit_id)
        if type_code:
            query = query.where(calls.c.type_code == type_code)
        if older_than:
            query = query.where(reports.c.submitted_at < older_than)
        if flag:
            query = query.where(exists().where(report_codes.c.report_id == reports.c.id,
                                               report_codes.c.field == "flag",
                                               report_codes.c.code == flag))
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
            flags: dict[str, list[str]] = {}
            if rows:
                for rid, code in conn.execute(
                        select(report_codes.c.report_id, report_codes.c.code)
                        .where(report_codes.c.field == "flag")
                        .where(report_codes.c.report_id.in_([r.id for r in rows]))):
                    flags.setdefault(rid, []).append(code)
        return [dict(_summary(r), type_code=r.type_code, cad_number=r.cad_number,
                     priority=r.priority, flags=sorted(flags.get(r.id, []))) for r in rows]

    def versions(self, report_id: str) -> list[dict[str, Any]]:
        """Every version of the report this one belongs to, oldest first, each with its
        payload: what the console shows side by side. A unit may resubmit a returned report
        under its id (a new version number) or as a new report that supersedes it; both are
        here, from every applied submission of every report with this number and unit."""
        with self._engine.connect() as conn:
            row = conn.execute(select(reports.c.report_number, reports.c.unit_id)
                               .where(reports.c.id == report_id)).first()
            if row is None:
                raise NotFound(f"No report with id {report_id}")
            held = {r.id: r for r in conn.execute(select(reports).where(
                reports.c.report_number == row.report_number,
                reports.c.unit_id == row.unit_id))}
            subs = conn.execute(
                select(report_submissions.c.id, report_submissions.c.report_id,
                       report_submissions.c.payload, report_submissions.c.received_at)
                .where(report_submissions.c.report_id.in_(list(held)),
                       report_submissions.c.outcome == "applied")
                .order_by(report_submissions.c.id)).all()
        last = {s.report_id: s.id for s in subs}
        out = []
        for sub in subs:
            payload = _payload(sub.payload, f"report {sub.report_id}")
            current = held[sub.report_id]
            state = current.state if last[sub.report_id] == sub.id else "earlier"
            version = payload.get("version", current.version)
            out.append({"id": sub.report_id, "version": version, "state": state,
                        "received_at": sub.received_at, "payload": payload})
        out.sort(key=lambda v: (v["version"] if isinstance(v["version"], int) else 0,
                                v["received_at"]))
        return out

    def checklist_runs(self, call_id: str, unit_id: str) -> list[dict[str, Any]]:
        """The checklist runs the report's unit kept on the report's call."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(records).where(
                records.c.kind == "checklist_run", records.c.call_id == call_id,
                records.c.unit_id == unit_id).order_by(records.c.received_at)).all()
        return [{"entity_id": r.entity_id, "received_at": r.received_at,
                 "payload": _payload(r.payload, f"checklist_run {r.entity_id}")} for r in rows]

    def show(self, report_id: str) -> dict[str, Any]:
        with self._engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
            if row is None:
                raise NotFound(f"No report with id {report_id}")
            decisions = conn.execute(select(reviews).where(reviews.c.report_id == report_id)
                                     .order_by(reviews.c.at)).all()
            versions = conn.execute(
                select(report_submissions.c.outcome, report_submissions.c.received_at,
                       report_submissions.c.change_id)
                .where(report_submissions.c.report_id == report_id)
                .order_by(report_submissions.c.id)).all()
            # Only the report's own unit's attachments: metadata a unit pushed before any
            # report had this id stays that unit's, whoever later sends a report with the id.
            metas = conn.execute(select(records.c.entity_id, records.c.payload,
                                        uploads.c.complete)
                                 .select_from(records.outerjoin(uploads, (
                                     uploads.c.unit_id == records.c.unit_id)
                                     & (uploads.c.sha256 == records.c.sha256)))
                                 .where(records.c.kind == "attachment_meta")
                                 .where(records.c.report_id == report_id)
                                 .where(records.c.unit_id == row.unit_id)).all()
        payload = load_row(row.payload, f"report {row.id}")
        return {
            "report": _summary(row),
            "payload": UNREADABLE if payload is None else payload,
            "reviews": [dict(d._mapping) for d in decisions],
            "submissions": [dict(v._mapping) for v in versions],
            "attachments": [_attachment(m) for m in metas],
        }

    def records(self, kind: str | None, unit_id: str | None,
                limit: int = 1000) -> list[dict[str, Any]]:
        """Unit-owned records the station keeps (checklist runs, audit events, attachments)."""
        query = select(records).order_by(records.c.received_at).limit(max(1, min(limit, 10000)))
        if kind is not None:
            query = query.where(records.c.kind == kind)
        if unit_id is not None:
            query = query.where(records.c.unit_id == unit_id)
        with self._engine.connect() as conn:
            return [{"kind": r.kind, "entity_id": r.entity_id, "unit_id": r.unit_id,
                     "device_id": r.device_id, "received_at": r.received_at,
                     "payload": _payload(r.payload, f"{r.kind} {r.entity_id}")}
                    for r in conn.execute(query)]

    def conflicts(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Every change kept but not applied because it clashed with what the station had."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(conflicts).order_by(conflicts.c.id.desc())
                                .limit(max(1, min(limit, 10000)))).all()
        return [dict(r._mapping, payload=_payload(r.payload, f"conflict {r.id}")) for r in rows]

    def held_version(self, kind: str, entity_id: str) -> dict[str, Any] | None:
        """What the station holds for a conflicting change's entity (the applied version),
        to show beside the kept one; None when it holds nothing under that id."""
        with self._engine.connect() as conn:
            if kind == "report":
                row = conn.execute(select(reports.c.payload).where(reports.c.id == entity_id)
                                   ).first()
            elif kind == "status_event":
                found = conn.execute(select(call_events).where(call_events.c.id == entity_id)
                                     ).first()
                return dict(found._mapping) if found is not None else None
            elif kind == "call":
                found = conn.execute(select(calls).where(calls.c.id == entity_id)).first()
                return {k: v for k, v in found._mapping.items()} if found is not None else None
            else:
                row = conn.execute(select(records.c.payload).where(
                    records.c.kind == kind, records.c.entity_id == entity_id)).first()
        return None if row is None else _payload(row.payload, f"{kind} {entity_id}")

    def decide(self, report_id: str, decision: str, comment: str,
               reviewer: str) -> dict[str, Any]:
        outcome = DECISIONS.get(decision)
        if outcome is None:
            raise Invalid("decision must be 'approve' or 'return'")
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise Invalid(f"comment is longer than {MAX_COMMENT} characters")
        if outcome == "returned" and not comment:
            raise Invalid("Say what to revise: a returned report needs a comment")
        reviewer = (reviewer or "supervisor")[:128]
        at = iso(self._clock.now())
        with write(self._engine) as conn:
            lock_feed(conn)
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
            if row is None:
                raise NotFound(f"No report with id {report_id}")
            if row.state != "submitted":
                raise Conflict(f"Report {row.report_number} v{row.version} is {row.state}; only "
                               "a submitted report can be reviewed")
            conn.execute(update(reports).where(reports.c.id == report_id).values(
                state=outcome, reviewed_at=at, reviewer=reviewer, review_comment=comment))
            conn.execute(reviews.insert().values(id=new_id(), report_id=report_id,
                                                 decision=outcome, comment=comment,
                                                 reviewer=reviewer, at=at))
            payload = {
                "report_id": row.id, "report_number": row.report_number,
                "version": row.version, "decision": outcome, "comment": comment,
                "reviewer": reviewer, "at": at, "call_id": row.call_id,
            }
            feed.append(conn, row.unit_id, "review", row.id, payload, at)
        log.info("report %s v%s %s by %s", row.id, row.version, outcome, reviewer)
        return payload
