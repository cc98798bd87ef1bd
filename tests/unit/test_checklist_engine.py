"""The checklist engine and service: visibility, required items, stop rules, scoring and levels,
versions, persistence and report pre-fill, on a real database file."""

from __future__ import annotations

import json

import pytest
from civilian_responder.app import open_app
from civilian_responder.checklists.engine import evaluate
from civilian_responder.checklists.loader import parse_definition
from civilian_responder.errors import ValidationError
from civilian_responder.reference import load_reference

from tests.checklist_support import app_with_call, clock, scored_definition, write_definition

REF = load_reference()


def mini():
    result = parse_definition(scored_definition(), "mini.json", REF)
    assert result.problems == ()
    return result.definition


def test_hidden_item_shows_only_when_its_condition_holds():
    d = mini()
    assert not evaluate(d, {}).is_visible("b")
    assert evaluate(d, {"a": True}).is_visible("b")
    assert not evaluate(d, {"a": False}).is_visible("b")


def test_answer_of_a_hidden_item_is_ignored_everywhere():
    d = mini()
    ev = evaluate(d, {"a": False, "b": True})
    assert "b" not in ev.values
    assert ev.triggered == ()  # the stop rule reads b, which is hidden
    assert ev.score == 0


def test_required_items_are_listed_until_answered_and_hidden_ones_are_not_required():
    d = mini()
    assert evaluate(d, {}).missing_required == ("a", "c")
    assert evaluate(d, {"a": True}).missing_required == ("b", "c")
    assert evaluate(d, {"a": True, "b": False, "c": "X"}).missing_required == ()


def test_progress_counts_visible_steps_but_not_guidance_cards():
    d = mini()
    ev = evaluate(d, {"a": True, "c": "X"}, {"act": "2026-11-21T14:00:00.000Z"})
    assert (ev.done, ev.total) == (3, 7)


def test_stop_rule_fires_on_its_answer():
    ev = evaluate(mini(), {"a": True, "b": True})
    assert [r.id for r in ev.triggered] == ["danger"]
    assert ev.triggered[0].banner == "Danger — stop"


def test_score_is_the_sum_of_contributing_answers_and_picks_the_level():
    ev = evaluate(mini(), {"a": True, "b": True, "c": "Y"})
    assert ev.score == 6
    assert [(c.item_id, c.points) for c in ev.contributions] == [("a", 2), ("b", 3), ("c", 1)]
    assert ev.level.id == "high"
    assert evaluate(mini(), {"a": True, "c": "Y"}).level.id == "mid"
    assert evaluate(mini(), {"c": "X"}).level.id == "low"


def test_an_answer_pattern_raises_the_level_and_says_why():
    ev = evaluate(mini(), {"c": "Z"})
    assert ev.score == 4
    assert ev.level.id == "high"
    assert ev.level_reasons == ("Z chosen",)


@pytest.mark.parametrize("item,value", [
    ("a", "yes"), ("c", "Q"), ("d", ["NOPE"]), ("n", 11), ("n", True), ("n", float("nan")),
    ("t", "x" * 21), ("act", True), ("g", True), ("t", 5),
])
def test_invalid_answers_are_refused_with_the_item_named(tmp_path, item, value):
    app, call_id = app_with_call(tmp_path)
    write_definition(app.paths.checklists, scored_definition())
    app.checklists.reload()
    run = app.checklists.start(call_id, "mini")
    with pytest.raises(ValidationError) as err:
        app.checklists.answer(run.run.id, item, value)
    assert item in err.value.field_errors or item in str(err.value)
    assert app.checklists.get(run.run.id).run.step(item) is None


def test_each_answer_is_saved_with_its_time_and_survives_reopening(tmp_path):
    fixed = clock()
    app, call_id = app_with_call(tmp_path, fixed=fixed)
    run_id = app.checklists.start(call_id, "suicide-risk").run.id
    app.checklists.answer(run_id, "wish_dead", True)
    fixed.advance(30)
    app.checklists.answer(run_id, "thoughts", False)
    app.checklists.set_note(run_id, "thoughts", "said 'not really' twice")
    app.checklists.mark_done(run_id, "stayed")
    app.store.close()  # no clean close: as after a crash

    again = open_app(tmp_path, clock=fixed)
    view = again.checklists.get(run_id)
    assert view.run.state == "in_progress"
    assert view.run.step("wish_dead").answered_at == "2026-11-21T14:00:00.000Z"
    assert view.run.step("thoughts").answered_at == "2026-11-21T14:00:30.000Z"
    assert view.run.step("thoughts").note == "said 'not really' twice"
    assert view.run.step("stayed").done_at == "2026-11-21T14:00:30.000Z"
    assert view.run.current_item == "stayed"
    assert view.run.score == 1 and view.run.level == "low"
    assert [r.id for r in again.checklists.in_progress()] == [run_id]


