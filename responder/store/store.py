"""The Store: one object per open profile database, composed of small repositories."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from civilian_responder.store.attachments import AttachmentRepository, PhotoSource
from civilian_responder.store.audit import AuditRepository
from civilian_responder.store.calls import CallRepository
from civilian_responder.store.checklists import ChecklistRepository
from civilian_responder.store.database import Step, open_database, translate_errors
from civilian_responder.store.directory import DirectoryRepository
from civilian_responder.store.outbox import Outbox
from civilian_responder.store.people import PeopleRepository
from civilian_responder.store.reports import ReportRepository
from civilian_responder.store.shifts import ShiftRepository
from civilian_responder.store.sync import SyncRepository
from civilian_responder.store.unit import UnitRepository


class Store:
    """Owns the connection. Belongs to the thread that opened it."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None,
                 key: bytes | None = None) -> None:
        self.db = db
        self.path = path
        self._key = key
        self.calls = CallRepository(db)
        self.reports = ReportRepository(db)
        self.outbox = Outbox(db)
        self.attachments = AttachmentRepository(db)
        self.audit = AuditRepository(db)
        self.sync = SyncRepository(db)
        self.checklists = ChecklistRepository(db)
        self.people = PeopleRepository(db)
        self.directory = DirectoryRepository(db)
        self.shifts = ShiftRepository(db)
        self.unit = UnitRepository(db)

    @classmethod
    def open(cls, path: Path, key: bytes | None = None) -> Store:
        return cls(open_database(path, key), path, key)

    def photo_source(self) -> PhotoSource | None:
        """Photo bytes readable from another thread (None for a store without a file)."""
        return PhotoSource(self.path, self._key) if self.path is not None else None

    @contextlib.contextmanager
    def atomic(self, doing: str) -> Iterator[None]:
        """One user action = one transaction. Errors come out as ours, naming ``doing``."""
        with translate_errors(doing), self.db.atomic():
            yield

    @contextlib.contextmanager
    def replayable(self, doing: str) -> Iterator[None]:
        """A transaction whose loss in a power cut is harmless because it is redone from the
        station (sync answers: re-sent changes are answered ``duplicate``; pulled changes: the
        cursor goes back with them). It commits without waiting for the disk (WAL, synchronous
        NORMAL: still atomic, never corrupt); the next ordinary commit makes it durable too."""
        with translate_errors(doing):
            self.db.execute("PRAGMA synchronous = NORMAL")
        try:
            with self.atomic(doing):
                yield
        finally:
            with translate_errors(doing):
                self.db.execute("PRAGMA synchronous = FULL")

    def step(self, doing: str) -> Step:
        """One step of the open ``atomic`` transaction (a savepoint): all of it or none."""
        return Step(self.db.conn, doing)

    # Meta: small key/value facts about this profile -------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic(f"saving setting {key}"):
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
