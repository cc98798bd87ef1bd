"""``serve --lease-dir DIR``: serve while some process holding a lease in DIR is alive.

The embedded demo station runs for the apps on the demo profile (see ``civilian_responder.
leases``). Every half second it looks at the leases; when no holder is alive - the last app
quit, or was killed - it stops the server. It decides under the launch lock and keeps the lock
until the process is gone, so an app starting at that moment waits and starts a fresh station
instead of reusing this one as it goes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from civilian_responder.leases import LaunchLock, LeaseDir

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
HARD_EXIT_SECONDS = 8.0  # if a graceful shutdown hangs, the process still goes


class LeaseWatch:
    def __init__(self, folder: Path, poll: float = POLL_SECONDS) -> None:
        self.leases = LeaseDir(folder)
        self.lock = LaunchLock(self.leases.lock_path)
        self.poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, stop_server: Callable[[], None]) -> None:
        self._thread = threading.Thread(target=self._run, args=(stop_server,),
                                        name="lease-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def nobody_left(self) -> bool:
        """True (and the launch lock kept) when no lease holder is alive."""
        if not self.lock.acquire(timeout=0):
            return False  # an app is starting or reusing the station right now
        if self.leases.holders():
            self.lock.release()
            return False
        return True

    def _run(self, stop_server: Callable[[], None]) -> None:
        while not self._stop.wait(self.poll):
            if self.nobody_left():
                log.info("no app holds a lease in %s any more: stopping", self.leases.path)
                stop_server()
                timer = threading.Timer(HARD_EXIT_SECONDS, os._exit, args=(0,))
                timer.daemon = True
                timer.start()
                return
