"""The sync panel and the connect dialog: real widgets on a real core; a real station for the
round trips; the TaskRunner inline except where a real worker thread is the point."""

from __future__ import annotations

import itertools

import pytest
from civilian_responder.app import open_app
from civilian_responder.sync import RoundResult, SyncPlan, TokenStore
from civilian_responder.sync.status import token_account
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.connect_dialog import MEMORY_ONLY_TEXT, ConnectDialog
from civilian_responder_ui.sync.sync_panel import SyncPanel
from civilian_responder_ui.sync.sync_problems import SyncProblemsDialog

from tests.keyrings import MemoryKeyring
from tests.station_process import StationProcess
from tests.sync_checks import FAST, enrolled_app
from tests.sync_work import finish_report, photo_bytes, station_call, work_call_to_clear


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


@pytest.fixture
def local_app(tmp_path):
    app = open_app(tmp_path / "unit", tokens=TokenStore(MemoryKeyring()), sync_settings=FAST)
    yield app
    app.close()


def _offline_enrollment(app) -> None:
    """Enrolled to a station address where nothing listens."""
    app.store.set_meta("sync.station_url", "http://127.0.0.1:9")
    app.store.set_meta("sync.device_id", "dev-1")
    app.sync.tokens.save(token_account("dev-1"), "token")


def test_waiting_counts_are_shown(qtbot, local_app):
    call = station_call("CSO-12")
    with local_app.store.atomic("seed"):
        local_app.store.calls.insert(call)
    work_call_to_clear(local_app, call.id)
    finish_report(local_app, call.id, photo=photo_bytes())
    panel = SyncPanel(local_app.sync, TaskRunner(inline=True), probe_interval_ms=0)
    qtbot.addWidget(panel)
    # The finalize recorded the report's contact and its (new, provisional) person too.
    assert panel.waiting_label.text() == ("1 report, 4 status changes, 1 photo, 1 contact, "
                                          "1 person waiting")
    assert panel.last_label.text() == "Not connected to a station"
    assert panel.sync_button.text() == "Connect to station"  # it offers to connect instead
    assert not panel.sync_action.isEnabled()


def test_offline_station_shows_a_plain_error(qtbot, local_app):
    _offline_enrollment(local_app)
    panel = SyncPanel(local_app.sync, TaskRunner(inline=True), probe_interval_ms=0)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sync_failed, timeout=10_000):
        panel.sync_button.click()
    assert panel.error_label.text() == "Station unreachable (offline)"
    assert not panel.error_label.isHidden()
    assert panel.sync_button.isEnabled() and panel.progress.isHidden()


def test_sync_now_runs_on_a_worker_thread_and_shows_success(qtbot, station, tmp_path):
    app = enrolled_app(station, tmp_path / "cso31", "CSO-31")
    sent = station.create_call("CSO-31")
    app.calls.create_self_initiated("WELCK", "Library steps")
    tasks = TaskRunner()
    panel = SyncPanel(app.sync, tasks, probe_interval_ms=0)
    qtbot.addWidget(panel)
    assert "waiting" in panel.waiting_label.text()
    with qtbot.waitSignal(panel.sync_finished, timeout=20_000) as finished:
        panel.sync_button.click()
        assert panel.running and not panel.sync_button.isEnabled()
    assert finished.args[0].applied >= 2
    assert panel.waiting_label.text() == "Nothing waiting"
    assert panel.last_label.text().startswith("Last sync ")
    assert panel.error_label.isHidden() and panel.progress.isHidden()
    assert app.calls.get(sent["id"]).status == "DISPATCHED"
    tasks.wait_for_done(5000)
    app.close()


