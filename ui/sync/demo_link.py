"""The demo's own station, seen from the window: start or reuse it, enroll, sync now and then.

``responder --demo`` opens the window at once; the station starts (or is found) on the
TaskRunner's "demo" pool and the status bar says "Demo station on" when the unit is
enrolled (its address in the tooltip). The demo then syncs every minute, so dispatched calls
and review decisions arrive without a click. Without the station extra the demo runs offline
and the label says how to get the station. The launcher is ``civilian_responder.demo_station``
(no Qt).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from civilian_responder.demo_station import (
    INSTALL_HINT,
    DemoStationLauncher,
    LinkResult,
    finish_link,
    missing_reason,
    plan_link,
)
from civilian_responder.errors import DemoStationError, SyncError, SyncErrorKind
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 60_000
RELINK_AFTER_S = 20.0  # at most one automatic re-enrollment this often


class DemoStationLink(QObject):
    """Owns the window's lease on the demo station. ``stop()`` when the window closes."""

    settled = Signal()  # connected and first sync done, or given up: the screenshot may go
    connected = Signal(object)  # RunningStation

    def __init__(self, window: Any, core: Any, panel: Any, tasks: Any,
                 launcher: DemoStationLauncher | None = None,
                 sync_every_ms: int = SYNC_EVERY_MS) -> None:
        super().__init__(window)
        self._core = core
        self._panel = panel
        self._tasks = tasks
        self.launcher = launcher or DemoStationLauncher(core.paths.root)
        self._cancel = threading.Event()
        self._linking = False
        self._last_link = 0.0
        self._first_sync_pending = False
        self.is_settled = False
        self.station: Any = None
        self.label = QLabel(objectName="demoStation")
        self.label.setMinimumWidth(48)  # a narrow window clips it rather than growing
        panel.layout().insertWidget(0, self.label)  # first in the sync part of the status bar
        self._timer = QTimer(self, interval=sync_every_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        panel.sync_finished.connect(self._on_panel_sync_finished)
        panel.sync_failed.connect(self._on_panel_sync_failed)

    def start(self) -> None:
        problem = missing_reason()
        if problem:
            log.info("Demo without its station: %s", problem)
            self.label.setText(
                fill(translate("DemoStationLink", "Demo offline \u2014 for its station: %1"),
                     INSTALL_HINT)
                if "install" in problem
                else translate("DemoStationLink", "Demo offline")
            )
            self.label.setToolTip(problem)
            self._settle()
            return
        self._link()

    def stop(self) -> None:
        """Leave the station (it stops when no app on the demo profile is left)."""
        self._cancel.set()
        self._timer.stop()
        self.launcher.release()

    def wait_settled(self, msecs: int) -> bool:
        """Run the event loop (the window stays live) until settled or ``msecs`` passed."""
        if not self.is_settled:
            loop = QEventLoop()
            self.settled.connect(loop.quit)
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()
        return self.is_settled

    # Connecting ----------------------------------------------------------------------------

    def _link(self) -> None:
        if self._linking or self._cancel.is_set():
            return
        self._linking = True
        self._last_link = time.monotonic()
        self.label.setText(translate("DemoStationLink", "Demo station: starting\u2026"))
        plan = plan_link(self._core)  # a few small queries on the GUI thread
        self._tasks.run(self.launcher.link, plan, self._cancel, pool="demo",
                        on_result=self._on_link_done, on_error=self._on_link_failed)

    def _on_link_done(self, result: LinkResult) -> None:
        self._linking = False
        if self._cancel.is_set():
            return
        enrollment = finish_link(self._core, result)
        self.station = result.station
        self.label.setText(translate("DemoStationLink", "Demo station on"))
        self.label.setToolTip(
            fill(
                translate(
                    "DemoStationLink",
                    "The demo's own station at %1 (pid %2): a dispatcher sends calls to the unit and a supervisor reviews its reports. It stops when the last demo window closes.",  # noqa: E501
                ),
                result.station.url,
                result.station.pid,
            )
        )
        if enrollment is not None:
            self._panel.enrolled.emit(enrollment)
        self._panel.refresh()
        self.connected.emit(result.station)
        self._timer.start()
        self._first_sync_pending = True
        if self._panel.running:
            return  # that sync's end settles
        self._panel.sync_now()

    def _on_link_failed(self, error: BaseException) -> None:
        self._linking = False
        if self._cancel.is_set():
            return
        text = core_text(error) if isinstance(error, DemoStationError) else type(error).__name__
        if not isinstance(error, DemoStationError):
            log.error("Demo station failed", exc_info=(type(error), error, error.__traceback__))
        self.label.setText(translate("DemoStationLink", "Demo station unavailable"))
        self.label.setToolTip(text)
        self._settle()

    # Syncing -------------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        if not self._panel.running and not self._linking and not self._cancel.is_set():
            self._panel.sync_now()

    def _on_panel_sync_finished(self, _summary: Any) -> None:
        if self._first_sync_pending:
            self._first_sync_pending = False
            self._settle()

    def _on_panel_sync_failed(self, error: BaseException) -> None:
        # Another demo app enrolled anew (its token lived in memory only): enroll again.
        auth = isinstance(error, SyncError) and error.kind is SyncErrorKind.AUTH
        if auth and self.station is not None and not self._linking \
                and time.monotonic() - self._last_link > RELINK_AFTER_S:
            self._link()
            return
        if self._first_sync_pending:
            self._first_sync_pending = False
            self._settle()

    def _settle(self) -> None:
        if not self.is_settled:
            self.is_settled = True
            self.settled.emit()
