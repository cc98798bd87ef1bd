"""A real station for tests: ``responder-station serve`` as a uvicorn subprocess on 127.0.0.1.

Fixtures (registered for every test through ``pytest_plugins`` in tests/conftest.py):

- ``station_server`` (session): a station on SQLite in a temp dir. Yields a ``StationProcess``:
  ``.base_url``; ``.make_code(unit)`` -> one-time enrollment code; ``.enroll(unit)`` ->
  ``(device_id, token)``; ``.admin_token(role)`` -> token for "dispatcher" / "supervisor";
  ``.kill()`` (SIGKILL), ``.stop()`` (SIGTERM), ``.start()``, ``.restart(kill=True)``;
  ``.station`` -> an in-process ``Station`` on the same database for direct checks;
  ``.log_text()`` -> the server's stdout/stderr so far.
- ``station_server_pg`` (session): the same on a fresh PostgreSQL database (dropped after).
- ``postgres_url()`` context manager: a throwaway PostgreSQL database URL.

Rate limits are set very high here so tests that make many requests are not throttled; tests of
the limits start their own ``StationProcess`` with ``extra_args``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
GENEROUS_LIMITS = ("--enroll-limit", "100000", "--enroll-global-limit", "100000",
                   "--auth-failure-limit", "100000")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL; dropped (forcibly) afterwards."""
    import psycopg

    name = f"station_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class StationProcess:
    def __init__(self, workdir: Path, database_url: str | None = None,
                 extra_args: Sequence[str] = GENEROUS_LIMITS, host: str = "127.0.0.1",
                 tls: tuple[Path, Path] | None = None, ca_file: Path | None = None) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or str(self.workdir / "station.db")
        self.extra_args = list(extra_args)
        self.host = host
        self.tls = tls
        self.verify: Any = ssl.create_default_context(cafile=str(ca_file)) if ca_file else True
        self.port = free_port()
        scheme = "https" if tls else "http"
        self.base_url = f"{scheme}://{host}:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._station: Any = None
        self._log = self.workdir / "station.log"

    # -- process control -------------------------------------------------------------
    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "civilian_responder.station", "serve", "--host", self.host,
               "--port", str(self.port), "--database", self.database_url, *self.extra_args]
        if self.tls:
            cmd += ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
        return cmd

    def start(self, timeout: float = 30.0) -> StationProcess:
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        log = self._log.open("ab")
        self.proc = subprocess.Popen(self.command(), cwd=REPO, env=env, stdout=log,
                                     stderr=subprocess.STDOUT)
        log.close()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"station exited with {self.proc.returncode}:\n"
                                   f"{self.log_text()[-3000:]}")
            try:
                r = httpx.get(f"{self.base_url}/api/v1/health", timeout=1.0, verify=self.verify)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"station did not start in {timeout}s:\n{self.log_text()[-3000:]}")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self, kill: bool = True) -> StationProcess:
        self.kill() if kill else self.stop()
        return self.start()

    def log_text(self) -> str:
        return self._log.read_text(errors="replace") if self._log.exists() else ""

    # -- administration (in-process, on the same database) ---------------------------
    @property
    def station(self) -> Any:
        if self._station is None:
            from civilian_responder.station.service import open_station

            self._station = open_station(self.database_url, run_migrations=False)
        return self._station

    def make_code(self, unit: str = "CSO-12", ttl_hours: float | None = None) -> str:
        return str(self.station.devices.make_code(unit, ttl_hours)[0])

    def enroll(self, unit: str = "CSO-12", name: str = "test-laptop") -> tuple[str, str]:
        r = httpx.post(f"{self.base_url}/api/v1/enroll",
                       json={"code": self.make_code(unit), "device_name": name}, timeout=10,
                       verify=self.verify)
        r.raise_for_status()
        body = r.json()
        return body["device_id"], body["token"]

    def admin_token(self, role: str) -> str:
        return str(self.station.devices.create_admin_token(role, f"test-{role}")[1])

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30,
                            verify=self.verify, **kwargs)

    def close(self) -> None:
        self.stop()
        if self._station is not None:
            self._station.close()
            self._station = None


@pytest.fixture(scope="session")
def station_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StationProcess]:
    server = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def station_server_pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StationProcess]:
    with postgres_url() as url:
        server = StationProcess(tmp_path_factory.mktemp("station-pg"), url).start()
        yield server
        server.close()
