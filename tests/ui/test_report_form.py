"""The field report through its real widgets on a real profile database in tmp_path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from civilian_responder.app import ResponderApp, open_app
from civilian_responder_ui.reports.report_form import ReportFormView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    app = open_app(tmp_path / "profile")
    app.calls.create_self_initiated("WELCK", "200 E Santa Clara St")
    app.calls.create_self_initiated("647", "Guadalupe River Trail at Coleman Ave")
    app.close()
    return tmp_path / "profile"


@pytest.fixture
def app(profile: Path) -> ResponderApp:
    opened = open_app(profile)
    yield opened
    opened.close()


@pytest.fixture
def form(qtbot, app: ResponderApp) -> ReportFormView:
    view = ReportFormView(app, None)
    qtbot.addWidget(view)
    view.resize(800, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_call(_call_ids(app)[0])
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    return view


def _call_ids(app: ResponderApp) -> list[str]:
    return sorted(c.id for c in app.calls.board())


def _stored(profile: Path, report_id: str):
    """Read the report back through a fresh core on the same file (a second connection)."""
    fresh = open_app(profile)
    try:
        return fresh.reports.get(report_id)
    finally:
        fresh.close()


def choose(qtbot, combo: QComboBox, code: str) -> None:
    """Pick ``code`` with the keyboard, as a user would (arrow keys skip group headers)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == code:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == code, f"{code} not reachable by keyboard"


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def fill_required(qtbot, view: ReportFormView) -> None:
    ed = view.sections.editors
    click(qtbot, ed["persons"].add_button)
    qtbot.keyClicks(ed["persons"].rows[0].name, "Sam")
    choose(qtbot, ed["disposition_code"], "FIC")
    click(qtbot, ed["outcome_codes"].boxes["TRANSPORTED"])
    choose(qtbot, ed["transport_mode_code"], "TEAM_VEHICLE")
    choose(qtbot, ed["transport_destination_code"], "CRISIS_CENTER")
    click(qtbot, ed["flags"].boxes["UNHOUSED"])
    click(qtbot, ed["services"].buttons["FOOD_WATER"]["ACCEPTED"])
    ed["time_on_task_minutes"].selectAll()
    qtbot.keyClicks(ed["time_on_task_minutes"], "35")
    qtbot.keyClicks(ed["narrative"], "Met Sam at the trail; accepted water and a ride.")


def test_finalize_too_early_names_exactly_the_missing_fields(qtbot, form: ReportFormView):
    click(qtbot, form.finalize_button)

    assert form.validation.isVisible()
    assert form.validation.labels() == [
        "Disposition",
        "Outcome",
        "Persons contacted",
        "Time on task",
        "Narrative",
    ]
    assert form.sections.editors["disposition_code"].property("invalid") is True
    assert form.sections.errors["narrative"].text() == "Write what happened"
    assert form.sections.editors["flags"].property("invalid") is False
    assert form._shown.state == "draft"


def test_validation_panel_follows_the_edits(qtbot, form: ReportFormView):
    click(qtbot, form.finalize_button)
    click(qtbot, form.sections.editors["outcome_codes"].boxes["TRANSPORTED"])
    form.flush()

    labels = form.validation.labels()
    assert "Outcome" not in labels
    assert "Transported to" in labels and "Transported by" in labels
    assert form.sections.editors["transport_destination_code"].isVisible()
    assert not form.sections.editors["police_handoff_reason_code"].isVisible()
    click(qtbot, form.sections.editors["outcome_codes"].boxes["HANDED_TO_POLICE"])
    form.flush()
    assert form.sections.editors["police_handoff_reason_code"].isVisible()
    assert "Why handed to police" in form.validation.labels()
    # The retired outcome is not offered; the two 988 meanings are two toggles.
    assert "TRANSFER_988" not in form.sections.editors["outcome_codes"].boxes
    assert form.sections.editors["warm_transfer_988"].isVisible()
    assert form.sections.editors["call_transferred_988"].isVisible()


