"""The EIDO outbox: what CAD should learn, queued with the change that caused it, published as
schema-valid documents under a cursor that never skips.

``queue`` runs inside the writer's transaction (a status event or a report is stored together
with its job, or neither is). ``publish`` takes the pending jobs under the EIDO lock, builds each
document from the station's rows through :class:`EidoWriter` (allowlisted fields only),
validates it and stores it with the next cursor. Cursors are assigned and committed only under
that lock (PostgreSQL advisory lock; SQLite has one writer), so a reader that has seen cursor N
has seen every cursor below it. A document that fails the schema is logged (its kind, call and
the failing path, never content), stays pending and is retried with a growing delay.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.station.eido_out import EidoInvalid, EidoWriter
from civilian_responder.station.errors import Invalid
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.tables import (
    call_events,
    calls,
    eido_documents,
    eido_jobs,
    report_codes,
    report_facts,
)
from sqlalchemy import Connection, Engine, bindparam, or_, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

log = logging.getLogger(__name__)
EIDO_LOCK_KEY = 4708471
MAX_PAGE = 500
DEFAULT_PAGE = 100
PUBLISH_BATCH = 500
MAX_RETRY_SECONDS = 3600


# Built once: a push queues a job for nearly every status event and report.
_JOB_BY_KEY = select(eido_jobs.c.id).where(eido_jobs.c.source_key == bindparam("key"))
_NEW_JOB = eido_jobs.insert()
# SQLite: one statement, skipped when the key is queued already (source_key is unique).
_NEW_JOB_ONCE = sqlite_insert(eido_jobs).on_conflict_do_nothing(index_elements=["source_key"])


def queue(conn: Connection, kind: str, call_id: str, source_id: str, key: str, at: str) -> None:
    """Ask for a document (inside the caller's transaction). ``key`` names what it reports, so
    a repeat of the same change queues nothing."""
    job = {"source_key": key, "kind": kind, "call_id": call_id, "source_id": source_id,
           "state": "pending", "attempts": 0, "last_error": "", "retry_at": None,
           "created_at": at}
    if conn.dialect.name == "sqlite":
        run(conn, _NEW_JOB_ONCE, job)
        return
    found = conn.execute(_JOB_BY_KEY, {"key": key}).first()
    if found is None:
        conn.execute(_NEW_JOB, job)


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": EIDO_LOCK_KEY})


@dataclass(frozen=True)
class _Rows:
    """The rows a batch of jobs is built from, read with one query per table."""

    calls: dict[str, Any]
    events: dict[str, Any]
    facts: dict[str, Any]
    outcomes: dict[str, list[str]]

    @classmethod
    def read(cls, conn: Connection, jobs: list[Any]) -> _Rows:
        call_ids = sorted({j.call_id for j in jobs})
        event_ids = sorted({j.source_id for j in jobs if j.kind == "status"})
        report_ids = sorted({j.source_id for j in jobs if j.kind != "status"})
        outcomes: dict[str, list[str]] = {}
        if report_ids:
            for report_id, code in conn.execute(
                select(report_codes.c.report_id, report_codes.c.code)
                .where(report_codes.c.report_id.in_(report_ids))
                .where(report_codes.c.field == "outcome")
                .order_by(report_codes.c.id)
            ):
                outcomes.setdefault(report_id, []).append(code)
        return cls(
            calls=_by(conn, calls, calls.c.id, call_ids),
            events=_by(conn, call_events, call_events.c.id, event_ids),
            facts=_by(conn, report_facts, report_facts.c.report_id, report_ids),
            outcomes=outcomes,
        )


def _by(conn: Connection, table: Any, key: Any, ids: list[str]) -> dict[str, Any]:
    if not ids:
        return {}
    return {row._mapping[key.name]: row for row in conn.execute(select(table).where(key.in_(ids)))}


class EidoOutbox:
    def __init__(
        self, engine: Engine, clock: Clock, writer_factory: Callable[[], EidoWriter]
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._factory = writer_factory
        self._writer: EidoWriter | None = None
        self._kick_lock = threading.Lock()
        self._due = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def writer(self) -> EidoWriter:
        if self._writer is None:  # the schema is compiled on first use, not at start-up
            self._writer = self._factory()
        return self._writer

    def publish(self) -> int:
        """Build, validate and store every due pending document; the number stored."""
        done = 0
        while True:
            stored, more = self._publish_batch()
            done += stored
            if not more:
                return done

    def kick(self) -> None:
        """Publish soon, on this station's publishing thread (after a push: the unit's answer
        does not wait for CAD's documents; a CAD poll or an export publishes what is due
        first, so nothing is ever read late)."""
        with self._kick_lock:
            if self._closed:
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="eido-publish",
                                                daemon=True)
                self._thread.start()
        self._due.set()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            if self._closed:
                return
            self.publish_quietly()

    def close(self) -> None:
        """Stop the publishing thread (what it has not published yet stays queued)."""
        with self._kick_lock:
            self._closed = True
            thread = self._thread
        self._due.set()
        if thread is not None:
            thread.join(timeout=30)

    def publish_quietly(self) -> None:
        """After a push: publishing must never fail the unit's sync (it is retried later)."""
        try:
            self.publish()
        except Exception:  # noqa: BLE001 (logged; the next publish retries)
            log.exception("publishing EIDO documents failed; will retry")

    def _publish_batch(self) -> tuple[int, bool]:
        """One batch: the due jobs and their rows are read, the documents built and validated
        with no lock held (validation is the slow part, and a writer waiting on SQLite's lock
        would wait for it), then stored under the EIDO lock for the jobs still pending then
        (another worker may have published some meanwhile), in job order."""
        now = self._clock.now()
        stamp = iso(now)
        with self._engine.connect() as conn:
            jobs = conn.execute(
                select(eido_jobs)
                .where(eido_jobs.c.state == "pending")
                .where(or_(eido_jobs.c.retry_at.is_(None), eido_jobs.c.retry_at <= stamp))
                .order_by(eido_jobs.c.id)
                .limit(PUBLISH_BATCH + 1)
            ).all()
            if not jobs:
                return 0, False
            rows = _Rows.read(conn, jobs[:PUBLISH_BATCH])
        built: list[tuple[Any, str | None, str]] = []  # job, document text, problem
        for job in jobs[:PUBLISH_BATCH]:
            try:
                doc = self._build(rows, job)
                self.writer.validate(doc)
            except EidoInvalid as exc:
                built.append((job, None, str(exc)))
                continue
            built.append((job, json.dumps(doc, ensure_ascii=False, separators=(",", ":")), ""))
        documents, published = [], []
        with write(self._engine) as conn:
            _lock(conn)
            still = set(conn.execute(
                select(eido_jobs.c.id)
                .where(eido_jobs.c.id.in_([job.id for job, _t, _p in built]))
                .where(eido_jobs.c.state == "pending")).scalars())
            for job, text_, problem in built:
                if job.id not in still:
                    continue
                if text_ is None:
                    self._failed(conn, job, problem, now)
                    continue
                documents.append(
                    {
                        "job_id": job.id,
                        "kind": job.kind,
                        "call_id": job.call_id,
                        "document": text_,
                        "published_at": stamp,
                    }
                )
                published.append({"job": job.id, "tries": job.attempts + 1})
            if documents:  # inserted in job order, so cursors follow it
                conn.execute(eido_documents.insert(), documents)
                conn.execute(
                    update(eido_jobs)
                    .where(eido_jobs.c.id == bindparam("job"))
                    .values(
                        state="published", attempts=bindparam("tries"), last_error="", retry_at=None
                    ),
                    published,
                )
        return len(documents), len(jobs) > PUBLISH_BATCH

    def _failed(self, conn: Connection, job: Any, problem: str, now: Any) -> None:
        attempts = job.attempts + 1
        delay = min(MAX_RETRY_SECONDS, 15 * 2 ** min(attempts, 12))
        log.warning(
            "EIDO %s document for call %s (job %s) fails the schema at %s; not sent, "
            "retry %d in %ds",
            job.kind,
            job.call_id,
            job.id,
            problem.split(":")[0],
            attempts,
            delay,
        )
        conn.execute(
            update(eido_jobs)
            .where(eido_jobs.c.id == job.id)
            .values(
                attempts=attempts,
                last_error=problem[:500],
                retry_at=iso(now + timedelta(seconds=delay)),
            )
        )

    def _build(self, rows: _Rows, job: Any) -> dict[str, Any]:
        call = rows.calls.get(job.call_id)
        if call is None:
            raise EidoInvalid("(call)", f"call {job.call_id} is no longer held")
        if job.kind == "status":
            event = rows.events.get(job.source_id)
            if event is None:
                raise EidoInvalid("(event)", f"status event {job.source_id} is not held")
            return self.writer.status(call._mapping, event._mapping)
        facts = rows.facts.get(job.source_id)
        if facts is None:
            raise EidoInvalid("(report)", f"report {job.source_id} has no facts")
        outcomes = rows.outcomes.get(job.source_id, [])
        return self.writer.disposition(call._mapping, facts._mapping, outcomes)

    def page(self, after: int, limit: int = DEFAULT_PAGE) -> dict[str, Any]:
        """Documents after ``after`` in cursor order (publishing what is due first)."""
        self.publish_quietly()
        limit = max(1, min(limit, MAX_PAGE))
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(eido_documents)
                .where(eido_documents.c.cursor > after)
                .order_by(eido_documents.c.cursor)
                .limit(limit + 1)
            ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "documents": [_served(r) for r in rows],
            "cursor": rows[-1].cursor if rows else after,
            "more": more,
        }

    def select(self, call_id: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
        """Every document of one call, or published at or after ``since`` (for export)."""
        self.publish()
        query = select(eido_documents).order_by(eido_documents.c.cursor)
        if call_id is not None:
            query = query.where(eido_documents.c.call_id == call_id)
        if since is not None:
            query = query.where(eido_documents.c.published_at >= since_stamp(since))
        with self._engine.connect() as conn:
            return [_served(r) for r in conn.execute(query).all()]

    def pending(self) -> list[dict[str, Any]]:
        """Jobs not yet published (with why, for the admin)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(eido_jobs).where(eido_jobs.c.state == "pending").order_by(eido_jobs.c.id)
            ).all()
        return [
            {
                "job": r.id,
                "kind": r.kind,
                "call_id": r.call_id,
                "attempts": r.attempts,
                "last_error": r.last_error,
                "retry_at": r.retry_at,
            }
            for r in rows
        ]


def since_stamp(value: str) -> str:
    """A time as stored (UTC, milliseconds, Z); a time without a zone is read as UTC."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(
            f"--since {value!r} is not an ISO-8601 time (e.g. 2026-12-01T00:00:00Z)"
        ) from None
    return iso(when if when.tzinfo else when.replace(tzinfo=UTC))


def _served(row: Any) -> dict[str, Any]:
    return {
        "cursor": row.cursor,
        "kind": row.kind,
        "call_id": row.call_id,
        "published_at": row.published_at,
        "document": json.loads(row.document),
    }
