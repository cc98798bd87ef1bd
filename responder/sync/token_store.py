"""Where the device token lives: the OS keyring when a recommended backend is available,
otherwise only in memory for this session (the user is told). Never in a file in plain text.

The one module of the sync package that imports keyring.
"""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "responder-station-device"
# Backends that store nothing, always fail, or keep secrets in files we cannot vouch for.
_REJECTED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _acceptable(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if any(module == bad or module.startswith(bad + ".") for bad in _REJECTED_MODULES):
        return False
    if module == "keyring.backends.chainer":
        members = getattr(backend, "backends", [])
        return any(_acceptable(b) for b in members)
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend whose priority check itself fails is not usable
        return False


def recommended_backend() -> keyring.backend.KeyringBackend | None:
    backend = keyring.get_keyring()
    return backend if _acceptable(backend) else None


class TokenStore:
    """Device tokens by account name (one per profile/station pair)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None,
                 *, use_keyring: bool = True) -> None:
        self._backend = backend if backend is not None else (
            recommended_backend() if use_keyring else None)
        self._memory: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        """True when tokens survive a restart (held by the OS keyring)."""
        return self._backend is not None

    def save(self, account: str, token: str) -> bool:
        """Keep the token; True if it went to the OS keyring, False if memory-only."""
        self._memory[account] = token
        if self._backend is None:
            log.warning("No secure keyring available: the station token is kept in memory only")
            return False
        try:
            self._backend.set_password(SERVICE, account, token)
            return True
        except keyring.errors.KeyringError as exc:
            log.warning("Keyring refused the station token (%s); memory only", type(exc).__name__)
            return False

    def load(self, account: str) -> str | None:
        if account in self._memory:
            return self._memory[account]
        if self._backend is None:
            return None
        try:
            token = self._backend.get_password(SERVICE, account)
        except keyring.errors.KeyringError as exc:
            log.warning("Keyring could not be read (%s)", type(exc).__name__)
            return None
        if token:
            self._memory[account] = token
        return token

    def forget(self, account: str) -> None:
        self._memory.pop(account, None)
        if self._backend is None:
            return
        try:
            self._backend.delete_password(SERVICE, account)
        except keyring.errors.KeyringError:
            pass
