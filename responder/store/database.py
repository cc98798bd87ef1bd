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


def warm_up() -> None:
    """Scan for sqlite-utils plugins now (entry points: ~0.1 s), not when the database opens;
    sqlite-utils remembers that it has."""
    from sqlite_utils.plugins import ensure_plugins_loaded  # noqa: PLC0415

    ensure_plugins_loaded()


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


def connect_reader(
    path: Path, key: bytes | None = None, read_only: bool = True
) -> sqlite3.Connection:
    """A read-only connection to an existing profile database, for the thread that calls this
    (the sync worker reads photo bytes through one; the store's own connection stays on its
    thread). WAL lets it read while the owner writes."""
    try:
        conn = _connect(path, key)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"Cannot open the database at {path}: {exc}") from exc
    return conn


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
        raise translated(exc, doing) from exc


def translated(exc: BaseException, doing: str) -> StorageError:
    if _is_full(exc):
        return StorageFullError(f"The disk is full: {doing} failed and nothing was written")
    return StorageError(f"{doing} failed: {exc}")


class Step:
    """A savepoint inside the open transaction: the step's writes, or none of them. A plain
    class, not three stacked generator context managers: applying a pull runs one per change."""

    def __init__(self, conn: sqlite3.Connection, doing: str) -> None:
        self._conn = conn
        self._doing = doing

    def __enter__(self) -> None:
        try:
            self._conn.execute("SAVEPOINT step")
        except (sqlite3.Error, OSError) as exc:
            raise translated(exc, self._doing) from exc

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: object
    ) -> bool:
        try:
            if kind is None:
                self._conn.execute("RELEASE step")
                return False
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK TO step")
                self._conn.execute("RELEASE step")
        except (sqlite3.Error, OSError) as failure:
            raise translated(failure, self._doing) from failure
        if isinstance(exc, sqlite3.Error | OSError):
            raise translated(exc, self._doing) from exc
        return False
