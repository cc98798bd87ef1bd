"""The field report of one call: edit the draft (saved as you type), see what blocks
finalizing, finalize, look at older versions and make a correction.

Embedded by the call detail as its "Report" tab: ``ReportFormView(app, tasks)``, then
``show_call(call_id)``; ``flush()`` before the window closes; ``report_saved(report_id)``.
"""

from __future__ import annotations

import html
import logging
import time
from typing import Any

from civilian_responder.app import ResponderApp
from civilian_responder.clock import parse_iso
from civilian_responder.directory import Referral
from civilian_responder.errors import LockedRecordError, ResponderError, ValidationError
from civilian_responder.models import Report
from civilian_responder.reports import FIELD_SPECS
from civilian_responder_ui.directory.directory_picker import DirectoryPicker
from civilian_responder_ui.people.consent_editor import ConsentEditor
from civilian_responder_ui.reports.autosave import Autosaver
from civilian_responder_ui.reports.problem_words import shown_problems
from civilian_responder_ui.reports.report_fields import touch
from civilian_responder_ui.reports.report_navigator import ReportNavigator
from civilian_responder_ui.reports.report_photos import ReportPhotos
from civilian_responder_ui.reports.report_sections import ReportSections
from civilian_responder_ui.reports.report_summary import ReportSummary
from civilian_responder_ui.reports.report_validation import (
    FORM_STYLE,
    Banner,
    CorrectionBar,
    ValidationPanel,
    link,
)
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.contrast import follow_theme
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, fill, translate
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

STATE_WORDS = {
    "draft": QT_TRANSLATE_NOOP("ReportForm", "Draft"),
    "returned": QT_TRANSLATE_NOOP("ReportForm", "Returned for changes"),
    "finalized": QT_TRANSLATE_NOOP("ReportForm", "Finalized"),
    "approved": QT_TRANSLATE_NOOP("ReportForm", "Approved"),
    "superseded": QT_TRANSLATE_NOOP("ReportForm", "Replaced by a correction"),
}


def state_word(state: str) -> str:
    """A report state in the window's language."""
    return translate("ReportForm", STATE_WORDS[state]) if state in STATE_WORDS else state


