"""The application's icon, every size (its own module: the sign-in window needs it before the
About box's imports)."""

from __future__ import annotations

from civilian_responder.resource_files import resource_path
from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resource_path("icons")
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(folder / f"responder-{size}.png"))
    return icon
