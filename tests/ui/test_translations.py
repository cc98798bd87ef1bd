"""The window in Spanish: Qt translators from the .ts catalogue, switched without restart.

The About box and the sign-in dialog are the areas translated so far; each test opens them in
English, switches to Spanish and checks every visible string changed and no English remains."""

import xml.etree.ElementTree as ET

import pytest
from civilian_responder.languages import OfficerLanguages
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import DEMO_PASSPHRASE, Authenticator
from civilian_responder_ui.session import signin_dialog
from civilian_responder_ui.session.signin_dialog import SignInDialog, startup_session
from civilian_responder_ui.shell import translations as tr_module
from civilian_responder_ui.shell.about import AboutDialog
from civilian_responder_ui.shell.translations import Translations, build, ts_path
from PySide6.QtWidgets import QApplication

from tests.ui.language_support import PLACEHOLDER, untranslated, visible_texts

TRANSLATED_CONTEXTS = {"AboutDialog", "SignInDialog"}
# Shown the same in every language: the product's name, officer names, the demo passphrase,
# each language's own name in the picker, the profile path.
SAME_EVERYWHERE = {"Responder", "demo", "alice", "English", "Español"}


@pytest.fixture(scope="module", autouse=True)
def compiled():
    build()  # lrelease from the PySide6 wheel: the .qm the app loads comes from the .ts


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    yield t
    t.switch("en")  # never leave a later test in Spanish


@pytest.fixture
def auth(tmp_path):
    return Authenticator(tmp_path / "profile", kdf=KdfParams(n=2**10, r=8, p=1))


def _changed_everywhere(before: dict, after: dict, extra_same=()) -> list[str]:
    same = SAME_EVERYWHERE | set(extra_same)
    return [f"{k}: {v!r}" for k, v in before.items() if after.get(k) == v and v not in same]


def _dialogs(qtbot, tmp_path, auth, *, enrolling: bool):
    if not enrolling:
        auth.enroll_demo()
    about = AboutDialog(str(tmp_path), None)
    signin = SignInDialog(auth, demo=True)
    for d in (about, signin):
        qtbot.addWidget(d)
        d.show()
    return about, signin


@pytest.mark.parametrize("enrolling", [False, True], ids=["sign-in", "first-officer"])
def test_switching_to_spanish_translates_every_visible_string(
    qtbot, tmp_path, auth, translations, enrolling
):
    about, signin = _dialogs(qtbot, tmp_path, auth, enrolling=enrolling)
    before = {d: visible_texts(d) for d in (about, signin)}
    assert translations.switch("es") == "es"
    for dialog in (about, signin):
        after = visible_texts(dialog)
        assert after.keys() == before[dialog].keys()
        assert _changed_everywhere(before[dialog], after) == []
        assert untranslated(dialog, ts_path("es"), TRANSLATED_CONTEXTS) == []
    assert signin.ok.text() == ("Crear agente e iniciar sesión" if enrolling else "Iniciar sesión")
    assert "Versión" in about.version_label.text()
    assert translations.switch("en") == "en"
    assert visible_texts(signin) == before[signin] and visible_texts(about) == before[about]


def test_a_dialog_opened_after_the_switch_is_spanish(qtbot, tmp_path, auth, translations):
    translations.switch("es")
    about, signin = _dialogs(qtbot, tmp_path, auth, enrolling=False)
    for dialog in (about, signin):
        assert untranslated(dialog, ts_path("es"), TRANSLATED_CONTEXTS) == []
    assert signin.windowTitle() == "Responder — iniciar sesión"


def test_messages_shown_later_are_translated_too(qtbot, auth, translations):
    translations.switch("es")
    dialog = SignInDialog(auth)
    qtbot.addWidget(dialog)
    dialog.name.setText("alice")
    dialog.passphrase.setText("river stone lamp")
    dialog.repeat.setText("river stone lamb")
    dialog.ok.click()
    assert dialog.message.text() == "Las dos frases de contraseña no coinciden."