def test_weapon_answer_escalates_and_request_police_records_a_backup_event(tmp_path):
    app, call_id = app_with_call(tmp_path, "WELCK")
    view = app.checklists.start(call_id, "safety-screen")
    view = app.checklists.answer(view.run.id, "weapon", True)
    assert [r.id for r in view.unresolved] == ["weapon"]
    with pytest.raises(ValidationError):
        app.checklists.complete(view.run.id)
    with pytest.raises(ValidationError):
        app.checklists.escalate(view.run.id, "proceed", "looks fine")  # not offered for weapons
    view = app.checklists.escalate(view.run.id, "request_police")
    backups = [e for e in app.calls.timeline(call_id) if e.kind == "backup"]
    assert len(backups) == 1 and backups[0].reason_code == "WEAPON"
    assert view.run.escalations[0].event_id == backups[0].id
    assert view.stopped and view.blocking() == []  # the rest of the screen is optional now
    done = app.checklists.complete(view.run.id)
    assert done.run.state == "completed" and done.run.outcome == "POLICE_CO_RESPONSE"
    report = app.reports.current_for_call(call_id)
    assert report.backup_requested and report.backup_reason_code == "WEAPON"
    entry = [e for e in app.store.outbox.entries() if e.kind == "checklist_run"][-1]
    payload = json.loads(entry.payload)
    assert payload["definition_id"] == "safety-screen" and payload["definition_version"] == 1
    assert payload["escalations"][0]["action"] == "request_police"
    assert payload["steps"][0]["item_id"] == "weapon"


def test_proceeding_past_a_stop_rule_needs_a_written_reason(tmp_path):
    app, call_id = app_with_call(tmp_path, "WELCK")
    run_id = app.checklists.start(call_id, "safety-screen").run.id
    app.checklists.answer(run_id, "history", True)
    with pytest.raises(ValidationError) as err:
        app.checklists.escalate(run_id, "proceed", "   ")
    assert "justification" in err.value.field_errors
    view = app.checklists.escalate(run_id, "proceed", "prior call was 2019, person known to us")
    assert view.unresolved == () and not view.stopped
    assert "answer:" in view.blocking()[0]  # proceeding means finishing the screen
    assert view.outcome == "PROCEEDED_WITH_JUSTIFICATION"
    assert not [e for e in app.calls.timeline(call_id) if e.kind == "backup"]
    [note] = [e for e in app.calls.timeline(call_id) if e.kind == "note"]
    assert "proceeding" in note.note and "person known to us" in note.note
    assert view.run.escalations[0].event_id == note.id
    synced = [json.loads(o.payload) for o in app.store.outbox.entries()
              if o.kind == "status_event"]
    assert any(p["id"] == note.id and p["kind"] == "note" for p in synced)


def test_completion_prefills_only_empty_report_fields(tmp_path):
    app, call_id = app_with_call(tmp_path, "647")
    report = app.reports.start(call_id)
    app.reports.save_fields(report.id, {"flags": ["VETERAN"], "follow_up_needed": False,
                                        "outcome_codes": ["RESOLVED_ON_SCENE"],
                                        "services": [{"code": "FOOD_WATER",
                                                      "response": "DECLINED"}]})
    run_id = app.checklists.start(call_id, "unhoused-outreach").run.id
    for item, value in [("living", "VEHICLE"), ("offered", ["FOOD_WATER", "SHELTER_BED"]),
                        ("accepted", ["SHELTER_BED"]), ("bed_offered", True),
                        ("placement", "PLACED"), ("follow_up", True)]:
        app.checklists.answer(run_id, item, value)
    app.checklists.complete(run_id)
    after = app.reports.get(report.id)
    assert after.flags == ("VETERAN", "UNHOUSED")
    assert [(s.code, s.response) for s in after.services] == [
        ("FOOD_WATER", "DECLINED"), ("SHELTER_BED", "ACCEPTED")]  # the responder's entry kept
    assert after.referrals == ("SHELTER",)
    assert after.follow_up_needed is True
    assert after.outcome_codes == ("RESOLVED_ON_SCENE",)
    assert after.shelter_placement_code == "PLACED"  # the placement answer fills its own field


def test_naloxone_given_prefills_the_naloxone_service(tmp_path):
    app, call_id = app_with_call(tmp_path, "11300")
    run_id = app.checklists.start(call_id, "substance-overdose").run.id
    view = app.checklists.answer(run_id, "responds", "NONE")
    assert [r.id for r in view.unresolved] == ["overdose"]
    app.checklists.answer(run_id, "breathing", "SLOW")
    app.checklists.mark_done(run_id, "naloxone")
    app.checklists.escalate(run_id, "proceed", "EMS on the way, rescue breathing started")
    app.checklists.complete(run_id)
    report = app.reports.current_for_call(call_id)
    assert [(s.code, s.response) for s in report.services] == [("NALOXONE", "ACCEPTED")]


