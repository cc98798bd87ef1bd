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
from civilian_responder.languages import SOURCE, OfficerLanguages, ui_languages
from civilian_responder.profile import ProfilePaths
from civilian_responder.security.session import DEMO_OFFICER, DEMO_PASSPHRASE, Authenticator
from civilian_responder_ui.session.lock_screen import named, run_task
from civilian_responder_ui.shell.theme import adopt_theme
from civilian_responder_ui.shell.translations import core_text, is_language_change, translate
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
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

# Module-level so lupdate sees it; shown through QCoreApplication.translate at run time.
BANNER = QT_TRANSLATE_NOOP("SignInDialog", "Authorized use only. Records on this device are "
                           "confidential; every sign-in, view, change and export is recorded.")


class SignInDialog(QDialog):
    """``language_chosen(code)`` is emitted when the officer picks another language here (the
    caller switches the translators; the dialog follows through ``changeEvent``)."""

    language_chosen = Signal(str)

    def __init__(self, auth: Any, tasks: Any = None, demo: bool = False,
                 parent: QWidget | None = None, language: str = SOURCE) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.auth = auth
        self.session: Any = None
        self._tasks = tasks
        self._demo = demo
        self.enrolling = auth.needs_enrollment()
        self.setMinimumWidth(420)
        self.officer = named(QComboBox(), "officerCombo")
        self.name = named(QLineEdit(), "officerName")
        self.passphrase = named(QLineEdit(), "passphrase")
        self.repeat = named(QLineEdit(), "passphraseRepeat")
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = named(QComboBox(), "languageCombo")
        for lang in ui_languages():  # each in its own language, whatever the window's is
            self.language.addItem(lang.native, lang.code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language_touched = False
        self.language.currentIndexChanged.connect(self._on_language_current_index_changed)
        self.message = named(QLabel(""), "signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme colours it for day and night
        # Deriving the key takes a deliberate half second or so, on a worker: show it working.
        self.busy = named(QProgressBar(), "signInBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.hide()
        # Own buttons, not standard ones: a button box resets standard buttons' text to Qt's
        # translation after our changeEvent has run.
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.ok.setProperty("role", "primary")
        self.quit = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._labels: dict[str, QLabel] = {}
        self._layout(demo)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)
        self.retranslate()

    @property
    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _row(self, form: QFormLayout, key: str, field: QWidget) -> None:
        label = named(QLabel(), f"{key}Label")
        label.setBuddy(field)
        self._labels[key] = label
        form.addRow(label, field)

    def _layout(self, demo: bool) -> None:
        form = QFormLayout()
        self.intro = named(QLabel(), "enrollIntro")
        self.intro.setWordWrap(True)
        self.hint = named(QLabel(), "demoHint")
        self.hint.setWordWrap(True)  # longer in some languages than in English
        if self.enrolling:
            form.addRow(self.intro)
            self._row(form, "name", self.name)
            self._row(form, "passphrase", self.passphrase)
            self._row(form, "repeat", self.repeat)
        else:
            self.officer.addItems(self.auth.officer_names())
            self._row(form, "officer", self.officer)
            self._row(form, "passphrase", self.passphrase)
            if demo and DEMO_OFFICER in self.auth.officer_names():
                self.officer.setCurrentText(DEMO_OFFICER)
                form.addRow(self.hint)
        self._row(form, "language", self.language)
        self.banner = named(QLabel(), "signInBanner")
        self.banner.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        (self.name if self.enrolling else self.passphrase).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Responder — create officer") if self.enrolling
                            else self.tr("Responder — sign in"))
        self.intro.setText(self.tr(
            "No officer is set up on this device yet. Create the first officer (an "
            "administrator who can add others). Use a passphrase of a few unrelated words, at "
            "least 8 characters."))
        self.hint.setText(self.tr("Demo profile: the passphrase is %1")
                          .replace("%1", DEMO_PASSPHRASE))
        labels = {"name": self.tr("Officer name"), "officer": self.tr("Officer"),
                  "passphrase": self.tr("Passphrase"), "repeat": self.tr("Repeat passphrase"),
                  "language": self.tr("Language")}
        for key, label in self._labels.items():
            label.setText(labels[key])
        self.banner.setText(QCoreApplication.translate("SignInDialog", BANNER))
        self.ok.setText(self.tr("Create officer and sign in") if self.enrolling
                        else self.tr("Sign in"))
        self.quit.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _on_language_current_index_changed(self, _index: int) -> None:
        self.language_touched = True
        self.language_chosen.emit(self.chosen_language)

    def _on_buttons_accepted(self) -> None:
        passphrase = self.passphrase.text()
        if self.enrolling:
            if passphrase != self.repeat.text():
                self._show(self.tr("The two passphrases differ."))
                return
            fn, args = self.auth.enroll_first, (self.name.text(), passphrase)
        else:
            fn, args = self.auth.sign_in, (self.officer.currentText(), passphrase)
        self.passphrase.clear()
        self.repeat.clear()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
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
        self.message.setText(translate("SignInDialog", "Opening\u2026"))
        self.session = session
        self.accept()

    def _on_sign_in_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LockedOutError):
            wait_ms = max(0, int((exc.until - datetime.now(UTC)).total_seconds() * 1000))
            self._retry.start(wait_ms + 200)
            self._show(core_text(exc), enable=False)
        elif isinstance(exc, AuthError) and not self.enrolling:
            self._show(core_text(exc))
            self._hold_for_delay()
        elif isinstance(exc, (AuthError, ValidationError)):
            self._show(core_text(exc))
        elif isinstance(exc, ResponderError):
            self._show(self.tr("Could not sign in: %1").replace("%1", core_text(exc)))
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


