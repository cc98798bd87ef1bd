"""Consents on a report as coded data: transport, share information (with whom, for what, until
when, verbal or signed, witness) and HMIS entry, each time-stamped when recorded. Checklist
answers that asked for consent pre-fill them; what a given consent still needs is the core's
one table (``needs`` in consent_kinds.json) and blocks finalizing."""

from __future__ import annotations

from civilian_responder.errors import ValidationError
from civilian_responder.models import Consent
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, core_text, fill, translate
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DETAILS = ("share_with", "share_for", "until", "witness")
PLACEHOLDERS = {
    "share_with": QT_TRANSLATE_NOOP("ConsentRow", "With whom"),
    "share_for": QT_TRANSLATE_NOOP("ConsentRow", "For what"),
    "until": QT_TRANSLATE_NOOP("ConsentRow", "Until (YYYY-MM-DD)"),
    "witness": QT_TRANSLATE_NOOP("ConsentRow", "Witness (for a verbal consent)"),
}


class ConsentRow:
    def __init__(self, parent: QWidget, kind, methods) -> None:
        self.kind = kind.code
        self.label = QLabel(kind.label, parent, objectName="consentKind")
        self.given = QComboBox(parent)
        for text, value in (
            (translate("ConsentRow", "Not recorded"), None),
            (translate("ConsentRow", "Given"), True),
            (translate("ConsentRow", "Refused"), False),
        ):
            self.given.addItem(text, value)
        self.method = QComboBox(parent)
        self.method.addItem(translate("ConsentRow", "How given…"), "")
        for m in methods:
            self.method.addItem(shown(m), m.code)
        wanted = set(kind.get("needs", ())) | ({"witness"} if kind.get("witness_when") else set())
        self.details = {
            name: QLineEdit(parent, placeholderText=translate("ConsentRow", PLACEHOLDERS[name]))
            for name in DETAILS
            if name in wanted
        }
        self.save = QPushButton(translate("ConsentRow", "Record"), parent)
        self.stamp = QLabel(parent, objectName="consentStamp")
        self.stamp.setWordWrap(True)
        self.problem = QLabel(parent, objectName="fieldError")
        self.problem.setWordWrap(True)

    def show(self, consent: Consent | None) -> None:
        self.given.setCurrentIndex(self.given.findData(consent.given) if consent else 0)
        self.method.setCurrentIndex(max(0, self.method.findData(consent.method if consent else "")))
        for name, edit in self.details.items():
            edit.setText(getattr(consent, name) if consent else "")
        source = (
            fill(translate("ConsentRow", ' (from %1)'), consent.source.split(':', 1)[1])
            if consent and consent.source.startswith("checklist:")
            else ""
        )
        self.stamp.setText(
            fill(
                translate("ConsentRow", "recorded %1 UTC%2"),
                consent.at[:16].replace("T", " "),
                source,
            )
            if consent
            else ""
        )
        self.problem.setText("")

    def values(self) -> dict[str, str]:
        out = {name: edit.text().strip() for name, edit in self.details.items()}
        out["method"] = self.method.currentData() or ""
        return out


class ConsentEditor(QGroupBox):
    consent_recorded = Signal(str)  # kind

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(translate("ConsentEditor", 'Co&nsent'), parent)
        self._app = app
        self.report_id: str | None = None
        ref = app.reference
        box = QVBoxLayout(self)
        self.rows: dict[str, ConsentRow] = {}
        for kind in ref.consent_kinds.offered():
            row = ConsentRow(self, kind, ref.consent_methods.offered())
            self.rows[kind.code] = row
            line = QHBoxLayout()
            line.addWidget(row.given)
            line.addWidget(row.method)
            line.addWidget(row.save)
            line.addStretch(1)
            box.addWidget(row.label)
            box.addLayout(line)
            for edit in row.details.values():
                box.addWidget(edit)
            box.addWidget(row.stamp)
            box.addWidget(row.problem)
            row.save.clicked.connect(lambda _c=False, code=kind.code: self.record(code))

    def show_report(self, report_id: str | None, editable: bool) -> None:
        self.report_id = report_id
        held = {c.kind: c for c in self._app.people.consents(report_id)} if report_id else {}
        for code, row in self.rows.items():
            row.show(held.get(code))
            for w in (row.given, row.method, row.save, *row.details.values()):
                w.setEnabled(editable)

    def record(self, kind: str) -> Consent | None:
        row = self.rows[kind]
        given = row.given.currentData()
        if self.report_id is None or given is None:
            return None
        try:
            consent = self._app.people.record_consent(self.report_id, kind, given, **row.values())
        except ValidationError as exc:
            row.problem.setText(
                "; ".join(core_text(v) for v in exc.field_errors.values()) or core_text(exc))
            return None
        row.show(consent)
        still = self._app.people.consent_rules.problems([consent])
        row.problem.setText(still.get(f"consent.{kind}", ""))
        self.consent_recorded.emit(kind)
        return consent

    def show_problems(self, problems: dict[str, str]) -> None:
        for code, row in self.rows.items():
            row.problem.setText(problems.get(f"consent.{code}", ""))
