"""keyring: only recommended backends hold secrets; otherwise memory-only, and we say so."""

import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from civilian_responder.errors import SecretsUnavailableError
from civilian_responder.secrets import SecretStore, acceptable


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A stand-in for the OS keyring (tests must not touch the real one)."""

    priority = 5

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class PlaintextFileKeyring(MemoryKeyring):
    """Pretends to be keyrings.alt's plaintext file backend."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("collection is locked")


# keyring registers every backend subclass for auto-discovery; these are for explicit use only.
keyring.backend.KeyringBackend._classes -= {MemoryKeyring, PlaintextFileKeyring, BrokenKeyring}


def test_recommended_backend_stores_the_token_namespaced():
    backend = MemoryKeyring()
    secrets = SecretStore(backend=backend)
    assert secrets.persistent
    assert secrets.set("device_token", "tok-123") is True
    assert backend.items == {("responder", "device_token"): "tok-123"}
    assert SecretStore(backend=backend).get("device_token") == "tok-123"
    secrets.delete("device_token")
    assert backend.items == {}


@pytest.mark.parametrize("backend", [
    keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(), PlaintextFileKeyring(),
])
def test_fail_null_and_plaintext_backends_are_refused(backend):
    secrets = SecretStore(backend=backend)
    assert not secrets.persistent
    assert "no secure key storage" in secrets.problem
    assert secrets.set("device_token", "tok-123") is False
    assert secrets.get("device_token") == "tok-123"  # memory, this session only
    with pytest.raises(SecretsUnavailableError, match="memory for this session only"):
        secrets.require_persistent()
    secrets.forget_session()
    assert secrets.get("device_token") is None


def test_chainer_counts_only_if_it_holds_an_acceptable_backend():
    class OnlyNull(keyring.backends.chainer.ChainerBackend):
        backends = [keyring.backends.null.Keyring(), keyring.backends.fail.Keyring()]

    class WithGood(keyring.backends.chainer.ChainerBackend):
        backends = [keyring.backends.null.Keyring(), MemoryKeyring()]

    keyring.backend.KeyringBackend._classes -= {OnlyNull, WithGood}
    assert not acceptable(OnlyNull())
    assert acceptable(WithGood())


def test_environment_without_a_keyring_falls_back_to_memory(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    secrets = SecretStore()
    assert not secrets.persistent


def test_a_keyring_that_fails_at_runtime_degrades_to_memory_and_says_why():
    secrets = SecretStore(backend=BrokenKeyring())
    assert secrets.set("device_token", "tok-9") is False
    assert not secrets.persistent and "KeyringLocked" in secrets.problem
    assert secrets.get("device_token") == "tok-9"
