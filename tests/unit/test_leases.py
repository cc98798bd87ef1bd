"""Leases on the shared demo station: live holders, dead ones, zombies, recycled pids, the lock."""

import os
import subprocess
import sys
import time

from civilian_responder.leases import LaunchLock, LeaseDir, pid_alive, process_marker


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_running_process_is_alive_and_a_finished_one_is_not():
    assert pid_alive(os.getpid(), process_marker(os.getpid()))
    assert not pid_alive(_dead_pid())
    assert not pid_alive(0)


def test_a_killed_child_not_yet_reaped_counts_as_gone():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert pid_alive(proc.pid)
        proc.kill()
        for _ in range(100):  # the zombie stays until wait(); it must already count as gone
            if not pid_alive(proc.pid):
                break
            time.sleep(0.02)
        assert not pid_alive(proc.pid)
    finally:
        proc.wait()


def test_a_recycled_pid_with_another_start_marker_is_not_the_old_holder():
    assert not pid_alive(os.getpid(), "not-my-start-time")


def test_holders_lists_live_leases_and_removes_dead_ones(tmp_path):
    leases = LeaseDir(tmp_path / "leases")
    leases.take()
    dead = _dead_pid()
    leases.take(dead)
    (leases.path / "garbage.lease").write_text("not a pid")
    assert leases.holders() == [os.getpid()]
    assert sorted(p.name for p in leases.path.glob("*.lease")) == [f"{os.getpid()}.lease"]
    leases.release()
    assert leases.holders() == []


def test_the_launch_lock_excludes_another_process_until_released(tmp_path):
    lock = LaunchLock(tmp_path / "launch.lock")
    assert lock.acquire(timeout=0)
    probe = [sys.executable, "-c",
             "import sys; from civilian_responder.leases import LaunchLock; "
             "sys.exit(0 if LaunchLock(sys.argv[1]).acquire(timeout=0) else 3)",
             str(tmp_path / "launch.lock")]
    assert subprocess.run(probe, timeout=30).returncode == 3
    lock.release()
    assert subprocess.run(probe, timeout=30).returncode == 0
