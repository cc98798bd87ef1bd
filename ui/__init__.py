"""The PySide6 desktop app. ``ui.app`` is the composition root; nothing in ``responder/``
imports from here."""

from ui import pyside_fixes as _pyside_fixes

_pyside_fixes.apply()
