"""Logs never contain passphrases, keys, tokens or report content (checked at DEBUG)."""

import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import FixedClock, SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.errors import AuthError
from civilian_responder.secrets import SecretStore
from civilian_responder.security import redact
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery marker"
TOKEN = "devtok-SECRET-0f9e8d7c6b5a"
NARRATIVE = "LOGMARKER-NARRATIVE-2211"
PERSON = "Ottoline Logmarker"


def _session(tmp_path, clock):
    auth = Authenticator(tmp_path, clock, kdf=KdfParams(n=2**10, r=8, p=1))
    auth.enroll_first("alice", PASSPHRASE)
    with pytest.raises(AuthError):
        auth.sign_in("alice", PASSPHRASE + "x")
    return auth


def test_demo_session_logs_no_secret_or_content(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    clock = FixedClock(datetime.now(UTC))
    auth = _session(tmp_path, clock)
    clock.advance(2)  # past the growing delay after one failure
    session = auth.sign_in("alice", PASSPHRASE)
    app = open_app(tmp_path, session=session)
    seed_demo(app.store, SystemClock())
    SecretStore(backend=None).set("device_token", TOKEN)
    call_id = app.store.db.execute("SELECT id FROM calls ORDER BY received_at").fetchone()[0]
    report = app.reports.start(call_id)
    app.reports.save_fields(report.id, {
        "persons": [{"id": "p1", "role_code": "SUBJECT", "name": PERSON}],
        "disposition_code": "NRR", "outcome_codes": ["RESOLVED_ON_SCENE"],
        "time_on_task_minutes": 20, "narrative": NARRATIVE})
    app.reports.finalize(report.id)
    from civilian_responder.pdf.service import export_many

    outcome = export_many([app.pdf.snapshot(report.id)], tmp_path / "exports", PASSPHRASE)
    app.pdf.record_exports(outcome.written)
    assert outcome.written
    app.sign_out()
    env = dict(os.environ, RESPONDER_PASSPHRASE=PASSPHRASE)
    cli = subprocess.run([sys.executable, "-m", "civilian_responder", "-v", "audit", "verify",
                          "--profile", str(tmp_path)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert caplog.records, "the session did log something"
    everything = caplog.text + "\n".join(r.getMessage() for r in caplog.records) + cli.stderr
    for secret in (PASSPHRASE, TOKEN, NARRATIVE, PERSON, session.key.hex()):
        assert secret not in everything


def test_redacting_filter_catches_what_slips_through(caplog):
    logger = logging.getLogger("responder.test_redaction")
    flt = redact.RedactingFilter()
    flt.add_secret(PASSPHRASE)
    handler = logging.StreamHandler()
    handler.addFilter(flt)
    record = logger.makeRecord(logger.name, logging.INFO, __file__, 1,
                               "typed %s; token=%s; PRAGMA key = \"x'%s'\"; Bearer %s",
                               (PASSPHRASE, TOKEN, "ab" * 32, TOKEN), None)
    flt.filter(record)
    text = record.getMessage()
    assert PASSPHRASE not in text and TOKEN not in text and "ab" * 32 not in text
    assert text.count("[redacted]") == 4


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    from tests.station_process import StationProcess

    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


def test_full_sync_run_logs_no_secret_or_content(station, tmp_path, caplog):
    """Enroll, work, sync in-process and through `responder -v sync`: nothing secret logged."""
    import json

    from civilian_responder.sync import TokenStore

    from tests.keyrings import FileKeyring
    from tests.station_process import child_env
    from tests.sync_work import photo_bytes

    caplog.set_level(logging.DEBUG)
    keyring_file = tmp_path / "keyring.json"
    auth = Authenticator(tmp_path / "unit", kdf=KdfParams(n=2**10, r=8, p=1))
    session = auth.enroll_first("alice", PASSPHRASE)
    app = open_app(tmp_path / "unit", session=session, tokens=TokenStore(FileKeyring(keyring_file)))
    app.sync.enroll(station.url, station.enroll_code("CSO-77"), device_name="CSO-77-laptop")
    call = station.create_call("CSO-77")
    app.sync.sync()
    report = app.reports.start(call["id"])
    app.reports.save_fields(report.id, {
        "persons": [{"id": "p1", "role_code": "SUBJECT", "name": PERSON}],
        "disposition_code": "NRR", "outcome_codes": ["RESOLVED_ON_SCENE"],
        "time_on_task_minutes": 20, "narrative": NARRATIVE})
    app.attachments.attach_photo(report.id, "scene.jpg", photo_bytes())
    app.reports.finalize(report.id)
    app.close()
    token = next(iter(json.loads(keyring_file.read_text()).values()))
    env = child_env(PYTHON_KEYRING_BACKEND="tests.keyrings.FileKeyring",
                    RESPONDER_TEST_KEYRING=str(keyring_file), RESPONDER_PASSPHRASE=PASSPHRASE)
    cli = subprocess.run([sys.executable, "-m", "civilian_responder", "-v", "sync", "--profile",
                          str(tmp_path / "unit")], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert "Sync done" in cli.stdout and "Nothing waiting" in cli.stdout
    app = open_app(tmp_path / "unit", session=auth.sign_in("alice", PASSPHRASE),
                   tokens=TokenStore(FileKeyring(keyring_file)))
    assert app.sync.status().waiting_text == "Nothing waiting"
    assert "sync" in [e.action for e in app.audit.entries()]
    app.close()
    everything = (caplog.text + "\n".join(r.getMessage() for r in caplog.records)
                  + cli.stderr + cli.stdout)
    assert "httpx" in everything or caplog.records  # the run did log
    for secret in (PASSPHRASE, token, NARRATIVE, PERSON, session.key.hex()):
        assert secret not in everything
