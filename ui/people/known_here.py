"""The "Known here" panel on a call: earlier contacts at the address and with the named people
(dates, outcomes, safety notes, triggers, what helped) and their open follow-ups. Built from the
unit's own cache (the station sends it with the call), so it works offline."""

from __future__ import annotations

from html import escape

from civilian_responder.names import address_key
from civilian_responder.people import KnownHere
from civilian_responder.reference import ReferenceData
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

SHOWN_ROWS = 8  # the latest; the summary lines cover the rest


class KnownHerePanel(QFrame):
    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knownHere")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._ref = reference
        self._brief: KnownHere | None = None
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("knownHereTitle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setMinimumHeight(44)  # a gloved tap opens and closes it
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.summary = QLabel(self, objectName="knownHereSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.rows = QLabel(self, objectName="knownHereRows")
        self.rows.setWordWrap(True)
        self.rows.setTextFormat(Qt.TextFormat.RichText)
        self.rows.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(4)
        box.addWidget(self.toggle)
        box.addWidget(self.summary)
        box.addWidget(self.rows)
        self.hide()

    def show_briefing(self, brief: KnownHere) -> None:
        self._brief = brief
        if brief.empty:
            self.hide()
            return
        n = brief.total_at_address
        self.toggle.setText(
            fill(
                translate("KnownHerePanel", "Known here · %1 earlier contact(s)"),
                len(brief.contacts),
            )
            + (fill(translate("KnownHerePanel", ", %1 at this address"), n) if n else "")
        )
        self.summary.setText(self._summary_html(brief))
        self.rows.setText(self._rows_html(brief))
        self.rows.setVisible(self.toggle.isChecked())
        self.show()

    def contact_count(self) -> int:
        return len(self._brief.contacts) if self._brief else 0

    def text(self) -> str:
        return f"{self.toggle.text()}\n{self.summary.text()}\n{self.rows.text()}"

    def _summary_html(self, b: KnownHere) -> str:
        parts = []
        if b.violence_basis:
            last = b.violence_basis[0]
            parts.append(fill(
                translate("KnownHerePanel", "<b>Violence noted</b> on %1 contact(s), last %2: %3"),
                len(b.violence_basis), escape(last.at[:10]), escape(last.safety_notes or ""),
            ))
        for label, texts in (
            (translate("KnownHerePanel", 'Safety'), b.safety_notes),
            (translate("KnownHerePanel", 'Triggers'), b.triggers),
            (translate("KnownHerePanel", 'What helped'), b.what_helped),
        ):
            if texts:
                parts.append(f"<b>{label}:</b> " + escape("; ".join(texts[:4])))
        for f in b.follow_ups:
            who = b.person_name(f.person_id)
            parts.append(
                fill(translate("KnownHerePanel", "<b>Open follow-up</b> (due %1): %2"),
                     escape(f.due_date), escape(f.what))
                + (f" \N{EM DASH} {escape(who)}" if who else "")
            )
        return "<br>".join(parts)

    def _rows_html(self, b: KnownHere) -> str:
        lines = []
        for c in b.contacts[:SHOWN_ROWS]:
            who = b.person_name(c.person_id) or translate(
                "KnownHerePanel", "someone at this address"
            )
            outcome = shown_of(self._ref.outcomes, c.outcome_code) if c.outcome_code else ""
            here = address_key(c.address) == address_key(b.address)
            place = "" if here else escape(c.address)  # elsewhere: say where
            bits = [escape(c.at[:10]), escape(who), escape(outcome), place]
            lines.append(" \N{MIDDLE DOT} ".join(x for x in bits if x))
        more = len(b.contacts) - SHOWN_ROWS
        if more > 0:
            lines.append(fill(translate("KnownHerePanel", '… and %1 more'), more))
        return "<br>".join(lines)

    def _on_toggle_toggled(self, checked: bool) -> None:
        self.rows.setVisible(checked and self._brief is not None)
