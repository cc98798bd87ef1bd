"""Adding a person to a report offers known people from the unit's cache; picking one links
the report's person to them (never automatically)."""

from __future__ import annotations

from pathlib import Path

import pytest
from civilian_responder.app import ResponderApp, open_app
from civilian_responder_ui.reports.report_form import ReportFormView
from PySide6.QtCore import Qt


@pytest.fixture
def app(tmp_path: Path) -> ResponderApp:
    opened = open_app(tmp_path / "profile")
    call = opened.calls.create_self_initiated("WELCK", "200 E Santa Clara St")
    marcus = opened.people.add_person("Marcus Bell", "35_44", "red cap, grey dog")
    opened.people.add_person("Marcy Lane", "55_64")
    opened.people.record_contact(
        person_id=marcus.id, address="9 Park Ave", at="2026-10-02T10:00:00.000Z"
    )
    opened.call_id = call.id  # type: ignore[attr-defined]
    yield opened
    opened.close()


def test_typing_a_name_suggests_known_people_and_picking_links_them(qtbot, app):
    view = ReportFormView(app, None)
    qtbot.addWidget(view)
    view.show()
    view.show_call(app.call_id)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    editor = view.sections.editors["persons"]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[0]
    qtbot.keyClicks(row.name, "mar")
    assert row.suggestions.isVisible()
    offered = [p.display_name for p in row.suggestions.people()]
    assert offered == ["Marcus Bell", "Marcy Lane"]  # last seen first
    assert "35-44" in row.suggestions.item(0).text()
    assert "last seen 2026-10-02" in row.suggestions.item(0).text()
    assert row.known_id is None  # typing alone links no one
    row.suggestions.itemClicked.emit(row.suggestions.item(0))
    assert not row.suggestions.isVisible()
    assert row.name.text() == "Marcus Bell" and row.known.isVisible()
    [person] = editor.value()
    assert person.known_id == app.people.suggest("marcus")[0].id
    # Typing a name no one has: nothing offered, the list stays hidden.
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.rows[1].name, "Zed")
    assert not editor.rows[1].suggestions.isVisible()


def test_finalizing_records_contacts_and_a_provisional_person_for_a_new_name(app):
    report = app.reports.start(app.call_id)
    marcus = app.people.suggest("marcus")[0]
    app.reports.save_fields(
        report.id,
        {
            "persons": [
                {
                    "id": "p1",
                    "role_code": "SUBJECT",
                    "name": "Marcus Bell",
                    "known_id": marcus.id,
                    "what_helped": "talking about his dog",
                },
                {"id": "p2", "role_code": "FAMILY", "name": "Ruth Bell"},
            ],
            "disposition_code": "CSA",
            "outcome_codes": ["RESOLVED_ON_SCENE"],
            "time_on_task_minutes": 20,
            "narrative": "Talked it through.",
        },
    )
    app.reports.finalize(report.id)
    contacts = app.store.people.contacts_at("200 E Santa Clara St")
    assert len(contacts) == 2
    helped = {c.person_id: c.what_helped for c in contacts}
    assert helped[marcus.id] == "talking about his dog"
    [ruth] = app.people.suggest("ruth")
    assert ruth.provisional and ruth.last_seen_at is not None
