"""The audit trail: who did what, hash-chained, append-only, verified by the real CLI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.app import open_app
from civilian_responder.audit import verify_chain
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.errors import StorageError
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator
from civilian_responder.store.cipher import connect_encrypted

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "audit trail phrase"
MARKER = "QUOKKA-AUDIT-MARKER"


@pytest.fixture
def profile(tmp_path):
    auth = Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))
    session = auth.enroll_first("alice", PASSPHRASE)
    app = open_app(tmp_path, session=session)
    seed_demo(app.store, SystemClock())
    call_id = app.store.db.execute("SELECT id FROM calls ORDER BY received_at").fetchone()[0]
    report = app.reports.start(call_id)
    app.audit.record("report.view", report.id)
    app.reports.save_fields(report.id, {"narrative": f"Met {MARKER}", "time_on_task_minutes": 5})
    app.reports.save_fields(report.id, {"disposition_code": app.reference.dispositions.codes()[0]})
    app.audit.record("report.export", report.id, detail="pdf")
    app.sign_out()
    return tmp_path, session.key


def _cli(profile_dir, *args):
    env = dict(os.environ, RESPONDER_PASSPHRASE=PASSPHRASE)
    return subprocess.run([sys.executable, "-m", "civilian_responder", "audit", *args,
                           "--profile", str(profile_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def _tamper(profile_dir, key, *statements):
    conn = connect_encrypted(profile_dir / "responder.db", key)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_actions_are_recorded_with_actor_time_sequence_and_no_content(profile):
    profile_dir, key = profile
    app = open_app(profile_dir, key=key)
    rows = app.audit.entries()
    # The second autosave of the same report a moment later shares the first one's row.
    assert [r.action for r in rows][:5] == ["signin", "report.view", "report.change",
                                            "report.export", "signout"]
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert {r.actor for r in rows[:5]} == {"alice"}
    assert len({r.device_id for r in rows}) == 1
    assert rows[2].detail == "narrative,time_on_task_minutes"
    assert all(r.at.endswith("Z") and len(r.at) == 24 for r in rows)
    assert not any(MARKER in str(r) for r in rows)
    audit_changes = app.store.outbox.entries()
    assert sum(1 for e in audit_changes if e.kind == "audit") == len(rows)
    assert verify_chain(app.store).ok
    app.close()


def test_audit_rows_cannot_be_updated_or_deleted_through_the_app(profile):
    profile_dir, key = profile
    app = open_app(profile_dir, key=key)
    with pytest.raises(StorageError, match="append-only"):
        with app.store.atomic("editing the audit trail"):
            app.store.db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    with pytest.raises(StorageError, match="append-only"):
        with app.store.atomic("deleting from the audit trail"):
            app.store.db.execute("DELETE FROM audit_log WHERE seq = 2")
    app.close()


def test_cli_verifies_an_intact_chain(profile):
    result = _cli(profile[0], "verify")
    assert result.returncode == 0, result.stderr
    assert "chain intact" in result.stdout


def test_cli_names_an_edited_row(profile):
    profile_dir, key = profile
    _tamper(profile_dir, key, "DROP TRIGGER audit_log_no_update",
            "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    result = _cli(profile_dir, "verify")
    assert result.returncode == 1
    assert "audit row 3 was altered" in result.stderr


def test_cli_names_a_deleted_row(profile):
    profile_dir, key = profile
    _tamper(profile_dir, key, "DROP TRIGGER audit_log_no_delete",
            "DELETE FROM audit_log WHERE seq = 4")
    result = _cli(profile_dir, "verify")
    assert result.returncode == 1
    assert "audit row 4 is missing" in result.stderr


def test_removing_the_newest_rows_is_detected(profile):
    profile_dir, key = profile
    _tamper(profile_dir, key, "DROP TRIGGER audit_log_no_delete",
            "DELETE FROM audit_log WHERE seq >= 5")
    result = _cli(profile_dir, "verify")  # signing in appends a row after the cut
    assert result.returncode == 1
    assert "audit row 5 is missing" in result.stderr


def test_cli_with_wrong_passphrase_fails_clearly(profile):
    env = dict(os.environ, RESPONDER_PASSPHRASE="not the right one")
    result = subprocess.run([sys.executable, "-m", "civilian_responder",
                             "audit", "verify", "--profile",
                             str(profile[0])], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "Wrong passphrase for alice" in result.stderr


def test_edits_minutes_apart_or_to_other_reports_get_their_own_rows(tmp_path):
    from datetime import UTC, datetime

    from civilian_responder.clock import FixedClock

    clock = FixedClock(datetime(2026, 11, 21, 9, 0, tzinfo=UTC))
    auth = Authenticator(tmp_path, clock, kdf=KdfParams(n=2**10, r=8, p=1))
    app = open_app(tmp_path, session=auth.enroll_first("alice", PASSPHRASE), clock=clock)
    seed_demo(app.store, clock, active=3, history=0, reports=False)
    first, second = [app.reports.start(c.id) for c in app.calls.board()[:2]]
    for text in ("a", "ab", "abc"):
        app.reports.save_fields(first.id, {"narrative": text})
        clock.advance(1)
    app.reports.save_fields(second.id, {"narrative": "x"})
    clock.advance(301)
    app.reports.save_fields(second.id, {"narrative": "xy"})
    changes = [e.target for e in app.audit.entries() if e.action == "report.change"]
    assert changes == [first.id, second.id, second.id]
    app.close()
