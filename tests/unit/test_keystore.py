"""Officers share a laptop; wrong passphrases are throttled, then locked out (CJIS AC-7)."""

import json
from datetime import UTC, datetime

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import FixedClock
from civilian_responder.errors import AuthError, LockedOutError, ValidationError
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator

FAST = KdfParams(n=2**10, r=8, p=1)  # the real cost is measured in the benchmark


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 21, 10, 0, tzinfo=UTC))


@pytest.fixture
def auth(tmp_path, clock):
    return Authenticator(tmp_path, clock, kdf=FAST)


def _fail(auth, clock, name="alice", times=1):
    for _ in range(times):
        with pytest.raises(AuthError):
            auth.sign_in(name, "not the passphrase")
        clock.advance(20)  # past the growing delay


def test_two_officers_unlock_the_same_database_key(auth, tmp_path):
    alice = auth.enroll_first("alice", "river stone lamp")
    auth.add_officer(alice, "bob", "quiet orange kettle")
    bob = auth.sign_in("bob", "quiet orange kettle")
    assert bob.key == alice.key and len(bob.key) == 32
    assert not bob.admin and alice.admin
    app = open_app(tmp_path, session=bob)
    assert app.audit.entries()[-1].actor == "bob"
    app.close()
    text = (tmp_path / "keystore.json").read_text()
    assert "river stone" not in text and alice.key.hex() not in text
    entry = json.loads(text)["officers"][0]
    assert {"id", "name", "salt", "kdf", "nonce", "wrapped_key"} <= set(entry)


def test_only_an_admin_adds_officers(auth):
    alice = auth.enroll_first("alice", "river stone lamp")
    auth.add_officer(alice, "bob", "quiet orange kettle")
    bob = auth.sign_in("bob", "quiet orange kettle")
    with pytest.raises(AuthError, match="not allowed"):
        auth.add_officer(bob, "carol", "another good phrase")
    with pytest.raises(ValidationError, match="already exist"):
        auth.enroll_first("mallory", "sneaky enrollment here")


def test_wrong_passphrase_and_unknown_officer_have_clear_messages(auth):
    auth.enroll_first("alice", "river stone lamp")
    with pytest.raises(AuthError, match="Wrong passphrase for alice"):
        auth.sign_in("alice", "river stone lam")
    with pytest.raises(AuthError, match="No officer named 'zed'"):
        auth.sign_in("zed", "river stone lamp")


@pytest.mark.parametrize("bad", ["short", "password", "aaaaaaaaaa", "alice", "Alice123"])
def test_weak_passphrases_are_refused_with_a_reason(auth, bad):
    with pytest.raises(ValidationError) as err:
        auth.enroll_first("alice", bad)
    assert err.value.field_errors["passphrase"]


def test_editing_the_kdf_cost_makes_the_entry_unusable_not_weaker(auth, tmp_path):
    auth.enroll_first("alice", "river stone lamp")
    path = tmp_path / "keystore.json"
    data = json.loads(path.read_text())
    data["officers"][0]["kdf"]["n"] = 2**4
    path.write_text(json.dumps(data))
    with pytest.raises(AuthError):
        auth.sign_in("alice", "river stone lamp")


def test_delay_grows_after_each_failure(auth, clock):
    auth.enroll_first("alice", "river stone lamp")
    waits = []
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.sign_in("alice", "wrong passphrase")
        with pytest.raises(LockedOutError) as too_soon:
            auth.sign_in("alice", "river stone lamp")  # even the right one must wait
        assert not too_soon.value.lockout
        waits.append((too_soon.value.until - clock.now()).total_seconds())
        clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8]
    assert auth.sign_in("alice", "river stone lamp").officer_name == "alice"


def test_lockout_after_five_failures_is_recorded_and_survives_a_restart(auth, clock, tmp_path):
    auth.enroll_first("alice", "river stone lamp")
    _fail(auth, clock, times=4)
    with pytest.raises(LockedOutError, match="locked until 10:16 UTC") as locked:
        auth.sign_in("alice", "wrong again")
    assert locked.value.lockout
    until = locked.value.until
    restarted = Authenticator(tmp_path, clock, kdf=FAST)  # a new process, same profile
    with pytest.raises(LockedOutError, match="locked until"):
        restarted.sign_in("alice", "river stone lamp")
    events = [json.loads(line)["event"]
              for line in (tmp_path / "signin_attempts.jsonl").read_text().splitlines()]
    assert events.count("failure") == 5 and events.count("lockout") == 1
    clock.advance((until - clock.now()).total_seconds() + 1)  # the lockout expires
    session = restarted.sign_in("alice", "river stone lamp")
    app = open_app(tmp_path, session=session, clock=clock)
    actions = [e.action for e in app.audit.entries()]
    assert actions.count("signin.failed") == 5 and actions.count("signin.lockout") == 1
    app.close()


