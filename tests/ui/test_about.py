from importlib import metadata

import pytest
from civilian_responder import __version__
from civilian_responder_ui.shell.about import AboutDialog, app_icon


def test_about_box_shows_the_package_version_and_profile(qtbot, tmp_path):
    dialog = AboutDialog(str(tmp_path), None)
    qtbot.addWidget(dialog)
    text = dialog.version_label.text()
    assert f"Version {__version__}" in text
    assert str(tmp_path) in text
    try:
        assert __version__ == metadata.version("civilian-responder")
    except metadata.PackageNotFoundError:
        pytest.fail("responder is not installed: the version must come from package metadata")


def test_the_app_icon_has_every_size(qtbot):
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
