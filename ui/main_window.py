"""The main window: call board on the left, the selected call on the right."""

from __future__ import annotations

import logging

from civilian_responder.clock import parse_iso
from civilian_responder.errors import ResponderError
from civilian_responder.languages import ui_languages
from civilian_responder.models import RecoveredDraft
from civilian_responder_ui.calls.call_board import CallBoardView
from civilian_responder_ui.calls.call_detail import CallDetailView
from civilian_responder_ui.calls.onview_dialog import OnViewDialog
from civilian_responder_ui.checklists.checklist_panel import ChecklistPanel
from civilian_responder_ui.shell.shortcuts import install_shortcuts
from civilian_responder_ui.shell.theme import apply_theme, other
from civilian_responder_ui.shell.translations import (
    Translations,
    fill,
    is_language_change,
    translate,
)
from civilian_responder_ui.shift.unit_bar import ShiftRecoveryBanner, UnitBar
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

# The board gets the larger share: it has seven columns; the detail panel wraps its text.
BOARD_SHARE = 0.57


def recovery_text(draft: RecoveredDraft) -> str:
    saved = parse_iso(draft.saved_at).astimezone().strftime("%H:%M")
    return fill(
        translate("MainWindow", "Recovered the draft of report %1 (call %2) from %3"),
        draft.report_number,
        draft.call_number,
        saved,
    )


