"""The PySide6 desktop app. ``ui.app`` is the composition root; nothing in ``responder/``
imports from here."""
