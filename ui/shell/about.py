"""The About box: name, icon, version (from the package metadata) and where data lives."""

from __future__ import annotations

from civilian_responder import __version__
from civilian_responder.resource_files import resource_path
from civilian_responder_ui.shell.icons import app_icon  # noqa: F401 (the About box's icon)
from civilian_responder_ui.shell.shortcuts import shortcuts_html
from civilian_responder_ui.shell.translations import is_language_change
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class AboutDialog(QDialog):
    def __init__(self, profile_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile_dir = profile_dir
        logo = QLabel(self)
        logo.setPixmap(QPixmap(str(resource_path("icons", "responder-128.png"))))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(self, objectName="aboutText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_label = text
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addWidget(text, 1)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Responder"))
        self.version_label.setText(
            "<h2>Responder</h2><p>" + self.tr("Version %1").replace("%1", __version__) + "</p>"
            "<p>"
            + self.tr(
                "Calls, safety checklists and field reports for civilian 911 "
                "responders: crisis, outreach and community service teams. Works "
                "offline; syncs at the station."
            )
            + "</p>"
            "<p>"
            + self.tr("Profile: %1").replace("%1", f"<code>{self._profile_dir}</code>")
            + "</p>"
            + shortcuts_html()
        )
        # The Close button is a standard one: Qt's own translation (qtbase_<code>.qm) names it.

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
