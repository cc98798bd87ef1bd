"""Photos attached to a report: "Add photo…", the list of names and sizes, and a clear message
when a file is too large or not a photo."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from civilian_responder.attachments import AttachmentService
from civilian_responder.errors import ResponderError
from civilian_responder_ui.reports.report_fields import touch
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

IMAGE_FILTER = "Photos (*.jpg *.jpeg *.png *.gif *.webp *.tif *.tiff);;All files (*)"


def human_size(size: int) -> str:
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class ReportPhotos(QWidget):
    photo_added = Signal(str)  # attachment id

    def __init__(
        self, attachments: AttachmentService, tasks: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._attachments = attachments
        self._tasks = tasks  # shell.tasks.TaskRunner, or None to do everything inline
        self._report_id: str | None = None
        self.add_button = QPushButton(translate("ReportPhotos", "Add photo…"))
        touch(self.add_button)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.none = QLabel(translate("ReportPhotos", "No photos attached."))
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.none)
        layout.addWidget(self.list)
        layout.addWidget(self.message)

    def show_report(self, report_id: str, editable: bool) -> None:
        self._report_id = report_id
        self.add_button.setVisible(editable)
        self.message.hide()
        self._reload()

    def _reload(self) -> None:
        self.list.clear()
        items = self._attachments.for_report(self._report_id) if self._report_id else []
        for a in items:
            self.list.addItem(f"{a.filename}  ·  {human_size(a.size)}")
        self.list.setVisible(bool(items))
        self.none.setVisible(not items)

    def _on_add_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("ReportPhotos", "Add a photo to this report"), "", IMAGE_FILTER
        )
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        """Attach ``path``: read and checked on a worker (photos can be 15 MB), stored on the GUI
        thread. On refusal say why right under the button; nothing is stored."""
        report_id = self._report_id
        if report_id is None:
            return
        self.add_button.setEnabled(False)
        if self._tasks is None:
            try:
                self._on_read(report_id, self._attachments.read_photo(path))
            except ResponderError as exc:
                self._on_refused(exc)
            return
        self._tasks.run(
            self._attachments.read_photo,
            path,
            on_result=lambda read: self._on_read(report_id, read),
            on_error=self._on_refused,
        )

    def _on_read(self, report_id: str, read: tuple[str, bytes]) -> None:
        name, data = read
        try:
            attachment = self._attachments.attach_photo(report_id, name, data)
        except ResponderError as exc:
            self._on_refused(exc)
            return
        self.add_button.setEnabled(True)
        self.message.hide()
        if report_id == self._report_id:
            self._reload()
        self.photo_added.emit(attachment.id)

    def _on_refused(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if not isinstance(exc, ResponderError):
            raise exc
        log.info("Photo refused: %s", type(exc).__name__)
        self.message.setText(
            fill(translate("ReportPhotos", "Photo not added: %1"), exc.args[0] if exc.args else exc)
        )
        self.message.show()
