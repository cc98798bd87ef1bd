"""Checks shared by the translation tests: every visible string of a widget tree, and the
English sources of the .ts catalogue (what an untranslated string would look like)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

PLACEHOLDER = re.compile(r"%\d+|%n")


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def visible_texts(top: QWidget) -> dict[str, str]:
    """``{where: text}`` for every string a user can see or hear in ``top``: window title,
    labels, buttons, placeholders, tooltips, group and tab titles, combo items, table headers,
    and the actions of buttons' menus."""
    found: dict[str, str] = {"windowTitle": top.windowTitle()}
    seen: dict[str, int] = {}
    for i, w in enumerate([top, *top.findChildren(QWidget)]):
        if w is not top and not w.isVisibleTo(top):
            continue
        where = f"{type(w).__name__}#{w.objectName() or i}"
        # Widgets sharing a name (a list of buttons) each count: the nth of that name.
        seen[where] = seen.get(where, 0) + 1
        if seen[where] > 1:
            where = f"{where}~{seen[where]}"
        if isinstance(w, QLabel) and w.pixmap().isNull():
            found[where] = _plain(w.text())
        elif isinstance(w, QAbstractButton):
            found[where] = w.text()
            menu = w.menu() if hasattr(w, "menu") else None
            if isinstance(menu, QMenu):
                menu_actions = [a for a in menu.actions() if not a.isSeparator()]
                found[where + ".menu"] = menu.title()
                for n, action in enumerate(menu_actions):
                    found[f"{where}.menu{n}"] = action.text()
                    found[f"{where}.menu{n}.toolTip"] = action.toolTip()
        elif isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)):
            found[where + ".placeholder"] = w.placeholderText()
        elif isinstance(w, QAbstractItemView) and hasattr(w, "horizontalHeader"):
            model = w.model()
            for n in range(w.horizontalHeader().count()):
                for role, what in ((Qt.ItemDataRole.DisplayRole, "header"),
                                   (Qt.ItemDataRole.ToolTipRole, "headerTip")):
                    value = model.headerData(n, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        found[f"{where}.{what}{n}"] = value
        elif isinstance(w, QGroupBox):
            found[where] = w.title()
        elif isinstance(w, QComboBox):
            for n in range(w.count()):
                found[f"{where}[{n}]"] = w.itemText(n)
        elif isinstance(w, QTabWidget):
            for n in range(w.count()):
                found[f"{where}.tab{n}"] = w.tabText(n)
        if w.toolTip():
            found[where + ".toolTip"] = w.toolTip()
        if w.accessibleName():
            found[where + ".accessibleName"] = w.accessibleName()
    return {k: v for k, v in found.items() if re.search(r"[A-Za-z]", v or "")}


def english_fragments(ts: Path, contexts: set[str]) -> set[str]:
    """Pieces of English source text (between placeholders, 4+ letters) of the messages whose
    translation differs from the source: finding one in a Spanish window means a string was
    left untranslated."""
    pieces: set[str] = set()
    for ctx in ET.parse(ts).getroot().iter("context"):
        if ctx.findtext("name") not in contexts:
            continue
        for msg in ctx.iter("message"):
            source, translation = msg.findtext("source") or "", msg.findtext("translation") or ""
            if source == translation:
                continue
            for piece in PLACEHOLDER.split(_plain(source)):
                piece = piece.strip(" .:;,—…")
                if len(re.sub(r"[^A-Za-z]", "", piece)) >= 4:
                    pieces.add(piece)
    return pieces


def has_english(text: str, english: set[str]) -> bool:
    """Whether ``text`` holds one of the English pieces as whole words."""
    return any(
        re.search(r"(?<![A-Za-z])" + re.escape(piece) + r"(?![A-Za-z])", text)
        for piece in english
        if piece in text
    )


def untranslated(top: QWidget, ts: Path, contexts: set[str]) -> list[str]:
    english = english_fragments(ts, contexts)
    return [
        f"{where}: {text!r}"
        for where, text in visible_texts(top).items()
        if has_english(text, english)
    ]
