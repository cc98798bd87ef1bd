"""Small secrets (the station device token) in the OS keyring: the one module that uses keyring.

Only a recommended backend counts: the Secret Service / KWallet on Linux, the Windows Credential
Locker, the macOS Keychain. ``keyring.backends.fail`` (no backend), ``keyring.backends.null``
(silently stores nothing) and the ``keyrings.alt`` file backends (plaintext or weakly protected
files) are refused, as is a chainer with none of the acceptable ones inside. Without a usable
backend, secrets live in memory for this session only, ``persistent`` is False and ``problem``
says why, so the UI can tell the user ("you will need to enroll again after a restart").
The database key never goes here: it is wrapped per officer in the keystore.

    secrets = SecretStore()                       # or SecretStore(backend=...) in tests
    secrets.set("device_token", token)            # -> True if stored in the OS keyring
    secrets.get("device_token")                   # -> str | None
    secrets.require_persistent()                  # raises SecretsUnavailableError if memory-only
"""

from __future__ import annotations

import logging
from typing import Any

import keyring
import keyring.backends.chainer
import keyring.errors
from civilian_responder.errors import SecretsUnavailableError

log = logging.getLogger(__name__)

SERVICE = "responder"
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def acceptable(backend: Any) -> bool:
    """True for a backend that keeps secrets encrypted by the OS."""
    module = type(backend).__module__
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        return any(acceptable(b) for b in backend.backends)
    if module.startswith(_REFUSED_MODULES):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # noqa: BLE001 (a backend's priority may itself probe and fail)
        return False


def warm_up() -> None:
    """Discover the OS keyring's backend now (entry points, library probes: 0.1-0.3 s), e.g. on
    a worker while the officer signs in; keyring keeps what it found for every later store."""
    try:
        keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 (SecretStore reports it when it is really used)
        log.debug("Keyring discovery failed ahead of use: %s", exc)


class SecretStore:
    def __init__(self, service: str = SERVICE, backend: Any | None = None,
                 memory_only: bool = False) -> None:
        self.service = service
        self._memory: dict[str, str] = {}
        self.problem = ""
        try:
            if memory_only:
                self._backend, self.problem = None, "the OS keyring is turned off"
            else:
                self._backend = backend if backend is not None else keyring.get_keyring()
        except Exception as exc:  # noqa: BLE001 (keyring discovery can fail many ways)
            self._backend = None
            self.problem = f"the OS keyring could not be loaded ({type(exc).__name__})"
        if self._backend is not None and not acceptable(self._backend):
            self.problem = (f"no secure key storage is available "
                            f"({type(self._backend).__module__})")
            self._backend = None
        if self.problem:
            log.warning("Secrets are memory-only for this session: %s", self.problem)

    @property
    def persistent(self) -> bool:
        return self._backend is not None

    def require_persistent(self) -> None:
        if not self.persistent:
            raise SecretsUnavailableError(
                f"Secure key storage is unavailable: {self.problem}. Secrets are kept in "
                "memory for this session only.")

    def get(self, name: str) -> str | None:
        if name in self._memory or self._backend is None:
            return self._memory.get(name)
        try:
            return self._backend.get_password(self.service, name)  # type: ignore[no-any-return]
        except keyring.errors.KeyringError as exc:
            self._fall_back(exc)
            return None

    def set(self, name: str, value: str) -> bool:
        """Store a secret. Returns True if it went to the OS keyring, False if memory-only."""
        if self._backend is not None:
            try:
                self._backend.set_password(self.service, name, value)
                self._memory.pop(name, None)
                return True
            except keyring.errors.KeyringError as exc:
                self._fall_back(exc)
        self._memory[name] = value
        return False

    def delete(self, name: str) -> None:
        self._memory.pop(name, None)
        if self._backend is None:
            return
        try:
            self._backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            self._fall_back(exc)

    def forget_session(self) -> None:
        """Sign-out: drop whatever was held in memory."""
        self._memory.clear()

    def _fall_back(self, exc: Exception) -> None:
        self.problem = f"the OS keyring failed ({type(exc).__name__})"
        self._backend = None
        log.warning("Secrets are memory-only for this session: %s", self.problem)
