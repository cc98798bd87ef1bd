import subprocess
import sys


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, responder, responder.app, responder.cli, responder.demo\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_core_module_imports_qt_in_its_source():
    from pathlib import Path

    import responder

    root = Path(responder.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if any(
            line.strip().startswith(("import PySide6", "from PySide6", "import shiboken6"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