def startup_session(profile: Path, *, demo: bool, interactive: bool, tasks: Any = None,
                    translations: Any = None) -> Any:
    """Sign in before the profile is opened. The demo profile gets officer ``demo`` on first
    run. With $RESPONDER_PASSPHRASE set (kiosk scripts, tests), or for non-interactive starts
    (``--screenshot``: the documented demo passphrase for the demo profile), no dialog is shown.
    With ``translations`` the dialog opens in the last officer's language, follows the language
    picked in it, and the window then switches to the signed-in officer's language.
    Returns None if the user quits."""
    auth = Authenticator(profile)
    languages = OfficerLanguages(ProfilePaths(Path(profile)).settings)
    if translations is not None:
        translations.switch(languages.last())
    if demo and auth.needs_enrollment():
        auth.enroll_demo()
    if not interactive or os.environ.get("RESPONDER_PASSPHRASE"):
        passphrase = os.environ.get("RESPONDER_PASSPHRASE") or (DEMO_PASSPHRASE if demo else "")
        names = auth.officer_names()
        officer = os.environ.get("RESPONDER_OFFICER") or (DEMO_OFFICER if demo else names[0])
        session = auth.sign_in(officer, passphrase)
        picked = None
    else:
        dialog = SignInDialog(auth, tasks=tasks, demo=demo, language=languages.last())
        adopt_theme(dialog)  # a window of its own: nothing to inherit the theme from
        if translations is not None:
            dialog.language_chosen.connect(translations.switch)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        session = dialog.session
        picked = dialog.chosen_language if dialog.language_touched else None
    settle_language(languages, session.officer_id, picked, languages.last())
    if translations is not None:
        translations.switch(languages.of(session.officer_id))
    return session


def settle_language(languages: OfficerLanguages, officer_id: str, picked: str | None,
                    shown: str) -> None:
    """A language picked at sign-in becomes the officer's; an officer who never chose one
    keeps the language the sign-in window was shown in."""
    if picked is not None:
        languages.set(officer_id, picked)
    elif languages.stored(officer_id) is None:
        languages.set(officer_id, shown)
