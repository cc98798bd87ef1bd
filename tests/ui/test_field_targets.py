"""Every control a gloved finger must hit is at least 44×44 px, on every screen of a whole call
at 1366×768 and in the dialogs."""

from __future__ import annotations

from civilian_responder_ui.calls.onview_dialog import OnViewDialog
from civilian_responder_ui.calls.police_backup_dialog import PoliceBackupDialog
from civilian_responder_ui.shell.about import AboutDialog
from civilian_responder_ui.sync.connect_dialog import ConnectDialog
from civilian_responder_ui.sync.sync_problems import SyncProblemsDialog

from tests.ui.field_checks import small_controls
from tests.ui.field_flow import build_window, walk_flow


def test_every_control_on_every_screen_is_at_least_44_px(qtbot, core):
    window = build_window(qtbot, core)
    small: list[str] = []

    def visit(screen: str) -> None:
        small.extend(f"{screen}: {found}" for found in small_controls(window))

    walk_flow(qtbot, window, core, visit)
    assert not small, "\n".join(sorted(set(small)))


def test_every_control_in_the_dialogs_is_at_least_44_px(qtbot, core):
    window = build_window(qtbot, core)
    dialogs = [
        OnViewDialog(core, window),
        PoliceBackupDialog(core.reference, "T261121000005", window),
        ConnectDialog(core.sync, window._tasks, window),
        SyncProblemsDialog([], window),
        AboutDialog(str(core.paths.root), window),
    ]
    small: list[str] = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        small.extend(f"{type(dialog).__name__}: {found}" for found in small_controls(dialog))
        dialog.reject()
    assert not small, "\n".join(sorted(set(small)))
