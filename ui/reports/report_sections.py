"""The body of the field report: one group per topic, one editor per report field, a per-field
error line, and the show/hide rules for details that only apply sometimes (e.g. "Transported
to" only when the outcome is "Transported")."""

from __future__ import annotations

from typing import Any

from civilian_responder.reference import CodeList, ReferenceData
from civilian_responder.reports import MAX_MINUTES
from civilian_responder_ui.reports.field_labels import field_label
from civilian_responder_ui.reports.report_fields import (
    CodeChecks,
    CodeCombo,
    GroupedCodeCombo,
    Minutes,
    ServicesGrid,
    TextArea,
    TextLine,
    Toggle,
)
from civilian_responder_ui.reports.report_persons import PersonsEditor
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# When the owner field holds the given value, the dependent fields are shown.
DEPENDENTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "flags": ("PERCEIVED_DISABILITY", ("disability_codes",)),
    "disability_codes": ("OTHER", ("disability_other",)),
    "outcome_codes": ("TRANSPORTED", ("transport_mode_code", "transport_destination_code",
                                       "transport_facility")),
    "backup_requested": (True, ("backup_reason_code",)),
    "follow_up_needed": (True, ("follow_up_note",)),
}
LANGUAGE_FLAG = "LANGUAGE_NEED"
HANDED_TO_POLICE = "HANDED_TO_POLICE"


def _holds(value: Any, wanted: Any) -> bool:
    if isinstance(value, tuple):
        return wanted in value
    return bool(value == wanted)


