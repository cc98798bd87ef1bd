"""Attaching photos to a report: size and type checked at attach time, hashed, stored encrypted
with the rest of the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import LockedRecordError, ValidationError, say
from civilian_responder.models import Attachment
from civilian_responder.store import Store

MAX_PHOTO_BYTES = 15 * 1024 * 1024
_SIGNATURES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF8": "image/gif",
    b"RIFF": "image/webp",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def attachment_meta(attachment: Attachment) -> dict[str, object]:
    """What the station is told about a photo before its bytes go (protocol v1)."""
    return {
        "id": attachment.id, "report_id": attachment.report_id, "filename": attachment.filename,
        "mime_type": attachment.mime_type, "size": attachment.size, "sha256": attachment.sha256,
        "caption": attachment.caption,
    }


def sniff_mime(data: bytes) -> str | None:
    for magic, mime in _SIGNATURES.items():
        if data.startswith(magic):
            return mime
    return None


class AttachmentService:
    def __init__(self, store: Store, clock: Clock, max_bytes: int = MAX_PHOTO_BYTES) -> None:
        self._store = store
        self._clock = clock
        self.max_bytes = max_bytes

    def attach_photo(self, report_id: str, filename: str, data: bytes,
                     caption: str = "") -> Attachment:
        report = self._store.reports.get(report_id)
        if report is None:
            raise ValidationError(say("Photos", "No such report"), {"report_id": report_id})
        if not report.editable:
            raise LockedRecordError(say("Photos", "Report {number} is {state}").format(
                number=report.report_number, state=report.state))
        if len(data) > self.max_bytes:
            raise ValidationError(
                say("Photos", "{name} is {size:.1f} MB; photos can be at most {most:.0f} "
                    "MB").format(name=filename, size=len(data) / 1_048_576,
                                 most=self.max_bytes / 1_048_576),
                {"photo": "too large"},
            )
        mime = sniff_mime(data)
        if mime is None:
            raise ValidationError(say("Photos", "{name} is not a photo (JPEG, PNG, GIF, WebP "
                                      "or TIFF)").format(name=filename),
                                  {"photo": "not an image"})
        attachment = Attachment(
            id=new_id(), report_id=report_id, filename=Path(filename).name, mime_type=mime,
            size=len(data), sha256=hashlib.sha256(data).hexdigest(), caption=caption,
            created_at=iso(self._clock.now()),
        )
        with self._store.atomic(f"attaching {attachment.filename}"):
            self._store.attachments.insert(attachment, data)
            # Sync sends this once the report is on the station, then the bytes by SHA-256.
            self._store.outbox.enqueue(
                "attachment_meta", attachment.id, attachment_meta(attachment),
                attachment.created_at, report.call_id,
            )
        return attachment

    def attach_file(self, report_id: str, path: Path, caption: str = "") -> Attachment:
        name, data = self.read_photo(path)
        return self.attach_photo(report_id, name, data, caption)

    def read_photo(self, path: Path) -> tuple[str, bytes]:
        """Read and check a photo file without touching the database, so a worker thread can
        do the slow part; ``attach_photo`` then stores it on the database's own thread."""
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise ValidationError(
                    say("Photos", "{name} is {size:.1f} MB; photos can be at most {most:.0f} "
                        "MB").format(name=path.name, size=size / 1_048_576,
                                     most=self.max_bytes / 1_048_576),
                    {"photo": "too large"},
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(say("Photos", "Cannot read {path}: {why}").format(
                path=str(path), why=exc.strerror or type(exc).__name__)) from exc
        if sniff_mime(data) is None:
            raise ValidationError(say("Photos", "{name} is not a photo (JPEG, PNG, GIF, WebP "
                                      "or TIFF)").format(name=path.name),
                                  {"photo": "not an image"})
        return path.name, data

    def for_report(self, report_id: str) -> list[Attachment]:
        return self._store.attachments.for_report(report_id)

    def data(self, attachment_id: str) -> bytes:
        return self._store.attachments.data(attachment_id)
