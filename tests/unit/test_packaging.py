"""The wheel: what it installs, under which names, with which dependencies for which program."""

import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
DESKTOP_ONLY = {"pyside6-essentials", "pyside6", "reportlab", "keyring", "sqlcipher3", "pypdf"}
WEB_STACK = {"fastapi", "uvicorn", "sqlalchemy", "alembic", "starlette"}


def _tree_packages() -> set[str]:
    found = set()
    for name, folder in SETUPTOOLS["package-dir"].items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            rel = init.parent.relative_to(base).parts
            if "__pycache__" not in rel:
                found.add(".".join([name, *rel]))
    found.add("civilian_responder.station.migrations.versions")  # alembic's folder, no __init__
    return found


def test_the_package_list_matches_the_tree():
    assert set(SETUPTOOLS["packages"]) == _tree_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("*.whl"))


def test_wheel_carries_every_resource_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"civilian_responder/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
               for p in (ROOT / "resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert shipped - names == set()
    assert "civilian_responder/resources/reference/call_types.json" in names
    assert "civilian_responder/station/migrations/script.py.mako" in names
    assert any(n.startswith("civilian_responder/station/migrations/versions/0001") for n in names)


def test_wheel_installs_only_names_that_are_ours(wheel):
    tops = {n.split("/")[0] for n in zipfile.ZipFile(wheel).namelist()
            if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert tops == {"civilian_responder", "civilian_responder_ui"}


def _requirements(wheel: Path) -> dict[str, set[str]]:
    """Requirement names per extra ('' for the base install), self-references expanded."""
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(z.read(meta_name).decode())
    extras = {"": set(), **{e: set() for e in meta.get_all("Provides-Extra") or []}}
    self_refs: dict[str, set[str]] = {e: set() for e in extras}
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        owners = [e for e in extras if e and req.marker and req.marker.evaluate({"extra": e})]
        for owner in owners or [""]:
            if req.name == meta["Name"]:
                self_refs[owner] |= req.extras
            else:
                extras[owner].add(req.name.lower())
    for extra in extras:
        pending = set(self_refs[extra])
        while pending:
            ref = pending.pop()
            extras[extra] |= extras[ref]
            pending |= self_refs[ref] - {extra}
    return {e: deps | extras[""] for e, deps in extras.items()}


def test_each_program_has_its_own_install(wheel):
    reqs = _requirements(wheel)
    assert reqs[""] & (DESKTOP_ONLY | WEB_STACK) == set()
    assert reqs["station"] & DESKTOP_ONLY == set(), "a station install must not pull in Qt"
    assert reqs["postgres"] & DESKTOP_ONLY == set()
    assert "psycopg" in reqs["postgres"]
    assert reqs["desktop"] & WEB_STACK == set(), "the field app must not pull in the web stack"
    assert {"pyside6-essentials", "fastapi"} <= reqs["demo"]
    # The station's metrics PDF is an extra of its own: in demo and test, never in station.
    assert reqs["reports"] - reqs[""] == {"reportlab"}
    assert "reportlab" in reqs["demo"] and "reportlab" in reqs["test"]


def test_the_distribution_and_commands_are_named_as_documented():
    assert PYPROJECT["project"]["name"] == "civilian-responder"
    scripts = PYPROJECT["project"]["scripts"]
    assert scripts == {"responder": "civilian_responder_ui.launch:main",
                       "responder-station": "civilian_responder.station.cli:main"}


MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
                   "Network", "Office", "Science", "Settings", "System", "Utility"}


def _desktop_entry() -> dict[str, str]:
    lines = (ROOT / "packaging" / "linux" / "responder.desktop").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_desktop_entry_takes_no_file_arguments_and_has_one_main_category():
    entry = _desktop_entry()
    assert "%" not in entry["Exec"], "the app takes no file or URL arguments"
    categories = [c for c in entry["Categories"].split(";") if c]
    assert len([c for c in categories if c in MAIN_CATEGORIES]) == 1


def test_desktop_entry_passes_the_freedesktop_validator():
    result = subprocess.run(["desktop-file-validate",
                             str(ROOT / "packaging" / "linux" / "responder.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_station_unit_sets_its_data_home_and_a_private_umask():
    unit = (ROOT / "packaging" / "systemd" / "responder-station.service").read_text()
    settings = [line.strip() for line in unit.splitlines() if "=" in line
                and not line.lstrip().startswith("#")]
    assert "UMask=0077" in settings
    assert "ProtectHome=yes" in settings
    home = next(s.split("=", 2)[2] for s in settings
                if s.startswith("Environment=RESPONDER_STATION_HOME="))
    assert f"ReadWritePaths={home}" in settings, "the data home must be writable"


QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # Qt's .qm file signature


def test_wheel_ships_translations_compiled_by_the_build(wheel):
    """setup.py runs lrelease on each .ts: the wheel carries the .qm the app loads."""
    with zipfile.ZipFile(wheel) as z:
        base = "civilian_responder/resources/translations/"
        for ts in (ROOT / "resources" / "translations").glob("responder_*.ts"):
            assert f"{base}{ts.name}" in z.namelist()
            assert z.read(f"{base}{ts.stem}.qm").startswith(QM_MAGIC)
