"""A command whose install lacks a dependency names the pip install that brings it."""

import subprocess
import sys

import pytest
from civilian_responder.extras import extra_providing, install_hint

BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, Block())
"""


@pytest.mark.parametrize("module, extra", [
    ("PySide6.QtWidgets", "desktop"), ("sqlite_utils", "desktop"), ("PIL", "desktop"),
    ("fastapi", "station"), ("sqlalchemy", "station"), ("psycopg", "postgres"),
])
def test_each_dependency_maps_to_the_extra_that_installs_it(module, extra):
    assert extra_providing(module) == extra


@pytest.mark.parametrize("module", ["json", "civilian_responder", "no_such_module_here"])
def test_modules_that_are_not_our_dependencies_get_no_hint(module):
    assert install_hint(ModuleNotFoundError("x", name=module)) is None


def _run(blocked: set[str], code: str, tmp_path) -> subprocess.CompletedProcess:
    script = BLOCK.format(blocked=blocked) + code
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                               "RESPONDER_STATION_HOME": str(tmp_path / "station")})


def test_the_station_command_on_a_desktop_install_says_what_to_install(tmp_path):
    result = _run({"sqlalchemy", "fastapi", "uvicorn", "alembic"},
                  "from civilian_responder.station.cli import main\n"
                  "raise SystemExit(main(['init']))\n", tmp_path)
    assert result.returncode == 2, result.stderr
    assert 'pip install "civilian-responder[station]"' in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_command_on_a_station_install_says_what_to_install(tmp_path):
    result = _run({"PySide6", "shiboken6", "sqlite_utils", "sqlcipher3", "reportlab", "keyring"},
                  "from civilian_responder_ui.launch import main\n"
                  "raise SystemExit(main(['--version']))\n", tmp_path)
    assert result.returncode == 2, result.stderr
    assert 'pip install "civilian-responder[desktop]"' in result.stderr
    assert "Traceback" not in result.stderr


def test_our_own_missing_module_still_raises(tmp_path):
    """A bug of ours (a module of the package itself missing) is not dressed up as an install."""
    result = _run({"civilian_responder_ui"},
                  "from civilian_responder_ui.launch import main\nmain([])\n", tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr
