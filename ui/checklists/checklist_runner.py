"""The guided checklist runner: one step per screen or a compact list, big answers, keyboard
shortcuts (Y / N / 1-9, Enter next, Backspace back), notes, Done stamps, the stop banner and
the level of a scored screen. Every answer is saved at once through ``app.checklists``."""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.checklists.engine import current_step, describe, step_after, step_before
from civilian_responder.checklists.service import RunView
from civilian_responder.errors import ResponderError
from civilian_responder_ui.checklists.checklist_banner import ChecklistBanner
from civilian_responder_ui.checklists.checklist_level import ChecklistLevelBox
from civilian_responder_ui.checklists.checklist_list import ChecklistListView
from civilian_responder_ui.checklists.checklist_step import ChecklistStepWidget, local_time
from civilian_responder_ui.shell.translations import (
    QT_TRANSLATE_NOOP,
    core_text,
    fill,
    is_language_change,
    translate,
)
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)
_RUN_STATES = {
    "completed": QT_TRANSLATE_NOOP("ChecklistRunnerView", "completed"),
    "abandoned": QT_TRANSLATE_NOOP("ChecklistRunnerView", "abandoned"),
    "in_progress": QT_TRANSLATE_NOOP("ChecklistRunnerView", "in_progress"),
}
_AUTO_ADVANCE = ("yes_no", "single_choice", "action")


