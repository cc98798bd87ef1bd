"""Sign-in at launch (and first-run enrollment of the first officer on a device).

``SignInDialog(auth)``: pick an officer, type the passphrase; on success ``dialog.session``
holds the officer and the unwrapped database key, and the caller opens the profile with it.
Key derivation runs through the TaskRunner when one is given, so the window stays responsive.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from civilian_responder.errors import AuthError, LockedOutError, ResponderError, ValidationError
from civilian_responder.security.session import DEMO_OFFICER, DEMO_PASSPHRASE, Authenticator
from civilian_responder_ui.session.lock_screen import named, run_task
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

BANNER = ("Authorized use only. Records on this device are confidential; every sign-in, view, "
          "change and export is recorded.")


class SignInDialog(QDialog):
    def __init__(self, auth: Any, tasks: Any = None, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.auth = auth
        self.session: Any = None
        self._tasks = tasks
        self.enrolling = auth.needs_enrollment()
        self.setWindowTitle("Responder \u2014 " + ("create officer" if self.enrolling
                                                  else "sign in"))
        self.setMinimumWidth(420)
        self.officer = named(QComboBox(), "officerCombo")
        self.name = named(QLineEdit(), "officerName")
        self.passphrase = named(QLineEdit(), "passphrase")
        self.repeat = named(QLineEdit(), "passphraseRepeat")
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = named(QLabel(""), "signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme colours it for day and night
        # Deriving the key takes a deliberate half second or so, on a worker: show it working.
        self.busy = named(QProgressBar(), "signInBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create officer and sign in" if self.enrolling else "Sign in")
        self.ok.setProperty("role", "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Quit")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._layout(demo)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)

    def _layout(self, demo: bool) -> None:
        form = QFormLayout()
        if self.enrolling:
            intro = QLabel("No officer is set up on this device yet. Create the first officer "
                           "(an administrator who can add others). Use a passphrase of a few "
                           "unrelated words, at least 8 characters.")
            intro.setWordWrap(True)
            form.addRow(intro)
            form.addRow("Officer name", self.name)
            form.addRow("Passphrase", self.passphrase)
            form.addRow("Repeat passphrase", self.repeat)
        else:
            self.officer.addItems(self.auth.officer_names())
            form.addRow("Officer", self.officer)
            form.addRow("Passphrase", self.passphrase)
            if demo and DEMO_OFFICER in self.auth.officer_names():
                self.officer.setCurrentText(DEMO_OFFICER)
                hint = named(QLabel(f"Demo profile: the passphrase is {DEMO_PASSPHRASE}"),
                             "demoHint")
                form.addRow(hint)
        banner = named(QLabel(BANNER), "signInBanner")
        banner.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(banner)
        layout.addWidget(self.buttons)
        (self.name if self.enrolling else self.passphrase).setFocus()

    def _on_buttons_accepted(self) -> None:
        passphrase = self.passphrase.text()
        if self.enrolling:
            if passphrase != self.repeat.text():
                self._show("The two passphrases differ.")
                return
            fn, args = self.auth.enroll_first, (self.name.text(), passphrase)
        else:
            fn, args = self.auth.sign_in, (self.officer.currentText(), passphrase)
        self.passphrase.clear()
        self.repeat.clear()
        self.ok.setEnabled(False)
        self.message.setText("Checking the passphrase\u2026")
        self._set_busy(True)
        run_task(self._tasks, fn, *args, on_result=self._on_signed_in,
                 on_error=self._on_sign_in_failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.officer, self.name, self.passphrase, self.repeat):
            field.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _on_signed_in(self, session: Any) -> None:
        self._set_busy(False)
        self.message.setText("Opening\u2026")
        self.session = session
        self.accept()

    def _on_sign_in_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LockedOutError):
            wait_ms = max(0, int((exc.until - datetime.now(UTC)).total_seconds() * 1000))
            self._retry.start(wait_ms + 200)
            self._show(str(exc), enable=False)
        elif isinstance(exc, AuthError) and not self.enrolling:
            self._show(str(exc))
            self._hold_for_delay()
        elif isinstance(exc, (AuthError, ValidationError)):
            self._show(str(exc))
        elif isinstance(exc, ResponderError):
            self._show(f"Could not sign in: {exc}")
        else:
            raise exc

    def _hold_for_delay(self) -> None:
        """The growing delay after a failure: keep the button off until it has passed."""
        try:
            self.auth.attempts.check(self.officer.currentText())
        except LockedOutError as wait:
            self.ok.setEnabled(False)
            wait_ms = max(0, int((wait.until - datetime.now(UTC)).total_seconds() * 1000))
            self._retry.start(wait_ms + 100)

    def _on_retry_timeout(self) -> None:
        self.ok.setEnabled(True)

    def _show(self, text: str, enable: bool = True) -> None:
        self.message.setText(text)
        self.ok.setEnabled(enable)
        (self.name if self.enrolling and not self.name.text() else self.passphrase).setFocus()


def startup_session(profile: Path, *, demo: bool, interactive: bool, tasks: Any = None) -> Any:
    """Sign in before the profile is opened. The demo profile gets officer ``demo`` on first
    run. With $RESPONDER_PASSPHRASE set (kiosk scripts, tests), or for non-interactive starts
    (``--screenshot``: the documented demo passphrase for the demo profile), no dialog is shown.
    Returns None if the user quits."""
    auth = Authenticator(profile)
    if demo and auth.needs_enrollment():
        auth.enroll_demo()
    if not interactive or os.environ.get("RESPONDER_PASSPHRASE"):
        passphrase = os.environ.get("RESPONDER_PASSPHRASE") or (DEMO_PASSPHRASE if demo else "")
        names = auth.officer_names()
        officer = os.environ.get("RESPONDER_OFFICER") or (DEMO_OFFICER if demo else names[0])
        return auth.sign_in(officer, passphrase)
    dialog = SignInDialog(auth, tasks=tasks, demo=demo)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.session
