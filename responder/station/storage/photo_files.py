"""The station's photo file store: whole photos from a batch upload, written once to a pack
file beside the database and made durable with one fsync per batch (not stored as database
blobs, which SQLite writes twice: to its log, then to the database file).

A pack is written to a temporary name, fsynced, renamed to its final name and the directory
fsynced, all before the database row that points at it commits; so a row that says
"complete" always names bytes that are on disk. Packs are append-only and never rewritten: a
pack whose rows never committed (a crash, a concurrent upload of the same photo) is only
unused space. Each photo is found by its SHA-256 through the ``uploads`` row (pack, offset),
and its bytes are checked against that SHA-256 whenever they are read.

Where: ``<database file>.photos/`` for a SQLite station, or the directory named by
``RESPONDER_STATION_PHOTO_DIR`` (any database). A PostgreSQL station without it keeps photos
in the database, as before. Back the directory up with the database (docs/station.md).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

ENV_DIR = "RESPONDER_STATION_PHOTO_DIR"


def photo_dir(engine: Engine) -> Path | None:
    configured = os.environ.get(ENV_DIR, "").strip()
    if configured:
        return Path(configured).expanduser()
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database)
            return path.with_name(path.name + ".photos")
    return None


class DamagedPhoto(Exception):
    """The stored bytes are missing or do not match their SHA-256."""


class PhotoFiles:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write_pack(self, items: Sequence[bytes | memoryview]) -> tuple[str, list[int]]:
        """Write these photos back to back into a new pack, durably (one fsync for all of
        them, then the rename and the directory). Returns (pack name, each item's offset)."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.pack"
        temp = self.root / f".{name}.partial"
        offsets: list[int] = []
        at = 0
        try:
            with open(temp, "wb") as out:
                for data in items:
                    offsets.append(at)
                    out.write(data)
                    at += len(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.root / name)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(self.root)
        return name, offsets

    def read(self, pack: str, offset: int, length: int, sha256: str) -> bytes:
        if "/" in pack or "\\" in pack or pack.startswith("."):
            raise DamagedPhoto(f"unusable pack name {pack!r}")
        try:
            with open(self.root / pack, "rb") as f:
                f.seek(offset)
                data = f.read(length)
        except OSError as exc:
            raise DamagedPhoto(f"pack {pack} cannot be read ({type(exc).__name__})") from None
        if len(data) != length or hashlib.sha256(data).hexdigest() != sha256:
            raise DamagedPhoto(f"the bytes in pack {pack} do not match their SHA-256")
        return data


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
