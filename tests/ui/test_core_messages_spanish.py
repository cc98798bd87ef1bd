"""The core's messages reach the window in the officer's language (issue 17): a wrong
passphrase, a lockout, a sync failure kept from the last run, a shift that cannot start."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from civilian_responder.errors import LockedOutError, SyncError, SyncErrorKind, say
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import DEMO_PASSPHRASE, Authenticator
from civilian_responder_ui.session.signin_dialog import SignInDialog
from civilian_responder_ui.shell.translations import core_text


@pytest.fixture
def spanish(translations):
    assert translations.switch("es") == "es"
    return translations


def test_a_wrong_passphrase_is_told_in_spanish(qtbot, tmp_path, spanish):
    auth = Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))
    auth.enroll_demo()
    dialog = SignInDialog(auth, demo=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("not the passphrase")
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    assert dialog.message.text() == "Frase de contraseña incorrecta para demo"
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=3000)
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.session is not None, timeout=5000)


def test_a_lockout_names_the_failure_and_the_time_in_spanish(spanish):
    until = datetime(2026, 12, 4, 18, 30, tzinfo=UTC)
    failure = say("SignIn", "Wrong passphrase for {name}").format(name="ana")
    exc = LockedOutError(say(
        "SignIn", "{failure}. That was the 5th failure in 15 minutes: sign-in for "
        "{name} is locked until {until:%H:%M} UTC").format(failure=failure, name="ana",
                                                           until=until), until)
    assert core_text(exc) == ("Frase de contraseña incorrecta para ana. Fue el 5.º fallo en 15 "
                              "minutos: el inicio de sesión de ana está bloqueado hasta las "
                              "18:30 UTC")


def test_a_kept_sync_failure_shows_in_spanish_after_a_restart(tmp_path, spanish):
    from civilian_responder.app import open_app  # noqa: PLC0415

    app = open_app(tmp_path / "profile")
    try:
        app.sync.record_failure(SyncError(
            SyncErrorKind.AUTH, say("Sync", "This device is not connected to a station yet")))
    finally:
        app.close()
    app = open_app(tmp_path / "profile")  # read back from the profile, as after a restart
    try:
        status = app.sync.status()
        assert status.last_error == "This device is not connected to a station yet"
        assert core_text(status.last_error) == "Este equipo aún no está conectado a una estación"
        from civilian_responder_ui.sync.sync_panel import error_text  # noqa: PLC0415

        shown = error_text(status.last_error_kind, status.last_error)
        assert shown.endswith(": Este equipo aún no está conectado a una estación")
    finally:
        app.close()


def test_a_message_whose_translation_cannot_fill_shows_in_english(spanish):
    unknown = say("NoSuchContext", "Nothing here {x}").format(x=1)
    assert core_text(unknown) == "Nothing here 1"
    assert core_text(ValueError("plain")) == "plain" and core_text("plain") == "plain"


def test_a_shift_that_cannot_start_says_why_in_spanish(tmp_path, spanish):
    from civilian_responder.app import open_app  # noqa: PLC0415
    from civilian_responder.errors import ValidationError  # noqa: PLC0415

    app = open_app(tmp_path / "profile")
    try:
        with pytest.raises(ValidationError) as caught:
            app.shifts.start([], "", -1)
        words = [core_text(v) for v in caught.value.field_errors.values()]
        assert core_text(caught.value).startswith("El turno todavía no puede empezar")
        assert "indique el vehículo (p. ej. VAN-3)" in words
    finally:
        app.close()