class ReportSections(QWidget):
    """All field editors, laid out in topic groups. ``edited(field)`` on every user change."""

    edited = Signal(str)
    directory_requested = Signal()

    def __init__(self, ref: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, Any] = {}
        self.rows: dict[str, list[QWidget]] = {}  # field -> widgets to show/hide together
        self.errors: dict[str, QLabel] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(12)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build_correction(ref)
        self._build_persons(ref)
        self._build_flags(ref)
        self._build_disposition(ref)
        self._build_services(ref)
        self._build_backup(ref)
        self._build_follow_up()
        self._build_narrative()
        for name, editor in self.editors.items():
            editor.edited.connect(lambda n=name: self._on_editor_edited(n))
        self._roles = ref.person_roles
        self.editors["persons"].edited.connect(self._offer_persons_for_services)

    # Building ---------------------------------------------------------------------------------

    def _group(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        # Labels above their fields: the report pane is narrow (about 540 px at 1366x768).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(box)
        return form

    def _add(self, form: QFormLayout, name: str, editor: Any, label: str | None = None) -> None:
        """Add ``editor`` for field ``name`` with its label (None: full width, no label)."""
        error = QLabel()
        error.setObjectName("fieldError")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        if label is None:
            form.addRow(holder)
            self.rows[name] = [holder]
        else:
            caption = QLabel(label)
            caption.setBuddy(editor if editor.focusPolicy() != Qt.FocusPolicy.NoFocus else holder)
            form.addRow(caption, holder)
            self.rows[name] = [caption, holder]
        self.editors[name] = editor
        self.errors[name] = error

    def _build_correction(self, ref: ReferenceData) -> None:
        self.correction_group = QGroupBox(
            translate("ReportSections", "This version is a correction")
        )
        form = QFormLayout(self.correction_group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._layout.addWidget(self.correction_group)
        self._add(
            form,
            "correction_reason",
            TextLine(translate("ReportSections", 'What does this correction change, and why?')),
            field_label("correction_reason"),
        )

    def _build_persons(self, ref: ReferenceData) -> None:
        form = self._group(translate("ReportSections", '&Persons contacted'))
        self._add(form, "persons", PersonsEditor(ref.person_roles))

    def _build_flags(self, ref: ReferenceData) -> None:
        form = self._group(translate("ReportSections", '&What was involved'))
        self._add(form, "flags", CodeChecks(ref.flags, columns=4))  # 4 abreast when wide
        self._add(
            form,
            "disability_codes",
            CodeChecks(ref.disabilities, columns=2),
            translate("ReportSections", 'Perceived disability'),
        )
        self._add(
            form,
            "disability_other",
            TextLine(translate("ReportSections", 'A few words, e.g. "uses a walker"')),
            translate("ReportSections", 'Other disability'),
        )
        self._add(
            form,
            "language_codes",
            CodeChecks(ref.languages, columns=3),
            translate("ReportSections", "Language needed"),
        )

    def _build_disposition(self, ref: ReferenceData) -> None:
        form = self._group(translate("ReportSections", '&Disposition and outcome'))
        self._add(
            form,
            "disposition_code",
            GroupedCodeCombo(
                ref.dispositions,
                ref.disposition_groups,
                "group",
                translate("ReportSections", "Choose the CAD disposition…"),
            ),
            translate("ReportSections", "Disposition"),
        )
        self._add(
            form,
            "call_source_code",
            CodeCombo(ref.call_sources, translate("ReportSections", "Choose…")),
            field_label("call_source_code"),
        )
        self._add(
            form,
            "response_model_code",
            CodeCombo(ref.response_models, translate("ReportSections", "Choose…")),
            field_label("response_model_code"),
        )
        offered = CodeList(ref.outcomes.name, ref.outcomes.offered())
        self._add(form, "outcome_codes", CodeChecks(offered, columns=2),
                  translate("ReportSections", 'Outcome (tick all that apply)'))
        self._add(
            form,
            "transport_mode_code",
            CodeCombo(ref.transport_modes, translate("ReportSections", "How?")),
            field_label("transport_mode_code"),
        )
        self._add(
            form,
            "transport_destination_code",
            CodeCombo(ref.transport_destinations, translate("ReportSections", 'Where to?')),
            translate("ReportSections", 'Transported to'),
        )
        self._add(
            form,
            "transport_facility",
            TextLine(translate("ReportSections", "Name of the place, e.g. the hospital")),
            field_label("transport_facility"),
        )
        self._add(
            form,
            "referrals",
            CodeChecks(ref.referral_destinations, columns=2),
            translate("ReportSections", "Referred to"),
        )
        self._add(
            form,
            "referral_agency",
            TextLine(translate("ReportSections", "Name of the agency or program")),
            field_label("referral_agency"),
        )
        self.directory_button = QPushButton(
            translate("ReportSections", "Find in the resource &directory…")
        )
        self.directory_button.setToolTip(
            translate(
                "ReportSections",
                "Search the directory offline; the chosen resource fills the referral",
            )
        )
        self.directory_button.clicked.connect(self.directory_requested)
        form.addRow(self.directory_button)
        self._add(
            form,
            "shelter_placement_code",
            CodeCombo(ref.shelter_placements, translate("ReportSections", "None")),
            field_label("shelter_placement_code"),
        )
        self._add(
            form,
            "hold_code",
            CodeCombo(ref.holds, translate("ReportSections", "None")),
            field_label("hold_code"),
        )

    def _build_services(self, ref: ReferenceData) -> None:
        form = self._group(translate("ReportSections", 'Ser&vices offered, accepted or declined'))
        self._add(form, "services", ServicesGrid(ref.services, ref.service_responses))

    def _build_backup(self, ref: ReferenceData) -> None:
        form = self._group(translate("ReportSections", 'Police &backup and 988'))
        self._add(
            form,
            "backup_requested",
            Toggle(translate("ReportSections", "Police backup was requested")),
        )
        self._add(
            form,
            "backup_reason_code",
            CodeCombo(ref.backup_reasons, translate("ReportSections", "Why?")),
            translate("ReportSections", "Reason for backup"),
        )
        self._add(form, "police_handoff_reason_code",
                  CodeCombo(ref.police_handoff_reasons, translate("ReportSections", 'Why?')),
                  field_label("police_handoff_reason_code"))
        # Short captions: the themed font is large and the pane is about 520 px at 1366x768.
        self._add(
            form,
            "call_transferred_988",
            Toggle(translate("ReportSections", "911 call transferred to 988")),
        )
        self._add(
            form,
            "warm_transfer_988",
            Toggle(translate("ReportSections", "Warm transfer to 988 on scene")),
        )

    def _build_follow_up(self) -> None:
        form = self._group(translate("ReportSections", 'Follow-&up and time'))
        self._add(
            form, "follow_up_needed", Toggle(translate("ReportSections", "Follow-up is needed"))
        )
        self._add(
            form,
            "follow_up_note",
            TextLine(translate("ReportSections", "Who should do what, and by when?")),
            translate("ReportSections", "Follow-up"),
        )
        self._add(
            form,
            "time_on_task_minutes",
            Minutes(MAX_MINUTES),
            translate("ReportSections", "Time on task"),
        )

    def _build_narrative(self) -> None:
        form = self._group(translate("ReportSections", '&Narrative'))
        narrative = TextArea(
            translate("ReportSections", "What happened, in your words. Saved as you type.")
        )
        narrative.setMinimumHeight(240)
        self._add(form, "narrative", narrative)
        self.narrative = narrative

    # Behaviour --------------------------------------------------------------------------------

    def _on_editor_edited(self, name: str) -> None:
        if name in DEPENDENTS or name == "flags":
            self.refresh_dependents()
        self.edited.emit(name)

    def _offer_persons_for_services(self, drop_missing: bool = True) -> None:
        """Services are answered per person: the grid offers the persons now on the report."""
        persons = self.editors["persons"].value()
        self.editors["services"].set_persons(
            [(p.id, " ".join(x for x in (shown_of(self._roles, p.role_code), p.name) if x))
             for p in persons], drop_missing)

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            editor = self.editors.get(name)
            if editor is not None:
                editor.set_value(value)
        self._offer_persons_for_services(drop_missing=False)  # loading is not an edit
        self.refresh_dependents()

    def refresh_dependents(self) -> None:
        shown: dict[str, bool] = {}
        for owner, (wanted, fields) in DEPENDENTS.items():
            visible = shown.get(owner, True) and _holds(self.editors[owner].value(), wanted)
            for name in fields:
                shown[name] = visible
        shown["language_codes"] = LANGUAGE_FLAG in self.editors["flags"].value()
        shown["police_handoff_reason_code"] = (
            HANDED_TO_POLICE in self.editors["outcome_codes"].value())
        for name, visible in shown.items():
            for widget in self.rows[name]:
                widget.setVisible(visible)

    def apply_referral(self, code: str, agency: str) -> None:
        """A resource chosen from the directory: tick its referral and name the agency (added
        to a name already there), as if typed: both fields report ``edited``."""
        referrals = self.editors["referrals"]
        if code not in referrals.value():
            referrals.set_value((*referrals.value(), code))
            self._on_editor_edited("referrals")
        names = self.editors["referral_agency"]
        held = names.value().strip()
        if agency.lower() not in held.lower():
            names.set_value(f"{held}; {agency}"[:200] if held else agency)
            self._on_editor_edited("referral_agency")

    def set_read_only(self, flag: bool, correction: bool) -> None:
        for editor in self.editors.values():
            editor.set_read_only(flag)
        self.directory_button.setEnabled(not flag)
        self.correction_group.setVisible(correction)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Highlight exactly the fields that block finalizing, with the reason under each."""
        for name, error in self.errors.items():
            message = problems.get(name)
            error.setText(message[:1].upper() + message[1:] if message else "")
            error.setVisible(bool(message))
            editor = self.editors[name]
            editor.setProperty("invalid", bool(message))
            editor.style().unpolish(editor)
            editor.style().polish(editor)

    def focus_field(self, name: str) -> QWidget | None:
        editor = self.editors.get(name)
        if editor is None:
            return None
        target = editor
        if isinstance(editor, PersonsEditor):
            target = editor.rows[0].role if editor.rows else editor.add_button
        elif isinstance(editor, CodeChecks):
            target = next(iter(editor.boxes.values()))
        elif isinstance(editor, ServicesGrid):
            target = next(iter(next(iter(editor.buttons.values())).values()))
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target
