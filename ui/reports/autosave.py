"""Autosave for report drafts: collect changed fields, commit them shortly after typing stops.

Edits are kept per report until a commit succeeds, so nothing typed is ever dropped: a failed
commit (disk full, I/O error) keeps the pending fields, tells the form (which shows a banner)
and is retried on the next edit, on the next flush and on a slow retry timer. Everything runs on
the GUI thread because the database connection belongs to it; one commit is a few milliseconds.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from civilian_responder.errors import (
    LockedRecordError,
    ResponderError,
    StorageError,
    StorageFullError,
    ValidationError,
)
from civilian_responder.models import Report
from civilian_responder.reports import ReportService
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
MAX_WAIT_MS = 500  # continuous typing still reaches the disk at least this often
RETRY_MS = 5000

DISK_FULL_MESSAGE = (
    "Not saved: the disk is full — your text is kept here and will be saved when space is freed."
)


def failure_message(exc: BaseException) -> str:
    """What the banner says, in words a responder can act on."""
    if isinstance(exc, StorageFullError):
        return DISK_FULL_MESSAGE
    if isinstance(exc, StorageError):
        return fill(
            translate(
                "autosave",
                "Not saved: the report could not be written (%1) — your text is kept here and saving will be retried.",  # noqa: E501
            ),
            exc,
        )
    return fill(
        translate("autosave", "Not saved: %1 — your text is kept here and saving will be retried."),
        exc,
    )


class Autosaver(QObject):
    """Debounced, never-dropping writer of report fields (one ``save_fields`` per report)."""

    saved = Signal(str, dict)  # report_id, the fields just committed
    failed = Signal(str)  # a plain-language message for the banner
    recovered = Signal()  # a save succeeded after failures: the banner can go
    rejected = Signal(str, dict)  # report_id, field -> why the core refused that value

    def __init__(
        self,
        reports: ReportService,
        parent: QObject | None = None,
        delay_ms: int = DEBOUNCE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self.delay_ms = delay_ms
        self.max_wait_ms = max_wait_ms
        self._report_id: str | None = None
        self._pending: dict[str, dict[str, Any]] = {}
        self._first_pending: float | None = None
        self.failing = False
        self.last_report: Report | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def report_id(self) -> str | None:
        return self._report_id

    def set_report(self, report_id: str | None) -> None:
        """Edits from now on belong to ``report_id``; the previous report's edits are flushed."""
        if report_id != self._report_id:
            self.flush()
        self._report_id = report_id

    def change(self, field: str, value: Any) -> None:
        """Record an edit and (re)start the debounce timer."""
        if self._report_id is None:
            return
        self._pending.setdefault(self._report_id, {})[field] = value
        now = time.monotonic()
        if self._first_pending is None:
            self._first_pending = now
        waited_ms = (now - self._first_pending) * 1000
        self._timer.start(int(max(0, min(self.delay_ms, self.max_wait_ms - waited_ms))))

    def has_pending(self, report_id: str | None = None) -> bool:
        if report_id is None:
            return any(self._pending.values())
        return bool(self._pending.get(report_id))

    def pending_for(self, report_id: str) -> dict[str, Any]:
        """Edits not yet on disk, so a reloaded form can show them instead of older values."""
        return dict(self._pending.get(report_id, {}))

    def discard(self, report_id: str) -> None:
        """Forget edits for a report that can no longer take them (used after finalizing)."""
        self._pending.pop(report_id, None)

    def flush(self) -> bool:
        """Commit every pending edit now. True when nothing is left unsaved."""
        self._timer.stop()
        was_failing, self.failing = self.failing, False
        for report_id in list(self._pending):
            if not self._commit(report_id):
                self._first_pending = time.monotonic()
                self._timer.start(RETRY_MS)
                return False
        self._first_pending = None
        if was_failing and not self.failing:
            self.recovered.emit()
        return True

    def _on_timer_timeout(self) -> None:
        self.flush()

    def _commit(self, report_id: str) -> bool:
        fields = self._pending.get(report_id)
        if not fields:
            self._pending.pop(report_id, None)
            return True
        try:
            self.last_report = self._reports.save_fields(report_id, fields)
        except ValidationError as exc:
            return self._on_rejected(report_id, exc)
        except LockedRecordError as exc:
            # The version was finalized meanwhile; say so loudly rather than drop it silently.
            self._pending.pop(report_id, None)
            self._fail(
                exc,
                fill(
                    translate("Autosaver", "Not saved: %1. Your last edits were not stored."), exc
                ),
            )
            return True
        except ResponderError as exc:
            self._fail(exc, failure_message(exc))
            return False
        except Exception as exc:  # noqa: BLE001 (an autosave failure must be visible)
            log.exception("Autosave failed unexpectedly")
            self._fail(exc, failure_message(exc))
            return False
        if self._pending.get(report_id) is fields:
            del self._pending[report_id]
        self.saved.emit(report_id, fields)
        return True

    def _on_rejected(self, report_id: str, exc: ValidationError) -> bool:
        """Drop only the refused values (the form shows why); save the rest."""
        fields = self._pending[report_id]
        bad = {k: v for k, v in exc.field_errors.items() if k in fields}
        for name in bad:
            del fields[name]
        self.rejected.emit(report_id, bad)
        if not bad:  # nothing we can strip: do not loop forever
            self._fail(exc, failure_message(exc))
            return False
        return self._commit(report_id)

    def _fail(self, exc: BaseException, message: str) -> None:
        log.warning("Autosave failed: %s", type(exc).__name__)
        self.failing = True
        self.failed.emit(message)
