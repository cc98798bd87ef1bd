"""Keyring backends for tests: the machine has no OS keyring (no D-Bus session).

``MemoryKeyring`` stands in for a real OS keyring inside one process. ``FileKeyring`` lets a
test hand a token to a ``responder sync`` subprocess (PYTHON_KEYRING_BACKEND=tests.keyrings.
FileKeyring, RESPONDER_TEST_KEYRING=<file in tmp_path>). Tests only: it is plain text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self._path = path

    @property
    def path(self) -> Path:
        return Path(self._path or os.environ["RESPONDER_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}|{username}"] = password
        self.path.write_text(json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        items.pop(f"{service}|{username}", None)
        self.path.write_text(json.dumps(items))


# keyring offers every KeyringBackend subclass to its discovery; these test backends must only be
# used where a test names them, never picked up by another test's ``keyring.get_keyring()``.
KeyringBackend._classes.difference_update({MemoryKeyring, FileKeyring})