def test_failures_older_than_fifteen_minutes_do_not_count(auth, clock):
    auth.enroll_first("alice", "river stone lamp")
    _fail(auth, clock, times=4)
    clock.advance(16 * 60)
    _fail(auth, clock, times=1)  # would be the 5th, but the others are out of the window
    assert auth.sign_in("alice", "river stone lamp").officer_name == "alice"


def test_a_success_resets_the_count(auth, clock):
    auth.enroll_first("alice", "river stone lamp")
    _fail(auth, clock, times=4)
    auth.sign_in("alice", "river stone lamp")
    _fail(auth, clock, times=4)
    assert auth.sign_in("alice", "river stone lamp")


def test_one_officers_lockout_does_not_lock_another(auth, clock):
    alice = auth.enroll_first("alice", "river stone lamp")
    auth.add_officer(alice, "bob", "quiet orange kettle")
    _fail(auth, clock, "alice", times=5)
    with pytest.raises(LockedOutError):
        auth.sign_in("alice", "river stone lamp")
    assert auth.sign_in("bob", "quiet orange kettle")


def test_tampering_with_the_attempt_log_is_audited(auth, clock, tmp_path):
    session = auth.enroll_first("alice", "river stone lamp")
    open_app(tmp_path, session=session, clock=clock).close()
    _fail(auth, clock, times=3)
    (tmp_path / "signin_attempts.jsonl").unlink()  # an attacker resets the counter
    session = auth.sign_in("alice", "river stone lamp")
    app = open_app(tmp_path, session=session, clock=clock)
    assert "signin.log_tampered" in [e.action for e in app.audit.entries()]
    app.close()


def test_verify_for_unlock_needs_the_same_officer(auth):
    alice = auth.enroll_first("alice", "river stone lamp")
    assert auth.verify(alice, "river stone lamp").officer_id == alice.officer_id
    with pytest.raises(AuthError):
        auth.verify(alice, "wrong passphrase")


def test_sign_out_wipes_session_temp_files_and_memory_secrets(auth, tmp_path, monkeypatch):
    import keyring.backends.fail
    import keyring.core

    # As on this machine: no OS keyring (other tests may have registered test backends).
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    session = auth.enroll_first("alice", "river stone lamp")
    app = open_app(tmp_path, session=session)
    pdf = app.scratch.path() / "report.pdf"
    pdf.write_bytes(b"%PDF decrypted copy")
    app.secrets.set("device_token", "tok")  # no OS keyring here: memory only, and audited
    assert "secrets.unavailable" in [e.action for e in app.audit.entries()]
    app.sign_out()
    assert not pdf.exists() and not pdf.parent.exists()
    assert app.secrets.get("device_token") is None


def test_a_broken_audit_chain_is_recorded_at_sign_in(auth, tmp_path):
    session = auth.enroll_first("alice", "river stone lamp")
    app = open_app(tmp_path, session=session)
    app.audit.record("report.view", "r1")
    app.store.db.execute("DROP TRIGGER audit_log_no_update")
    app.store.db.execute("UPDATE audit_log SET target = 'r2' WHERE seq = 2")
    app.close()
    app = open_app(tmp_path, session=auth.sign_in("alice", "river stone lamp"))
    last = app.audit.entries()[-1]
    assert (last.action, last.outcome) == ("audit.tampered", "alert")
    assert "row 2" in last.detail
    app.close()


def test_an_admin_releases_a_lockout_through_the_cli(auth, clock, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    alice = auth.enroll_first("alice", "river stone lamp")
    auth.add_officer(alice, "bob", "quiet orange kettle")
    bob = auth.sign_in("bob", "quiet orange kettle")
    with pytest.raises(AuthError, match="not allowed"):
        auth.release(bob, "alice")
    real = Authenticator(tmp_path, kdf=FAST)  # the CLI uses the real clock
    for _ in range(5):
        real.attempts.record_failure("bob")
    with pytest.raises(LockedOutError):
        real.sign_in("bob", "quiet orange kettle")
    env = dict(os.environ, RESPONDER_PASSPHRASE="river stone lamp")
    result = subprocess.run(
        [sys.executable, "-m", "civilian_responder",
         "officer", "unlock", "bob", "--officer", "alice",
         "--profile", str(tmp_path)], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert real.sign_in("bob", "quiet orange kettle").officer_name == "bob"
