"""The follow-up list (due today, overdue, start a visit, record attempts) and the outreach
contact dialog, on real widgets over a real profile."""

from __future__ import annotations

from datetime import timedelta

from civilian_responder.app import open_app
from civilian_responder_ui.people.follow_up_list import FollowUpListView
from civilian_responder_ui.people.outreach_dialog import ACCEPTED, OFFERED, OutreachDialog
from PySide6.QtCore import Qt


def test_follow_up_list_orders_overdue_first_and_starts_a_linked_visit(qtbot, tmp_path):
    app = open_app(tmp_path / "profile")
    call = app.calls.create_self_initiated("WELCK", "14 Harbor Way")
    today = app.clock.now().astimezone().date()
    dee = app.people.add_person("Dee Walker")
    app.people.add_follow_up("bring the bus pass", today.isoformat(), person_id=dee.id)
    late = app.people.add_follow_up(
        "check the wound",
        (today - timedelta(days=2)).isoformat(),
        person_id=dee.id,
        call_id=call.id,
        who="Reyes",
    )
    app.people.add_follow_up("call the landlord", (today + timedelta(days=5)).isoformat())
    view = FollowUpListView(app)
    qtbot.addWidget(view)
    view.show()
    assert view.heading.text().startswith("1 overdue · 1 due today · 1 later")
    lines = [view.list.item(i).text() for i in range(view.list.count())]
    assert lines[0].startswith("OVERDUE · check the wound · Dee Walker · Reyes")
    assert lines[1].startswith("TODAY · bring the bus pass")
    assert view.selected_id() == late.id
    with qtbot.waitSignal(view.visit_started) as started:
        qtbot.mouseClick(view.visit_button, Qt.MouseButton.LeftButton)
    visit = app.calls.get(started.args[0])
    assert visit.address == "14 Harbor Way"
    assert app.people.visit_of(visit.id) == (call.id, late.id)
    view.outcome.setCurrentIndex(view.outcome.findData("NOT_FOUND"))
    view.note.setText("tent moved")
    qtbot.mouseClick(view.attempt_button, Qt.MouseButton.LeftButton)
    assert app.store.people.follow_up(late.id).attempts[0].note == "tent moved"
    view.list.setCurrentRow(0)
    view.outcome.setCurrentIndex(view.outcome.findData("MET"))
    qtbot.mouseClick(view.attempt_button, Qt.MouseButton.LeftButton)
    assert app.store.people.follow_up(late.id).state == "done"
    assert view.heading.text().startswith("0 overdue · 1 due today")
    app.close()


def test_outreach_dialog_records_known_and_new_people_with_services(qtbot, tmp_path):
    app = open_app(tmp_path / "profile")
    kim = app.people.add_person("Kim Reyes", "25_34")
    dialog = OutreachDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.place.setText("Under the 11th St bridge")
    qtbot.keyClicks(dialog.name, "kim")
    assert dialog.suggestions.isVisible()
    dialog.suggestions.itemClicked.emit(dialog.suggestions.item(0))
    qtbot.keyClicks(dialog.name, "Ivan")
    qtbot.mouseClick(dialog.add_new, Qt.MouseButton.LeftButton)
    rows = {
        dialog.services.item(r, 0).data(Qt.ItemDataRole.UserRole): r
        for r in range(dialog.services.rowCount())
    }
    dialog.services.item(rows["SHELTER_BED"], OFFERED).setCheckState(Qt.CheckState.Checked)
    dialog.services.item(rows["HYGIENE"], ACCEPTED).setCheckState(Qt.CheckState.Checked)
    dialog.shelter.setCurrentIndex(dialog.shelter.findData("WAITLIST"))
    with qtbot.waitSignal(dialog.recorded) as recorded:
        dialog.buttons.accepted.emit()
    assert recorded.args == [2]
    contacts = app.store.people.contacts_at("under the 11th st bridge")
    assert {c.person_id for c in contacts} >= {kim.id}
    assert {c.services_offered for c in contacts} == {("SHELTER_BED", "HYGIENE")}
    assert app.people.suggest("ivan")[0].display_name == "Ivan"
    app.close()


def test_outreach_dialog_says_what_is_missing(qtbot, tmp_path):
    app = open_app(tmp_path / "profile")
    dialog = OutreachDialog(app)
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert "say where" in dialog.error.text() and "at least one person" in dialog.error.text()
    app.close()


def test_people_actions_count_due_follow_ups_and_refresh_the_call_on_screen(qtbot, tmp_path):
    from civilian_responder_ui.main_window import MainWindow  # noqa: PLC0415
    from civilian_responder_ui.people.people_actions import install_people  # noqa: PLC0415
    from civilian_responder_ui.shell.tasks import TaskRunner  # noqa: PLC0415

    app = open_app(tmp_path / "profile")
    call = app.calls.create_self_initiated("WELCK", "14 Harbor Way")
    window = MainWindow(app, TaskRunner(inline=True))
    qtbot.addWidget(window)
    actions = install_people(window, app)
    assert actions.follow_ups_action.text() == "Follow-ups"
    window.reload(select_first=True)
    window.detail.show_call(call.id)
    assert window.detail.known_here.isHidden()
    today = app.clock.now().astimezone().date().isoformat()
    app.people.add_follow_up("bring the bus pass", today)
    app.people.record_contact(person_id=None, address="14 Harbor Way", safety_notes="big dog")
    actions.refresh()  # what a finished sync does
    assert actions.follow_ups_action.text() == "Follow-ups (1)"
    assert "big dog" in window.detail.known_here.text()
    window.close()
    app.close()
