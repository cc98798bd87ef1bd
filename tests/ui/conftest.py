"""Fixtures every UI test shares."""

from __future__ import annotations

import pytest

from tests.ui.shell_support import demo_core


@pytest.fixture(autouse=True)
def _restore_app_style(qapp):
    """A main window styles the whole QApplication (theme sheet, font, palette): no UI test
    may leave that to the next one, whatever order the tests run in."""
    sheet, font, palette = qapp.styleSheet(), qapp.font(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


@pytest.fixture
def core(tmp_path):
    """The demo profile on a fixed clock (a test file may define its own ``core``)."""
    app = demo_core(tmp_path / "profile")
    yield app
    app.close()


@pytest.fixture(scope="session")
def compiled_translations():
    """The .qm files, built once from the .ts files in the checkout."""
    from civilian_responder_ui.shell.translations import build  # noqa: PLC0415

    build()


@pytest.fixture
def translations(qapp, compiled_translations):
    """The window's translators (compiled first), back to English after the test."""
    from civilian_responder_ui.shell.translations import Translations  # noqa: PLC0415

    t = Translations(qapp)
    yield t
    t.switch("en")
