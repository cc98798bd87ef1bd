"""The resource directory picker: search as you type, see a resource's details, choose one for
the report's referral, or make the person's handout from the ones selected.

A search is a few milliseconds over thousands of resources (the core's indexed scan), so it
runs on the GUI thread per keystroke; the handout PDF renders on the PDF pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from civilian_responder.directory import MAX_HANDOUT, DirectoryService, Referral
from civilian_responder.errors import ResponderError
from civilian_responder.models import Resource
from civilian_responder_ui.shell.code_labels import current_table, shown
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ResourceListModel(QAbstractListModel):
    """Search results: name on the first line, kind and phone on the second."""

    def __init__(self, directory: DirectoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self._rows: list[Resource] = []

    def set_rows(self, rows: Sequence[Resource]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def resource(self, row: int) -> Resource:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self._directory.kind_label_in(r, current_table())
            second = " · ".join(x for x in (kind, r.phone) if x)
            return f"{r.name}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.address or None
        if role == ID_ROLE:
            return r.id
        return None


def _open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DirectoryPicker(QDialog):
    """``referral_chosen(Referral)`` when the responder uses a resource for the referral;
    ``handout_written(path)`` once the handout PDF is in the session's scratch folder."""

    referral_chosen = Signal(object)
    handout_written = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        directory: DirectoryService,
        scratch: Path,
        tasks: Any = None,
        parent: QWidget | None = None,
        open_file: Callable[[Path], None] = _open_with_system,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DirectoryPicker", "Resource directory"))
        self.setObjectName("directoryPicker")
        self._directory = directory
        self._scratch = scratch
        self._tasks = tasks
        self._open_file = open_file
        self.model = ResourceListModel(directory, self)
        self._total = directory.count()  # the directory changes only at a sync
        self._build()
        self._on_search_changed()

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("DirectoryPicker", "Search name, kind, address, language…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_changed)
        self.kind = QComboBox()
        self.kind.addItem(translate("DirectoryPicker", "All kinds"), "")
        for code in self._directory.kinds():
            self.kind.addItem(shown(code), code.code)
        self.kind.currentIndexChanged.connect(self._on_search_changed)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.kind, 1)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformItemSizes(True)  # every item is two lines: no per-row layout
        self.results.setSpacing(5)  # two-line items: a gap tells one resource from the next
        self.results.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.results.doubleClicked.connect(self._on_use_clicked)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(110)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.use_button = QPushButton(translate("DirectoryPicker", "&Use for referral"))
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.handout_button = QPushButton(translate("DirectoryPicker", "&Handout PDF"))
        self.handout_button.clicked.connect(self._on_handout_clicked)
        close = QPushButton(translate("DirectoryPicker", "Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for b in (self.handout_button, self.use_button, close):
            buttons.addWidget(b)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.results, 1)
        box.addWidget(self.details)
        box.addLayout(buttons)
        self.resize(560, 620)

    # Search -----------------------------------------------------------------------------------

    def _on_search_changed(self, *_args: object) -> None:
        kind = self.kind.currentData()
        rows = self._directory.search(self.search.text(), (kind,) if kind else ())
        self.model.set_rows(rows)
        total = self._directory.count()
        self.count.setText(
            fill(translate("DirectoryPicker", '%1 shown of %2'), len(rows), total)
            if total
            else translate("DirectoryPicker", 'No directory yet: sync with the station to get it')
        )
        if rows:
            self.results.setCurrentIndex(self.model.index(0))
        self._on_selection_changed()

    def selected(self) -> list[Resource]:
        rows = sorted(i.row() for i in self.results.selectionModel().selectedRows())
        return [self.model.resource(r) for r in rows]

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        self.use_button.setEnabled(len(chosen) == 1)
        self.handout_button.setEnabled(1 <= len(chosen) <= MAX_HANDOUT)
        self.handout_button.setToolTip(
            fill(
                translate("DirectoryPicker", "One page for the person, up to %1 resources"),
                MAX_HANDOUT,
            )
        )
        self.details.setText(
            self._details(chosen[0])
            if len(chosen) == 1
            else fill(translate("DirectoryPicker", '%1 selected for the handout'), len(chosen))
            if chosen
            else ""
        )

    def _details(self, r: Resource) -> str:
        lines = [
            f"<b>{_esc(r.name)}</b> — {_esc(self._directory.kind_label_in(r, current_table()))}",
            f"<b>{_esc(r.phone)}</b>" if r.phone else "",
        ]
        for label, value in (
            (translate("DirectoryPicker", 'Where'), r.address),
            (translate("DirectoryPicker", 'Hours'), r.hours),
            (translate("DirectoryPicker", 'Who can go'), r.eligibility),
            (translate("DirectoryPicker", 'Languages'), ", ".join(r.languages)),
            (translate("DirectoryPicker", 'Beds'), self._directory.beds_text(r)),
        ):
            if value:
                lines.append(f"{label}: {_esc(value)}")
        return "<br>".join(x for x in lines if x)

    # Actions ----------------------------------------------------------------------------------

    def _on_use_clicked(self, *_args: object) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        referral: Referral = self._directory.referral(chosen[0])
        self.referral_chosen.emit(referral)
        self.accept()

    def _on_handout_clicked(self) -> None:
        try:
            render = self._directory.prepare_handout([r.id for r in self.selected()])
        except ResponderError as exc:
            self.failed.emit(core_text(exc))
            return
        target = self._scratch / "handout.pdf"

        def work() -> str:
            target.write_bytes(render())
            return str(target)

        if self._tasks is None:
            self._on_handout_done(work())
            return
        self._tasks.run(
            work, on_result=self._on_handout_done, on_error=self._on_handout_error, pool="pdf"
        )

    def _on_handout_done(self, path: str) -> None:
        self.handout_written.emit(path)
        self._open_file(Path(path))

    def _on_handout_error(self, exc: BaseException) -> None:
        if not isinstance(exc, ResponderError):
            log.error("handout failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.failed.emit(
            core_text(exc) if isinstance(exc, ResponderError) else "The handout could not be made."
        )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