class ReportFormView(QWidget):
    report_saved = Signal(str)

    def __init__(self, app: ResponderApp, tasks: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks  # shell.tasks.TaskRunner; autosave never uses it (GUI-thread commits)
        self._call_id: str | None = None
        self._versions: list[Report] = []
        self._shown: Report | None = None
        self.picker: DirectoryPicker | None = None  # the open resource directory, if any
        self.setStyleSheet(FORM_STYLE)
        self.autosaver = Autosaver(app.reports, self)
        self._build()
        self.autosaver.saved.connect(self._on_autosaver_saved)
        self.autosaver.failed.connect(self.banner.show_message)
        self.autosaver.recovered.connect(self.banner.hide)
        self.autosaver.rejected.connect(self._on_autosaver_rejected)
        self._shortcuts()
        qapp = QCoreApplication.instance()
        if isinstance(qapp, QApplication):
            qapp.focusChanged.connect(self._on_app_focus_changed)
            qapp.aboutToQuit.connect(self.flush)

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = Banner("saveBanner")
        self.notice = Banner("reviewBanner")
        self.validation = ValidationPanel()
        self.validation.field_chosen.connect(self._go_to_field)
        self.placeholder = self._build_placeholder()
        self.correction_bar = CorrectionBar()
        self.correction_bar.requested.connect(self.start_correction)
        self.correction_reason = self.correction_bar.reason
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_crew_line())
        body = QHBoxLayout()
        body.addWidget(self._build_body(), 1)
        self.navigator = ReportNavigator(self, self)  # the section list of a wide form
        body.insertWidget(0, self.navigator)
        for w in (self.banner, self.notice, self.validation, self.placeholder):
            layout.addWidget(w)
        layout.addLayout(body, 1)
        layout.addWidget(self.correction_bar)
        layout.addLayout(self._build_actions())
        self._show_nothing()

    def _build_header(self) -> QHBoxLayout:
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setWordWrap(True)
        self.version_picker = QComboBox()
        self.version_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        touch(self.version_picker)
        self.version_picker.activated.connect(self._on_version_picker_activated)
        self.version_label = QLabel(translate("ReportFormView", "&Version"))
        self.version_label.setBuddy(self.version_picker)
        header = self._header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.version_label)
        header.addWidget(self.version_picker)
        return header

    def _build_crew_line(self) -> QLabel:
        # The crew on a line of its own: beside the title it made the title wrap in the narrow
        # pane.
        self.crew_line = QLabel(objectName="reportCrew")
        self.crew_line.setWordWrap(True)
        self.crew_line.setTextFormat(Qt.TextFormat.RichText)  # names are escaped
        self.crew_line.hide()
        return self.crew_line

    def _build_body(self) -> QScrollArea:
        """Editors for a draft, or a plain summary for a locked version, and the photos."""
        self.sections = ReportSections(self._app.reference)
        self.sections.editors["persons"].set_suggester(self._app.people.suggest,
                                                       self._app.reference.age_ranges)
        self.sections.edited.connect(self._on_sections_edited)
        self.sections.directory_requested.connect(self._on_sections_directory_requested)
        self.summary = ReportSummary(self._app.reference)
        self.consents = ConsentEditor(self._app)
        self.photos = ReportPhotos(self._app.attachments, self._tasks)
        self.photos_box = QGroupBox(translate("ReportFormView", "P&hotos"))
        QVBoxLayout(self.photos_box).addWidget(self.photos)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 12, 0)  # keep the fields clear of the scroll bar
        for w in (self.summary, self.sections, self.consents, self.photos_box):
            body.addWidget(w)
        body.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        return self.scroll

    def _build_placeholder(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.addWidget(
            QLabel(translate("ReportFormView", "No report has been started for this call yet."))
        )
        self.start_button = QPushButton(translate("ReportFormView", "&Start the report"))
        touch(self.start_button)
        self.start_button.clicked.connect(self.start_report)
        lay.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        return box

    def _build_actions(self) -> QHBoxLayout:
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.linkActivated.connect(self._on_status_link_activated)
        self._status_args: tuple[Report | None, str] = (None, "")
        self._status_left = 0
        # Its link is coloured from the theme: paint it again when the theme changes (from what
        # was worked out last: the finalize checks read the database, a repaint need not).
        follow_theme(self.status, self._paint_status)
        self.save_button = QPushButton(translate("ReportFormView", "&Save now"))
        self.save_button.setToolTip(
            translate("ReportFormView", "Save now (Ctrl+S). Changes are also saved as you type.")
        )
        self.save_button.clicked.connect(self._on_save_clicked)
        self.finalize_button = QPushButton(translate("ReportFormView", "&Finalize report"))
        self.finalize_button.setToolTip(
            translate("ReportFormView", "Finalize (Ctrl+Enter): lock this version for review")
        )
        self.finalize_button.clicked.connect(self.finalize)
        self.finalize_button.setProperty("role", "primary")
        self.correct_button = QPushButton(translate("ReportFormView", "Make a &correction"))
        self.correct_button.clicked.connect(self._on_correct_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for b in (self.save_button, self.finalize_button, self.correct_button):
            touch(b)
            actions.addWidget(b)
        return actions

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+S", self._on_save_clicked),
            ("Ctrl+Return", self.finalize),
            ("Ctrl+Enter", self.finalize),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(ctx)
            shortcut.activated.connect(slot)

    def add_header_widget(self, widget: QWidget) -> None:
        """Room for another feature's control (the PDF menu) beside the version picker."""
        self._header.addWidget(widget)

    @property
    def shown_report_id(self) -> str | None:
        return self._shown.id if self._shown else None

    # Showing ----------------------------------------------------------------------------------

    def show_call(self, call_id: str | None) -> None:
        """Show the current report of ``call_id`` (edits to the previous call are saved first);
        None shows nothing."""
        self.flush()
        self._call_id = call_id
        if call_id is None:
            self._show_nothing()
        else:
            self._reload()

    def start_report(self) -> Report | None:
        if self._call_id is None:
            return None
        try:
            report = self._app.reports.start(self._call_id)
        except ResponderError as exc:
            self.banner.show_message(
                fill(translate("ReportFormView", "Could not start the report: %1"), exc)
            )
            return None
        self._reload(report.id)
        self.sections.focus_field("persons")
        return report

    def _reload(self, show_id: str | None = None) -> None:
        assert self._call_id is not None
        self._versions = self._app.reports.for_call(self._call_id)
        if not self._versions:
            self._show_nothing()
            return
        current = self._versions[-1]
        shown = next((r for r in self._versions if r.id == show_id), current)
        self.version_picker.clear()
        for r in self._versions:
            mark = (
                translate("ReportForm", " (current)")
                if r is current and len(self._versions) > 1
                else ""
            )
            self.version_picker.addItem(
                f"{r.version} · {state_word(r.state)}{mark}", r.id
            )
        self.version_picker.setCurrentIndex(self._versions.index(shown))
        # Themes pad combo boxes; leave room so "2 · Draft (current)" is never cut off.
        self.version_picker.setMinimumWidth(self.version_picker.sizeHint().width() + 32)
        self._show_report(shown, current)

    def _show_nothing(self) -> None:
        self._shown = None
        self._status_args = (None, "")  # a later theme repaint must not bring back another call's
        self.status.setText("")
        self.autosaver.set_report(None)
        self.title.setText(translate("ReportFormView", "Field report"))
        self.crew_line.hide()
        self.placeholder.setVisible(self._call_id is not None)
        for w in (
            self.scroll,
            self.validation,
            self.notice,
            self.correction_bar,
            self.version_picker,
            self.version_label,
            self.save_button,
            self.finalize_button,
            self.correct_button,
        ):
            w.hide()
        self.status.clear()

    def _show_report(self, report: Report, current: Report) -> None:
        editable = report.editable and report.id == current.id
        if self._shown is None or self._shown.id != report.id:
            self.scroll.verticalScrollBar().setValue(0)
            self._audit_view(report.id)
        self._shown = report
        self.autosaver.set_report(report.id if editable else None)
        values = {name: getattr(report, name) for name in FIELD_SPECS}
        if editable:
            values.update(self.autosaver.pending_for(report.id))
        self.sections.set_values(values)
        self.sections.set_read_only(not editable, correction=bool(report.supersedes_id))
        self.sections.setVisible(editable)
        self.summary.setVisible(not editable)
        if not editable:
            self.summary.show_report(report)
        self.sections.show_problems({})
        self.validation.show_problems({})
        self.photos.show_report(report.id, editable)
        self.consents.show_report(report.id, editable)
        self.photos_box.setVisible(editable or self.photos.list.count() > 0)
        self._show_chrome(
            report, editable, report.id == current.id and report.state in ("finalized", "approved")
        )

    def _audit_view(self, report_id: str) -> None:
        try:
            self._app.audit.record("report.view", report_id)
        except ResponderError:  # the form still shows: a failed audit write must not lose a draft
            log.warning("Could not record a report view in the audit trail")

    def _show_chrome(self, report: Report, editable: bool, can_correct: bool) -> None:
        """Title, notices and the buttons that fit what can be done with this version."""
        roles = self._app.reference.crew_roles
        crew = ", ".join(
            html.escape(f"{m.name} ({shown_of(roles, m.role_code)})")
            + ("" if m.on_roster else " \u2691") for m in report.crew)
        self.title.setText(
            # Short enough for one line beside the PDF button in the narrow pane.
            "<b>" + fill(translate("ReportForm", "Report %1"), report.report_number)
            + f"</b> · v{report.version} · {state_word(report.state)}"
        )
        self.crew_line.setText(fill(translate("ReportForm", "Crew: %1"), crew) if crew else "")
        self.crew_line.setVisible(bool(crew))
        notice = self._notice_text(report, editable)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.placeholder.hide()
        self.scroll.show()
        self.version_picker.setVisible(len(self._versions) > 1)
        self.version_label.setVisible(len(self._versions) > 1)
        self.save_button.setVisible(editable)
        self.finalize_button.setVisible(editable)
        self.correct_button.setVisible(can_correct)
        self.correction_bar.hide()
        self._update_status(report if editable else None)

    def _notice_text(self, report: Report, editable: bool) -> str:
        lines = []
        if report.review_comment:
            who = (
                translate("ReportFormView", "Returned by the reviewer")
                if report.state == "returned"
                else translate("ReportFormView", "Reviewer")
            )
            lines.append(f"{who}: {report.review_comment}")
        recovered = next((d for d in self._app.recovered if d.report_id == report.id), None)
        if recovered is not None and editable:
            saved = parse_iso(recovered.saved_at).astimezone().strftime("%H:%M:%S")
            lines.append(
                fill(
                    translate(
                        "ReportFormView",
                        "Recovered after the app closed unexpectedly: this draft was last saved at %1. Check the end of the narrative.",  # noqa: E501
                    ),
                    saved,
                )
            )
        return "\n".join(lines)

    def _update_status(self, report: Report | None, saved_now: bool = False) -> None:
        saved = (
            fill(translate("ReportFormView", "Saved %1"), time.strftime("%H:%M:%S"))
            if saved_now
            else translate("ReportFormView", "Saved as you type")
        )
        self._render_status(report, saved)

    def _render_status(self, report: Report | None, saved: str) -> None:
        self._status_args = (report, saved)
        if report is not None:
            problems = self._app.reports.problems(report)
            self.navigator.show_needs(problems)
            self._status_left = len(problems)
        self._paint_status()

    def _paint_status(self) -> None:
        report, saved = self._status_args
        if report is None:
            shown = self._shown
            if shown is None:  # no report started for this call: nothing to say
                self.status.setText("")
            elif (
                shown.state in ("finalized", "approved")
                and self.correct_button.isVisibleTo(self)
            ):
                self.status.setText(
                    translate("ReportFormView", "Locked. A correction adds a new version.")
                )
            else:
                self.status.setText(
                    translate("ReportFormView", "An earlier version, shown read-only.")
                )
            return
        left = self._status_left
        need = (
            link(
                self.status,
                "problems",
                fill(translate("ReportFormView", "%1 left to finalize"), left),
            )
            if left
            else translate("ReportFormView", "Ready to finalize")
        )
        self.status.setText(f"{saved} · {need}")

    # Editing and saving -----------------------------------------------------------------------

    def flush(self) -> bool:
        """Commit pending edits now. False (and the banner shows why) if they could not be."""
        return self.autosaver.flush()

    def _on_sections_edited(self, name: str) -> None:
        self.autosaver.change(name, self.sections.editors[name].value())

    def _on_sections_directory_requested(self) -> DirectoryPicker:
        """Open the resource directory; a resource chosen there fills the referral."""
        self.picker = DirectoryPicker(self._app.directory, self._app.scratch.path(),
                                      self._tasks, self)
        self.picker.referral_chosen.connect(self._on_picker_referral_chosen)
        self.picker.failed.connect(self.banner.show_message)
        self.picker.open()
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.picker

    def _on_picker_referral_chosen(self, referral: Referral) -> None:
        self.sections.apply_referral(referral.code, referral.agency)

    def _on_save_clicked(self) -> None:
        if self.autosaver.report_id is not None and self.flush():
            report = self.autosaver.last_report
            if report is not None and report.id == self.autosaver.report_id:
                self._update_status(report, saved_now=True)

    def _on_autosaver_saved(self, report_id: str, fields: dict) -> None:
        report = self.autosaver.last_report
        if self._shown is not None and report is not None and report.id == self._shown.id:
            self._shown = report
            self._update_status(report, saved_now=True)
            if self.validation.isVisible():
                self._show_problems(self._app.reports.problems(report))
        self.report_saved.emit(report_id)

    def _on_autosaver_rejected(self, report_id: str, errors: dict) -> None:
        if self._shown is not None and report_id == self._shown.id:
            self.sections.show_problems(errors)

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old) and self.autosaver.has_pending():
            self.flush()
        if new is not None and self.body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 20, 40)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.flush()
        super().closeEvent(event)

    # Finalizing and correcting ----------------------------------------------------------------

    def finalize(self) -> Report | None:
        report = self._shown
        if report is None or self.autosaver.report_id != report.id or not self.flush():
            return None
        try:
            final = self._app.reports.finalize(report.id)
        except ValidationError as exc:
            self._show_problems(exc.field_errors)
            self._go_to_field(next(iter(exc.field_errors)))
            return None
        except (LockedRecordError, ResponderError) as exc:
            self.banner.show_message(fill(translate("ReportFormView", 'Not finalized: %1'), exc))
            return None
        self.autosaver.discard(report.id)
        self._reload(final.id)
        self.report_saved.emit(final.id)
        return final

    def _on_status_link_activated(self, _link: str) -> None:
        if self._shown is not None and self.flush():
            report = self._app.reports.get(self._shown.id)
            self._show_problems(self._app.reports.problems(report))

    def _show_problems(self, problems: dict[str, str]) -> None:
        problems = shown_problems(problems)  # in the window's language
        self.validation.show_problems(problems)
        self.sections.show_problems(problems)
        self.consents.show_problems(problems)

    def _go_to_field(self, name: str) -> None:
        target = self.sections.focus_field(name)
        if target is not None:
            self.scroll.ensureWidgetVisible(target, 20, 60)

    def _on_correct_clicked(self) -> None:
        self.correction_bar.open()

    def start_correction(self, reason: str) -> Report | None:
        """A new draft version of the shown (finalized) report; the old version stays as is."""
        if self._shown is None:
            return None
        if not reason.strip():
            self.correction_reason.setPlaceholderText(
                translate("ReportFormView", "Say what needs correcting first")
            )
            self.correction_reason.setFocus()
            return None
        try:
            draft = self._app.reports.correct(self._shown.id, reason)
        except ResponderError as exc:
            self.banner.show_message(
                fill(translate("ReportFormView", "Could not start the correction: %1"), exc)
            )
            return None
        self._reload(draft.id)
        self.report_saved.emit(draft.id)
        return draft

    def _on_version_picker_activated(self, index: int) -> None:
        self._reload(self.version_picker.itemData(index))
