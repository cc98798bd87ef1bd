"""Before Qt starts on X11, missing system libraries are named as packages, not a Qt abort."""

import subprocess
import sys

from civilian_responder_ui.shell import system_libraries as sl


def test_a_missing_library_is_named_by_its_package():
    missing = sl.missing_packages(loads=lambda soname: soname != "libxcb-cursor.so.0")
    assert missing == ["libxcb-cursor0"]
    message = sl.missing_libraries_message(missing)
    assert "sudo apt-get install libxcb-cursor0" in message


def test_nothing_is_missing_when_everything_loads():
    assert sl.missing_packages(loads=lambda soname: True) == []


def test_only_the_x11_plugin_is_checked():
    assert sl.uses_x11({}, "linux")
    assert sl.uses_x11({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not sl.uses_x11({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not sl.uses_x11({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not sl.uses_x11({}, "win32")


def test_the_real_loader_finds_libc_and_not_a_made_up_library():
    assert sl._loads("libc.so.6")
    assert not sl._loads("libresponder-does-not-exist.so.9")


def test_the_readme_apt_line_installs_every_checked_package():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    apt_lines = [line for line in readme.splitlines() if "apt-get install" in line]
    assert any(set(sl.X11_LIBRARIES.values()) <= set(line.split()) for line in apt_lines)


def test_the_app_names_the_packages_instead_of_aborting(tmp_path):
    """A real `responder` start on X11 with one library made unloadable."""
    code = ("import sys; from civilian_responder_ui.shell import system_libraries as sl\n"
            "real = sl._loads\n"
            "sl._loads = lambda s: False if s == 'libxcb-cursor.so.0' else real(s)\n"
            "sl.missing_packages.__defaults__ = (sl._loads,)\n"
            "from civilian_responder_ui.app import main\n"
            f"sys.exit(main(['--profile', {str(tmp_path)!r}]))\n")
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "libxcb-cursor0" in result.stderr and "apt-get install" in result.stderr
