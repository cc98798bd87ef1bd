import sqlite3

import pytest
from civilian_responder.errors import StorageError
from civilian_responder.store import Store, open_database
from civilian_responder.store.migrations import migrations


def test_new_database_uses_wal_full_sync_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "r.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_every_migration_is_applied_once_and_reopen_is_a_no_op(tmp_path):
    path = tmp_path / "r.db"
    open_database(path).close()
    db = open_database(path)
    applied = [m.name for m in migrations.applied(db)]
    assert applied == [m.name for m in migrations._migrations]
    assert not list(tmp_path.glob("*.bak"))  # nothing pending, so no backup copy


def test_database_is_copied_aside_before_a_pending_migration(tmp_path):
    import sqlite_utils

    path = tmp_path / "r.db"
    last = migrations._migrations[-1].name
    older = sqlite_utils.Database(path)  # a profile written by the previous release
    migrations.apply(older, stop_before=last)
    older.close()
    db = open_database(path)
    assert last in {m.name for m in migrations.applied(db)}
    assert (tmp_path / f"r.db.before-{last}.bak").exists()


def test_status_events_are_append_only(app, open_call):
    event = app.calls.change_status(open_call.id, "ACKNOWLEDGED")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        app.store.db.execute("UPDATE status_events SET status = 'CLEARED' WHERE id = ?", [event.id])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        app.store.db.execute("DELETE FROM status_events WHERE id = ?", [event.id])


def test_a_corrupt_file_gives_a_storage_error_naming_the_path(tmp_path):
    path = tmp_path / "r.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="r.db"):
        Store.open(path)


def test_full_text_search_finds_calls_by_narrative_and_address(app):
    board = app.calls.board()
    target = app.calls.get(board[0].id)
    word = target.address.split()[-1]
    assert target.id in app.store.calls.search(word)
    assert app.store.calls.search("zzzznotthere") == []
