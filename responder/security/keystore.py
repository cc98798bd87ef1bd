"""The keystore: the random database key, wrapped once per officer.

Each officer's passphrase goes through scrypt (memory-hard) to a key-encryption key, which wraps
the 32-byte database key with AES-256-GCM. ``keystore.json`` therefore holds, per officer: id,
name, salt, KDF parameters, nonce and the wrapped key. Nothing in it is secret on its own, so
several officers can share a laptop and a lost laptop reveals nothing without a passphrase.
The GCM associated data binds the officer id, name and KDF parameters, so editing any of them
(for example to weaken the KDF) makes the entry unusable rather than weaker.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from civilian_responder.errors import AuthError, StorageError, ValidationError, say

FORMAT = 1
KEY_BYTES = 32
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024
# A small list of the obvious; agencies can extend it (CJIS IA-5(1)(a) asks for a banned list).
BANNED = frozenset({
    "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwertyui",
    "qwerty123", "letmein1", "iloveyou", "11111111", "00000000", "abc12345", "responder",
    "responder1", "changeme", "welcome1", "passw0rd", "trustno1",
})


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost. The default takes about 0.35 s and 64 MiB on the reference laptop: OWASP's
    N=2^16, r=8 row with p raised from 2 to 3, so unlock stays in 0.25-1 s without a 160 MiB
    spike in the app's peak memory. Each officer's parameters are stored with their wrapped key,
    so changing this default never locks anyone out."""

    n: int = 2**16
    r: int = 8
    p: int = 3

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        maxmem = 128 * self.r * self.n * self.p + 64 * 1024 * 1024
        return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=self.n, r=self.r,
                              p=self.p, maxmem=maxmem, dklen=KEY_BYTES)


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class Officer:
    id: str
    name: str
    admin: bool
    created_at: str
    kdf: KdfParams
    salt: str
    nonce: str
    wrapped_key: str


def normalize(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_passphrase(name: str, passphrase: str) -> None:
    """Reject passphrases a guesser tries first. Length, not composition rules (NIST 800-63B)."""
    problem = None
    if len(passphrase) < MIN_PASSPHRASE:
        problem = say("SignIn", "use at least {n} characters").format(n=MIN_PASSPHRASE)
    elif len(passphrase) > MAX_PASSPHRASE:
        problem = say("SignIn", "use at most {n} characters").format(n=MAX_PASSPHRASE)
    elif passphrase.casefold() in BANNED or len(set(passphrase)) < 3:
        problem = say("SignIn", "this passphrase is too common; pick a few unrelated words")
    elif normalize(passphrase).rstrip("0123456789!") == normalize(name):
        problem = say("SignIn", "do not use your name as the passphrase")
    if problem:
        raise ValidationError(say("SignIn", "Passphrase not accepted: {problem}").format(
            problem=problem), {"passphrase": problem})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(officer_id: str, name: str, kdf: KdfParams) -> bytes:
    return json.dumps(["responder-keystore", FORMAT, officer_id, normalize(name), asdict(kdf)],
                      sort_keys=True).encode("utf-8")


class Keystore:
    """``keystore.json`` in the profile. Written atomically; readable by the owner only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.exists()

    def officers(self) -> list[Officer]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"unknown format {data.get('format')!r}")
            return [_officer_from(o) for o in data["officers"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise StorageError(say("SignIn", "The keystore {path} is damaged: {why}").format(
                path=str(self.path), why=str(exc))) from exc

    def find(self, name: str) -> Officer | None:
        wanted = normalize(name)
        return next((o for o in self.officers() if normalize(o.name) == wanted), None)

    def unwrap(self, name: str, passphrase: str) -> tuple[Officer, bytes]:
        """The database key, if ``passphrase`` is this officer's. Costs one KDF run either way,
        so an unknown name takes as long as a wrong passphrase."""
        officer = self.find(name)
        kdf = officer.kdf if officer else DEFAULT_KDF
        kek = kdf.derive(passphrase, _unb64(officer.salt) if officer else b"\0" * 16)
        from cryptography.exceptions import InvalidTag  # noqa: PLC0415 (not before sign-in)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

        if officer is None:
            raise AuthError(say("SignIn", "No officer named {name} is enrolled on this "
                                "device").format(name=repr(name)))
        try:
            key = AESGCM(kek).decrypt(_unb64(officer.nonce), _unb64(officer.wrapped_key),
                                      _aad(officer.id, officer.name, officer.kdf))
        except InvalidTag as exc:
            raise AuthError(say("SignIn", "Wrong passphrase for {name}").format(
                name=officer.name)) from exc
        return officer, key

    def add(self, name: str, passphrase: str, key: bytes, *, officer_id: str, created_at: str,
            admin: bool = False, kdf: KdfParams = DEFAULT_KDF) -> Officer:
        """Wrap ``key`` for a new officer. The first officer's key becomes the profile's key."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError(say("SignIn", "An officer needs a name"), {"name": "required"})
        if self.find(name) is not None:
            raise ValidationError(say("SignIn", "An officer named {name} already exists").format(
                name=name), {"name": "taken"})
        check_passphrase(name, passphrase)
        if len(key) != KEY_BYTES:
            raise ValueError("the database key must be 32 bytes")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(kdf.derive(passphrase, salt)).encrypt(nonce, key,
                                                                 _aad(officer_id, name, kdf))
        officer = Officer(id=officer_id, name=name, admin=admin, created_at=created_at, kdf=kdf,
                          salt=_b64(salt), nonce=_b64(nonce), wrapped_key=_b64(wrapped))
        self._write([*self.officers(), officer])
        return officer

    def remove(self, name: str) -> None:
        officers = self.officers()
        kept = [o for o in officers if normalize(o.name) != normalize(name)]
        if len(kept) == len(officers):
            raise ValidationError(say("SignIn", "No officer named {name}").format(name=name),
                                  {"name": "unknown"})
        if not kept:
            raise ValidationError(say("SignIn", "Cannot remove the last officer"),
                                  {"name": "last officer"})
        self._write(kept)

    def _write(self, officers: list[Officer]) -> None:
        data = {"format": FORMAT, "officers": [asdict(o) for o in officers]}
        write_private(self.path, json.dumps(data, indent=2, sort_keys=True))


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def write_private(path: Path, text: str) -> None:
    """Atomic replace of a small owner-only file (0600), fsynced."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _officer_from(raw: dict[str, Any]) -> Officer:
    kdf = KdfParams(**{k: int(raw["kdf"][k]) for k in ("n", "r", "p")})
    return Officer(id=str(raw["id"]), name=str(raw["name"]), admin=bool(raw["admin"]),
                   created_at=str(raw["created_at"]), kdf=kdf, salt=str(raw["salt"]),
                   nonce=str(raw["nonce"]), wrapped_key=str(raw["wrapped_key"]))
