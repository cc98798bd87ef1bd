"""Sync in the main window: the status-bar panel and toolbar actions, and the board reloads
with what the station sent."""

from __future__ import annotations

import pytest
from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.sync_panel import SyncPanel, install_sync
from PySide6.QtWidgets import QToolButton

from tests.station_process import StationProcess
from tests.sync_checks import enrolled_app


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


def test_toolbar_sync_fills_the_board(qtbot, station, tmp_path):
    app = enrolled_app(station, tmp_path / "cso50", "CSO-50")
    sent = station.create_call("CSO-50", address="77 Hilltop Blvd")
    tasks = TaskRunner()
    window = MainWindow(app, tasks)
    qtbot.addWidget(window)
    panel = install_sync(window, app.sync, tasks)
    panel._probe_timer.stop()
    assert window.statusBar().findChild(SyncPanel) is panel
    buttons = {b.text() for b in window.toolbar.findChildren(QToolButton)}
    assert "Sync now" in buttons  # on the toolbar; the station dialog is in its More menu
    assert "Station" in {a.text().replace("\u2026", "") for a in window.more_menu.actions()}
    assert window.board.model.rowCount() == 0
    with qtbot.waitSignal(panel.sync_finished, timeout=20_000):
        panel.sync_action.trigger()
    assert window.board.model.rowCount() == 1  # the board reloaded after the sync
    assert window.board.model.row_of(sent["id"]) is not None
    tasks.wait_for_done(5000)
    app.close()


def test_enrolling_renames_the_window_for_the_unit(qtbot, tmp_path):
    from civilian_responder.app import open_app
    from civilian_responder.sync import Enrollment, TokenStore
    from PySide6.QtWidgets import QLabel

    app = open_app(tmp_path / "new", tokens=TokenStore(use_keyring=False))
    tasks = TaskRunner(inline=True)
    window = MainWindow(app, tasks)
    qtbot.addWidget(window)
    panel = install_sync(window, app.sync, tasks)
    panel._probe_timer.stop()
    panel.enrolled.emit(Enrollment("https://station.example.org", "CSO-51", "dev", True))
    assert window.windowTitle().endswith("CSO-51")
    assert window.findChild(QLabel, "unitLabel").text().startswith("Unit CSO-51")
    app.close()
