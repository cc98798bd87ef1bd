"""On SQLite the station's writing threads queue on a lock of their own, not on SQLite's
busy handler (which polls with growing sleeps: an upload behind a push batch woke late).

With SQLite's busy timeout set to zero, any writer that reached BEGIN IMMEDIATE while another
held the write lock would fail at once with "database is locked": these writers never do,
because each begins only once the one before it has committed.
"""

from __future__ import annotations

import threading

from civilian_responder.station.storage.database import make_engine, write
from sqlalchemy import event, text


def _engine(tmp_path):
    engine = make_engine(str(tmp_path / "station.db"))

    @event.listens_for(engine, "connect")
    def _no_busy_wait(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=0")

    with write(engine) as conn:
        conn.execute(text("CREATE TABLE log (n INTEGER, thread TEXT)"))
    return engine


def test_writers_of_one_process_take_turns_without_meeting_a_locked_database(tmp_path):
    engine = _engine(tmp_path)
    holding = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with write(engine) as conn:
            conn.execute(text("INSERT INTO log VALUES (1, 'first')"))
            holding.set()
            release.wait(10)

    def writer(n: int) -> None:
        try:
            with write(engine) as conn:
                conn.execute(text("INSERT INTO log VALUES (:n, 'later')"), {"n": n})
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert holding.wait(10)
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(2, 8)]
    for t in threads[1:]:
        t.start()
    release.set()
    for t in threads:
        t.join(20)
    assert errors == []
    with engine.connect() as conn:
        assert sorted(r[0] for r in conn.execute(text("SELECT n FROM log"))) == list(range(1, 8))
    engine.dispose()


def test_a_failed_transaction_leaves_the_next_writer_free_to_go(tmp_path):
    engine = _engine(tmp_path)
    try:
        with write(engine) as conn:
            conn.execute(text("INSERT INTO log VALUES (1, 'x')"))
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    done = threading.Event()

    def writer() -> None:
        with write(engine) as conn:
            conn.execute(text("INSERT INTO log VALUES (2, 'y')"))
        done.set()

    threading.Thread(target=writer).start()
    assert done.wait(10)
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(text("SELECT n FROM log"))] == [2]
    engine.dispose()
