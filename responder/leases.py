"""Leases on a shared helper process: a folder of files named after the processes using it.

The demo station is a child process shared by every app started on the demo profile. Each app
*takes* a lease (a file ``<pid>.lease`` holding the pid and its start marker); the station
*watches* the folder and stops when no lease holder is alive any more, so it goes away after the
last app quits, even one killed with ``kill -9`` (its file stays, its process does not). A start
marker (Linux: the process start time) keeps a recycled pid from counting as the old app.

``LaunchLock`` serialises "is the helper running? start it" in the apps against "nobody is left,
stop" in the helper, so a new app never reuses a helper that is already on its way out.

Standard library only: the station imports this module too.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

_SUFFIX = ".lease"


def process_marker(pid: int) -> str:
    """Something that changes when a pid is reused: the start time on Linux, else ''."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # Field 2 (the command) may hold spaces or ')': split after its closing parenthesis.
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


def pid_alive(pid: int, marker: str = "") -> bool:
    """True if ``pid`` runs (and, given a marker, is still the same process). A zombie - a
    killed process its parent has not reaped yet - counts as gone."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): the signal test is all we have
    fields = stat.rpartition(")")[2].split()
    if fields and fields[0] in ("Z", "X"):
        return False
    return not marker or process_marker(pid) == marker


def _windows_pid_alive(pid: int) -> bool:
    import ctypes  # noqa: PLC0415 (Windows only)

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class LeaseDir:
    """The lease files in one folder."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @property
    def lock_path(self) -> Path:
        """The ``LaunchLock`` file of this helper."""
        return self.path / "launch.lock"

    def take(self, pid: int | None = None) -> Path:
        pid = os.getpid() if pid is None else pid
        self.path.mkdir(parents=True, exist_ok=True)
        lease = self.path / f"{pid}{_SUFFIX}"
        tmp = lease.with_suffix(".tmp")
        tmp.write_text(f"{pid} {process_marker(pid)}\n", encoding="ascii")
        os.replace(tmp, lease)
        return lease

    def release(self, pid: int | None = None) -> None:
        pid = os.getpid() if pid is None else pid
        with contextlib.suppress(OSError):
            (self.path / f"{pid}{_SUFFIX}").unlink()

    def holders(self) -> list[int]:
        """Pids of live lease holders; files left by dead ones are removed."""
        alive = []
        for lease in sorted(self.path.glob(f"*{_SUFFIX}")):
            try:
                pid_text, _, marker = lease.read_text(encoding="ascii").strip().partition(" ")
                pid = int(pid_text)
            except (OSError, ValueError):
                pid, marker = -1, ""
            if pid_alive(pid, marker):
                alive.append(pid)
            else:
                with contextlib.suppress(OSError):
                    lease.unlink()
        return alive


class LaunchLock:
    """An exclusive lock on a file, released when the holder exits (even by ``kill -9``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file: object | None = None

    def acquire(self, timeout: float = 10.0) -> bool:
        """Wait up to ``timeout`` seconds (0: just try). True if it is ours."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 (held until release)
        deadline = time.monotonic() + timeout
        while True:
            if _try_lock(handle):
                self._file = handle
                return True
            if time.monotonic() >= deadline:
                handle.close()
                return False
            time.sleep(0.05)

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            _unlock(handle)
            handle.close()  # type: ignore[attr-defined]

    @contextlib.contextmanager
    def held(self, timeout: float = 10.0) -> Iterator[bool]:
        got = self.acquire(timeout)
        try:
            yield got
        finally:
            if got:
                self.release()


def _try_lock(handle: object) -> bool:
    fd = handle.fileno()  # type: ignore[attr-defined]
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(handle: object) -> None:
    fd = handle.fileno()  # type: ignore[attr-defined]
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt  # noqa: PLC0415

            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(fd, fcntl.LOCK_UN)
