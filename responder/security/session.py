"""Signing in: from an officer's passphrase to the database key, with throttling and lockout.

``Authenticator(profile_dir)`` is the one entry point the UI and the CLI use. It never opens the
database itself; the caller passes ``session`` to ``open_app`` (which records the sign-in in the
audit trail and imports the failed attempts logged while the database was locked).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from civilian_responder.clock import Clock, SystemClock, iso, new_id
from civilian_responder.errors import AuthError, LockedOutError, ValidationError, say
from civilian_responder.profile import ProfilePaths
from civilian_responder.security.attempts import AttemptLog
from civilian_responder.security.keystore import DEFAULT_KDF, KdfParams, Keystore, new_database_key

log = logging.getLogger(__name__)

DEMO_OFFICER = "demo"
# Documented in the README: the demo profile holds generated data only.
DEMO_PASSPHRASE = "demo-responder-2026"


@dataclass(frozen=True)
class Session:
    """A signed-in officer and the unwrapped database key (kept in memory only)."""

    officer_id: str
    officer_name: str
    admin: bool
    key: bytes = field(repr=False)


def keystore_path(profile_dir: Path) -> Path:
    return Path(profile_dir) / "keystore.json"


def attempts_path(profile_dir: Path) -> Path:
    return Path(profile_dir) / "signin_attempts.jsonl"


class Authenticator:
    def __init__(self, profile_dir: Path, clock: Clock | None = None,
                 kdf: KdfParams = DEFAULT_KDF) -> None:
        self.paths = ProfilePaths(Path(profile_dir))
        self._clock = clock or SystemClock()
        self._kdf = kdf
        self.keystore = Keystore(keystore_path(profile_dir))
        self.attempts = AttemptLog(attempts_path(profile_dir), self._clock)

    def officer_names(self) -> list[str]:
        return [o.name for o in self.keystore.officers()]

    def needs_enrollment(self) -> bool:
        return not self.keystore.officers()

    def enroll_first(self, name: str, passphrase: str) -> Session:
        """First run: create the database key and the first (admin) officer. A profile written
        by an earlier, unencrypted version is encrypted now."""
        if not self.needs_enrollment():
            raise ValidationError(say("SignIn", "Officers already exist; an admin must add "
                                      "new officers"),
                                  {"name": "enrollment closed"})
        self.paths.root.mkdir(parents=True, exist_ok=True)
        key = new_database_key()
        officer = self.keystore.add(name, passphrase, key, officer_id=new_id(),
                                    created_at=iso(self._clock.now()), admin=True, kdf=self._kdf)
        self._encrypt_if_plaintext(key)
        self.attempts.record_success(officer.name)
        log.info("Enrolled the first officer on this device")
        return Session(officer.id, officer.name, True, key)

    def enroll_demo(self) -> Session:
        return self.enroll_first(DEMO_OFFICER, DEMO_PASSPHRASE)

    def sign_in(self, name: str, passphrase: str) -> Session:
        """Unwrap the key. Wrong passphrase: AuthError; too soon or locked: LockedOutError."""
        self.attempts.check(name)
        try:
            officer, key = self.keystore.unwrap(name, passphrase)
        except AuthError as exc:
            until = self.attempts.record_failure(name)
            log.warning("Sign-in failed")
            if until is not None:
                raise LockedOutError(say(
                    "SignIn", "{failure}. That was the 5th failure in 15 minutes: sign-in for "
                    "{name} is locked until {until:%H:%M} UTC").format(
                        failure=exc.args[0] if exc.args else str(exc), name=name, until=until),
                    until) from exc
            raise
        self.attempts.record_success(officer.name)
        self._encrypt_if_plaintext(key)
        return Session(officer.id, officer.name, officer.admin, key)

    def verify(self, session: Session, passphrase: str) -> Session:
        """Unlock after a lock: the same officer's passphrase, counted like any sign-in."""
        fresh = self.sign_in(session.officer_name, passphrase)
        if fresh.key != session.key:
            raise AuthError(say("SignIn", "This passphrase opens a different profile"))
        return fresh

    def add_officer(self, admin: Session, name: str, passphrase: str,
                    make_admin: bool = False) -> None:
        """Enroll another officer on this device; only an admin who is signed in can."""
        if not admin.admin:
            raise AuthError(say("SignIn", "{name} is not allowed to add officers").format(
                name=admin.officer_name))
        self.keystore.add(name, passphrase, admin.key, officer_id=new_id(),
                          created_at=iso(self._clock.now()), admin=make_admin, kdf=self._kdf)

    def release(self, admin: Session, name: str) -> None:
        """Lift a lockout before it expires; only an admin who is signed in can."""
        if not admin.admin:
            raise AuthError(say("SignIn", "{name} is not allowed to release lockouts").format(
                name=admin.officer_name))
        if self.keystore.find(name) is None:
            raise ValidationError(say("SignIn", "No officer named {name}").format(name=name),
                                  {"name": "unknown"})
        self.attempts.record_release(name)

    def _encrypt_if_plaintext(self, key: bytes) -> None:
        # The store (SQLCipher, sqlite-utils) is imported here, after the passphrase, on the
        # sign-in worker: the sign-in window does not wait for it.
        from civilian_responder.store.cipher import (  # noqa: PLC0415
            encrypt_plaintext_database,
            finish_encryption,
            is_plaintext,
        )

        db = self.paths.database
        finish_encryption(db)
        if is_plaintext(db):
            log.info("Encrypting a profile written by an earlier version")
            encrypt_plaintext_database(db, key)
