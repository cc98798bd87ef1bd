"""The layers of the code are import-linter contracts (pyproject.toml), checked here.

grimp, which import-linter builds on, reads every import statement: module level, inside
functions and under TYPE_CHECKING alike, so a lazy import cannot hide a wrong-way dependency.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"


def _lint_imports(config: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = None
    if pythonpath is not None:
        env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--config", str(config), "--no-cache"],
        capture_output=True, text=True, env=env, cwd=pythonpath or ROOT, timeout=120)


def test_every_layer_contract_is_kept():
    result = _lint_imports(CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _layer_modules() -> set[str]:
    contracts = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in layer.split(":")}


@pytest.mark.parametrize("package, folder", [("civilian_responder", "responder"),
                                             ("civilian_responder_ui", "ui")])
def test_every_module_sits_in_a_layer(package, folder):
    """A new top-level module must be given a layer, or the contracts would not see it."""
    entry_points = {"__init__", "__main__", "app", "launch"} if package.endswith("_ui") else {
        "__init__", "__main__"}
    children = {p.stem if p.is_file() else p.name for p in (ROOT / folder).iterdir()
                if (p.suffix == ".py" and p.stem not in entry_points)
                or (p.is_dir() and (p / "__init__.py").exists())}
    layered = _layer_modules()
    in_a_layer = {c for c in children if f"{package}.{c}" in layered or package in layered}
    assert children - in_a_layer == set()


@pytest.mark.parametrize("module, line", [
    (None, None),                                                            # the control
    ("audit.py", "from civilian_responder_ui.shell import theme"),          # core -> ui
    ("reports.py", "from civilian_responder.cli import signin"),             # core -> cli
    ("checklists/engine.py", "from civilian_responder import app"),          # domain -> facade
    ("station/eido.py", "from PySide6 import QtCore"),                       # station -> Qt
    ("store/outbox.py", "import civilian_responder.store.migrations"),       # store cycle
])
def test_a_wrong_way_import_breaks_a_contract(tmp_path, module, line):
    """The check can fail: the same contracts over a copy of the code with one bad import."""
    shutil.copytree(ROOT / "responder", tmp_path / "civilian_responder")
    shutil.copytree(ROOT / "ui", tmp_path / "civilian_responder_ui")
    shutil.copytree(ROOT / "resources", tmp_path / "civilian_responder" / "resources")
    if module is not None:
        target = tmp_path / "civilian_responder" / module
        # Inside a function, as a lazy import would be: grimp sees it all the same.
        target.write_text(target.read_text() + f"\n\ndef _wrong_way():\n    {line}\n")
    if module == "store/outbox.py":
        mig = tmp_path / "civilian_responder" / "store" / "migrations.py"
        mig.write_text(mig.read_text() + "\n\ndef _back():\n"
                       "    import civilian_responder.store.outbox\n")
    config = tmp_path / "pyproject.toml"
    shutil.copy(CONFIG, config)
    result = _lint_imports(config, pythonpath=tmp_path)
    broken = result.returncode != 0 and "BROKEN" in result.stdout
    assert broken == (module is not None), result.stdout + result.stderr
    assert str(tmp_path) in _lint_imports_origin(tmp_path)


def _lint_imports_origin(pythonpath: Path) -> str:
    """Where the copy's package is imported from (the copy, not the installed tree)."""
    return subprocess.run([sys.executable, "-c", "import civilian_responder; "
                           "print(civilian_responder.__file__)"], capture_output=True,
                          text=True, cwd=pythonpath, check=True,
                          env={**os.environ, "PYTHONPATH": str(pythonpath)}).stdout


def test_importing_the_core_loads_no_qt_and_no_command_layer():
    code = (
        "import sys, civilian_responder.app, civilian_responder.demo, civilian_responder.sync\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')\n"
        "             or m.startswith(('civilian_responder_ui', 'civilian_responder.cli')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
