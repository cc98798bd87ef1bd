"""The device token goes to a recommended keyring or stays in memory, never to a file."""

from __future__ import annotations

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
from civilian_responder.app import open_app
from civilian_responder.sync.token_store import SERVICE, TokenStore, recommended_backend

from tests.keyrings import MemoryKeyring


def test_fail_and_null_backends_are_not_recommended(monkeypatch):
    for backend in (keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()):
        monkeypatch.setattr(keyring, "get_keyring", lambda b=backend: b)
        assert recommended_backend() is None


def test_chainer_of_only_rejected_backends_is_not_recommended(monkeypatch):
    chainer = keyring.backends.chainer.ChainerBackend()
    monkeypatch.setattr(type(chainer), "backends", property(
        lambda self: [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()]))
    monkeypatch.setattr(keyring, "get_keyring", lambda: chainer)
    assert recommended_backend() is None


def test_a_recommended_backend_is_used(monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    assert recommended_backend() is backend
    tokens = TokenStore()
    assert tokens.persistent
    assert tokens.save("dev@station", "s3cret-token") is True
    assert backend.items[(SERVICE, "dev@station")] == "s3cret-token"
    assert TokenStore().load("dev@station") == "s3cret-token"


def test_without_keyring_the_token_is_memory_only_and_never_on_disk(monkeypatch, tmp_path):
    monkeypatch.setattr(keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    tokens = TokenStore()
    assert not tokens.persistent
    app = open_app(tmp_path / "profile", tokens=tokens)
    assert tokens.save("dev@station", "s3cret-token-XYZ") is False
    assert tokens.load("dev@station") == "s3cret-token-XYZ"
    app.store.set_meta("sync.device_id", "dev")
    app.close()
    for path in (tmp_path / "profile").rglob("*"):
        if path.is_file():
            assert b"s3cret-token-XYZ" not in path.read_bytes(), path
    assert TokenStore().load("dev@station") is None  # a new session has forgotten it
