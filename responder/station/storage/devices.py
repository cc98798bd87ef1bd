"""Enrollment codes, devices and admin tokens. Secrets are stored only as SHA-256 hashes.

Tokens and codes are high-entropy random strings, so an unsalted SHA-256 is enough: there is
nothing to brute-force from the hash, and lookup by hash stays a single indexed query.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.station.errors import AuthFailed, Invalid, NotFound, Revoked
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.tables import admin_tokens, devices, enrollment_codes
from sqlalchemy import Engine, select, update

log = logging.getLogger(__name__)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over a radio
ROLES = ("supervisor", "dispatcher")
ADMIN_TOKEN_DAYS = 90.0
UNIT_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def hash_secret(secret: str) -> str:
    # surrogatepass: a hostile code with a lone surrogate simply matches nothing.
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def check_unit_id(unit_id: object) -> str:
    if not isinstance(unit_id, str) or not 1 <= len(unit_id) <= 32 or set(unit_id) - UNIT_CHARS:
        raise Invalid("unit_id must be 1-32 letters, digits, '-' or '_' (e.g. CSO-12)")
    return unit_id


@dataclass(frozen=True)
class Device:
    id: str
    unit_id: str
    name: str
    enrolled_at: str
    revoked_at: str | None = None
    last_seen_at: str | None = None


@dataclass(frozen=True)
class Admin:
    id: str
    role: str
    label: str


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    unit_id: str
    token: str


class DeviceRegistry:
    def __init__(self, engine: Engine, clock: Clock, code_ttl_hours: float = 24.0) -> None:
        self._engine = engine
        self._clock = clock
        self._code_ttl = timedelta(hours=code_ttl_hours)

    def make_code(self, unit_id: str, ttl_hours: float | None = None) -> tuple[str, str]:
        """A one-time enrollment code for ``unit_id``; returns (code, expires_at)."""
        check_unit_id(unit_id)
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        now = self._clock.now()
        ttl = timedelta(hours=ttl_hours) if ttl_hours is not None else self._code_ttl
        expires = iso(now + ttl)
        with write(self._engine) as conn:
            conn.execute(enrollment_codes.insert().values(
                code_hash=hash_secret(normalize_code(code)), unit_id=unit_id,
                created_at=iso(now), expires_at=expires,
            ))
        return code, expires

    def enroll(self, code: str, device_name: str) -> Enrollment:
        """Trade a one-time code for a device token. Any failure says only 'invalid or used'."""
        now = self._clock.now()
        code_hash = hash_secret(normalize_code(code))
        token = "rsd_" + secrets.token_urlsafe(32)
        device_id = new_id()
        with write(self._engine) as conn:
            row = conn.execute(
                select(enrollment_codes).where(enrollment_codes.c.code_hash == code_hash)
            ).first()
            if row is None or row.used_at is not None or parse_iso(row.expires_at) <= now:
                raise AuthFailed("This enrollment code is invalid, expired or already used; "
                                 "ask the station for a new one")
            used = conn.execute(
                update(enrollment_codes)
                .where(enrollment_codes.c.code_hash == code_hash)
                .where(enrollment_codes.c.used_at.is_(None))
                .values(used_at=iso(now), device_id=device_id)
            )
            if used.rowcount != 1:  # a concurrent enroll won the race for this code
                raise AuthFailed("This enrollment code is invalid, expired or already used")
            conn.execute(devices.insert().values(
                id=device_id, unit_id=row.unit_id, name=device_name[:128] or "device",
                token_hash=hash_secret(token), enrolled_at=iso(now),
            ))
        return Enrollment(device_id, row.unit_id, token)

    def revoke(self, device_id: str) -> Device:
        with write(self._engine) as conn:
            done = conn.execute(
                update(devices).where(devices.c.id == device_id)
                .where(devices.c.revoked_at.is_(None))
                .values(revoked_at=iso(self._clock.now()))
            )
            if done.rowcount == 0 and conn.execute(
                select(devices.c.id).where(devices.c.id == device_id)
            ).first() is None:
                raise NotFound(f"No device with id {device_id}")
        log.info("device %s revoked", device_id)
        return self.get(device_id)

    def get(self, device_id: str) -> Device:
        with self._engine.connect() as conn:
            row = conn.execute(select(devices).where(devices.c.id == device_id)).first()
        if row is None:
            raise NotFound(f"No device with id {device_id}")
        return _device(row)

    def all(self) -> list[Device]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(devices).order_by(devices.c.enrolled_at)).all()
        return [_device(r) for r in rows]

    def create_admin_token(self, role: str, label: str = "",
                           days: float | None = ADMIN_TOKEN_DAYS) -> tuple[Admin, str]:
        """A new admin token (shown once). ``days=None`` makes one that never expires."""
        if role not in ROLES:
            raise Invalid(f"role must be one of {', '.join(ROLES)}")
        token = f"rsa_{role[:3]}_" + secrets.token_urlsafe(32)
        admin = Admin(new_id(), role, (label or role)[:128])
        now = self._clock.now()
        expires = iso(now + timedelta(days=days)) if days is not None else None
        with write(self._engine) as conn:
            conn.execute(admin_tokens.insert().values(
                id=admin.id, role=role, label=admin.label, token_hash=hash_secret(token),
                created_at=iso(now), expires_at=expires,
            ))
        log.info("admin token %s (%s) created", admin.id, role)
        return admin, token

    def admin_tokens(self) -> list[dict[str, str | None]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(admin_tokens.c.id, admin_tokens.c.role,
                                       admin_tokens.c.label, admin_tokens.c.created_at,
                                       admin_tokens.c.expires_at, admin_tokens.c.revoked_at)
                                .order_by(admin_tokens.c.created_at)).all()
        return [dict(r._mapping) for r in rows]

    def revoke_admin_token(self, admin_id: str) -> None:
        with write(self._engine) as conn:
            done = conn.execute(update(admin_tokens).where(admin_tokens.c.id == admin_id)
                                .values(revoked_at=iso(self._clock.now())))
        if done.rowcount == 0:
            raise NotFound(f"No admin token with id {admin_id}")
        log.info("admin token %s revoked", admin_id)

    def identify(self, token: str) -> Device | Admin:
        """The device or admin behind a bearer token, or AuthFailed / Revoked."""
        token_hash = hash_secret(token)
        with self._engine.connect() as conn:
            row = conn.execute(select(devices).where(devices.c.token_hash == token_hash)).first()
            if row is not None:
                if row.revoked_at is not None:
                    raise Revoked("This device's access was revoked by the station; "
                                  "enroll it again with a new code")
                return _device(row)
            admin = conn.execute(
                select(admin_tokens).where(admin_tokens.c.token_hash == token_hash)
            ).first()
        if admin is None:
            raise AuthFailed("The access token is not valid")
        if admin.revoked_at is not None:
            raise Revoked("This admin token was revoked")
        if admin.expires_at is not None and parse_iso(admin.expires_at) <= self._clock.now():
            raise AuthFailed("This admin token has expired; create a new one")
        return Admin(admin.id, admin.role, admin.label)

    def touch(self, device_id: str) -> None:
        with write(self._engine) as conn:
            conn.execute(update(devices).where(devices.c.id == device_id)
                         .values(last_seen_at=iso(self._clock.now())))


def _device(row: object) -> Device:
    r = row._mapping  # type: ignore[attr-defined]
    return Device(r["id"], r["unit_id"], r["name"], r["enrolled_at"], r["revoked_at"],
                  r["last_seen_at"])
