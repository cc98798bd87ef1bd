"""Console staff: accounts with roles, password sign-in, sessions, and the console audit trail.

Passwords are hashed with scrypt (memory-hard, in the standard library): 16 MiB and about
50 ms per check, so a stolen table is slow to attack. Session ids and CSRF tokens are random;
the database keeps only the SHA-256 of a session id (like device tokens), so a copy of the
table signs nobody in.

Sign-in failures count in the shared ``Throttle`` per account name and per client address, so
a lockout holds across worker processes; every success, failure and lockout is audited.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.station.errors import AuthFailed, Conflict, Invalid, NotFound, RateLimited
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.devices import hash_secret
from civilian_responder.station.storage.tables import console_audit, staff, staff_sessions
from civilian_responder.station.storage.throttle import Throttle
from sqlalchemy import Engine, delete, or_, select, update

log = logging.getLogger(__name__)
STAFF_ROLES = ("supervisor", "clinical_supervisor", "dispatcher", "program_manager", "admin")
ROLE_LABELS = {
    "supervisor": "Supervisor",
    "clinical_supervisor": "Clinical supervisor",
    "dispatcher": "Dispatcher",
    "program_manager": "Program manager",
    "admin": "Administrator",
}
MIN_PASSWORD = 10
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SESSION_HOURS = 12.0
FAILURES_PER_ACCOUNT = 5  # then the account is locked for the rest of the throttle window
FAILURES_PER_ADDRESS = 20
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def hash_password(password: str, salt: bytes | None = None, **cost: int) -> str:
    params = dict(SCRYPT, **cost)
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(_nfc(password), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **params)
    b64 = base64.b64encode
    return (
        f"scrypt${params['n']}${params['r']}${params['p']}$"
        f"{b64(salt).decode()}${b64(digest).decode()}"
    )


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hashlib.scrypt(
            _nfc(password),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
            maxmem=64 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again, base64.b64decode(digest))


def _nfc(password: str) -> bytes:
    # The same password typed on two keyboards (composed or not) is the same password.
    return unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")


def check_name(name: object) -> str:
    if not isinstance(name, str) or not 2 <= len(name) <= 64 or set(name.lower()) - NAME_CHARS:
        raise Invalid("A staff name is 2-64 letters, digits, '.', '_' or '-' (e.g. j.rivera)")
    return name.lower()


@dataclass(frozen=True)
class StaffMember:
    id: str
    name: str
    role: str
    created_at: str
    disabled_at: str | None = None


@dataclass(frozen=True)
class StaffSession:
    member: StaffMember
    csrf: str
    expires_at: str


class StaffDirectory:
    def __init__(self, engine: Engine, clock: Clock, throttle: Throttle) -> None:
        self._engine = engine
        self._clock = clock
        self._throttle = throttle

    # -- accounts ---------------------------------------------------------------------------
    def add(self, name: str, role: str, password: str, actor: str = "station") -> StaffMember:
        name = check_name(name)
        if role not in STAFF_ROLES:
            raise Invalid(f"role must be one of {', '.join(STAFF_ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise Invalid(f"A staff password needs at least {MIN_PASSWORD} characters")
        member = StaffMember(new_id(), name, role, iso(self._clock.now()))
        with write(self._engine) as conn:
            if conn.execute(select(staff.c.id).where(staff.c.name == name)).first():
                raise Conflict(f"A staff account named {name} already exists")
            conn.execute(
                staff.insert().values(
                    id=member.id,
                    name=name,
                    role=role,
                    password_hash=hash_password(password),
                    created_at=member.created_at,
                )
            )
            self._audit(conn, actor, "staff.add", name, f"role {role}")
        return member

    def list(self) -> list[StaffMember]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(staff).order_by(staff.c.name)).all()
        return [_member(r) for r in rows]

    def get(self, name: str) -> StaffMember:
        with self._engine.connect() as conn:
            row = conn.execute(select(staff).where(staff.c.name == name.lower())).first()
        if row is None:
            raise NotFound(f"No staff account named {name}")
        return _member(row)

    def disable(self, name: str, actor: str = "station") -> StaffMember:
        member = self.get(name)
        with write(self._engine) as conn:
            conn.execute(
                update(staff)
                .where(staff.c.id == member.id)
                .where(staff.c.disabled_at.is_(None))
                .values(disabled_at=iso(self._clock.now()))
            )
            conn.execute(delete(staff_sessions).where(staff_sessions.c.staff_id == member.id))
            self._audit(conn, actor, "staff.disable", member.name)
        return self.get(name)

    # -- sign-in and sessions -----------------------------------------------------------------
    def sign_in(
        self, name: str, password: str, address: str, replaces: str | None = None
    ) -> tuple[str, StaffSession]:
        """A new session (its id, shown once, and the session) for a right name and password.

        Any session id the browser already had (``replaces``) is ended: the id after sign-in is
        always new, so an id planted before sign-in (session fixation) is worth nothing."""
        key = name.strip().lower()[:64]
        with self._engine.connect() as conn:
            row = conn.execute(select(staff).where(staff.c.name == key)).first()
        # Check the password even for an unknown name, so timing does not tell names apart.
        good = check_password(password, row.password_hash if row is not None else _dummy_hash())
        if row is None or not good or row.disabled_at is not None:
            wait = self._throttle.fail(
                [
                    (f"console:name:{key}", FAILURES_PER_ACCOUNT),
                    (f"console:ip:{address}", FAILURES_PER_ADDRESS),
                ]
            )
            with write(self._engine) as conn:
                self._audit(
                    conn,
                    key or "-",
                    "signin.locked" if wait else "signin.failed",
                    key,
                    "disabled account" if row is not None and good else "",
                    address,
                )
            if wait is not None:
                raise RateLimited("Too many failed sign-ins; wait and try again", wait)
            raise AuthFailed("The name or password is not right")
        if self._locked(key, address):
            with write(self._engine) as conn:
                self._audit(conn, key, "signin.locked", key, "right password while locked", address)
            raise RateLimited("Too many failed sign-ins; wait and try again", 60)
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = self._clock.now()
        expires = iso(now + timedelta(hours=SESSION_HOURS))
        with write(self._engine) as conn:
            if replaces:
                conn.execute(
                    delete(staff_sessions).where(staff_sessions.c.id_hash == hash_secret(replaces))
                )
            conn.execute(delete(staff_sessions).where(staff_sessions.c.expires_at < iso(now)))
            conn.execute(
                staff_sessions.insert().values(
                    id_hash=hash_secret(session_id),
                    staff_id=row.id,
                    csrf=csrf,
                    created_at=iso(now),
                    expires_at=expires,
                )
            )
            self._audit(conn, key, "signin", key, "", address)
        return session_id, StaffSession(_member(row), csrf, expires)

    def _locked(self, key: str, address: str) -> bool:
        """Whether the account is over its failure limit (a right password does not unlock
        it early: that is what makes the lockout stop guessing)."""
        return self._throttle.count(f"console:name:{key}") >= FAILURES_PER_ACCOUNT

    def session(self, session_id: str | None) -> StaffSession | None:
        if not session_id:
            return None
        with self._engine.connect() as conn:
            row = conn.execute(
                select(staff_sessions.c.csrf, staff_sessions.c.expires_at, staff)
                .select_from(staff_sessions.join(staff, staff.c.id == staff_sessions.c.staff_id))
                .where(staff_sessions.c.id_hash == hash_secret(session_id))
            ).first()
        if row is None or row.disabled_at is not None:
            return None
        if parse_iso(row.expires_at) <= self._clock.now():
            return None
        return StaffSession(_member(row), row.csrf, row.expires_at)

    def sign_out(self, session_id: str, address: str = "") -> None:
        found = self.session(session_id)
        with write(self._engine) as conn:
            conn.execute(
                delete(staff_sessions).where(staff_sessions.c.id_hash == hash_secret(session_id))
            )
            if found is not None:
                self._audit(conn, found.member.name, "signout", found.member.name, "", address)

    # -- audit ----------------------------------------------------------------------------------
    def record(
        self, actor: str, action: str, target: str = "", detail: str = "", address: str = ""
    ) -> None:
        with write(self._engine) as conn:
            self._audit(conn, actor, action, target, detail, address)

    def _audit(
        self,
        conn: Any,
        actor: str,
        action: str,
        target: str = "",
        detail: str = "",
        address: str = "",
    ) -> None:
        conn.execute(
            console_audit.insert().values(
                at=iso(self._clock.now()),
                actor=actor[:64],
                action=action[:64],
                target=target[:256],
                detail=detail[:2000],
                address=address[:64],
            )
        )

    def audit_trail(self, text: str = "", limit: int = 200) -> list[dict[str, Any]]:
        query = select(console_audit).order_by(console_audit.c.id.desc()).limit(limit)
        if text:
            like = f"%{text.lower()}%"
            query = query.where(
                or_(
                    *(
                        c.ilike(like)
                        for c in (
                            console_audit.c.actor,
                            console_audit.c.action,
                            console_audit.c.target,
                            console_audit.c.detail,
                        )
                    )
                )
            )
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password", salt=b"0" * 16)


def _member(row: Any) -> StaffMember:
    return StaffMember(row.id, row.name, row.role, row.created_at, row.disabled_at)
