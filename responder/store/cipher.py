"""SQLCipher: the encrypted connection, and encrypting a profile that was written in plaintext.

The database key is a raw 256-bit key (never a passphrase), so SQLCipher's own PBKDF2 is not
used; the passphrase work happens in ``civilian_responder.security.keystore``.

sqlcipher3 raises its own exception classes, which are not subclasses of the stdlib ``sqlite3``
ones. sqlite-utils catches the stdlib classes in places (``insert(alter=True)``,
``drop(ignore=True)``, ``query()`` with RETURNING ...), so we hand sqlite-utils a thin connection
wrapper that re-raises every sqlcipher3 error as the stdlib class of the same name. The rest of
the store then only ever sees stdlib exceptions. (Patching ``sqlite_utils.db`` globally would
break plain connections in the same process, which tests and the migration need.)
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from civilian_responder.errors import AuthError, StorageError
from sqlcipher3 import dbapi2 as sqlcipher

log = logging.getLogger(__name__)

KEY_BYTES = 32
PLAINTEXT_HEADER = b"SQLite format 3\x00"
# Written explicitly so a future SQLCipher default change cannot silently change the format.
CIPHER_SETTINGS = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA cipher_page_size = 4096",
    "PRAGMA cipher_use_hmac = ON",
    "PRAGMA cipher_hmac_algorithm = HMAC_SHA512",
    "PRAGMA cipher_plaintext_header_size = 0",
)

T = TypeVar("T")


def _stdlib_error(exc: BaseException) -> sqlite3.Error:
    """The stdlib sqlite3 exception matching a sqlcipher3 one (same class name)."""
    cls = getattr(sqlite3, type(exc).__name__, sqlite3.DatabaseError)
    if not (isinstance(cls, type) and issubclass(cls, sqlite3.Error)):
        cls = sqlite3.DatabaseError
    new = cls(*exc.args)
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            setattr(new, attr, getattr(exc, attr))
    return new


def _translated(fn: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except sqlcipher.Error as exc:
            raise _stdlib_error(exc) from exc

    return wrapper


class CipherCursor:
    """A sqlcipher3 cursor whose errors come out as stdlib sqlite3 errors."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Iterator[Any]:
        it = iter(self._cursor)
        while True:
            try:
                row = next(it)
            except StopIteration:
                return
            except sqlcipher.Error as exc:
                raise _stdlib_error(exc) from exc
            yield row

    @_translated
    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    @_translated
    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    @_translated
    def fetchmany(self, size: int = 1) -> list[Any]:
        return self._cursor.fetchmany(size)

    @_translated
    def execute(self, sql: str, *args: Any) -> CipherCursor:
        self._cursor.execute(sql, *args)
        return self

    @_translated
    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        self._cursor.executemany(sql, seq)
        return self


class CipherConnection:
    """Wraps a keyed sqlcipher3 connection for sqlite-utils (see the module docstring)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level  # type: ignore[no-any-return]

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._conn.isolation_level = value

    @property
    def in_transaction(self) -> bool:
        return bool(self._conn.in_transaction)

    @_translated
    def execute(self, sql: str, *args: Any) -> CipherCursor:
        return CipherCursor(self._conn.execute(sql, *args))

    @_translated
    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        return CipherCursor(self._conn.executemany(sql, seq))

    @_translated
    def executescript(self, sql: str) -> CipherCursor:
        return CipherCursor(self._conn.executescript(sql))

    @_translated
    def cursor(self) -> CipherCursor:
        return CipherCursor(self._conn.cursor())

    @_translated
    def commit(self) -> None:
        self._conn.commit()

    @_translated
    def rollback(self) -> None:
        self._conn.rollback()

    def close(self) -> None:
        self._conn.close()


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _raw_connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher.connect(str(path), check_same_thread=True)
    try:
        # A wrong key is an expected event we report ourselves; keep SQLCipher off stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        for pragma in CIPHER_SETTINGS:
            conn.execute(pragma)
        # The key is only checked when a page is read: read one now so a wrong key fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if is_plaintext(path):
            raise StorageError(
                f"The database at {path} is not encrypted; sign in to encrypt it"
            ) from exc
        raise AuthError(
            "The database could not be unlocked: wrong key, or the file is not a Responder "
            "database"
        ) from exc
    return conn


def connect_encrypted(path: Path, key: bytes) -> CipherConnection:
    """Open (creating if new) an AES-256 SQLCipher database with a raw 32-byte key."""
    conn = CipherConnection(_raw_connect(Path(path), key))
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # SQLite gives the -wal and -shm files the same mode
    return conn


def is_plaintext(path: Path) -> bool:
    """True if the file is an ordinary (unencrypted) SQLite database."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except FileNotFoundError:
        return False


def cipher_version(conn: CipherConnection) -> str:
    return str(conn.execute("PRAGMA cipher_version").fetchone()[0])


# Encrypting an existing plaintext profile ------------------------------------------------------


def _table_counts(conn: Any) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _scrub(path: Path) -> None:
    """Overwrite then delete. Best effort only: SSDs and journaling filesystems may keep old
    blocks, which is why full-disk encryption stays mandatory."""
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
        path.unlink()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def encrypt_plaintext_database(path: Path, key: bytes) -> dict[str, int]:
    """Encrypt a plaintext database in place: export into a new encrypted file, verify that
    every table has the same number of rows, swap it in, then scrub the plaintext (and the
    plaintext backups made before migrations). Returns the verified row counts."""
    path = Path(path)
    tmp = path.with_name(path.name + ".encrypting")
    old = path.with_name(path.name + ".plaintext")
    for leftover in (tmp, *_sidecars(tmp)):
        leftover.unlink(missing_ok=True)
    src = sqlcipher.connect(str(path))
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _table_counts(src)
        src.execute("ATTACH DATABASE ? AS enc KEY ?", [str(tmp), f"x'{key.hex()}'"])
        src.execute("SELECT sqlcipher_export('enc')")
        src.execute("DETACH DATABASE enc")
    except sqlcipher.Error as exc:
        raise StorageError(f"Encrypting {path.name} failed: {exc}") from exc
    finally:
        src.close()
    check = _raw_connect(tmp, key)
    try:
        got = _table_counts(check)
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()
    if got != expected or not ok:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Encrypting {path.name} failed verification; the original is kept")
    for sidecar in _sidecars(path):  # checkpointed above: nothing in them is still needed
        _scrub(sidecar)
    os.replace(path, old)
    os.replace(tmp, path)
    finish_encryption(path)
    log.info("Encrypted the profile database (%d tables verified)", len(got))
    return got


def finish_encryption(path: Path) -> None:
    """Complete an interrupted swap: scrub whatever plaintext copies are left."""
    path = Path(path)
    old = path.with_name(path.name + ".plaintext")
    if old.exists() and not path.exists():
        os.replace(old, path)  # crashed between the two renames: the plaintext is still current
        return
    for leftover in (old, *_sidecars(old)):
        _scrub(leftover)
    for backup in path.parent.glob(path.name + ".*.bak"):
        if is_plaintext(backup):
            for leftover in (backup, *_sidecars(backup)):
                _scrub(leftover)
