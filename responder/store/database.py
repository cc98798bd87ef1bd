"""Opening the local database: the one place a connection is made.

Encryption (SQLCipher) slots in here: ``open_database(path, key=...)``.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import sqlite_utils
from civilian_responder.errors import StorageError, StorageFullError
from civilian_responder.store.migrations import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_FULL_MARKERS = ("database or disk is full", "disk i/o error", "file too large")


def _connect(path: Path, key: bytes | None) -> sqlite3.Connection:
    if key is None:
        if path.exists() and path.stat().st_size > 0:
            from civilian_responder.store.cipher import is_plaintext  # noqa: PLC0415

            if not is_plaintext(path):
                raise StorageError(f"The database at {path} is encrypted: sign in to open it")
        return sqlite3.connect(str(path), check_same_thread=True)
    from civilian_responder.store.cipher import connect_encrypted  # noqa: PLC0415 (optional backend)

    # A duck-typed wrapper that raises stdlib sqlite3 errors (see cipher.py).
    return cast(sqlite3.Connection, connect_encrypted(path, key))


def open_database(path: Path, key: bytes | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the profile database with our pragmas, migrated to current."""

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path, key)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal_mode is %s, not WAL", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"Cannot open the database at {path}: {exc}") from exc
    db = sqlite_utils.Database(conn)
    with translate_errors("migrating the database"):
        migrate(db, path)
    return db


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG):
        return True
    text = str(exc).lower()
    return any(marker in text for marker in _FULL_MARKERS)


@contextlib.contextmanager
def translate_errors(doing: str) -> Iterator[None]:
    """Turn database exceptions into ours, naming what we were doing."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        # Encrypted connections raise the stdlib classes too (store/cipher.py translates them).
        if _is_full(exc):
            raise StorageFullError(
                f"The disk is full: {doing} failed and nothing was written"
            ) from exc
        raise StorageError(f"{doing} failed: {exc}") from exc
