"""Where the device token lives: the OS keyring when a recommended backend is available,
otherwise only in memory for this session (the user is told). Never in a file in plain text.

A thin adapter over ``civilian_responder.secrets.SecretStore`` (the one module that uses keyring and
decides which backends count), keeping the sync package's small API.
"""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.secrets import SecretStore, acceptable

log = logging.getLogger(__name__)

SERVICE = "responder-station-device"


def recommended_backend() -> Any | None:
    import keyring  # noqa: PLC0415 (only to look; civilian_responder.secrets owns its use)

    backend = keyring.get_keyring()
    return backend if acceptable(backend) else None


class TokenStore:
    """Device tokens by account name (one per profile/station pair)."""

    def __init__(self, backend: Any | None = None, *, use_keyring: bool = True,
                 secrets: SecretStore | None = None) -> None:
        self._secrets = secrets or SecretStore(SERVICE, backend=backend,
                                               memory_only=not use_keyring)

    @property
    def persistent(self) -> bool:
        """True when tokens survive a restart (held by the OS keyring)."""
        return self._secrets.persistent

    @property
    def problem(self) -> str:
        return self._secrets.problem

    def save(self, account: str, token: str) -> bool:
        """Keep the token; True if it went to the OS keyring, False if memory-only."""
        stored = self._secrets.set(account, token)
        if not stored:
            log.warning("No secure keyring available: the station token is kept in memory only")
        return stored

    def load(self, account: str) -> str | None:
        return self._secrets.get(account)

    def forget(self, account: str) -> None:
        self._secrets.delete(account)
