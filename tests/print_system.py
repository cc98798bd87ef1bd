"""The real print system for the printing tests: CUPS with the cups-pdf queue that
packaging/ci/print-system sets up (and starts, if cupsd is not running: never a skip)."""

from __future__ import annotations

import getpass
import os
import re
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "ci" / "print-system"
QUEUE = os.environ.get("RESPONDER_TEST_PRINTER", "Responder-PDF")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def _ready() -> bool:
    try:
        running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, timeout=10)
        queue = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True,
                               timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "is running" in running.stdout and "not running" not in running.stdout and \
        queue.returncode == 0 and "disabled" not in queue.stdout


def ensure_print_system() -> Path:
    """cupsd running with the queue enabled; returns the folder cups-pdf writes our jobs to."""
    if not _ready():
        done = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{SCRIPT} failed:\n{done.stdout}\n{done.stderr}"
    assert _ready(), "cupsd or the Responder-PDF queue is not ready after print-system"
    return output_folder()


def output_folder() -> Path:
    text = CUPS_PDF_CONF.read_text()
    found = re.search(r"^Out\s+(\S+)", text, re.MULTILINE)
    assert found, f"no Out line in {CUPS_PDF_CONF}"
    user = getpass.getuser()
    return Path(found[1].replace("${USER}", user).replace("${HOME}", os.path.expanduser("~")))


def wait_completed(job_id: str, timeout: float = 60) -> None:
    """Until ``lpstat -W completed`` lists the job (which CUPS does once it left the queue)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = subprocess.run(["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True,
                              text=True, timeout=10)
        if any(line.split()[:1] == [job_id] for line in done.stdout.splitlines()):
            return
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not complete within {timeout} s")


def take_printed(job_id: str) -> bytes:
    """The printed PDF's bytes; the file is removed (it is a plaintext report copy)."""
    path = printed_file(job_id)
    data = path.read_bytes()
    path.unlink()
    return data


def printed_file(job_id: str, timeout: float = 30) -> Path:
    """The PDF cups-pdf wrote for the job (``Label 2`` puts "-job_<N>" in its name)."""
    number = job_id.rsplit("-", 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(output_folder().glob(f"*-job_{number}.pdf"))
        if found and found[0].stat().st_size > 0:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"cups-pdf wrote no file for job {job_id} in {output_folder()}")