class ChecklistRunnerView(QWidget):
    run_saved = Signal(str)  # run id
    run_finished = Signal(str)
    backup_requested = Signal(str)  # call id
    closed = Signal()

    def __init__(self, app: Any, tasks: Any, run_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks  # the runner's writes are single small transactions on this thread
        self.view: RunView = app.checklists.get(run_id)
        self._shown_language = app.checklists.language
        self.mode = app.checklists.preferred_mode()
        self.current: str | None = current_step(self.view.evaluation, self.view.run.current_item,
                                                self.view.definition.items)
        self._step_widgets: dict[str, ChecklistStepWidget] = {}
        self.setObjectName("checklistRunner")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # as the report's Finalize
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_complete_shortcut)
        self._apply(self.view)

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        header = QHBoxLayout()
        self.back_to_list = QPushButton(translate("ChecklistRunnerView", "‹ All"))
        self.back_to_list.setToolTip(
            translate("ChecklistRunnerView", "Back to the checklists of this call")
        )
        self.back_to_list.clicked.connect(self._on_close_clicked)
        self.title = QLabel(f"{self.view.definition.title}")
        self.title.setObjectName("runnerTitle")
        self.title.setWordWrap(True)
        self.mode_button = QPushButton()
        self.mode_button.clicked.connect(self._on_mode_clicked)
        header.addWidget(self.back_to_list)
        header.addWidget(self.title, 1)
        header.addWidget(self.mode_button)
        root.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        root.addWidget(self.progress)
        root.addLayout(self._build_footer_hint())
        self.banner = ChecklistBanner()
        self.banner.action_chosen.connect(self._on_banner_action_chosen)
        root.addWidget(self.banner)
        self.level_box = ChecklistLevelBox()
        root.addWidget(self.level_box)
        self.error = QLabel()
        self.error.setObjectName("runnerError")
        self.error.setWordWrap(True)
        self.error.hide()
        root.addWidget(self.error)
        self.pages = QStackedWidget()
        # A step with many choices under a stop banner may not fit: it scrolls, never squashes.
        self.step_page = QScrollArea()
        self.step_page.setWidgetResizable(True)
        self.step_page.setFrameShape(QFrame.Shape.NoFrame)
        self.step_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self.step_layout = QVBoxLayout(holder)
        self.step_layout.setContentsMargins(0, 0, 0, 0)
        self.step_page.setWidget(holder)
        self.list_view = ChecklistListView()
        self.list_view.answered.connect(self.answer)
        self.list_view.done_toggled.connect(self.mark_done)
        self.list_view.note_edited.connect(self.set_note)
        self.pages.addWidget(self.step_page)
        self.pages.addWidget(self.list_view)
        # In a short pane the steps give way (they scroll) before the stop banner does.
        for page in (self.step_page, self.list_view):
            page.setMinimumHeight(1)
        root.addWidget(self.pages, 1)
        root.addLayout(self._build_footer())
        self._hint_row.addWidget(self.blocking, 1)

    def _build_footer_hint(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self._hint_row = row
        return row

    def _build_footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(translate("ChecklistRunnerView", "‹ Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(translate("ChecklistRunnerView", "Next ›"))
        self.next_button.setProperty("role", "primary")
        self.next_button.clicked.connect(self.go_next)
        self.abandon_button = QPushButton(translate("ChecklistRunnerView", "Abandon"))
        self.abandon_button.setProperty("role", "danger")
        self.abandon_button.clicked.connect(self._on_abandon_clicked)
        self.complete_button = QPushButton(translate("ChecklistRunnerView", "Complete"))
        self.complete_button.setProperty("role", "primary")
        self.complete_button.clicked.connect(self.complete)
        # One short line: the full list is in its tooltip and on the end-of-checklist card.
        # It sits under the progress bar: between the footer's buttons it was cut off.
        self.blocking = QLabel(self)
        self.blocking.setObjectName("runnerHint")
        for w in (self.back_button, self.next_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.abandon_button)
        row.addWidget(self.complete_button)
        return row

    # Showing ----------------------------------------------------------------------------------

    def _apply(self, view: RunView) -> None:
        self.view = view
        ev = view.evaluation
        self.current = current_step(ev, self.current, view.definition.items) if self.current \
            else self.current
        finished = view.finished
        self.progress.setMaximum(max(ev.total, 1))
        self.progress.setValue(ev.done)
        self.mode_button.setText(
            translate("ChecklistRunnerView", "Step view")
            if self.mode == "list"
            else translate("ChecklistRunnerView", "List view")
        )
        self.mode_button.setVisible(not finished)  # a finished run is always read as a list
        banners = {r.id: r.banner for r in view.definition.stop_rules}
        self.banner.show_rules(list(view.unresolved) if not finished else [],
                               view.run.escalations, banners)
        self._show_level()
        blocking = view.blocking()
        counts = fill(translate("ChecklistRunnerView", "%1/%2 done"), ev.done, ev.total)
        self.blocking.setText(
            f"{counts} · {translate('ChecklistRunnerView', _RUN_STATES.get(view.run.state, view.run.state))}"  # noqa: E501
            f" {local_time(view.run.finished_at)}"
            if finished
            else counts + " · " + fill(translate("ChecklistRunnerView", "%1 to go"), len(blocking))
            if blocking
            else counts + " · " + translate("ChecklistRunnerView", "ready")
        )
        self.blocking.setToolTip("\n".join(
            fill(translate("ChecklistRunnerView", "answer: %1"), b.removeprefix("answer: "))
            if b.startswith("answer: ") else b
            for b in blocking
        ))
        for w in (self.complete_button, self.abandon_button):
            w.setVisible(not finished)
        self.abandon_button.setText(
            translate("ChecklistRunnerView", "Abandon")
        )  # any other action disarms the second tap
        self.complete_button.setEnabled(not blocking)
        self._show_body()

    def _show_level(self) -> None:
        self.level_box.show_view(self.view)

    def _show_body(self) -> None:
        if self.mode == "list" or self.view.finished:
            self.pages.setCurrentWidget(self.list_view)
            self._show_list()
        else:
            self.pages.setCurrentWidget(self.step_page)
            self._show_step()
        at_start = step_before(self.view.evaluation, self.current) is None
        self.back_button.setEnabled(not at_start or self.current is None)
        self.next_button.setEnabled(self.current is not None)
        self.back_button.setVisible(not self.view.finished)
        self.next_button.setVisible(not self.view.finished)

    def _show_step(self) -> None:
        item = self.view.definition.item(self.current) if self.current else None
        old = next(iter(self._step_widgets.values()), None)
        if old is not None and item is not None and old.item.id == item.id:
            old.set_step(self.view.run.step(item.id))
            return
        self._clear_widgets()
        if item is None:
            self.step_layout.addWidget(self._review_card())
            return
        widget = self._make_widget(item.id)
        self.step_layout.addWidget(widget)
        self.step_layout.addStretch(1)

    def _show_list(self) -> None:
        self.list_view.show_run(self.view, self.current)

    def _make_widget(self, item_id: str, compact: bool = False) -> ChecklistStepWidget:
        item = self.view.definition.item(item_id)
        assert item is not None
        widget = ChecklistStepWidget(item, self.view.run.step(item_id), compact=compact,
                                     parent=self.step_page.widget())
        evidence = self._evidence(item_id)
        if evidence:
            widget.show_evidence(evidence)
        widget.answered.connect(self.answer)
        widget.done_toggled.connect(self.mark_done)
        widget.note_edited.connect(self.set_note)
        self._step_widgets[item_id] = widget
        return widget

    def _evidence(self, item_id: str) -> list[str]:
        """What the record says for a question answered from it (prior violence)."""
        try:
            call = self._app.calls.get(self.view.run.call_id)
            return self._app.people.evidence(call, self.view.definition.id, item_id)
        except ResponderError:
            return []

    def _clear_widgets(self) -> None:
        while self.step_layout.count():
            child = self.step_layout.takeAt(0).widget()
            if child is not None:
                _discard(child)
        self.list_view.clear()
        self._step_widgets = {}

    def _review_card(self) -> QLabel:
        blocking = self.view.blocking()
        lines = [
            "<b>" + translate("ChecklistRunnerView", "End of checklist.") + "</b> "
            + (
                translate("ChecklistRunnerView", "Still needed: ") + "; ".join(blocking)
                if blocking
                else translate("ChecklistRunnerView", "Ready to complete.")
            )
        ]
        for item in self.view.evaluation.visible:
            if item.id in self.view.evaluation.values and item.type != "guidance":
                value = describe(item, self.view.evaluation.values[item.id], _answer_words())
                lines.append(f"{item.text} — <b>{value}</b>")
        label = QLabel("<br>".join(lines))
        label.setObjectName("stepHelp")
        label.setWordWrap(True)
        return label

    # Actions ----------------------------------------------------------------------------------

    def answer(self, item_id: str, value: Any) -> None:
        self.commit_pending()
        item = self.view.definition.item(item_id)
        if self._save(self._app.checklists.answer, item_id, value) and item is not None:
            self._after_step(item_id, item.type in _AUTO_ADVANCE and value is not None)

    def mark_done(self, item_id: str, done: bool) -> None:
        self.commit_pending()
        if self._save(self._app.checklists.mark_done, item_id, done):
            self._after_step(item_id, done)

    def set_note(self, item_id: str, note: str) -> None:
        self._save(self._app.checklists.set_note, item_id, note)

    def _after_step(self, item_id: str, advance: bool) -> None:
        self.current = item_id
        if advance and self.mode == "step":
            self.current = step_after(self.view.evaluation, item_id)
        self._apply(self.view)

    def _save(self, method: Any, *args: Any) -> bool:
        try:
            view = method(self.view.run.id, *args)
        except ResponderError as exc:
            self._show_error(exc)
            return False
        self.error.hide()
        self.view = view
        self.run_saved.emit(view.run.id)
        return True

    def _show_error(self, exc: ResponderError) -> None:
        log.info("Checklist change refused: %s", exc)
        field_errors = getattr(exc, "field_errors", {})
        self.error.setText(fill(translate("ChecklistRunnerView", "Not saved: %1"),
                                exc if not field_errors else "; ".join(
                                    core_text(v) for v in field_errors.values())))
        self.error.show()

    def go_next(self) -> None:
        self.commit_pending()
        if self.current is not None:
            self.current = step_after(self.view.evaluation, self.current)
            self._remember_position()
            self._apply(self.view)

    def go_back(self) -> None:
        self.commit_pending()
        previous = step_before(self.view.evaluation, self.current)
        if previous is not None:
            self.current = previous
            self._remember_position()
            self._apply(self.view)

    def set_mode(self, mode: str) -> None:
        self.commit_pending()
        self.mode = mode
        self._app.checklists.set_preferred_mode(mode)
        self._clear_widgets()
        self._apply(self.view)

    def complete(self) -> None:
        self.commit_pending()
        try:
            view = self._app.checklists.complete(self.view.run.id)
        except ResponderError as exc:
            self._show_error(exc)
            return
        self.error.hide()
        self._apply(view)
        self.run_finished.emit(view.run.id)

    def _on_abandon_clicked(self) -> None:
        if self.abandon_button.text() == "Abandon":
            self.abandon_button.setText(translate("ChecklistRunnerView", "Tap again to abandon"))
            return
        try:
            view = self._app.checklists.abandon(self.view.run.id)
        except ResponderError as exc:
            self._show_error(exc)
            return
        self._apply(view)
        self.run_finished.emit(view.run.id)

    def _on_banner_action_chosen(self, action: str, why: str, rule_ids: list) -> None:
        try:
            view = self._app.checklists.escalate(self.view.run.id, action, why, rule_ids)
        except ResponderError as exc:
            self._show_error(exc)
            return
        self.error.hide()
        self._apply(view)
        self.run_saved.emit(view.run.id)
        if action == "request_police":
            self.backup_requested.emit(view.run.call_id)

    def _on_mode_clicked(self) -> None:
        self.set_mode("step" if self.mode == "list" else "list")

    def _on_complete_shortcut(self) -> None:
        if not self.view.finished and self.complete_button.isEnabled():
            self.complete()

    def _on_close_clicked(self) -> None:
        self.commit_pending()
        self.closed.emit()

    @property
    def _widgets(self) -> dict[str, ChecklistStepWidget]:
        """The step widgets on screen, in either mode."""
        return self.list_view.widgets if self.list_view.widgets else self._step_widgets

    def commit_pending(self) -> None:
        for widget in list(self._widgets.values()):
            widget.commit_pending()

    def _remember_position(self) -> None:
        if self.current is not None and not self.view.finished:
            try:
                self._app.checklists.move_to(self.view.run.id, self.current)
            except ResponderError as exc:
                self._show_error(exc)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event) and self.isVisible():
            self._show_in_new_language()  # hidden (another tab): when it is shown again
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self._show_in_new_language()
        super().showEvent(event)

    def _show_in_new_language(self) -> None:
        """The definition's texts (titles, prompts, help, banners) in the window's new
        language, either way: the open run is read again in it, the answers unchanged."""
        if self._app.checklists.language == self._shown_language:
            return
        self.commit_pending()  # a half-typed note is saved before its widget is rebuilt
        try:
            view = self._app.checklists.get(self.view.run.id)
        except ResponderError as exc:  # the run stays shown as it was
            log.warning("Could not show the checklist in the new language: %s", exc)
            return
        self._shown_language = self._app.checklists.language
        self.title.setText(view.definition.title)
        self._clear_widgets()  # step widgets hold the old texts: built again by _apply
        self._apply(view)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.view.finished or not plain:  # Ctrl/Alt combinations belong to the window
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
        elif key == Qt.Key.Key_Backspace:
            self.go_back()
        elif self.current and self.current in self._widgets and \
                self._widgets[self.current].press(key):
            pass
        else:
            super().keyPressEvent(event)
            return
        event.accept()


_ANSWER_WORDS = {
    "yes": QT_TRANSLATE_NOOP("ChecklistRunnerView", "Yes"),
    "no": QT_TRANSLATE_NOOP("ChecklistRunnerView", "No"),
    "none": QT_TRANSLATE_NOOP("ChecklistRunnerView", "None"),
    "done": QT_TRANSLATE_NOOP("ChecklistRunnerView", "Done"),
}


def _answer_words() -> dict[str, str]:
    """``describe``'s words (yes, no, none, done) in the window's language."""
    return {key: translate("ChecklistRunnerView", text) for key, text in _ANSWER_WORDS.items()}


def _discard(widget: QWidget) -> None:
    # Hide and unparent at once: deleteLater alone leaves it painted until the loop runs.
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()
