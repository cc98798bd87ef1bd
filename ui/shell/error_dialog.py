"""Turn exceptions into something a responder can act on, and the last-resort excepthook."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from civilian_responder.errors import (
    AuthError,
    InvalidTransitionError,
    LockedRecordError,
    NotFoundError,
    RenderError,
    ResponderError,
    SecretsUnavailableError,
    StorageError,
    StorageFullError,
    SyncError,
    ValidationError,
)
from civilian_responder_ui.shell.theme import adopt_theme
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, core_text, translate
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)

# What to do about each kind of error, shown under the error's own message. Most specific first.
_ADVICE: list[tuple[type[BaseException], str]] = [
    (
        StorageFullError,
        QT_TRANSLATE_NOOP(
            "ErrorDialog",
            "The disk is full. Nothing was written and your draft is kept. "
            "Free some space (or call IT), then try again.",
        ),
    ),
    (
        StorageError,
        QT_TRANSLATE_NOOP(
            "ErrorDialog",
            "The local database could not be written. Your last saved work is safe; "
            "try again, and call IT if it keeps happening.",
        ),
    ),
    (
        ValidationError,
        QT_TRANSLATE_NOOP("ErrorDialog", "Fix the fields named above and try again."),
    ),
    (
        LockedRecordError,
        QT_TRANSLATE_NOOP(
            "ErrorDialog", "This record is finalized. Make a correction instead of editing it."
        ),
    ),
    (
        InvalidTransitionError,
        QT_TRANSLATE_NOOP("ErrorDialog", "Use one of the status buttons shown for this call."),
    ),
    (
        NotFoundError,
        QT_TRANSLATE_NOOP(
            "ErrorDialog", "It may have been removed by the station. Refresh the board."
        ),
    ),
    (
        SyncError,
        QT_TRANSLATE_NOOP(
            "ErrorDialog", "Your work is kept on this device and will be sent at the next sync."
        ),
    ),
    (AuthError, QT_TRANSLATE_NOOP("ErrorDialog", "Check your passphrase or officer id.")),
    (
        SecretsUnavailableError,
        QT_TRANSLATE_NOOP("ErrorDialog", "Secrets are kept in memory for this session only."),
    ),
    (
        RenderError,
        QT_TRANSLATE_NOOP("ErrorDialog", "The PDF could not be made. The report itself is safe."),
    ),
]


def user_message(exc: BaseException) -> tuple[str, str]:
    """(headline, advice) in plain language. Unknown errors get an honest generic message."""
    if isinstance(exc, ResponderError):
        advice = next(
            (translate("ErrorDialog", text) for kind, text in _ADVICE if isinstance(exc, kind)), ""
        )
        return core_text(exc), advice
    return (
        translate("ErrorDialog", "Something went wrong inside Responder."),
        translate(
            "ErrorDialog",
            "Your saved work is safe. The details were written to the log file; "
            "please tell IT what you were doing.",
        ),
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Responder") -> None:
    headline, advice = user_message(exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, headline, QMessageBox.StandardButton.Ok, parent
    )
    if advice:
        box.setInformativeText(advice)
    if parent is None:
        adopt_theme(box)  # no window to inherit the theme from
    box.exec()


def install_excepthook(interactive: bool = True) -> None:
    """An unexpected error shows a dialog and is logged, instead of killing the app.
    ``interactive=False`` (screenshots, headless runs) only logs: nobody is there to click OK."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, ResponderError):
            log.warning("Unhandled %s: %s", kind.__name__, exc)
        else:
            log.error("Unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if interactive and QApplication.instance() is not None:
            show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