class MainWindow(QMainWindow):
    theme_changed = Signal(str)

    def __init__(self, app, tasks, theme: str = "day", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self.theme = theme
        self.setWindowTitle(fill(translate("MainWindow", "Responder \u2014 %1"), app.unit_id))
        # Fonts and style first, so every widget below is built with them.
        colors = apply_theme(QApplication.instance(), theme)
        self.board = CallBoardView(app, self)
        self.detail = CallDetailView(app, tasks, self)
        self.checklists = ChecklistPanel(app, tasks, parent=self)
        self.detail.add_tab(self.checklists, translate("MainWindow", "Checklists"))
        self._build_toolbar()
        self._build_body()
        self._build_status_bar()
        self.board.call_selected.connect(self.detail.show_call)
        self.board.call_selected.connect(self.checklists.show_call)
        self.checklists.call_changed.connect(self._on_checklists_call_changed)
        self.detail.status_changed.connect(self._on_detail_status_changed)
        self.detail.report_saved.connect(self._on_detail_report_saved)
        self.board.set_colors(colors)
        self._update_theme_action()
        self._build_full_window()
        install_shortcuts(self)

    # Construction ----------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(translate("MainWindow", "Main"), self, objectName="mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.onview_action = QAction(translate("MainWindow", "+  On-view call"), self)
        self.onview_action.setShortcut(QKeySequence("Ctrl+N"))
        self.onview_action.setToolTip(
            translate("MainWindow", "Start a self-initiated call (Ctrl+N)")
        )
        self.onview_action.triggered.connect(self.start_onview_call)
        self.toolbar.addAction(self.onview_action)
        self.toolbar.widgetForAction(self.onview_action).setObjectName("onViewButton")
        self.filter_action = QAction(translate("MainWindow", "Find"), self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+F"))
        self.filter_action.setToolTip(translate("MainWindow", "Filter the call board (Ctrl+F)"))
        self.filter_action.triggered.connect(self.board.focus_filter)
        self.addAction(self.filter_action)
        self._extra_anchor = self.toolbar.addSeparator()
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        spacer.setStyleSheet("background: transparent;")
        self.toolbar.addWidget(spacer)
        self.unit_bar = UnitBar(self._app, self.toolbar)
        self.unit_bar.unit_changed.connect(self.reload)
        self.toolbar.addWidget(self.unit_bar)
        # What is not needed on every call goes into one menu, so the toolbar fits 1366 px
        # with every feature's buttons and the unit bar (no overflow chevron hiding some).
        self.more_menu = QMenu(self, objectName="moreMenu")
        self.more_menu.setToolTipsVisible(True)
        self.more_button = QToolButton(self.toolbar, objectName="moreButton")
        self._update_more_button()
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_action = self.toolbar.addWidget(self.more_button)
        self._menu_anchor = self.more_menu.addSeparator()
        self.theme_action = QAction(self)
        self.theme_action.setShortcut(QKeySequence("Ctrl+T"))
        self.theme_action.triggered.connect(self.toggle_theme)
        self._build_language_menu()
        self.about_action = QAction(translate("MainWindow", "About"), self)
        self.about_action.setShortcut(QKeySequence("F1"))
        self.about_action.setToolTip(
            translate("MainWindow", "About Responder: version and profile location (F1)")
        )
        self.about_action.triggered.connect(self.show_about)
        for action in (self.theme_action, self.about_action):
            self.more_menu.addAction(action)
            self.addAction(action)  # the shortcut works while the menu is closed

    def _update_more_button(self) -> None:
        self.more_button.setText("\u2630  " + translate("MainWindow", "More"))
        self.more_button.setToolTip(
            translate("MainWindow", "More actions: station, export, outreach, language, theme, About")  # noqa: E501 (one literal for lupdate)
        )

    def _build_language_menu(self) -> None:
        """The officer's language, switched at once (every open widget follows)."""
        self.language_menu = QMenu(self, objectName="languageMenu")
        self.language_group = QActionGroup(self)
        for lang in ui_languages():  # each in its own language, whatever the window's is
            action = QAction(lang.native, self, checkable=True)
            action.setData(lang.code)
            action.setChecked(lang.code == self._translations().language)
            action.triggered.connect(lambda _=False, c=lang.code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_action = QAction(translate("MainWindow", "Language"), self)
        self.language_action.setToolTip(translate("MainWindow", "The window's language"))
        self.language_action.setMenu(self.language_menu)
        # In the More menu: the toolbar has no room to spare at 1366 px (Spanish labels are
        # longer), and the language is set once per officer, not on every call.
        self.more_menu.addAction(self.language_action)

    def _translations(self) -> Translations:
        return Translations.active or Translations(QApplication.instance())

    def set_language(self, code: str) -> str:
        """Switch the window to ``code`` now and keep it as the signed-in officer's language."""
        # The officer's language first: what the retranslation rebuilds (checklists, the
        # report's language) reads it.
        self._app.set_language(code)
        shown = self._translations().switch(code)
        if shown != code:  # no compiled catalogue for it: the window stays as it was
            self._app.set_language(shown)
            self.retranslate()
        for action in self.language_group.actions():
            action.setChecked(action.data() == shown)
        return shown

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The texts made from values; every plain text follows through the translators."""
        if not hasattr(self, "unit_label") or getattr(self, "_closed", False):
            return  # still being built, or closed (its core may be closed too)
        self.setWindowTitle(fill(translate("MainWindow", "Responder \u2014 %1"), self._app.unit_id))
        self.language_action.setText(translate("MainWindow", "Language"))
        self.language_action.setToolTip(translate("MainWindow", "The window's language"))
        self._update_more_button()
        self._update_theme_action()
        self._update_unit_label()
        self.show_recovered(self._recovered)
        self.refresh_clock()
        self.unit_bar.refresh()
        people = getattr(self, "people", None)  # its follow-up count is made from a value
        if people is not None:
            people.refresh()
        self.board.relabel()
        self._update_counts()
        if self.detail.call is not None:
            self.detail.show_call(self.detail.call.id)
        self.checklists.show_call(self.checklists.call_id)  # the chooser, in the new language

    def _build_body(self) -> None:
        self.banner = QFrame(self, objectName="recoveryBanner")
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.open_recovered_button = QPushButton(
            translate("MainWindow", "Open report"), self.banner
        )
        self.open_recovered_button.clicked.connect(self.open_recovered)
        dismiss = QPushButton(translate("MainWindow", "Dismiss"), self.banner)
        dismiss.clicked.connect(self.banner.hide)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.open_recovered_button)
        row.addWidget(dismiss)
        self.show_recovered(self._app.recovered)
        self.shift_banner = ShiftRecoveryBanner(self._app, self.unit_bar, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.board)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._splitter_moved_by_user = False
        self.splitter.splitterMoved.connect(self._on_splitter_splitter_moved)
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(6, 6, 6, 0)
        box.setSpacing(6)
        box.addWidget(self.banner)
        box.addWidget(self.shift_banner)
        box.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        bar = QStatusBar(self)
        bar.setSizeGripEnabled(False)
        self.setStatusBar(bar)
        self.counts_label = QLabel(bar)
        bar.addWidget(self.counts_label)
        # Clock sanity: shown once a sync found this device's clock off from the station's.
        self.clock_label = QLabel(bar, objectName="clockWarning")
        self.clock_label.setProperty("role", "error")
        bar.addWidget(self.clock_label)
        # The unit and officer: in the status bar, so the toolbar keeps room for its buttons
        # at 1366 px (the unit's status and crew stay in the toolbar).
        self.unit_label = unit_label = QLabel(bar, objectName="unitLabel")
        self._update_unit_label()
        # The status bar's labels give way in a small window (the sync panel keeps its width):
        # a 1024 px window must still open.
        for label in (self.counts_label, unit_label):
            label.setMinimumWidth(80)
        bar.addPermanentWidget(unit_label)
        self.refresh_clock()

    def _update_unit_label(self) -> None:
        officer = self._app.officer_name
        unit = fill(translate("MainWindow", "Unit %1"), self._app.unit_id) + (
            f"  \u00b7  {officer}" if officer else ""
        )
        self.unit_label.setText(unit)
        self.unit_label.setToolTip(unit)

    def _build_full_window(self) -> None:
        """F11 folds the board away so the call (a report, a checklist) takes the window."""
        self.full_window_action = QAction(
            translate("MainWindow", "Full window"), self, checkable=True
        )
        self.full_window_action.setShortcut(QKeySequence("F11"))
        self.full_window_action.setToolTip(
            translate("MainWindow", "Fold the call board away and back (F11)")
        )
        self.full_window_action.toggled.connect(self.set_full_window)
        self.addAction(self.full_window_action)
        corner = QWidget(self.detail.tabs)  # a margin keeps the button clear of the pane's edge
        button = QToolButton(corner, objectName="fullWindowButton")
        button.setDefaultAction(self.full_window_action)
        button.setText("\u2922")
        button.setAccessibleName(translate("MainWindow", "Full window"))
        # The action's text (and its translations) would replace the glyph: keep the glyph,
        # the words stay in the tooltip and the accessible name.
        self.full_window_action.changed.connect(lambda: self._keep_glyph(button))
        button.setMinimumSize(48, 44)
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 4, 2)
        row.addWidget(button)
        self.detail.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)

    def _keep_glyph(self, button: QToolButton) -> None:
        if button.text() != "\u2922":
            button.setText("\u2922")
        button.setAccessibleName(translate("MainWindow", "Full window"))

    def set_full_window(self, full: bool) -> None:
        if self.full_window_action.isChecked() != full:
            self.full_window_action.setChecked(full)  # comes back here through toggled
            return
        focus_on_board = self.board.isAncestorOf(QApplication.focusWidget())
        self.board.setVisible(not full)
        if full and focus_on_board:
            self.detail.tabs.currentWidget().setFocus()  # not left on a hidden table

    # Extension points ------------------------------------------------------------------------

    def add_toolbar_action(self, action: QAction, *, in_menu: bool = False) -> None:
        """Features add their own buttons (e.g. Sync, Lock) before the right-hand side; with
        ``in_menu`` an action used less often goes into the toolbar's More menu instead."""
        if in_menu:
            self.more_menu.insertAction(self._menu_anchor, action)
        else:
            self.toolbar.insertAction(self._extra_anchor, action)
        self.addAction(action)

    def add_status_widget(self, widget: QWidget) -> None:
        """Features show their state on the right of the status bar (e.g. sync state)."""
        self.statusBar().addPermanentWidget(widget)

    # Behaviour -------------------------------------------------------------------------------

    def show_about(self) -> None:
        from civilian_responder_ui.shell.about import AboutDialog  # noqa: PLC0415 (rarely opened)

        AboutDialog(str(self._app.paths.root), self).exec()

    def show_recovered(self, drafts: list[RecoveredDraft]) -> None:
        self._recovered = list(drafts)
        self.banner_label.setText("\n".join(recovery_text(d) for d in drafts))
        self.banner.setVisible(bool(drafts))

    def open_recovered(self) -> None:
        """Show the (first) recovered draft: its call, on the Report tab."""
        if not self._recovered:
            return
        number = self._recovered[0].call_number
        self.board.filter_edit.clear()
        model = self.board.model
        row = next((r for r in range(model.rowCount()) if model.summary(r).number == number), -1)
        if row >= 0 and self.board.select_call(model.summary(row).id):
            self.detail.show_report_tab()

    def reload(self, select_first: bool = False) -> None:
        self.board.reload()
        self.unit_bar.refresh()
        self.refresh_clock()
        if select_first and self.board.current_call_id() is None:
            self.board.select_first()
            self.board.table.setFocus()
        self._update_counts()

    def refresh_clock(self) -> None:
        check = self._app.clock_check
        self.clock_label.setText(("\u26a0 " + check.text) if check.off else "")
        self.clock_label.setToolTip(
            fill(
                translate("MainWindow", "Measured at the last sync: %1 s (round trip %2 ms)"),
                f"{check.measured_seconds:+.0f}",
                check.round_trip_ms,
            )
            if check.off
            else ""
        )
        self.clock_label.setVisible(check.off)

    def start_onview_call(self) -> None:
        dialog = OnViewDialog(self._app, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_call is not None:
            self.board.filter_edit.clear()
            self.board.refresh_call(dialog.created_call.id)
            self.board.select_call(dialog.created_call.id)
            self.unit_bar.refresh()
            self._update_counts()

    def toggle_theme(self) -> None:
        self.set_theme(other(self.theme))

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.board.set_colors(apply_theme(QApplication.instance(), name))
        self._update_theme_action()
        self.theme_changed.emit(name)

    def _update_theme_action(self) -> None:
        target = other(self.theme)
        icon = "\u263e" if target == "night" else "\u2600"
        if target == "night":
            text = translate("MainWindow", "Night theme")
            tip = translate("MainWindow", "Switch to the night theme (Ctrl+T)")
        else:
            text = translate("MainWindow", "Day theme")
            tip = translate("MainWindow", "Switch to the day theme (Ctrl+T)")
        self.theme_action.setText(f"{icon}  {text}")
        self.theme_action.setToolTip(tip)

    def _update_counts(self) -> None:
        model = self.board.model
        self.counts_label.setText(
            fill(
                translate("MainWindow", "%1 open  \u00b7  %2 calls on this device"),
                f"{model.open_count():,}",
                f"{model.total_count():,}",
            )
        )

    def _on_detail_status_changed(self, call_id: str) -> None:
        self.board.refresh_call(call_id)
        self.unit_bar.refresh()
        self._update_counts()

    def _on_checklists_call_changed(self, call_id: str) -> None:
        # A checklist requested backup (timeline) or pre-filled the report: show both afresh.
        if self.detail.call is not None and self.detail.call.id == call_id:
            self.detail.show_call(call_id)
        self._on_detail_status_changed(call_id)

    def _on_detail_report_saved(self, report_id: str) -> None:
        # Drafts do not change the board; a finalized report waits in the outbox (unsynced).
        try:
            report = self._app.reports.get(report_id)
        except ResponderError:
            return
        if report.state == "finalized":
            self.board.refresh_call(report.call_id)

    def _on_splitter_splitter_moved(self, _pos: int, _index: int) -> None:
        self._splitter_moved_by_user = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not self._splitter_moved_by_user:
            # The splitter has not been laid out yet; the window's new width is what counts.
            width = event.size().width() - 12
            self.splitter.setSizes([int(width * BOARD_SHARE), int(width * (1 - BOARD_SHARE))])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # Whatever is typed must reach the database before the window goes.
        self.detail.flush()
        super().closeEvent(event)
        if event.isAccepted():
            self._closed = True
            # A closed window may outlive its core (sign-out, then the sign-in dialog's event
            # loop): none of its timers may wake up and read the closed database.
            for timer in self.findChildren(QTimer):
                timer.stop()
