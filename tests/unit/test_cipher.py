"""Encryption at rest: SQLCipher for the whole database, WAL and attachments included."""

import os
import sqlite3

import pytest
import sqlite_utils
from civilian_responder.app import open_app
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.errors import AuthError, StorageError
from civilian_responder.store import Store
from civilian_responder.store.cipher import (
    connect_encrypted,
    encrypt_plaintext_database,
    is_plaintext,
)

MARKER = "ZEBRA-MARKER-7731"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"PHOTO-MARKER-BYTES-4242" * 50


@pytest.fixture
def key():
    return os.urandom(32)


def _first_call_id(app):
    return app.store.db.execute("SELECT id FROM calls ORDER BY received_at").fetchone()[0]


def _report_with_markers(app):
    call_id = _first_call_id(app)
    report = app.reports.start(call_id)
    app.reports.save_fields(report.id, {"narrative": f"Narrative {MARKER}"})
    app.attachments.attach_photo(report.id, "scene.png", PHOTO)
    return report


def test_stdlib_sqlite_cannot_open_encrypted_database_or_read_its_wal(tmp_path, key):
    app = open_app(tmp_path, key=key)
    seed_demo(app.store, SystemClock())
    _report_with_markers(app)
    db_file = app.paths.database
    wal = db_file.with_name(db_file.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the WAL should hold uncheckpointed pages"
    for f in (db_file, wal):
        raw = f.read_bytes()
        assert MARKER.encode() not in raw
        assert b"PHOTO-MARKER-BYTES" not in raw
        assert b"SQLite format 3" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_file).execute("SELECT * FROM sqlite_master").fetchall()
    app.close()


def test_wrong_key_is_a_clear_auth_error(tmp_path, key):
    open_app(tmp_path, key=key).close()
    with pytest.raises(AuthError, match="could not be unlocked"):
        open_app(tmp_path, key=os.urandom(32))
    app = open_app(tmp_path, key=key)  # the right key still works afterwards
    assert app.store.integrity_ok()
    app.close()


def test_plaintext_file_opened_with_a_key_says_it_is_not_encrypted(tmp_path, key):
    open_app(tmp_path).close()
    with pytest.raises(StorageError, match="not encrypted"):
        connect_encrypted(tmp_path / "responder.db", key)


def _plain_and_cipher_dbs(tmp_path, key):
    plain = sqlite_utils.Database(sqlite3.connect(tmp_path / "plain.db"))
    cipher = sqlite_utils.Database(connect_encrypted(tmp_path / "cipher.db", key))
    return plain, cipher


def test_sqlite_utils_error_handling_is_the_same_on_sqlcipher(tmp_path, key):
    """§4.4 regression: sqlite-utils catches stdlib sqlite3 exception classes. On a SQLCipher
    connection insert(alter=True), drop(ignore=True) and UNIQUE violations must behave exactly
    as on plain sqlite."""
    for db in _plain_and_cipher_dbs(tmp_path, key):
        db["t"].insert({"id": 1, "a": "x"}, pk="id")
        db["t"].insert({"id": 2, "a": "y", "added": 5}, alter=True)  # adds the column
        assert "added" in db["t"].columns_dict
        db["missing"].drop(ignore=True)
        with pytest.raises(sqlite3.IntegrityError):
            db["t"].insert({"id": 1, "a": "dup"})
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT nope FROM t")
        db["t"].update(1, {"a": "z", "later": 1}, alter=True)
        assert db["t"].get(1)["later"] == 1
        with pytest.raises(sqlite_utils.db.NotFoundError):
            db["t"].update(99, {"a": "q"})
        assert list(db.query("INSERT INTO t (id, a) VALUES (3, 'r') RETURNING id")) == [{"id": 3}]


def test_store_turns_sqlcipher_constraint_errors_into_storage_error(tmp_path, key):
    store = Store.open(tmp_path / "r.db", key)
    store.set_meta("a", "1")
    with pytest.raises(StorageError, match="inserting twice"):
        with store.atomic("inserting twice"):
            store.db.execute("INSERT INTO meta (key, value) VALUES ('a', '2')")
    assert store.get_meta("a") == "1"
    store.close()


def test_encrypting_a_plaintext_profile_keeps_all_data(tmp_path, key):
    app = open_app(tmp_path)  # an earlier, unencrypted version wrote this profile
    seed_demo(app.store, SystemClock())
    report = _report_with_markers(app)
    before = {t: app.store.db[t].count for t in app.store.db.table_names()}
    app.close()
    (tmp_path / "responder.db.before-0099_x.bak").write_bytes(
        (tmp_path / "responder.db").read_bytes())  # a plaintext migration backup
    encrypt_plaintext_database(tmp_path / "responder.db", key)
    assert not is_plaintext(tmp_path / "responder.db")
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob("*.plaintext*"))
    app = open_app(tmp_path, key=key)
    after = {t: app.store.db[t].count for t in app.store.db.table_names()}
    assert after == before
    assert MARKER in app.reports.get(report.id).narrative
    assert app.store.attachments.data(app.store.attachments.for_report(report.id)[0].id) == PHOTO
    hits = app.store.db.execute("SELECT count(*) FROM calls_fts WHERE calls_fts MATCH 'shelter'")
    assert hits.fetchone()[0] > 0, "the full-text index survived the export"
    app.close()
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert MARKER.encode() not in f.read_bytes(), f


def test_opening_an_encrypted_profile_without_a_key_says_sign_in(tmp_path, key):
    open_app(tmp_path, key=key).close()
    with pytest.raises(StorageError, match="encrypted: sign in"):
        open_app(tmp_path)
