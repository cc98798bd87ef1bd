"""The task runner: work on a pool thread, result or error back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from civilian_responder_ui.shell.tasks import TaskRunner


def test_real_thread_delivers_result_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    got = []
    with qtbot.waitSignal(runner._finished, timeout=5000):
        runner.run(
            lambda x: (x * 2, threading.get_ident()),
            21,
            on_result=lambda r: got.append((r, threading.get_ident())),
        )
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    (value, worker), callback_thread = got[0]
    assert value == 42
    assert worker != gui
    assert callback_thread == gui
    assert runner.pending() == 0
    runner.wait_for_done()


def test_real_thread_error_reaches_on_error_with_progress_and_cancel(qtbot):
    runner = TaskRunner()
    progress, errors = [], []

    def work(task):
        task.report_progress(1, 2)
        task.cancel_event.wait(5)
        raise RuntimeError("cancelled" if task.cancelled else "timeout")

    task = runner.run(
        work,
        on_error=errors.append,
        on_progress=lambda d, t: progress.append(d),
        pool="sync",
        pass_task=True,
    )
    task.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "cancelled"
    assert progress == [1]
    runner.wait_for_done()


def test_inline_runner_is_synchronous_and_reports_unhandled_errors(qtbot):
    runner = TaskRunner(inline=True)
    got = []
    runner.run(sum, [1, 2, 3], on_result=got.append)
    assert got == [6]
    with qtbot.waitSignal(runner.task_failed) as signal:
        runner.run(lambda: 1 / 0)
    assert isinstance(signal.args[0], ZeroDivisionError)


@pytest.mark.parametrize("pool", ["default", "pdf", "sync"])
def test_named_pools_have_sensible_sizes(pool):
    runner = TaskRunner()
    assert runner._pool(pool).maxThreadCount() == {"default": 2, "pdf": 1, "sync": 1}[pool]
