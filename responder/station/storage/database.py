"""The one place the station makes a database engine, and runs its Alembic migrations."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from civilian_responder.station.errors import StationConfigError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Held for the whole of a transaction that appends to the pull feed, so feed rows commit in seq
# order and a puller can never skip a row that commits late (PostgreSQL only; SQLite serializes
# writers anyway).
FEED_LOCK_KEY = 4708470
WRITE_OPTION = "station_write"


def normalize_url(url: str) -> str:
    """Accept plain ``postgresql://`` and a bare file path; use psycopg 3 for PostgreSQL."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StationConfigError(f"Not a database URL: {redact(url)}") from exc
    # Errors must not echo row values (report text, token hashes) into logs.
    kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
    else:
        raise StationConfigError(
            f"Unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
        )
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling is off so that BEGIN IMMEDIATE below is ours.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writing transaction takes the write lock up front (no deadlock-prone read-then-
        # upgrade between writers); readers stay deferred so WAL lets them run alongside.
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_writer_locks: dict[str, threading.RLock] = {}
_writer_locks_guard = threading.Lock()


def _writer_lock(engine: Engine) -> threading.RLock:
    key = str(engine.url)
    with _writer_locks_guard:
        lock = _writer_locks.get(key)
        if lock is None:
            lock = _writer_locks[key] = threading.RLock()
        return lock


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: ``with write(engine) as conn:`` (commits, or rolls back on error).

    On SQLite the threads of this process queue for the write lock on a Python lock first:
    SQLite's own busy handler polls with growing sleeps, so a photo upload waiting behind a
    push batch woke tens of milliseconds after the batch committed, every time (the station
    serves from one process on SQLite; other processes, such as an admin command, still
    meet the busy timeout)."""
    begin = engine.execution_options(**{WRITE_OPTION: True}).begin
    if engine.dialect.name != "sqlite":
        with begin() as conn:
            yield conn
        return
    with _writer_lock(engine), begin() as conn:
        yield conn


def lock_feed(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": FEED_LOCK_KEY})


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command  # noqa: PLC0415 (alembic only when migrating)
    from alembic.config import Config  # noqa: PLC0415

    logging.getLogger("alembic").setLevel(logging.WARNING)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with write(engine) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StationConfigError(f"Cannot migrate the station database: {exc.__class__.__name__}: "
                                 f"{str(exc).splitlines()[0]}") from exc
    log.info("station database at newest schema (%s)", redact(str(engine.url)))