def test_suggestions_follow_call_type_and_report_flags(tmp_path):
    app, call_id = app_with_call(tmp_path, "5150")
    ids = [s.definition.id for s in app.checklists.suggestions(call_id)]
    assert ids[:3] == ["safety-screen", "de-escalation", "suicide-risk"]
    assert "unhoused-outreach" not in ids
    report = app.reports.start(call_id)
    app.reports.save_fields(report.id, {"flags": ["UNHOUSED"]})
    reasons = {s.definition.id: s.reason for s in app.checklists.suggestions(call_id)}
    assert "UNHOUSED" not in reasons["unhoused-outreach"]
    assert reasons["unhoused-outreach"].startswith("flagged")


def test_a_run_started_on_v1_finishes_on_v1_after_v2_ships(tmp_path):
    app, call_id = app_with_call(tmp_path, "WELCK")
    folder = app.paths.checklists
    v1_path = write_definition(folder, scored_definition())
    app.checklists.reload()
    run_id = app.checklists.start(call_id, "mini").run.id
    app.checklists.answer(run_id, "a", True)
    app.close()

    v2 = scored_definition(version=2, title="Mini screen, revised")
    v2["items"] = [i for i in v2["items"] if i["id"] != "b"]
    v2["items"][0]["text"] = "A, asked differently?"
    v2["stop_rules"] = []
    v2["report_mappings"] = v2["report_mappings"][1:]
    v2["scoring"] = {"levels": [{"id": "low", "label": "Low", "min": 0, "max": 9,
                                 "recommendation": "Stay."}]}
    write_definition(folder, v2)
    v1_path.unlink()  # even the old file is gone: the run keeps its own copy

    again = open_app(tmp_path, clock=clock())
    assert again.checklists.catalog.get("mini").version == 2
    view = again.checklists.get(run_id)
    assert view.definition.version == 1 and view.definition.item("b") is not None
    view = again.checklists.answer(run_id, "b", True)
    assert [r.id for r in view.unresolved] == ["danger"]
    again.checklists.escalate(run_id, "hand_back")
    done = again.checklists.complete(run_id)
    assert done.run.definition_version == 1 and done.run.outcome == "HANDED_BACK"
    new_run = again.checklists.start(call_id, "mini")
    assert new_run.definition.version == 2 and new_run.definition.item("b") is None


def test_finished_runs_cannot_be_changed(tmp_path):
    app, call_id = app_with_call(tmp_path, "WELCK")
    run_id = app.checklists.start(call_id, "de-escalation").run.id
    app.checklists.abandon(run_id)
    with pytest.raises(ValidationError):
        app.checklists.answer(run_id, "warning", False)
    kinds = [e.kind for e in app.store.outbox.entries()]
    assert kinds.count("checklist_run") == 1


def test_invalid_drop_in_is_reported_once_and_the_app_keeps_working(tmp_path):
    profile = tmp_path / "p"
    bad = scored_definition(id="broken")
    bad["items"][1]["visible_if"] = {"item": "nope", "equals": True}
    write_definition(profile / "checklists", bad)
    (profile / "checklists" / "garbage.json").write_bytes(b"\xff\xfe{{{")
    app = open_app(profile, clock=clock())
    problems = app.checklists.problems
    assert {p.source.rsplit("/", 1)[-1] for p in problems} == {"broken.v1.json", "garbage.json"}
    assert any(p.item == "b" and "unknown item 'nope'" in p.problem for p in problems)
    assert len(app.checklists.definitions()) == 7


def test_finished_runs_are_summarized_for_the_report(tmp_path):
    app, call_id = app_with_call(tmp_path, "5150")
    run_id = app.checklists.start(call_id, "suicide-risk").run.id
    for item, value in [("wish_dead", True), ("thoughts", False), ("behavior", "NEVER"),
                        ("someone_with", True)]:
        app.checklists.answer(run_id, item, value)
    app.checklists.mark_done(run_id, "warm_988")
    app.checklists.complete(run_id)
    app.checklists.start(call_id, "safety-screen")  # in progress: not in the summary
    [summary] = app.checklists.summaries_for_call(call_id)
    assert (summary.title, summary.version, summary.level) == ("Suicide-risk screen", 2,
                                                               "Low risk")
    assert any(line.endswith("Yes") and "wished they were dead" in line for line in summary.lines)
    assert summary.lines[-1].startswith("Level: Low risk.")
    report = app.reports.current_for_call(call_id)
    # One meaning per field: a warm transfer on scene, not "the 911 call went to 988".
    assert report.warm_transfer_988 and not report.call_transferred_988
    assert report.outcome_codes == ()
    assert report.referrals == ("988",) and report.flags == ("MENTAL_HEALTH",)
