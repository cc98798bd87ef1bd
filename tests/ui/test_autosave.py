"""The Autosaver on a real database whose writes really fail (the connection is switched to
query_only, so SQLite itself refuses): the banner says so, nothing typed is dropped, and the
kept edits are written as soon as writing works again."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from civilian_responder.app import ResponderApp, open_app
from civilian_responder_ui.reports.report_form import ReportFormView
from PySide6.QtCore import Qt


@pytest.fixture
def app(tmp_path: Path) -> ResponderApp:
    opened = open_app(tmp_path / "profile")
    opened.calls.create_self_initiated("WELCK", "200 E Santa Clara St")
    opened.calls.create_self_initiated("647", "Guadalupe River Trail")
    yield opened
    opened.store.db.execute("PRAGMA query_only = OFF")
    opened.close()


@pytest.fixture
def form(qtbot, app: ResponderApp) -> ReportFormView:
    view = ReportFormView(app, None)
    qtbot.addWidget(view)
    view.resize(800, 700)
    view.show()
    view.show_call(_calls(app)[0])
    view.start_report()
    return view


def _calls(app: ResponderApp) -> list[str]:
    return sorted(c.id for c in app.calls.board())


def _writes(app: ResponderApp, allowed: bool) -> None:
    app.store.db.execute(f"PRAGMA query_only = {'OFF' if allowed else 'ON'}")


def test_failed_save_shows_the_banner_keeps_the_text_and_retries(qtbot, form, app):
    report_id = form._shown.id
    narrative = form.sections.editors["narrative"]
    _writes(app, False)
    qtbot.keyClicks(narrative, "calm now")

    assert form.flush() is False
    assert form.banner.isVisible()
    assert form.banner.text().startswith("Not saved: the report could not be written")
    assert "your text is kept here" in form.banner.text()
    assert form.autosaver.pending_for(report_id) == {"narrative": "calm now"}
    assert app.reports.get(report_id).narrative == ""

    _writes(app, True)
    with qtbot.waitSignal(form.autosaver.saved, timeout=2000):
        qtbot.keyClicks(narrative, ".")  # the next edit retries everything still pending

    assert app.reports.get(report_id).narrative == "calm now."
    assert not form.banner.isVisible()
    assert not form.autosaver.has_pending()


def test_unsaved_edits_survive_switching_calls_and_coming_back(qtbot, form, app):
    first_report = form._shown.id
    _writes(app, False)
    qtbot.keyClicks(form.sections.editors["narrative"], "not on disk yet")
    form.show_call(_calls(app)[1])  # the flush fails; the edit must stay pending

    assert form.banner.isVisible()
    form.show_call(_calls(app)[0])
    assert form.sections.editors["narrative"].toPlainText() == "not on disk yet"

    _writes(app, True)
    assert form.flush() is True
    assert app.reports.get(first_report).narrative == "not on disk yet"


def test_finalize_waits_for_pending_edits_to_be_saved(qtbot, form, app):
    _writes(app, False)
    qtbot.keyClicks(form.sections.editors["narrative"], "x")

    assert form.finalize() is None
    assert app.reports.get(form._shown.id).state == "draft"
    assert form.banner.isVisible()


def test_editing_a_report_finalized_elsewhere_is_reported_not_dropped_silently(qtbot, form, app):
    report_id = form._shown.id
    app.reports.save_fields(
        report_id,
        {
            "persons": [{"id": "p1", "role_code": "SUBJECT"}],
            "disposition_code": "NRR",
            "outcome_codes": ["RESOLVED_ON_SCENE"],
            "time_on_task_minutes": 5,
            "narrative": "done",
        },
    )
    app.reports.finalize(report_id)  # e.g. from another window of the same profile
    qtbot.keyClicks(form.sections.editors["narrative"], " and more")
    form.flush()

    assert form.banner.isVisible()
    assert "Not saved" in form.banner.text() and "finalized" in form.banner.text()


def test_save_now_button_commits_immediately(qtbot, form, app):
    qtbot.keyClicks(form.sections.editors["narrative"], "quick")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert app.reports.get(form._shown.id).narrative == "quick"
    assert form.status.text().startswith("Saved ")


def test_a_pause_in_typing_saves_within_half_a_second_not_on_every_key(qtbot, form, app):
    saves: list[dict] = []
    form.autosaver.saved.connect(lambda _rid, fields: saves.append(fields))
    narrative = form.sections.editors["narrative"]
    started = time.monotonic()
    qtbot.keyClicks(narrative, "abc")
    qtbot.wait(150)
    qtbot.keyClicks(narrative, "def")
    qtbot.wait(150)

    on_time = time.monotonic() - started < 0.38  # a starved machine may overshoot the waits
    if on_time:
        assert saves == []  # still typing: the debounce keeps waiting
    qtbot.waitUntil(lambda: bool(saves) and saves[-1] == {"narrative": "abcdef"}, timeout=1000)
    if on_time:
        assert len(saves) == 1  # one commit for the whole burst, not one per key
    assert app.reports.get(form._shown.id).narrative == "abcdef"
