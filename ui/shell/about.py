"""The About box: name, icon, version (from the package metadata) and where data lives."""

from __future__ import annotations

from civilian_responder import __version__
from civilian_responder.resource_files import resource_path
from civilian_responder_ui.shell.shortcuts import shortcuts_html
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"responder-{size}.png")))
    return icon


class AboutDialog(QDialog):
    def __init__(self, profile_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Responder")
        logo = QLabel(self)
        logo.setPixmap(QPixmap(str(resource_path("icons", "responder-128.png"))))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(self, objectName="aboutText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setText(
            f"<h2>Responder</h2><p>Version {__version__}</p>"
            "<p>Calls, safety checklists and field reports for civilian 911 responders: "
            "crisis, outreach and community service teams. Works offline; syncs at the "
            "station.</p>"
            f"<p>Profile: <code>{profile_dir}</code></p>" + shortcuts_html()
        )
        self.version_label = text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addWidget(text, 1)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(buttons)
        self.setMinimumWidth(460)
