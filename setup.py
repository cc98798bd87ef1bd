"""The build step pyproject.toml cannot express: compile the window's translations.

Each ``resources/translations/responder_<code>.ts`` (kept in the repository) becomes a
``responder_<code>.qm`` in the wheel, made by Qt's ``lrelease`` from the PySide6 wheel (listed in
``[build-system] requires``, so an isolated build has it too). An editable install writes the
.qm files next to the .ts files in the checkout instead (they are git-ignored).
"""

from __future__ import annotations

import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "resources" / "translations"


def lrelease() -> str:
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise SystemExit("building Responder needs PySide6-Essentials (it ships Qt's lrelease)")
    tool = Path(spec.origin).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    if not tool.exists():
        raise SystemExit(f"{tool} is missing: reinstall PySide6-Essentials")
    return str(tool)


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        out = (
            SOURCES
            if self.editable_mode
            else Path(self.build_lib, "civilian_responder", "resources", "translations")
        )
        out.mkdir(parents=True, exist_ok=True)
        for ts in sorted(SOURCES.glob("responder_*.ts")):
            subprocess.run(
                [lrelease(), "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True
            )


setup(cmdclass={"build_py": BuildPyWithTranslations})
