"""The PySide6 desktop app, by feature: ``shell`` (what every screen shares), ``calls``,
``reports``, ``checklists``, ``sync``, ``session``. :mod:`civilian_responder_ui.app` is the
composition root and the ``responder`` command; nothing in the core imports from here."""

try:
    import PySide6  # noqa: F401
except ModuleNotFoundError:  # an install without the desktop extra: `responder` says so (launch)
    pass
else:
    from civilian_responder_ui.shell import pyside_fixes as _pyside_fixes

    _pyside_fixes.apply()
