"""One checklist item on screen: the question, big answer buttons, a note, a Done stamp."""

from __future__ import annotations

from typing import Any

from civilian_responder.checklists.definition import Item
from civilian_responder.clock import parse_iso
from civilian_responder.models import ChecklistStep
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

NOTE_AUTOSAVE_MS = 800


def local_time(stamp: str | None) -> str:
    return parse_iso(stamp).astimezone().strftime("%H:%M") if stamp else ""


class ChecklistStepWidget(QFrame):
    """Shows ``item`` with its saved ``step``; emits what the responder did, never saves."""

    answered = Signal(str, object)  # item id, value (None clears)
    done_toggled = Signal(str, bool)
    note_edited = Signal(str, str)

    def __init__(self, item: Item, step: ChecklistStep | None, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        # Every child is made with this widget as its parent: a parentless child that is made
        # visible (the "+ Note" toggle) is a top-level window that flashes up and takes focus.
        super().__init__(parent)
        self.item = item
        self._value: Any = None
        self._done = False
        self._buttons: list[tuple[Any, QPushButton]] = []
        self.setObjectName("checklistStep")
        # Take the height the text and buttons need; the surrounding scroll area scrolls.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setProperty("kind", item.type)
        self.setProperty("compact", "true" if compact else "false")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*((12, 8, 12, 8) if compact else (16, 12, 16, 12)))
        layout.setSpacing(4 if compact else 12)
        caption = " · ".join(x for x in (item.section.upper(),
                                         "REQUIRED" if item.required else "") if x)
        if caption and not compact:
            layout.addWidget(self._label(caption, "stepSection"))
        title_row = QHBoxLayout()
        title_row.addWidget(self._label(item.text, "stepText"), 1)
        self.note_toggle = QPushButton(translate("ChecklistStepWidget", "+ Note"), self)
        self.note_toggle.setObjectName("noteToggle")
        self.note_toggle.clicked.connect(self._on_note_toggle_clicked)
        self.note_toggle.setVisible(compact and item.type != "guidance")
        layout.addLayout(title_row)
        self._compact = compact
        if item.help:
            layout.addWidget(self._label(item.help, "stepHelp"))
        self._evidence = self._label("", "stepEvidence")
        self._evidence.setVisible(False)
        layout.addWidget(self._evidence)
        # In the compact list a yes/no or a Done sits beside its question: one row, not two,
        # so a screenful holds three or four steps instead of one and a half.
        inline = compact and item.type in ("yes_no", "action")
        self._build_input(title_row if inline else layout, compact)
        title_row.addWidget(self.note_toggle, 0, Qt.AlignmentFlag.AlignTop)
        self._build_note(layout)
        self.set_step(step)

    # Building ---------------------------------------------------------------------------------

    def show_evidence(self, lines: list[str]) -> None:
        """What this answer rests on (from earlier contacts), shown above the answer buttons."""
        self._evidence.setText(
            translate("StepWidget", "What the record shows:")
            + "\n"
            + "\n".join(f"\N{BULLET} {x}" for x in lines)
        )
        self._evidence.setVisible(True)

    def evidence_text(self) -> str:
        return "" if self._evidence.isHidden() else self._evidence.text()

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _build_input(self, layout: QBoxLayout, compact: bool) -> None:
        kind = self.item.type
        inline = isinstance(layout, QHBoxLayout)
        if kind == "yes_no":
            row = QHBoxLayout()
            for value, text in (
                (True, translate("ChecklistStepWidget", "Yes  (Y)")),
                (False, "No  (N)"),
            ):
                row.addWidget(self._answer_button(value, text))
            if not inline:
                row.addStretch(1)
            layout.addLayout(row)
        elif kind in ("single_choice", "multi_choice"):
            # Compact rows put choices two abreast so a long list stays short.
            longest = max(len(c.label) for c in self.item.choices)
            columns = 1 if not compact or longest > 24 else (
                3 if len(self.item.choices) <= 3 and longest <= 18 else 2)
            grid = QGridLayout()
            for n, choice in enumerate(self.item.choices, start=1):
                key = f"{n}   " if n <= 9 else ""
                button = self._answer_button(choice.code, f"{key}{choice.label}")
                grid.addWidget(button, (n - 1) // columns, (n - 1) % columns)
            layout.addLayout(grid)
            if kind == "multi_choice":
                layout.addWidget(
                    self._label(
                        translate("ChecklistStepWidget", "Choose all that apply."), "stepHelp"
                    )
                )
        elif kind in ("number", "text"):
            self.editor = QLineEdit(self)
            self.editor.setObjectName("stepEditor")
            if kind == "number":
                validator = QDoubleValidator(self.editor)
                validator.setNotation(QDoubleValidator.Notation.StandardNotation)
                self.editor.setValidator(validator)
                self.editor.setPlaceholderText(self.item.unit or "number")
                self.editor.setMaximumWidth(220)
            else:
                self.editor.setMaxLength(self.item.max_length)
                self.editor.setPlaceholderText(translate("ChecklistStepWidget", "Type a few words"))
            self.editor.editingFinished.connect(self._on_editor_finished)
            layout.addWidget(self.editor)
        elif kind == "action":
            row = QHBoxLayout()
            self.done_button = QPushButton(translate("ChecklistStepWidget", "Done  (D)"), self)
            self.done_button.setObjectName("doneButton")
            self.done_button.setProperty("role", "primary")
            self.done_button.clicked.connect(self._on_done_clicked)
            self.stamp = self._label("", "doneStamp")
            row.addWidget(self.done_button)
            row.addWidget(self.stamp)
            if not inline:
                row.addStretch(1)
            layout.addLayout(row)

    def _answer_button(self, value: Any, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("answerButton")
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _=False, v=value: self._on_choice_clicked(v))
        self._buttons.append((value, button))
        return button

    def _build_note(self, layout: QVBoxLayout) -> None:
        self.note = QLineEdit(self)
        self.note.setObjectName("stepNote")
        self.note.setPlaceholderText(translate("ChecklistStepWidget", "Note (optional)"))
        self.note.setMaxLength(500)
        self.note.editingFinished.connect(self._on_note_finished)
        # Autosave a note while typing, so a crash mid-sentence loses at most a second.
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_AUTOSAVE_MS)
        self._note_timer.timeout.connect(self._on_note_finished)
        self.note.textEdited.connect(self._note_timer.start)
        if self.item.type == "guidance":
            self.note.hide()
        layout.addWidget(self.note)

    # State ------------------------------------------------------------------------------------

    def set_step(self, step: ChecklistStep | None) -> None:
        """Show the saved state without emitting anything."""
        self._value = step.value if step else None
        self._note_text = step.note if step else ""
        if self.note.text() != self._note_text and not self.note.hasFocus():
            self.note.setText(self._note_text)
        if self._compact and self.item.type != "guidance":
            self.note.setVisible(bool(self._note_text) or self.note.hasFocus())
            self.note_toggle.setVisible(self.note.isHidden())
        for value, button in self._buttons:
            chosen = (value in self._value if isinstance(self._value, list)
                      else self._value is not None and value == self._value
                      and isinstance(value, bool) == isinstance(self._value, bool))
            button.setChecked(bool(chosen))
        if hasattr(self, "editor") and not self.editor.hasFocus():
            shown = "" if self._value is None else (
                f"{self._value:g}" if self.item.type == "number" else str(self._value))
            self.editor.setText(shown)
        if self.item.type == "action":
            done_at = step.done_at if step else None
            self._done = bool(done_at)
            self.stamp.setText(
                fill(translate("StepWidget", "Done at %1"), local_time(done_at)) if done_at else ""
            )
            self.stamp.setVisible(bool(done_at))
            self.done_button.setText(
                translate("StepWidget", "Undo  (D)")
                if done_at
                else translate("StepWidget", "Done  (D)")
            )
            self.done_button.setProperty("role", "" if done_at else "primary")
            self.done_button.style().polish(self.done_button)

    def set_current(self, current: bool) -> None:
        self.setProperty("current", "true" if current else "false")
        self.style().polish(self)

    def key_value(self, key: int) -> tuple[bool, Any]:
        """Map a shortcut key to an answer: (handled, value)."""
        if self.item.type == "yes_no" and key in (Qt.Key.Key_Y, Qt.Key.Key_N):
            return True, key == Qt.Key.Key_Y
        if self.item.type in ("single_choice", "multi_choice") and \
                Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if index < len(self.item.choices):
                return True, self._toggled(self.item.choices[index].code)
        if self.item.type == "action" and key == Qt.Key.Key_D:
            return True, None
        return False, None

    def press(self, key: int) -> bool:
        handled, value = self.key_value(key)
        if not handled:
            return False
        if self.item.type == "action":
            self._on_done_clicked()
        else:
            self.answered.emit(self.item.id, value)
        return True

    def focus_input(self) -> None:
        if hasattr(self, "editor"):
            self.editor.setFocus()

    def commit_pending(self) -> None:
        """Emit an edit still sitting in a text box (before moving on or closing)."""
        if hasattr(self, "editor"):
            self._on_editor_finished()
        self._on_note_finished()

    # Slots ------------------------------------------------------------------------------------

    def _toggled(self, code: Any) -> Any:
        if self.item.type != "multi_choice":
            return code
        chosen = list(self._value or [])
        return [c for c in chosen if c != code] if code in chosen else [*chosen, code]

    def _on_choice_clicked(self, value: Any) -> None:
        new = self._toggled(value)
        if self.item.type != "multi_choice" and new == self._value and \
                isinstance(new, bool) == isinstance(self._value, bool):
            self.set_step(ChecklistStep(self.item.id, self._value, note=self._note_text))
            return  # tapping the chosen answer again keeps it (no accidental clears)
        self.answered.emit(self.item.id, new)

    def _on_editor_finished(self) -> None:
        text = self.editor.text().strip()
        if self.item.type == "number":
            try:
                value: Any = float(text.replace(",", ".")) if text else None
            except ValueError:
                return
            if value is not None and value.is_integer():
                value = int(value)
        else:
            value = text or None
        if value != self._value:
            self._value = value
            self.answered.emit(self.item.id, value)

    def _on_done_clicked(self) -> None:
        self.done_toggled.emit(self.item.id, not self._done)

    def _on_note_toggle_clicked(self) -> None:
        self.note.show()
        self.note_toggle.hide()
        self.note.setFocus()

    def _on_note_finished(self) -> None:
        self._note_timer.stop()
        text = self.note.text().strip()
        if text != self._note_text:
            self._note_text = text
            self.note_edited.emit(self.item.id, text)
