"""The PySide6 desktop app, by feature: ``shell`` (window frame), ``calls``, ``reports``,
``checklists``, ``sync``, ``session``. :mod:`civilian_responder_ui.app` is the composition root and
the ``responder`` command; nothing in the core imports from here."""

try:
    import PySide6  # noqa: F401
except ImportError:  # an install without the desktop extra: headless subcommands still work
    HAS_QT = False
else:
    HAS_QT = True
    from civilian_responder_ui.shell import pyside_fixes as _pyside_fixes

    _pyside_fixes.apply()
