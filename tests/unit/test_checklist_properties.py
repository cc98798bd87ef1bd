"""Property tests: random answer sequences (valid and invalid answers, back-steps, clears) never
crash the engine or the service, and the outcome is always consistent."""

from __future__ import annotations

import pytest
from civilian_responder.checklists.definition import Definition
from civilian_responder.checklists.engine import (
    check_answer,
    current_step,
    evaluate,
    holds,
    level_for_score,
    step_after,
    step_before,
)
from civilian_responder.checklists.loader import load_file, parse_definition
from civilian_responder.errors import ValidationError
from civilian_responder.reference import load_reference
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.checklist_support import SHIPPED, app_with_call, scored_definition

REF = load_reference()
DEFINITIONS: list[Definition] = [load_file(p, REF).definition for p in SHIPPED]
DEFINITIONS.append(parse_definition(scored_definition(), "mini.json", REF).definition)
SAFETY = next(d for d in DEFINITIONS if d.id == "safety-screen")

garbage = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 30), st.floats(allow_nan=True),
    st.text(max_size=30), st.lists(st.text(max_size=12), max_size=3), st.just({"x": 1}),
)


@st.composite
def answer_for(draw, definition: Definition):
    item = draw(st.sampled_from(definition.items))
    codes = [c.code for c in item.choices]
    valid = {
        "yes_no": st.booleans(),
        "single_choice": st.sampled_from(codes) if codes else st.none(),
        "multi_choice": st.lists(st.sampled_from(codes), max_size=4) if codes else st.none(),
        "number": st.integers(-2, 25),
        "text": st.text(max_size=40),
    }.get(item.type, st.none())
    return item, draw(st.one_of(valid, valid, garbage))


@st.composite
def scenario(draw, definitions=tuple(DEFINITIONS)):
    definition = draw(st.sampled_from(definitions))
    ops = draw(st.lists(st.one_of(
        st.tuples(st.just("answer"), answer_for(definition)),
        st.tuples(st.just("next"), st.none()),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("done"), st.sampled_from(definition.items)),
    ), max_size=40))
    return definition, ops


def check_consistent(d: Definition, answers: dict, done: dict) -> None:
    ev = evaluate(d, answers, done)
    visible = {i.id for i in ev.visible}
    assert set(ev.values) <= visible
    assert ev.score == sum(c.points for c in ev.contributions)
    assert all(c.item_id in ev.values for c in ev.contributions)
    assert {r.id for r in ev.triggered} == {r.id for r in d.stop_rules if holds(r.when, ev.values)}
    assert set(ev.missing_required) <= visible
    assert all(d.item(i).required and i not in ev.values for i in ev.missing_required)
    assert 0 <= ev.done <= ev.total
    if d.scoring is None:
        assert ev.level is None
        return
    by_range = level_for_score(d, ev.score)
    assert by_range is not None, "validated levels cover every reachable score"
    raised = [d.scoring.level(o.level) for o in d.scoring.overrides if holds(o.when, ev.values)]
    expected = max([by_range, *raised], key=lambda lv: lv.severity)
    assert ev.level == expected
    if ev.level == by_range:
        assert ev.level.minimum <= ev.score <= ev.level.maximum


@settings(max_examples=300, deadline=None)
@given(scenario())
def test_random_sequences_never_crash_the_engine_and_stay_consistent(case):
    definition, ops = case
    answers: dict = {}
    done: dict = {}
    cursor = None
    for op, arg in ops:
        ev = evaluate(definition, answers, done)
        if op == "answer":
            item, value = arg
            try:
                answers[item.id] = check_answer(item, value)
            except ValidationError:
                pass  # refused: the stored answer is unchanged
        elif op == "next":
            cursor = step_after(ev, cursor)
        elif op == "back":
            cursor = step_before(ev, cursor)
        elif arg.type == "action":
            done[arg.id] = None if done.get(arg.id) else "2026-11-21T14:00:00.000Z"
        ev = evaluate(definition, answers, done)
        cursor = current_step(ev, cursor, definition.items) if cursor else cursor
        assert cursor is None or ev.is_visible(cursor)
        check_consistent(definition, answers, done)


COMPLETED: list[str] = []


def _fill_required(app, run_id):
    """Answer whatever is still required with its first valid answer (answers can reveal more)."""
    view = app.checklists.get(run_id)
    for _ in range(30):
        if not view.evaluation.missing_required:
            break
        item = view.definition.item(view.evaluation.missing_required[0])
        if item.type == "action":
            view = app.checklists.mark_done(run_id, item.id)
            continue
        first = {"yes_no": False, "number": item.minimum or 0, "text": "ok"}.get(
            item.type, item.choices[0].code if item.choices else None)
        view = app.checklists.answer(run_id, item.id, [first] if item.type == "multi_choice"
                                     else first)
    return view


@pytest.fixture(scope="module")
def app_and_call(tmp_path_factory):
    app, call_id = app_with_call(tmp_path_factory.mktemp("props"), "WELCK")
    yield app, call_id
    app.close()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(case=(SAFETY, [("answer", (SAFETY.item("weapon"), True))]), finish="request_police")
@example(case=(SAFETY, [("answer", (SAFETY.item("history"), True))]), finish="proceed")
@given(case=scenario(tuple(DEFINITIONS[:-1])),
       finish=st.sampled_from(["request_police", "hand_back", "proceed", None]))
def test_stored_runs_are_consistent_and_stop_rules_always_escalate(app_and_call, case, finish):
    app, call_id = app_and_call
    definition, ops = case
    run_id = app.checklists.start(call_id, definition.id).run.id
    for op, arg in ops:
        try:
            if op == "answer":
                app.checklists.answer(run_id, arg[0].id, arg[1])
            elif op == "done":
                app.checklists.mark_done(run_id, arg.id)
        except ValidationError:
            pass
    view = _fill_required(app, run_id)
    for rule in view.unresolved if finish else ():
        action = finish if finish in rule.actions else rule.actions[0]
        view = app.checklists.escalate(run_id, action, "written reason", [rule.id])
    view = _fill_required(app, run_id)
    try:
        view = app.checklists.complete(run_id)
    except ValidationError:
        assert view.unresolved and not finish
        return
    COMPLETED.append(view.run.outcome)
    assert view.run.state == "completed"
    if view.evaluation.triggered:
        assert view.escalated and view.run.outcome != "CLEAR"
        assert {r.id for r in view.evaluation.triggered} <= {e.rule_id for e in
                                                              view.run.escalations}
    score = view.evaluation.score if definition.scoring else None
    assert view.run.score == score
    assert view.run.level == (view.level.id if view.level else None)


def test_the_service_property_test_completed_runs_of_both_kinds():
    # Guards the property test above against silently finishing nothing.
    assert {"CLEAR", "POLICE_CO_RESPONSE", "PROCEEDED_WITH_JUSTIFICATION"} <= set(COMPLETED)
