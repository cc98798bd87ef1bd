"""Checks shared by the translation tests: every visible string of a widget tree, and the
English sources of the .ts catalogue (what an untranslated string would look like)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

PLACEHOLDER = re.compile(r"%\d+|%n")


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def visible_texts(top: QWidget) -> dict[str, str]:
    """``{where: text}`` for every string a user can see or hear in ``top``: window title,
    labels, buttons, placeholders, tooltips, group and tab titles, combo items."""
    found: dict[str, str] = {"windowTitle": top.windowTitle()}
    for i, w in enumerate([top, *top.findChildren(QWidget)]):
        if w is not top and not w.isVisibleTo(top):
            continue
        where = f"{type(w).__name__}#{w.objectName() or i}"
        if isinstance(w, QLabel) and w.pixmap().isNull():
            found[where] = _plain(w.text())
        elif isinstance(w, QAbstractButton):
            found[where] = w.text()
        elif isinstance(w, QLineEdit):
            found[where + ".placeholder"] = w.placeholderText()
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


def untranslated(top: QWidget, ts: Path, contexts: set[str]) -> list[str]:
    english = english_fragments(ts, contexts)
    return [
        f"{where}: {text!r}"
        for where, text in visible_texts(top).items()
        if any(piece in text for piece in english)
    ]
