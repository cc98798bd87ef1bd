"""The kinds of sync problem (the core's ERROR_WORDS, for its logs and command line) in the
window's language."""

from __future__ import annotations

from civilian_responder.errors import SyncErrorKind
from civilian_responder.sync.status import ERROR_WORDS
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, translate

_ERROR_WORDS = {
    SyncErrorKind.OFFLINE: QT_TRANSLATE_NOOP("sync_panel", "Station unreachable (offline)"),
    SyncErrorKind.AUTH: QT_TRANSLATE_NOOP("sync_panel", "Station sign-in failed"),
    SyncErrorKind.SERVER: QT_TRANSLATE_NOOP("sync_panel", "Station error (server)"),
    SyncErrorKind.CONFLICT: QT_TRANSLATE_NOOP("sync_panel", "Conflict with the station's copy"),
    SyncErrorKind.PROTOCOL: QT_TRANSLATE_NOOP("sync_panel", "Station answered unexpectedly"),
}


def error_words(kind: SyncErrorKind) -> str:
    """What kind of sync problem, in the window's language."""
    return translate("sync_panel", _ERROR_WORDS[kind]) if kind in _ERROR_WORDS \
        else ERROR_WORDS[kind]
