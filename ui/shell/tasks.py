"""Run work off the GUI thread and get the result (or the exception) back on it.

Picard-style: ``tasks.run(fn, *args, on_result=..., on_error=...)`` queues ``fn`` on a named
QThreadPool; when it finishes, the callback runs on the GUI thread via a queued signal. Workers
must never touch the sqlite connection (it belongs to the GUI thread): give them plain data.
``TaskRunner(inline=True)`` runs everything synchronously, for tests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

# Pool name -> max threads. Sync is strictly one at a time; PDF rendering is CPU-bound.
POOL_SIZES = {"default": 2, "sync": 1, "pdf": 1}


class Task:
    """A handle on one queued job: cancel it, or (from the worker) report progress."""

    def __init__(self, runner: TaskRunner, on_progress: Callable[[int, int], None] | None):
        self._runner = runner
        self._on_progress = on_progress
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report_progress(self, done: int, total: int) -> None:
        """Safe to call from the worker; the callback runs on the GUI thread."""
        if self._on_progress is not None:
            self._runner._progressed.emit(self, done, total)

    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task: Task, call: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._task = task
        self._call = call

    def run(self) -> None:
        try:
            result, error = self._call(), None
        except BaseException as exc:  # noqa: BLE001 (delivered to the GUI thread, not lost)
            result, error = None, exc
        self._runner._finished.emit(self._task, result, error)


class TaskRunner(QObject):
    """Owns the thread pools. Create one per application (the composition root does)."""

    # Emitted (on the GUI thread) for an error no ``on_error`` handled; the app shows a dialog.
    task_failed = Signal(object)
    _finished = Signal(object, object, object)
    _progressed = Signal(object, int, int)

    def __init__(self, inline: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inline = inline
        self._pools: dict[str, QThreadPool] = {}
        self._callbacks: dict[Task, tuple[Callable | None, Callable | None]] = {}
        # Jobs stay ours until their result is back: if the pool deleted a finished job on the
        # worker thread, PySide would release Python objects there (seen as a refcount crash
        # at interpreter exit). They are dropped on the GUI thread instead.
        self._jobs: dict[Task, _Job] = {}
        self._finished.connect(self._on_job_finished)
        self._progressed.connect(self._on_job_progressed)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        pool: str = "default",
        pass_task: bool = False,
    ) -> Task:
        """Queue ``fn(*args)``. With ``pass_task=True`` it is called as ``fn(*args, task=t)``
        so it can check ``t.cancelled`` and call ``t.report_progress(done, total)``."""
        task = Task(self, on_progress)
        self._callbacks[task] = (on_result, on_error)

        def call() -> Any:
            return fn(*args, task=task) if pass_task else fn(*args)

        job = _Job(self, task, call)
        if self.inline:
            job.run()
            # A direct connection already delivered it; nothing is left to wait for.
        else:
            job.setAutoDelete(False)
            self._jobs[task] = job
            self._pool(pool).start(job)
        return task

    def pending(self) -> int:
        return len(self._callbacks)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every pool is idle (used on shutdown and in tests)."""
        return all(p.waitForDone(msecs) for p in self._pools.values())

    def _pool(self, name: str) -> QThreadPool:
        pool = self._pools.get(name)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(POOL_SIZES.get(name, 1))
            self._pools[name] = pool
        return pool

    def _on_job_progressed(self, task: Task, done: int, total: int) -> None:
        task._progress(done, total)

    def _on_job_finished(self, task: Task, result: Any, error: BaseException | None) -> None:
        self._jobs.pop(task, None)
        on_result, on_error = self._callbacks.pop(task, (None, None))
        if error is None:
            if on_result is not None:
                on_result(result)
            return
        if on_error is not None:
            on_error(error)
            return
        log.error("Background task failed", exc_info=(type(error), error, error.__traceback__))
        self.task_failed.emit(error)
