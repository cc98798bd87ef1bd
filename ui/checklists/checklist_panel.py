"""The "Checklists" tab of a call: suggested checklists first, runs on the call to resume or
read, the others on request, and the runner itself."""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.errors import ResponderError
from civilian_responder_ui.checklists.checklist_runner import ChecklistRunnerView
from civilian_responder_ui.checklists.checklist_step import local_time
from civilian_responder_ui.checklists.checklist_style import apply_checklist_style, is_dark
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, fill, translate
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)
_STATE_WORDS = {
    "in_progress": QT_TRANSLATE_NOOP("ChecklistPanel", "In progress"),
    "completed": QT_TRANSLATE_NOOP("ChecklistPanel", "Completed"),
    "abandoned": QT_TRANSLATE_NOOP("ChecklistPanel", "Abandoned"),
}


class ChecklistPanel(QWidget):
    run_saved = Signal(str)
    backup_requested = Signal(str)  # call id: the timeline changed
    call_changed = Signal(str)  # call id: its timeline or report changed (backup, pre-fill)

    def __init__(self, app: Any, tasks: Any, call_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self.call_id: str | None = None
        self.runner: ChecklistRunnerView | None = None
        self.setObjectName("checklistPanel")
        self._dark = is_dark()
        apply_checklist_style(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.scroll)
        self.buttons: dict[str, QPushButton] = {}
        self.show_call(call_id)

    def show_call(self, call_id: str | None) -> None:
        if self.runner is not None and self.runner.view.run.call_id != call_id:
            self._close_runner()
        self.call_id = call_id
        if self.runner is None:
            self._show_choices()

    # The chooser ------------------------------------------------------------------------------

    def _show_choices(self) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(8)
        self.buttons = {}
        problems = self._app.checklists.problems
        if problems:
            names = sorted({p.source.replace("\\", "/").rsplit("/", 1)[-1] for p in problems})
            warn = QLabel(
                fill(
                    translate(
                        "ChecklistPanel",
                        "%1 checklist file(s) could not be loaded and are not offered: %2. Run 'responder checklists validate' on them for details.",  # noqa: E501
                    ),
                    len(names),
                    ", ".join(names),
                )
            )
            warn.setObjectName("definitionProblems")
            warn.setWordWrap(True)
            column.addWidget(warn)
        if self.call_id is None:
            column.addWidget(
                self._hint(translate("ChecklistPanel", "Select a call to see its checklists."))
            )
        else:
            self._add_choices(column)
        column.addStretch(1)
        self.scroll.setWidget(holder)
        self.stack.setCurrentWidget(self.scroll)

    def _add_choices(self, column: QVBoxLayout) -> None:
        try:
            suggestions = self._app.checklists.suggestions(self.call_id)
            runs = self._app.checklists.runs_for_call(self.call_id)
        except ResponderError as exc:
            column.addWidget(
                self._hint(fill(translate("ChecklistPanel", "Checklists unavailable: %1"), exc))
            )
            return
        open_runs = {r.definition_id: r for r in runs if r.state == "in_progress"}
        suggested = {s.definition.id for s in suggestions}
        column.addWidget(self._section(translate("ChecklistPanel", 'Suggested for this call')))
        for s in suggestions:
            column.addWidget(self._start_button(s.definition, self._reason(s), open_runs))
        finished = [r for r in runs if r.state != "in_progress"]
        if finished:
            column.addWidget(self._section(translate("ChecklistPanel", 'Done on this call')))
            for run in finished:
                column.addWidget(self._run_button(run))
        others = [d for d in self._app.checklists.definitions() if d.id not in suggested]
        if others:
            column.addWidget(self._section(translate("ChecklistPanel", 'Other checklists')))
            for d in others:
                column.addWidget(self._start_button(d, "", open_runs))

    def _reason(self, s: Any) -> str:
        """Why a checklist is suggested, in the window's language."""
        ref = self._app.reference
        if s.why == "call_type":
            return fill(translate("ChecklistPanel", "for %1"), shown_of(ref.call_types, s.codes[0]))
        if s.why == "flags":
            return fill(translate("ChecklistPanel", "flagged: %1"),
                        ", ".join(shown_of(ref.flags, f) for f in s.codes))
        return translate("ChecklistPanel", "for every call")

    def _start_button(self, definition: Any, reason: str, open_runs: dict) -> QPushButton:
        run = open_runs.get(definition.id)
        if run is not None:
            text = fill(
                translate("ChecklistPanel", "Resume: %1\nIn progress since %2"),
                definition.title,
                local_time(run.started_at),
            )
        else:
            text = definition.title + (f"\n{reason}" if reason else "")
        button = QPushButton(text)
        button.setObjectName("checklistChoice")
        button.setProperty("role", "primary" if run is not None else "")
        if run is not None:
            button.clicked.connect(lambda _=False, r=run.id: self.open_run(r))
        else:
            button.clicked.connect(lambda _=False, d=definition.id: self.start(d))
        self.buttons[definition.id] = button
        return button

    def _run_button(self, run: Any) -> QPushButton:
        try:
            title = self._app.checklists.definition_for(run).title
        except ResponderError:
            title = run.definition_id
        extra = fill(translate("ChecklistPanel", ", level %1"), run.level) if run.level else ""
        outcome = "" if run.outcome in (None, "CLEAR") else \
            f", {run.outcome.replace('_', ' ').lower()}"
        button = QPushButton(f"{title} (v{run.definition_version})\n"
                             + fill(translate("ChecklistPanel", "%1 at %2"),
                                    translate("ChecklistPanel", _STATE_WORDS[run.state]),
                                    local_time(run.finished_at)) +
                             f"{extra}{outcome}")
        button.setObjectName("checklistChoice")
        button.clicked.connect(lambda _=False, r=run.id: self.open_run(r))
        self.buttons[f"run:{run.id}"] = button
        return button

    def _section(self, text: str) -> QLabel:
        label = QLabel(text.upper())
        label.setObjectName("panelSection")
        return label

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("panelHint")
        label.setWordWrap(True)
        return label

    # Runs -------------------------------------------------------------------------------------

    def start(self, definition_id: str) -> ChecklistRunnerView | None:
        if self.call_id is None:
            return None
        try:
            view = self._app.checklists.start(self.call_id, definition_id)
        except ResponderError as exc:
            log.warning("Cannot start checklist %s: %s", definition_id, exc)
            self._show_choices()
            return None
        return self.open_run(view.run.id)

    def open_run(self, run_id: str) -> ChecklistRunnerView:
        self._close_runner()
        runner = ChecklistRunnerView(self._app, self._tasks, run_id, parent=self.stack)
        runner.closed.connect(self._on_runner_closed)
        runner.run_saved.connect(self.run_saved)
        runner.run_finished.connect(self.run_saved)
        runner.run_finished.connect(self._on_runner_run_finished)
        runner.backup_requested.connect(self.backup_requested)
        runner.backup_requested.connect(self.call_changed)
        self.runner = runner
        self.stack.addWidget(runner)
        self.stack.setCurrentWidget(runner)
        runner.setFocus()
        return runner

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # Follow a day/night switch; compare first so our own restyle cannot loop.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and is_dark() != self._dark:
            self._dark = is_dark()
            apply_checklist_style(self)
        super().changeEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        if self.runner is not None:
            self.runner.commit_pending()  # flush a half-typed note when the tab or window goes
        super().hideEvent(event)

    def _on_runner_run_finished(self, _run_id: str) -> None:
        if self.runner is not None:
            self.call_changed.emit(self.runner.view.run.call_id)

    def _on_runner_closed(self) -> None:
        self._close_runner()
        self._show_choices()

    def _close_runner(self) -> None:
        if self.runner is None:
            return
        self.runner.commit_pending()
        self.stack.removeWidget(self.runner)
        self.runner.deleteLater()
        self.runner = None