def test_picking_a_language_in_the_sign_in_dialog_switches_it_at_once(qtbot, auth, translations):
    auth.enroll_demo()
    dialog = SignInDialog(auth, demo=True)
    qtbot.addWidget(dialog)
    dialog.language_chosen.connect(translations.switch)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert translations.language == "es" and dialog.ok.text() == "Iniciar sesión"
    assert dialog.chosen_language == "es" and dialog.language_touched


def test_the_officer_language_is_kept_and_applied_at_sign_in(
    qapp, tmp_path, auth, translations, monkeypatch
):
    profile = tmp_path / "profile"
    session = auth.enroll_demo()
    languages = OfficerLanguages(profile / "settings.json")
    languages.set(session.officer_id, "es")
    monkeypatch.setenv("RESPONDER_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setattr(signin_dialog, "Authenticator", lambda p: auth)
    signed = startup_session(profile, demo=True, interactive=False, translations=translations)
    assert signed.officer_id == session.officer_id
    assert translations.language == "es"
    assert QApplication.translate("SignInDialog", "Sign in") == "Iniciar sesión"


def test_a_missing_compiled_translation_leaves_the_window_in_english(
    translations, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(tr_module, "qm_path", lambda code: tmp_path / f"none_{code}.qm")
    assert translations.switch("es") == "en"
    assert "No compiled translation" in caplog.text
    assert QApplication.translate("SignInDialog", "Sign in") == "Sign in"


def test_the_catalogue_is_complete_and_keeps_placeholders():
    root = ET.parse(ts_path("es")).getroot()
    messages = list(root.iter("message"))
    assert messages
    for m in messages:
        source, t = m.findtext("source"), m.find("translation")
        assert t.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert t.text and t.text.strip(), source
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(t.text)), source


def test_a_value_holding_a_placeholder_is_filled_in_as_typed():
    fill = tr_module.fill
    assert fill("%1 on %2: %3", 2, "2026-07-13", "said 100%1 sure, %2") == \
        "2 on 2026-07-13: said 100%1 sure, %2"
    assert fill("%2 before %1", "a", "b") == "b before a"  # a translator may reorder
    assert fill("%1 of %10", "x") == "x of %10"  # no value for it: left alone


def test_sync_problems_are_worded_in_the_windows_language(translations):
    from civilian_responder.errors import SyncErrorKind  # noqa: PLC0415
    from civilian_responder.sync.status import ERROR_WORDS  # noqa: PLC0415
    from civilian_responder_ui.sync.sync_panel import error_text  # noqa: PLC0415

    assert error_text(SyncErrorKind.OFFLINE, "") == ERROR_WORDS[SyncErrorKind.OFFLINE]
    translations.switch("es")
    assert error_text(SyncErrorKind.OFFLINE, "") == "Estación inalcanzable (sin conexión)"
    spanish = {kind: error_text(kind, "") for kind in SyncErrorKind}
    assert not set(spanish.values()) & set(ERROR_WORDS.values())  # none left in English
    assert error_text(SyncErrorKind.AUTH, "token revoked").endswith(": token revoked")


def test_the_open_shift_banner_is_worded_in_the_windows_language(qtbot, tmp_path, translations):
    from datetime import UTC, datetime  # noqa: PLC0415

    from civilian_responder.app import open_app  # noqa: PLC0415
    from civilian_responder.clock import FixedClock  # noqa: PLC0415
    from civilian_responder.models import CrewMember  # noqa: PLC0415
    from civilian_responder_ui.shift.unit_bar import recovery_text  # noqa: PLC0415

    clock = FixedClock(datetime(2026, 11, 21, 16, 0, tzinfo=UTC))
    app = open_app(tmp_path / "p", clock=clock)
    app.shifts.start([CrewMember("adhoc-1", "Ana", "CSO", False)], "VAN-3", 100)
    app.store.db.close()  # a crash: no clean close
    clock.advance(3 * 3600)
    again = open_app(tmp_path / "p", clock=clock)
    try:
        recovery = again.shift_recovery
        assert "still open: the app closed without ending it" in recovery_text(recovery)
        translations.switch("es")
        spanish = recovery_text(recovery)
        assert "VAN-3" in spanish and "sigue abierto: la aplicación se cerró" in spanish
        assert "still open" not in spanish
    finally:
        again.close()
