"""A private temporary directory for one signed-in session (rendered PDFs, preview images).

Created on first use, owner-only (0700), and wiped on sign-out and close, so decrypted copies
do not outlive the session (CJIS 5.13.3-5, ASVS 14.3.1). Features that must write a decrypted
file (a PDF to print or preview) write it here: ``app.scratch.path() / "report.pdf"``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


class ScratchDir:
    def __init__(self, parent: Path | None = None) -> None:
        self._parent = parent
        self._path: Path | None = None

    def path(self) -> Path:
        if self._path is None or not self._path.exists():
            self._path = Path(tempfile.mkdtemp(prefix="responder-session-", dir=self._parent))
            os.chmod(self._path, 0o700)
        return self._path

    def wipe(self) -> None:
        """Overwrite and remove every file (best effort: see the README on disk encryption)."""
        if self._path is None:
            return
        for f in self._path.rglob("*"):
            if f.is_file():
                with contextlib.suppress(OSError):
                    f.write_bytes(b"\0" * f.stat().st_size)
        shutil.rmtree(self._path, ignore_errors=True)
        log.debug("Wiped the session's temporary files")
        self._path = None
