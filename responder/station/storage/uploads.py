"""Resumable, SHA-256-verified attachment uploads, kept per unit.

Each PATCH stores its chunk (in the database) and the new offset in one transaction, so a
crash mid-upload leaves a consistent offset the client resumes from (tus-style
``Upload-Offset``). Whole photos from a batch go to the photo file store when the station has
one (``photo_files``: one pack and one fsync per batch, before the rows naming it commit).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.station.bodies import UNREADABLE, load_row
from civilian_responder.station.errors import Conflict, Invalid, NotFound, TooLarge
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.devices import Device
from civilian_responder.station.storage.photo_files import DamagedPhoto, PhotoFiles
from civilian_responder.station.storage.records import MAX_ATTACHMENT, SHA256
from civilian_responder.station.storage.tables import records, reports, upload_chunks, uploads
from sqlalchemy import Engine, delete, select, update

log = logging.getLogger(__name__)
MAX_CHUNK = 4 * 1024 * 1024
MAX_BATCH = 16 * 1024 * 1024  # one photo-batch request (the station holds it in memory)
MAX_BATCH_ITEMS = 200


@dataclass(frozen=True)
class UploadState:
    sha256: str
    held: int
    length: int | None
    complete: bool


def check_sha(sha256: str) -> str:
    if not SHA256.match(sha256):
        raise Invalid("The attachment id must be its SHA-256: 64 lowercase hex digits")
    return sha256


class Uploads:
    def __init__(self, engine: Engine, clock: Clock, files: PhotoFiles | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._files = files

    def state(self, device: Device, sha256: str) -> UploadState:
        check_sha(sha256)
        with self._engine.connect() as conn:
            row = conn.execute(select(uploads).where(uploads.c.unit_id == device.unit_id)
                               .where(uploads.c.sha256 == sha256)).first()
        if row is None:
            return UploadState(sha256, 0, None, False)
        return UploadState(sha256, row.held, row.length, bool(row.complete))

    def append(self, device: Device, sha256: str, offset: int, length: int | None,
               chunk: bytes) -> UploadState:
        check_sha(sha256)
        if len(chunk) > MAX_CHUNK:
            raise TooLarge(f"A chunk may be at most {MAX_CHUNK} bytes")
        if length is not None and not 0 < length <= MAX_ATTACHMENT:
            raise TooLarge(f"An attachment may be at most {MAX_ATTACHMENT // (1024 * 1024)} MB")
        now = iso(self._clock.now())
        with write(self._engine) as conn:
            row = conn.execute(select(uploads).where(uploads.c.unit_id == device.unit_id)
                               .where(uploads.c.sha256 == sha256)).first()
            if row is None:
                if length is None:
                    raise Invalid("The first PATCH must say Upload-Length (total bytes)")
                conn.execute(uploads.insert().values(
                    unit_id=device.unit_id, sha256=sha256, length=length, held=0,
                    complete=False, device_id=device.id, created_at=now))
                held, total, complete = 0, length, False
            else:
                held, total, complete = row.held, row.length, bool(row.complete)
                if length is not None and length != total:
                    raise Conflict(f"Upload-Length {length} differs from the declared {total}",
                                   {"Upload-Offset": str(held)})
            if complete:
                return UploadState(sha256, held, total, True)
            if offset != held:
                raise Conflict(f"Upload-Offset {offset} does not match the {held} bytes held",
                               {"Upload-Offset": str(held)})
            if held + len(chunk) > total:
                raise TooLarge("The chunk goes past the declared Upload-Length")
            if chunk:
                conn.execute(upload_chunks.insert().values(
                    unit_id=device.unit_id, sha256=sha256, start=held, data=chunk))
            whole = held == 0 and len(chunk) == total  # one-chunk upload: hash it in memory
            held += len(chunk)
            done = held == total
            digest = hashlib.sha256(chunk).hexdigest() if whole else (
                _digest(conn, device.unit_id, sha256) if done else sha256)
            if done and digest != sha256:
                conn.execute(delete(upload_chunks).where(upload_chunks.c.unit_id == device.unit_id)
                             .where(upload_chunks.c.sha256 == sha256))
                conn.execute(update(uploads).where(uploads.c.unit_id == device.unit_id)
                             .where(uploads.c.sha256 == sha256).values(held=0))
                verify_failed = True
            else:
                conn.execute(update(uploads).where(uploads.c.unit_id == device.unit_id)
                             .where(uploads.c.sha256 == sha256)
                             .values(held=held, complete=done, completed_at=now if done else None))
                verify_failed = False
        if verify_failed:
            raise Invalid("The uploaded bytes do not match their SHA-256; the upload was "
                          "discarded, start again from offset 0")
        return UploadState(sha256, held, total, done)

    def store_whole(self, device: Device,
                    items: list[tuple[str, bytes | memoryview]]) -> list[dict[str, Any]]:
        """Several whole attachments in one transaction (one commit for the batch), each
        verified against its SHA-256 first: a mismatch stores nothing of that item and the
        others still go in. Idempotent: an upload already complete stays as it is."""
        verified = [(sha, data, hashlib.sha256(data).hexdigest() == sha) for sha, data in items]
        now = iso(self._clock.now())
        packed = self._pack(device, [(sha, data) for sha, data, good in verified if good])
        out: list[dict[str, Any]] = []
        with write(self._engine) as conn:
            for sha, data, good in verified:
                if not good:
                    out.append({"sha256": sha, "complete": False,
                                "reason": "the bytes do not match their SHA-256; send again"})
                    continue
                out.append({"sha256": sha, "complete": True, "reason": ""})
                where = (uploads.c.unit_id == device.unit_id) & (uploads.c.sha256 == sha)
                row = conn.execute(select(uploads.c.complete).where(where)).first()
                if row is not None and row.complete:
                    continue
                place = packed.get(sha)
                stored = {"pack": place[0], "pack_offset": place[1]} if place else {}
                if row is not None:  # a partial resumable upload: the whole photo replaces it
                    conn.execute(delete(upload_chunks).where(
                        (upload_chunks.c.unit_id == device.unit_id)
                        & (upload_chunks.c.sha256 == sha)))
                    conn.execute(update(uploads).where(where).values(
                        length=len(data), held=len(data), complete=True, completed_at=now,
                        **stored))
                else:
                    conn.execute(uploads.insert(), {
                        "unit_id": device.unit_id, "sha256": sha, "length": len(data),
                        "held": len(data), "complete": True, "device_id": device.id,
                        "created_at": now, "completed_at": now, **stored})
                if place is None:
                    conn.execute(upload_chunks.insert(), {"unit_id": device.unit_id,
                                                          "sha256": sha, "start": 0,
                                                          "data": data})
        return out

    def _pack(self, device: Device, good: list[tuple[str, bytes | memoryview]]
              ) -> dict[str, tuple[str, int]]:
        """The verified photos the station does not hold yet, written durably to one new pack
        before any row names them (outside the write lock: the fsync is the slow part).
        Returns sha256 -> (pack, offset); empty without a file store."""
        if self._files is None or not good:
            return {}
        with self._engine.connect() as conn:
            held = set(conn.execute(
                select(uploads.c.sha256).where(uploads.c.unit_id == device.unit_id)
                .where(uploads.c.sha256.in_(sorted({sha for sha, _ in good})))
                .where(uploads.c.complete.is_(True))).scalars())
        todo: dict[str, bytes | memoryview] = {}
        for sha, data in good:
            if sha not in held:
                todo.setdefault(sha, data)
        if not todo:
            return {}
        pack, offsets = self._files.write_pack(list(todo.values()))
        return {sha: (pack, offset) for sha, offset in zip(todo, offsets, strict=True)}

    def read(self, device: Device, sha256: str) -> bytes:
        check_sha(sha256)
        with self._engine.connect() as conn:
            row = conn.execute(select(uploads).where(uploads.c.unit_id == device.unit_id)
                               .where(uploads.c.sha256 == sha256)).first()
            if row is None or not row.complete:
                raise NotFound("No complete attachment with that SHA-256")
            return self._bytes(conn, row)

    def for_review(self, report_id: str, sha256: str) -> tuple[bytes, str, str]:
        """(bytes, mime type, filename) of a report's complete attachment, for a supervisor."""
        check_sha(sha256)
        with self._engine.connect() as conn:
            owner = conn.execute(select(reports.c.unit_id).where(reports.c.id == report_id)
                                 ).scalar_one_or_none()
            # The report's own unit's photo only (metadata may arrive before its report).
            meta = conn.execute(select(records.c.unit_id, records.c.payload)
                                .where(records.c.kind == "attachment_meta")
                                .where(records.c.report_id == report_id)
                                .where(records.c.unit_id == owner)
                                .where(records.c.sha256 == sha256)).first()
            if meta is None:
                raise NotFound("That report has no attachment with that SHA-256")
            row = conn.execute(select(uploads).where(uploads.c.unit_id == meta.unit_id)
                               .where(uploads.c.sha256 == sha256)).first()
            if row is None or not row.complete:
                raise NotFound("The attachment's bytes have not reached the station yet")
            data = self._bytes(conn, row)
        info = load_row(meta.payload, f"attachment_meta of report {report_id}") or {}
        return data, str(info.get("mime_type", "")), str(info.get("filename", "attachment"))

    def _bytes(self, conn: Any, row: Any) -> bytes:
        """A complete upload's bytes, from its pack or from its database chunks."""
        if row.pack is None:
            return _join(conn, row.unit_id, row.sha256)
        try:
            if self._files is None:
                raise DamagedPhoto("this station has no photo directory configured")
            return self._files.read(row.pack, int(row.pack_offset), int(row.length), row.sha256)
        except DamagedPhoto as exc:
            log.error("Photo %s of unit %s is unreadable: %s", row.sha256, row.unit_id, exc)
            raise NotFound("The attachment's stored bytes are missing or damaged on the "
                           "station (see its log)") from None

    def listing(self, device: Device, report_id: str | None) -> list[dict[str, Any]]:
        """The unit's attachment metadata, each with how much of its bytes the station holds."""
        query = select(records).where(records.c.kind == "attachment_meta") \
            .where(records.c.unit_id == device.unit_id)
        if report_id is not None:
            query = query.where(records.c.report_id == report_id)
        with self._engine.connect() as conn:
            metas = conn.execute(query.order_by(records.c.received_at)).all()
            held = {r.sha256: r for r in conn.execute(
                select(uploads).where(uploads.c.unit_id == device.unit_id))}
        out = []
        for m in metas:
            meta = load_row(m.payload, f"attachment_meta {m.entity_id}")
            if meta is None:
                out.append(dict(UNREADABLE, id=m.entity_id, offset=0, complete=False))
                continue
            up = held.get(m.sha256)
            meta.update(offset=up.held if up else 0, complete=bool(up and up.complete))
            out.append(meta)
        return out


def _join(conn: Any, unit_id: str, sha256: str) -> bytes:
    rows = conn.execute(select(upload_chunks.c.data).where(upload_chunks.c.unit_id == unit_id)
                        .where(upload_chunks.c.sha256 == sha256)
                        .order_by(upload_chunks.c.start)).all()
    return b"".join(bytes(r.data) for r in rows)


def _digest(conn: Any, unit_id: str, sha256: str) -> str:
    return hashlib.sha256(_join(conn, unit_id, sha256)).hexdigest()
