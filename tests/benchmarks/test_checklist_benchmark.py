"""Opening a 60-item checklist in the runner and answering one step: median and p99 in ms
(target: both within one 16 ms frame), next to a bare baseline (a plain widget and one
committed row) measured in the same run."""

from __future__ import annotations

import statistics
import time

import pytest
from civilian_responder_ui.checklists.checklist_runner import ChecklistRunnerView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tests.checklist_support import app_with_call, write_definition

ROUNDS = 200
FRAME_MS = 16.0


def sixty_items() -> dict:
    kinds = ["yes_no", "single_choice", "multi_choice", "number", "text", "action", "guidance"]
    items = []
    for n in range(60):
        kind = kinds[n % len(kinds)]
        item = {"id": f"q{n}", "type": kind, "text": f"Question number {n}: is this step done "
                                                     "the way the team agreed?",
                "help": "A line of help text that wraps on a narrow screen." if n % 3 else ""}
        if kind in ("single_choice", "multi_choice"):
            item["choices"] = [{"code": f"C{c}", "label": f"Choice {c}"} for c in range(5)]
        if kind == "yes_no":
            item["score"] = {"yes": 1}
        if n > 0 and n % 5 == 0:
            item["visible_if"] = {"item": "q0", "answered": True}
        items.append(item)
    return {"id": "sixty", "version": 1, "title": "Sixty steps", "items": items,
            "stop_rules": [{"id": "s", "when": {"item": "q7", "equals": True}, "banner": "Stop",
                            "actions": ["hand_back"]}],
            "scoring": {"levels": [{"id": "low", "label": "Low", "min": 0, "max": 4,
                                    "recommendation": "r"},
                                   {"id": "high", "label": "High", "min": 5, "max": 9,
                                    "recommendation": "r"}]}}


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in seconds)
    return statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]


@pytest.fixture
def sixty_run(tmp_path):
    app, call_id = app_with_call(tmp_path, "WELCK")
    write_definition(app.paths.checklists, sixty_items())
    app.checklists.reload()
    run_id = app.checklists.start(call_id, "sixty").run.id
    app.checklists.answer(run_id, "q0", True)
    yield app, run_id
    app.close()


def _bare_round(app, flip) -> None:
    widget = QWidget()
    QVBoxLayout(widget).addWidget(QLabel("Question?"))
    widget.resize(800, 700)
    widget.show()
    app.store.set_meta("bench", str(next(flip)))
    widget.deleteLater()


@pytest.mark.parametrize("mode", ["step", "list"])
def test_open_sixty_item_checklist_and_answer_one_step(benchmark, qtbot, sixty_run, mode):
    app, run_id = sixty_run
    app.checklists.set_preferred_mode(mode)
    flip = iter(range(10**9))
    runners: list[ChecklistRunnerView] = []

    def open_and_answer() -> None:
        runner = ChecklistRunnerView(app, None, run_id)
        runner.resize(800, 700)
        runner.show()
        runner.answer("q1", next(flip) % 2 == 0)
        runners.append(runner)

    def cleanup() -> None:
        while runners:
            r = runners.pop()
            r.hide()
            r.deleteLater()

    benchmark.pedantic(open_and_answer, setup=cleanup, rounds=ROUNDS, iterations=1,
                       warmup_rounds=5)
    median, p99 = percentiles(benchmark.stats.stats.data)
    bare = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        _bare_round(app, flip)
        bare.append(time.perf_counter() - start)
    bare_median, bare_p99 = percentiles(bare)
    print(f"\n60-item checklist, {mode} mode, open + answer one step: median {median:.2f} ms, "
          f"p99 {p99:.2f} ms (bare widget + one committed row: median {bare_median:.2f} ms, "
          f"p99 {bare_p99:.2f} ms; ratio {median / bare_median:.1f}x median)")
    if mode == "list":
        whole = []
        for _ in range(20):
            start = time.perf_counter()
            runner = ChecklistRunnerView(app, None, run_id)
            runner.list_view.finish_building()
            whole.append(time.perf_counter() - start)
            runner.deleteLater()
        print(f"  (building all 60 list rows at once, off the first frame: median "
              f"{percentiles(whole)[0]:.1f} ms; the runner spreads it over idle frames)")
    # Step view is the default and the target; the list view's first screen must also open
    # within a frame at the median (its p99 is printed: on a loaded 2-core box it can spike).
    assert median <= FRAME_MS
    if mode == "step":
        assert p99 <= FRAME_MS
