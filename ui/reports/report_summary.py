"""A finalized (or older) report version shown as a compact, read-only summary: what was
recorded, in plain labels, instead of a page of disabled editors."""

from __future__ import annotations

import html

from civilian_responder.models import Report
from civilian_responder.reference import ReferenceData
from civilian_responder_ui.reports.field_labels import field_label
from civilian_responder_ui.shell.code_labels import shown, shown_of
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def _labels(ref: ReferenceData, list_name: str, codes: tuple[str, ...]) -> str:
    return ", ".join(shown_of(ref.lists[list_name], c) for c in codes)


def _yes(flag: bool) -> str:
    return translate("report_summary", 'Yes') if flag else translate("report_summary", 'No')


class ReportSummary(QLabel):
    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ref = reference
        self.setObjectName("reportSummary")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setMargin(8)

    def show_report(self, report: Report) -> None:
        self.setText(self.render(report))

    def rows(self, r: Report) -> list[tuple[str, str]]:
        ref = self._ref
        disposition = ref.dispositions.get(r.disposition_code)
        outcome = _labels(ref, "outcomes", r.outcome_codes)
        transport = " · ".join(x for x in (
            shown_of(ref.transport_modes, r.transport_mode_code) if r.transport_mode_code else "",
            shown_of(ref.transport_destinations, r.transport_destination_code)
            if r.transport_destination_code else "", r.transport_facility) if x)
        disability = _labels(ref, "disabilities", r.disability_codes)
        if r.disability_other:
            disability += f" ({r.disability_other})"
        services = "; ".join(
            f"{shown_of(ref.services, s.code)}: "
            f"{shown_of(ref.service_responses, s.response).lower()}"
            for s in r.services
        )
        backup = _yes(r.backup_requested)
        if r.backup_requested:
            backup += f" — {shown_of(ref.backup_reasons, r.backup_reason_code)}"
        follow = _yes(r.follow_up_needed) + (f" — {r.follow_up_note}" if r.follow_up_note else "")
        minutes = (
            ""
            if r.time_on_task_minutes is None
            else fill(translate("ReportSummary", "%1 min"), r.time_on_task_minutes)
        )
        rows = [
            (field_label("correction_reason"), r.correction_reason),
            (
                translate("ReportSummary", "Crew"),
                ", ".join(
                    f"{m.name} ({shown_of(ref.crew_roles, m.role_code)})"
                    + ("" if m.on_roster else " — not on roster")
                    for m in r.crew
                ),
            ),
            (field_label("persons"), "<br>".join(self._person(p) for p in r.persons)),
            (translate("ReportSummary", "Involved"), _labels(ref, "flags", r.flags)),
            (field_label("disability_codes"), disability),
            (field_label("language_codes"), _labels(ref, "languages", r.language_codes)),
            (
                translate("ReportSummary", "Disposition"),
                f"{shown(disposition)} ({disposition.code})" if disposition else "",
            ),
            (translate("ReportSummary", "Outcome"), outcome),
            (field_label("response_model_code"),
             shown_of(ref.response_models, r.response_model_code)),
            (field_label("call_source_code"), shown_of(ref.call_sources, r.call_source_code)),
            (translate("ReportSummary", "Transported"), transport),
            (
                translate("ReportSummary", "Referred to"),
                _labels(ref, "referral_destinations", r.referrals),
            ),
            (field_label("referral_agency"), r.referral_agency),
            (field_label("services"), services),
            (
                field_label("shelter_placement_code"),
                shown_of(ref.shelter_placements, r.shelter_placement_code),
            ),
            (field_label("hold_code"), shown_of(ref.holds, r.hold_code)),
            (
                field_label("police_handoff_reason_code"),
                shown_of(ref.police_handoff_reasons, r.police_handoff_reason_code),
            ),
            (translate("ReportSummary", "Police backup"), backup),
            (field_label("call_transferred_988"), _yes(r.call_transferred_988)),
            (field_label("warm_transfer_988"), _yes(r.warm_transfer_988)),
            (translate("ReportSummary", "Follow-up needed"), follow),
            (field_label("time_on_task_minutes"), minutes),
        ]
        return [(k, v) for k, v in rows if v]

    def _person(self, p) -> str:
        bits = [
            shown_of(self._ref.person_roles, p.role_code),
            p.name,
            fill(translate("ReportSummary", 'age %1'), p.age) if p.age is not None else "",
            p.phone,
            p.note,
        ]
        return html.escape(" · ".join(b for b in bits if b))

    def render(self, r: Report) -> str:
        cells = "".join(
            f"<tr><td style='padding:4px 16px 4px 0'><b>{html.escape(k)}</b></td>"
            f"<td style='padding:4px 0'>{v if k == field_label('persons') else html.escape(v)}"
            "</td></tr>"
            for k, v in self.rows(r)
        )
        narrative = html.escape(r.narrative).replace("\n", "<br>") or "<i>(none)</i>"
        return f"<table>{cells}</table><p><b>{html.escape(field_label('narrative'))}</b></p><p style='margin-top:0'>{narrative}</p>"  # noqa: E501
