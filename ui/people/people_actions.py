"""The people features' buttons on the main window: Follow-ups and Outreach contact."""

from __future__ import annotations

from civilian_responder_ui.people.follow_up_list import FollowUpListView
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtGui import QAction, QKeySequence


class PeopleActions:
    """Made by the composition root; opens its dialogs on the main window."""

    def __init__(self, window, app) -> None:
        self._window = window
        self._app = app
        self.follow_ups_action = QAction(translate("PeopleActions", "Follow-ups"), window)
        self.follow_ups_action.setToolTip(
            translate("PeopleActions", "Follow-ups due today and overdue (Ctrl+U)")
        )
        self.follow_ups_action.setShortcut(QKeySequence("Ctrl+U"))
        self.follow_ups_action.triggered.connect(self.show_follow_ups)
        self.outreach_action = QAction(translate("PeopleActions", "+  Outreach"), window)
        self.outreach_action.setToolTip(
            translate(
                "PeopleActions",
                "Record an outreach contact: people met without a 911 call (Ctrl+O)",
            )
        )
        self.outreach_action.setShortcut(QKeySequence("Ctrl+O"))
        self.outreach_action.triggered.connect(self.record_outreach)
        window.add_toolbar_action(self.outreach_action, in_menu=True)  # Ctrl+O
        window.add_toolbar_action(self.follow_ups_action)
        self.refresh()

    def refresh(self) -> None:
        """After a sync (or a change here): the due count, and what is known for the call on
        screen (the station may just have sent its briefing)."""
        today = self._app.clock.now().astimezone().date().isoformat()
        due, overdue = self._app.people.due(today)
        n = len(due) + len(overdue)
        self.follow_ups_action.setText(
            fill(translate("PeopleActions", "Follow-ups (%1)"), n)
            if n
            else translate("PeopleActions", "Follow-ups")
        )
        detail = getattr(self._window, "detail", None)
        if detail is not None and detail.call is not None:
            detail.known_here.show_briefing(self._app.people.known_here(detail.call))

    def show_follow_ups(self) -> FollowUpListView:
        dialog = FollowUpListView(self._app, self._window)
        dialog.visit_started.connect(self._on_dialog_visit_started)
        dialog.attempt_recorded.connect(lambda _fid: self.refresh())
        dialog.show()
        return dialog

    def record_outreach(self):  # -> OutreachDialog
        from civilian_responder_ui.people.outreach_dialog import OutreachDialog  # noqa: PLC0415

        dialog = OutreachDialog(self._app, self._window)
        dialog.show()
        return dialog

    def _on_dialog_visit_started(self, call_id: str) -> None:
        board = self._window.board
        board.filter_edit.clear()
        board.refresh_call(call_id)
        board.select_call(call_id)
        self.refresh()


def install_people(window, app) -> PeopleActions:
    return PeopleActions(window, app)
