"""Layering: the core stays light and the station never pulls in Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.station_fixture import REPO


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                         text=True, timeout=60, check=True)
    return set(out.stdout.split())


def test_importing_responder_and_station_package_loads_no_server_libraries():
    loaded = _loaded_after("import responder, civilian_responder.station")
    assert not {"fastapi", "sqlalchemy", "uvicorn", "alembic", "starlette"} & loaded


def test_the_whole_station_loads_no_qt():
    loaded = _loaded_after("import civilian_responder.station.app, civilian_responder.station.cli, "
                           "civilian_responder.station.server")
    assert "fastapi" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}
