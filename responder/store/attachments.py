"""SQL for photo attachments. Metadata and bytes are separate so listing stays cheap."""

from __future__ import annotations

import dataclasses

import sqlite_utils
from civilian_responder.models import Attachment

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
