"""SQL for photo attachments. Metadata and bytes are separate so listing stays cheap."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils
from civilian_responder.models import Attachment
from civilian_responder.store.database import connect_reader, translate_errors

_FIELDS = [f.name for f in dataclasses.fields(Attachment)]


class AttachmentRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def insert(self, attachment: Attachment, data: bytes) -> None:
        row = dataclasses.asdict(attachment)
        row["uploaded"] = int(row["uploaded"])
        self._db["attachments"].insert(row)
        self._db["attachment_data"].insert({"id": attachment.id, "data": data})

    def for_report(self, report_id: str) -> list[Attachment]:
        rows = self._db.execute(
            f"SELECT {', '.join(_FIELDS)} FROM attachments WHERE report_id = ? ORDER BY created_at",
            [report_id],
        ).fetchall()
        return [Attachment(*r[:-1], uploaded=bool(r[-1])) for r in rows]

    def get(self, attachment_id: str) -> Attachment | None:
        row = self._db.execute(
            f"SELECT {', '.join(_FIELDS)} FROM attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        return Attachment(*row[:-1], uploaded=bool(row[-1])) if row else None

    def data(self, attachment_id: str) -> bytes:
        row = self._db.execute(
            "SELECT data FROM attachment_data WHERE id = ?", [attachment_id]
        ).fetchone()
        return bytes(row[0]) if row else b""

    def mark_uploaded(self, attachment_id: str) -> None:
        self._db["attachments"].update(attachment_id, {"uploaded": 1})

    def not_uploaded(self) -> list[Attachment]:
        rows = self._db.execute(
            f"SELECT {', '.join(_FIELDS)} FROM attachments WHERE uploaded = 0 ORDER BY created_at"
        ).fetchall()
        return [Attachment(*r[:-1], uploaded=bool(r[-1])) for r in rows]


class PhotoSource:
    """Photo bytes for the sync worker, so the GUI thread never reads them (3 MB photos by the
    hundred). Each call opens its own read-only connection on the calling thread and closes it:
    nothing is shared between threads. Photo bytes are written once and never changed."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self._path = path
        self._key = key

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file from this (worker) thread, so the
        GUI thread's next commits do not: a checkpoint copies pages and waits for the disk.
        PASSIVE: it never blocks the owner's writes, and a busy moment just leaves it for later."""
        with translate_errors("tidying the database file"):
            conn = connect_reader(self._path, self._key, read_only=False)
            with contextlib.closing(conn):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def read(self, attachment_ids: Iterable[str]) -> dict[str, bytes]:
        """The bytes of those photos that still exist (a deleted one is simply absent)."""
        wanted = list(attachment_ids)
        out: dict[str, bytes] = {}
        with translate_errors("reading photos to send"):
            conn = connect_reader(self._path, self._key)
            with contextlib.closing(conn):
                for attachment_id in wanted:
                    row = conn.execute(
                        "SELECT data FROM attachment_data WHERE id = ?", [attachment_id]
                    ).fetchone()
                    if row is not None:
                        out[attachment_id] = bytes(row[0])
        return out
