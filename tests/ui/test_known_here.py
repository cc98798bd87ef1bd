"""The Known-here panel on a call and the safety screen's prior-violence question showing what
its answer rests on, on real widgets over a real profile."""

from __future__ import annotations

from civilian_responder.app import open_app
from civilian_responder_ui.calls.call_detail import CallDetailView
from civilian_responder_ui.checklists.checklist_panel import ChecklistPanel
from civilian_responder_ui.shell.tasks import TaskRunner

ADDRESS = "1200 Pacific Ave"


def known_core(tmp_path):
    app = open_app(tmp_path / "profile")
    call = app.calls.create_self_initiated("WELCK", ADDRESS + ", Tacoma")
    dee = app.people.add_person("Dee Walker", "45_54")
    app.people.record_contact(
        person_id=dee.id,
        address="1200 PACIFIC AVE.",
        outcome_code="RESOLVED_ON_SCENE",
        triggers="sirens",
        what_helped="sitting down outside",
        at="2025-04-02T10:00:00.000Z",
    )
    app.people.record_contact(
        person_id=None,
        address=ADDRESS,
        violence=True,
        safety_notes="neighbour threatened staff with a bat",
        at="2026-01-15T10:00:00.000Z",
    )
    app.people.add_follow_up("bring the bus pass", "2026-12-01", person_id=dee.id)
    return app, call


def test_call_detail_shows_what_is_known_here(qtbot, tmp_path):
    app, call = known_core(tmp_path)
    detail = CallDetailView(app, TaskRunner(inline=True))
    qtbot.addWidget(detail)
    detail.show()
    detail.show_call(call.id)
    panel = detail.known_here
    assert panel.isVisible() and panel.contact_count() == 2
    text = panel.text()
    for expected in (
        "2026-01-15",
        "2025-04-02",
        "Dee Walker",
        "Resolved on scene",
        "sirens",
        "sitting down outside",
        "neighbour threatened staff with a bat",
        "bring the bus pass",
        "Violence noted",
    ):
        assert expected in text, expected
    other = app.calls.create_self_initiated("WELCK", "1 Quiet Lane")
    detail.show_call(other.id)
    assert not panel.isVisible()  # nothing known there: no panel
    app.close()


def test_the_prior_violence_question_shows_what_the_answer_rests_on(qtbot, tmp_path):
    app, call = known_core(tmp_path)
    panel = ChecklistPanel(app, TaskRunner(inline=True), call.id)
    qtbot.addWidget(panel)
    panel.show()
    runner = panel.start("safety-screen")
    widget = runner._make_widget("history")
    evidence = widget.evidence_text()
    assert "2026-01-15: neighbour threatened staff with a bat" in evidence
    assert runner._make_widget("weapon").evidence_text() == ""  # only that question
    app.close()


def test_what_is_known_here_is_said_in_spanish_but_notes_stay_as_typed(qtbot, qapp, tmp_path):
    from civilian_responder_ui.shell.translations import Translations  # noqa: PLC0415

    from tests.ui.language_support import visible_texts  # noqa: PLC0415

    app, call = known_core(tmp_path)
    translations = Translations(qapp)
    translations.switch("es")
    try:
        detail = CallDetailView(app, TaskRunner(inline=True))
        qtbot.addWidget(detail)
        detail.show()
        detail.show_call(call.id)
        text = detail.known_here.text()
        for expected in ("Violencia registrada", "en 1 contacto(s)", "Seguimiento pendiente",
                         "vence el 2026-12-01", "bring the bus pass",
                         "neighbour threatened staff with a bat"):
            assert expected in text, expected
        shown = " ".join(visible_texts(detail.known_here).values())
        for english in ("Violence noted", "Open follow-up", "(due "):
            assert english not in shown and english not in text, english
    finally:
        translations.switch("en")
        app.close()