def test_filled_report_finalizes_and_becomes_read_only(qtbot, form: ReportFormView, app):
    fill_required(qtbot, form)
    form.activateWindow()
    qtbot.keyClick(
        form.sections.editors["narrative"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )

    report = app.reports.get(form._shown.id)
    assert report.state == "finalized", form.validation.labels()
    assert report.persons[0].name == "Sam" and report.persons[0].role_code == "SUBJECT"
    assert report.transport_destination_code == "CRISIS_CENTER"
    assert report.flags == ("UNHOUSED",)
    assert [(s.code, s.response) for s in report.services] == [("FOOD_WATER", "ACCEPTED")]
    assert report.time_on_task_minutes == 35
    assert form.sections.editors["narrative"].isReadOnly()
    assert not form.sections.editors["disposition_code"].isEnabled()
    assert form.summary.isVisible() and not form.sections.isVisible()
    summary = form.summary.text()
    assert "Field interview completed (FIC)" in summary
    assert "Team vehicle · Crisis stabilization" in summary
    assert "Food / water: accepted" in summary
    assert not form.finalize_button.isVisible()
    assert form.correct_button.isVisible()
    assert "Finalized" in form.title.text()


def test_correction_makes_version_2_and_keeps_version_1_unchanged(qtbot, form, app, profile):
    fill_required(qtbot, form)
    first = form.finalize()
    assert first is not None

    click(qtbot, form.correct_button)
    qtbot.keyClicks(form.correction_reason, "Wrong transport destination")
    qtbot.keyClick(form.correction_reason, Qt.Key.Key_Return)
    draft = form._shown
    assert (draft.version, draft.state, draft.supersedes_id) == (2, "draft", first.id)
    assert draft.correction_reason == "Wrong transport destination"
    choose(qtbot, form.sections.editors["transport_destination_code"], "HOSPITAL")
    assert form.finalize() is not None

    versions = open_app(profile).reports.for_call(first.call_id)
    assert [(r.version, r.state) for r in versions] == [(1, "superseded"), (2, "finalized")]
    assert dataclasses.replace(versions[0], state="finalized") == first
    assert versions[1].transport_destination_code == "HOSPITAL"

    form.version_picker.setCurrentIndex(0)
    form.version_picker.activated.emit(0)
    assert form._shown.version == 1
    assert form.sections.editors["transport_destination_code"].value() == "CRISIS_CENTER"
    assert form.sections.editors["narrative"].isReadOnly()
    assert not form.correct_button.isVisible()


def test_correction_needs_a_reason(qtbot, form):
    fill_required(qtbot, form)
    form.finalize()
    click(qtbot, form.correct_button)
    assert form.start_correction("   ") is None
    assert form._shown.version == 1


def test_narrative_reaches_the_database_within_half_a_second(qtbot, form, profile):
    qtbot.keyClicks(form.sections.editors["narrative"], "Person calm, accepted blanket")
    report_id = form._shown.id
    with qtbot.waitSignal(form.autosaver.saved, timeout=1500):
        pass
    qtbot.wait(100)

    assert _stored(profile, report_id).narrative == "Person calm, accepted blanket"


def test_continuous_typing_is_saved_without_a_pause(qtbot, form, profile):
    narrative = form.sections.editors["narrative"]
    for _ in range(12):  # a keystroke every 100 ms never lets the 400 ms debounce fire
        qtbot.keyClicks(narrative, "ab")
        qtbot.wait(100)
    stored = _stored(profile, form._shown.id).narrative

    assert len(stored) >= 10 and narrative.toPlainText().startswith(stored)


def test_close_flushes_pending_edits(qtbot, form, profile):
    qtbot.keyClicks(form.sections.editors["narrative"], "typed just before closing")
    report_id = form._shown.id
    assert form.autosaver.has_pending()
    form.close()

    assert not form.autosaver.has_pending()
    assert _stored(profile, report_id).narrative == "typed just before closing"


def test_switching_calls_flushes_and_keeps_each_report(qtbot, form, app, profile):
    qtbot.keyClicks(form.sections.editors["narrative"], "first call")
    first_id = form._shown.id
    form.show_call(_call_ids(app)[1])

    assert _stored(profile, first_id).narrative == "first call"
    assert form.placeholder.isVisible()
    form.show_call(None)
    assert not form.placeholder.isVisible() and not form.scroll.isVisible()
    form.show_call(_call_ids(app)[0])
    assert form.sections.editors["narrative"].toPlainText() == "first call"


def test_reopened_form_shows_the_recovered_draft(qtbot, form, app, profile):
    qtbot.keyClicks(form.sections.editors["narrative"], "recover me")
    form.flush()
    # Opening the profile while the first session never marked itself clean is exactly what
    # the next start sees after a crash.

    reopened = open_app(profile)
    try:
        assert [r.report_id for r in reopened.recovered] == [form._shown.id]
        view = ReportFormView(reopened, None)
        qtbot.addWidget(view)
        view.show_call(_call_ids(reopened)[0])
        assert view.sections.editors["narrative"].toPlainText() == "recover me"
        assert view.notice.text().startswith("Recovered after the app closed unexpectedly")
        assert not view.notice.isHidden()
    finally:
        reopened.close()


def test_dependent_details_appear_only_when_they_apply(qtbot, form):
    ed = form.sections.editors
    assert not ed["disability_codes"].isVisible()
    click(qtbot, ed["flags"].boxes["PERCEIVED_DISABILITY"])
    assert ed["disability_codes"].isVisible() and not ed["disability_other"].isVisible()
    click(qtbot, ed["disability_codes"].boxes["OTHER"])
    assert ed["disability_other"].isVisible()
    click(qtbot, ed["flags"].boxes["LANGUAGE_NEED"])
    assert ed["language_codes"].isVisible()
    click(qtbot, ed["backup_requested"])
    assert ed["backup_reason_code"].isVisible()


def test_photos_refuse_clearly_and_list_what_was_added(qtbot, form, app, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    form.photos.add_file(notes)
    assert "notes.txt is not a photo" in form.photos.message.text()
    assert form.photos.message.isVisible()

    app.attachments.max_bytes = 50
    big = tmp_path / "big.png"
    big.write_bytes(PNG_1PX + b"\0" * 200)
    form.photos.add_file(big)
    assert "photos can be at most" in form.photos.message.text()

    app.attachments.max_bytes = 10_000
    good = tmp_path / "scene.png"
    good.write_bytes(PNG_1PX)
    form.photos.add_file(good)
    assert not form.photos.message.isVisible()
    assert form.photos.list.item(0).text().startswith("scene.png")
    assert [a.filename for a in app.attachments.for_report(form._shown.id)] == ["scene.png"]


def test_ctrl_s_saves_immediately(qtbot, form, profile):
    narrative = form.sections.editors["narrative"]
    qtbot.keyClicks(narrative, "now")
    form.activateWindow()
    qtbot.keyClick(narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not form.autosaver.has_pending()
    assert _stored(profile, form._shown.id).narrative == "now"


def test_touch_targets_are_at_least_44_px(qtbot, form):
    for name in ("disposition_code", "backup_requested", "time_on_task_minutes",
                 "call_source_code", "response_model_code", "shelter_placement_code",
                 "hold_code", "warm_transfer_988", "call_transferred_988", "referral_agency"):
        assert form.sections.editors[name].height() >= 44, name
    for box in form.sections.editors["outcome_codes"].boxes.values():
        assert box.height() >= 44
    for button in (form.finalize_button, form.save_button):
        assert button.height() >= 44


def test_tab_walks_a_new_person_row_in_reading_order(qtbot, form):
    persons = form.sections.editors["persons"]
    click(qtbot, persons.add_button)
    click(qtbot, persons.add_button)
    first, second = persons.rows
    order = [
        first.role,
        first.name,
        first.age,
        first.remove,
        first.phone,
        first.note,
        second.role,
        second.name,
        second.age,
        second.remove,
        second.phone,
        second.note,
        persons.add_button,
    ]
    first.role.setFocus()
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is expected or expected.isAncestorOf(focused), order.index(expected)


def test_moving_focus_away_saves_at_once(qtbot, form, profile):
    narrative = form.sections.editors["narrative"]
    qtbot.keyClicks(narrative, "left the field")
    form.sections.editors["disposition_code"].setFocus()

    assert not form.autosaver.has_pending()
    assert _stored(profile, form._shown.id).narrative == "left the field"


def test_group_mnemonics_jump_to_their_fields(qtbot, form):
    form.activateWindow()
    form.sections.editors["flags"].boxes["VETERAN"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.sections.editors["narrative"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.sections.editors["disposition_code"]


@pytest.mark.parametrize("width", [520, 800])
def test_form_fits_the_pane_without_sideways_scrolling(qtbot, form, width):
    form.resize(width, 480)
    qtbot.wait(50)  # let the reflowing grids settle on their column count

    viewport = form.scroll.viewport().width()
    assert form.body.minimumSizeHint().width() <= viewport
    assert form.body.width() <= viewport
    services = form.sections.editors["services"]
    assert services._narrow is (width < 600)


def test_services_are_answered_for_each_person_on_the_report(qtbot, form, profile):
    ed = form.sections.editors
    services = ed["services"]
    assert not services._person_row.isVisibleTo(form)  # no persons yet: the person served
    click(qtbot, services.buttons["FOOD_WATER"]["ACCEPTED"])
    click(qtbot, ed["persons"].add_button)
    qtbot.keyClicks(ed["persons"].rows[0].name, "Sam")
    click(qtbot, ed["persons"].add_button)
    choose(qtbot, ed["persons"].rows[1].role, "FAMILY")
    qtbot.keyClicks(ed["persons"].rows[1].name, "Ana")
    sam, ana = (p.id for p in ed["persons"].value())
    assert services._person_row.isVisibleTo(form)
    assert [services.person.itemData(i) for i in range(services.person.count())] == [
        None, sam, ana]
    assert services.person.itemText(1).endswith("Sam")
    assert services.person.itemText(2).endswith("Ana")
    choose(qtbot, services.person, sam)
    assert not services.buttons["FOOD_WATER"]["ACCEPTED"].isChecked()  # Sam's own answers
    click(qtbot, services.buttons["FOOD_WATER"]["DECLINED"])
    click(qtbot, services.buttons["SHELTER_BED"]["ACCEPTED"])
    choose(qtbot, services.person, ana)
    click(qtbot, services.buttons["FOOD_WATER"]["ACCEPTED"])
    form.flush()
    stored = _stored(profile, form._shown.id)
    assert {(s.code, s.response, s.person_id) for s in stored.services} == {
        ("FOOD_WATER", "ACCEPTED", None), ("FOOD_WATER", "DECLINED", sam),
        ("SHELTER_BED", "ACCEPTED", sam), ("FOOD_WATER", "ACCEPTED", ana)}
    # Loading the report shows each person's answers again.
    form.sections.set_values({"services": stored.services, "persons": stored.persons})
    choose(qtbot, services.person, sam)
    assert services.buttons["FOOD_WATER"]["DECLINED"].isChecked()
    assert services.buttons["SHELTER_BED"]["ACCEPTED"].isChecked()
    # A person removed from the report takes their answers along.
    click(qtbot, ed["persons"].rows[1].remove)
    form.flush()
    assert {s.person_id for s in _stored(profile, form._shown.id).services} == {None, sam}


def test_a_call_without_a_report_says_nothing_about_versions(qtbot, form, app, qapp):
    from civilian_responder_ui.shell.theme import apply_theme

    form.show_call(_call_ids(app)[1])  # a call with no report yet, after one with a draft
    assert form.start_button.isVisible()
    sheet, palette = qapp.styleSheet(), qapp.palette()
    try:
        apply_theme(qapp, "night")  # the theme repaints the status line
        qapp.processEvents()
        assert form.status.text() == ""  # not "An earlier version, shown read-only."
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