def _sync_counting_slices(qtbot, app, steps_name: str):
    """Sync through the real panel with a zero-interval timer beating; returns the panel, its
    task runner and, per slice of ``app.sync.<steps_name>``, the beat count when it ran."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    beats = [0]
    slices: list[int] = []
    real = getattr(app.sync, steps_name)

    def counted(result):
        steps = real(result)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                slices.append(beats[0])
                return done.value
            slices.append(beats[0])
            yield

    setattr(app.sync, steps_name, counted)
    timer = QTimer(interval=0)
    timer.timeout.connect(lambda: beats.__setitem__(0, beats[0] + 1))
    tasks = TaskRunner()
    panel = SyncPanel(app.sync, tasks, probe_interval_ms=0)
    qtbot.addWidget(panel)
    timer.start()
    with qtbot.waitSignal(panel.sync_finished, timeout=20_000):
        panel.sync_now()
    timer.stop()
    return panel, tasks, slices


def test_answers_are_stored_one_slice_per_event_loop_turn(qtbot, station, tmp_path):
    """On a slow machine a round's acknowledgements go in slices of 20, each in its own turn
    of the event loop (a timer gets to run between them), and all of them are stored."""
    app = enrolled_app(station, tmp_path / "cso34", "CSO-34")
    sent = station.create_call("CSO-34")
    app.sync.sync()
    backup = next(iter(app.reference.backup_reasons)).code
    for _ in range(70):
        app.calls.request_backup(sent["id"], backup)
    app.sync._cost["answers"] = 1.0  # measured as very slow: the floor, 20 per slice
    panel, tasks, slices = _sync_counting_slices(qtbot, app, "answer_steps")
    assert len(slices) >= 4  # 70 answers (and the audit row) in slices of 20
    assert all(b > a for a, b in itertools.pairwise(slices))  # the loop turned between them
    assert panel.waiting_label.text() == "Nothing waiting"
    assert all(e.state == "acked" for e in app.store.outbox.entries())
    tasks.wait_for_done(5000)
    app.close()


def test_pulled_changes_are_stored_one_slice_per_event_loop_turn(qtbot, station, tmp_path):
    """On a slow machine a round's pulled changes go in slices of 20, each in its own turn of
    the event loop, and every call arrives once."""
    app = enrolled_app(station, tmp_path / "cso35", "CSO-35")
    for n in range(50):
        station.create_call("CSO-35", address=f"{n} Turn Ave")
    app.sync._cost["pulled"] = 1.0  # measured as very slow: the floor, 20 per slice
    _, tasks, slices = _sync_counting_slices(qtbot, app, "pulled_steps")
    assert len(slices) >= 3  # 50 calls (and their events) in slices of 20
    assert all(b > a for a, b in itertools.pairwise(slices))  # the loop turned between them
    addresses = sorted(r[0] for r in app.store.db.execute("SELECT address FROM calls"))
    assert addresses == sorted(f"{n} Turn Ave" for n in range(50))
    tasks.wait_for_done(5000)
    app.close()


def test_station_coming_back_starts_a_sync(qtbot, station, tmp_path):
    app = enrolled_app(station, tmp_path / "cso32", "CSO-32")
    station.create_call("CSO-32")
    tasks = TaskRunner()
    panel = SyncPanel(app.sync, tasks, probe_interval_ms=100)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sync_finished, timeout=20_000):
        pass  # no click: the probe found the station and synced
    assert len(app.calls.board()) == 1
    panel._probe_timer.stop()
    tasks.wait_for_done(5000)
    app.close()


def test_refused_and_conflicting_changes_are_listed(qtbot, local_app):
    call = station_call("CSO-12")
    with local_app.store.atomic("seed"):
        local_app.store.calls.insert(call)
    local_app.calls.change_status(call.id, "ACKNOWLEDGED")
    local_app.calls.change_status(call.id, "EN_ROUTE")
    a, b = local_app.store.sync.pending_changes(10, 10**6)
    plan = SyncPlan("http://127.0.0.1:9", "t", 0, (), ())
    local_app.sync.apply(RoundResult(plan, outcomes=[(a.change_id, "rejected", "not your call"),
                                                     (b.change_id, "conflict", "differs")]))
    panel = SyncPanel(local_app.sync, TaskRunner(inline=True), probe_interval_ms=0)
    qtbot.addWidget(panel)
    assert panel.problems_button.text() == "2 need attention"
    dialog = SyncProblemsDialog(local_app.sync.problems())
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "Status acknowledged"
    assert table.item(0, 2).text() == "Refused by the station"
    assert table.item(0, 3).text() == "not your call"
    assert table.item(1, 2).text() == "Conflict (both kept)"


def test_connect_dialog_enrolls_and_says_when_the_token_is_memory_only(qtbot, station,
                                                                       tmp_path):
    app = open_app(tmp_path / "cso33", tokens=TokenStore(use_keyring=False),
                   sync_settings=FAST)
    dialog = ConnectDialog(app.sync, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.url_edit.setText(station.url)
    dialog.code_edit.setText("WRONG-CODE")
    dialog.connect_button.click()
    assert "did not accept this code" in dialog.message.text()
    dialog.code_edit.setText(station.enroll_code("CSO-33"))
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        dialog.connect_button.click()
    assert "as unit CSO-33" in dialog.message.text()
    assert MEMORY_ONLY_TEXT in dialog.message.text()
    assert app.unit_id == "CSO-33" and app.sync.status().token_available
    app.close()


def test_connect_dialog_rejects_plain_http_to_another_host(qtbot, local_app):
    dialog = ConnectDialog(local_app.sync, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("http://station.example.org")
    dialog.code_edit.setText("ABCD-EFGH")
    dialog.connect_button.click()
    assert "https" in dialog.message.text()
    assert not local_app.sync.status().enrolled


def test_revoked_device_is_told_what_to_do(qtbot, station, tmp_path):
    app = enrolled_app(station, tmp_path / "cso34", "CSO-34")
    station.cli("revoke-device", app.store.get_meta("sync.device_id"))
    panel = SyncPanel(app.sync, TaskRunner(inline=True), probe_interval_ms=0)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sync_failed, timeout=10_000):
        panel.sync_button.click()
    assert panel.error_label.text().startswith("Station sign-in failed: ")
    assert "revoked" in panel.error_label.text()
    app.close()


def test_last_sync_text_names_the_day_when_not_today():
    from datetime import date

    from civilian_responder.sync import SyncStatus
    from civilian_responder_ui.sync.sync_panel import last_sync_text

    status = SyncStatus(True, "https://s", "CSO-12", last_success_at="2026-11-20T08:30:00.000Z")
    assert last_sync_text(status, today=date(2026, 11, 25)).startswith("Last sync 20 Nov")
    assert last_sync_text(SyncStatus(True, "https://s", "CSO-12")) == "Never synced"

