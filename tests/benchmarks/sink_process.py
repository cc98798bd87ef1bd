"""The bare baseline the sync and station benchmarks compare against: a sink server started as
its own process, ready once it answers a POST."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx


@contextlib.contextmanager
def running_sink(cmd: list[str], port: int, wait_s: float = 30, **popen: Any) -> Iterator[str]:
    proc = subprocess.Popen(cmd, **popen)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + wait_s
    try:
        while time.monotonic() < deadline:
            try:
                httpx.post(url, content=b"x", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
