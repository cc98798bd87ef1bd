"""The window's language: Qt translators for the officer's language, switched without restart.

``Translations(app).switch("es")`` installs ``resources/translations/responder_es.qm`` (made
from ``responder_es.ts`` by Qt's ``lrelease``) and Qt's own ``qtbase_es.qm`` (standard buttons,
context menus). Installing or removing a translator makes Qt send ``LanguageChange`` to every
widget; a translated widget sets its strings in one method and calls it from ``changeEvent``,
so an open window follows the switch (see :func:`is_language_change`).

Run as a module in a checkout (Qt's tools come with the PySide6 wheel)::

    python -m civilian_responder_ui.shell.translations update   # lupdate: ui/ -> the .ts files
    python -m civilian_responder_ui.shell.translations build    # lrelease: .ts -> .qm

The wheel build compiles the .qm files itself (``setup.py``); ``build`` is for checkouts and
the PyInstaller bundle.
"""

from __future__ import annotations

import argparse
import functools
import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from civilian_responder.errors import Said
from civilian_responder.languages import SOURCE, check_ui_language, ui_languages
from civilian_responder.reference import Code
from civilian_responder.resource_files import resource_path
from civilian_responder_ui.shell import code_labels
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

log = logging.getLogger(__name__)

CATALOG = "responder"  # responder_<code>.ts / .qm


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate``: the name lupdate looks for (``translate("Ctx", "…")``),
    usable where there is no ``self.tr`` (module functions, plain classes)."""
    return QCoreApplication.translate(context, text)


_PLACE = re.compile(r"%(\d+)")


def fill(text: str, *values: object) -> str:
    """``text`` with ``%1``, ``%2`` … replaced by ``values`` (the translator may reorder them),
    in one pass: a value that itself holds "%1" (a typed note) is kept as typed. A value that
    is a core message (or an exception raised with one) shows in the window's language."""

    def value(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return core_text(values[n - 1]) if 1 <= n <= len(values) else m.group(0)

    return _PLACE.sub(value, text)


def core_text(value: object) -> str:
    """A message from the core (a :class:`~civilian_responder.errors.Said`, an exception
    raised with one, or plain text) in the window's language. A message the catalogue has no
    translation for, or whose translation lost one of its ``{places}``, shows as the core
    wrote it (English): never an error on top of an error."""
    if isinstance(value, BaseException):
        said = value.args[0] if value.args else ""
        details = getattr(value, "field_errors", None)
        if not isinstance(said, Said):
            return str(value)
        text = core_text(said)
        if details:
            text += " (" + "; ".join(f"{k}: {core_text(v)}" for k, v in details.items()) + ")"
        return text
    if not isinstance(value, Said):
        return str(value)
    shown = translate(value.context, value.template)
    if not value.values:
        return shown
    values = {k: core_text(v) if isinstance(v, Said) else v for k, v in value.values.items()}
    try:
        return shown.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return str(value)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Marks a module constant for lupdate; shown through :func:`translate` at run time."""
    return text


def translations_dir() -> Path:
    return resource_path("translations")


def ts_path(code: str) -> Path:
    return translations_dir() / f"{CATALOG}_{code}.ts"


def qm_path(code: str) -> Path:
    return translations_dir() / f"{CATALOG}_{code}.qm"


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


class Translations(QObject):
    """The translators installed on the application, one language at a time."""

    language_changed = Signal(str)
    active: Translations | None = None  # the application's (the last made): the window's menu

    def __init__(self, app: QCoreApplication | None = None) -> None:
        super().__init__()
        Translations.active = self
        self._app = app or QCoreApplication.instance()
        self._installed: list[QTranslator] = []
        self.language = SOURCE

    def switch(self, code: str) -> str:
        """Show the window in ``code`` from now on; returns the language in effect (English if
        that language's compiled translation is missing)."""
        check_ui_language(code)
        if code == self.language:
            return code
        previous = self.language
        loaded = self._load(code) if code != SOURCE else []
        if code != SOURCE and not loaded:
            code = SOURCE
        for old in self._installed:
            self._app.removeTranslator(old)
        for translator in loaded:  # the last installed is asked first: ours before Qt's
            self._app.installTranslator(translator)
        self._installed = loaded
        self.language = code
        QLocale.setDefault(QLocale(code))
        code_labels.show_in(code)  # code labels (call types, statuses …) follow the window
        # Qt posts LanguageChange to each top-level window; deliver it now, so the switch is
        # complete (every open window retranslated) when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        retranslate_open_widgets(previous)
        self.language_changed.emit(code)
        return code

    def _load(self, code: str) -> list[QTranslator]:
        ours = QTranslator(self)
        if not ours.load(str(qm_path(code))):
            log.warning(
                "No compiled translation %s; the window stays in English (run "
                "'python -m civilian_responder_ui.shell.translations build')",
                qm_path(code),
            )
            return []
        qt_own = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not qt_own.load(f"qtbase_{code}", qt_dir):
            log.info("Qt has no qtbase_%s.qm in %s; standard buttons stay in English", code, qt_dir)
            return [ours]
        return [qt_own, ours]


# Retranslating what is open --------------------------------------------------------------------
#
# A widget that builds its strings in one ``retranslate()`` follows ``LanguageChange`` itself.
# Every other text a window shows (labels, buttons, tabs, actions, tooltips …) is put back into
# its English source through the catalogue of the language it was in, and translated again.
# Texts made from values (``%1``) are refreshed by their owner (the main window re-shows the
# call, the counts, the unit) on ``language_changed``.


@functools.cache
def _catalogue(code: str) -> dict[str, tuple[str, str]]:
    """``{shown text: (context, English source)}`` for one language (English: the sources)."""
    found: dict[str, tuple[str, str]] = {}
    codes = translated_codes() if code == SOURCE else [code]
    for each in codes:
        path = ts_path(each)
        if not path.exists():
            continue
        for ctx in ET.parse(path).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                source = msg.findtext("source") or ""
                shown = source if code == SOURCE else (msg.findtext("translation") or "")
                if shown and shown not in found:
                    found[shown] = (name, source)
    return found


# A code label as shown: alone, after its code ("WELCK  Welfare check") or before it
# ("Field interview completed (FIC)").
_LABELLED = re.compile(r"(?P<pre>\S+  )?(?P<label>.+?)(?P<post> \([^()]+\))?")


@functools.cache
def _code_labels(code: str) -> dict[str, Code]:
    """``{label shown in code: the Code}`` of the reference lists (its ``shown`` follows the
    language in effect)."""
    from civilian_responder.reference import load_reference, shown_labels  # noqa: PLC0415

    table = shown_labels(code)
    found: dict[str, Code] = {}
    for name, codes in load_reference().lists.items():
        for c in codes:
            label = table.get(name, {}).get(c.code, c.label)
            for shown in (label, label.upper()):
                found.setdefault(shown, c)
    return found


@functools.cache
def _natives() -> frozenset[str]:
    return frozenset(lang.native for lang in ui_languages())


def _again(text: str, catalogue: dict[str, tuple[str, str]], labels=None) -> str | None:
    hit = catalogue.get(text)
    if hit is not None:
        new = QCoreApplication.translate(hit[0], hit[1])
        return new if new != text else None
    if labels is None or not text or text in _natives():
        return None  # a language picker names each language in its own words
    m = _LABELLED.fullmatch(text)
    code = labels.get(m.group("label")) if m else None
    if code is None:
        return None
    shown = code_labels.shown(code)
    if m.group("label").isupper() and not shown.isupper():
        shown = shown.upper()
    new = (m.group("pre") or "") + shown + (m.group("post") or "")
    return new if new != text else None


def _texts(obj: QObject):
    """(getter, setter) pairs of every string ``obj`` shows."""
    from PySide6.QtGui import QAction  # noqa: PLC0415
    from PySide6.QtWidgets import (  # noqa: PLC0415
        QAbstractButton,
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

    if isinstance(obj, QAction):
        yield obj.text, obj.setText
        yield obj.toolTip, obj.setToolTip
        yield obj.iconText, obj.setIconText
        return
    if not isinstance(obj, QWidget):
        return
    yield obj.windowTitle, obj.setWindowTitle
    yield obj.toolTip, obj.setToolTip
    yield obj.accessibleName, obj.setAccessibleName
    yield obj.statusTip, obj.setStatusTip
    if isinstance(obj, (QLabel, QAbstractButton)):
        yield obj.text, obj.setText
    if isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit)):
        yield obj.placeholderText, obj.setPlaceholderText
    if isinstance(obj, QGroupBox):
        yield obj.title, obj.setTitle
    if isinstance(obj, QMenu):
        yield obj.title, obj.setTitle
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            yield (lambda i=i: obj.itemText(i)), (lambda t, i=i: obj.setItemText(i, t))
    if isinstance(obj, QTabWidget):
        for i in range(obj.count()):
            yield (lambda i=i: obj.tabText(i)), (lambda t, i=i: obj.setTabText(i, t))
            yield (lambda i=i: obj.tabToolTip(i)), (lambda t, i=i: obj.setTabToolTip(i, t))


def retranslate_open_widgets(previous: str) -> int:
    """Translate again every text of every open window that is shown in ``previous``'s words;
    returns how many texts changed."""
    import shiboken6  # noqa: PLC0415
    from PySide6.QtGui import QAction  # noqa: PLC0415
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget  # noqa: PLC0415

    app = QCoreApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    tops = [top for top in app.topLevelWidgets() if shiboken6.isValid(top) and top.isVisible()]
    if not tops:
        return 0  # e.g. before the sign-in window: nothing to read the catalogues for
    catalogue = _catalogue(previous)
    labels = _code_labels(previous)
    changed = 0
    views = []
    for top in tops:  # closed windows are built again when they open
        for obj in [top, *top.findChildren(QWidget), *top.findChildren(QAction)]:
            if not shiboken6.isValid(obj):
                continue
            for get, put in _texts(obj):
                new = _again(get(), catalogue, labels)
                if new is not None:
                    put(new)
                    changed += 1
            if isinstance(obj, QAbstractItemView):
                views.append(obj)
    for view in views:  # headers and cells ask translate() when they paint
        view.viewport().update()
        header = getattr(view, "horizontalHeader", None)
        if header is not None:
            header().viewport().update()
    return changed


def qt_tool(name: str) -> Path:
    """Qt's ``lupdate`` / ``lrelease`` as shipped inside the PySide6 wheel."""
    import PySide6  # noqa: PLC0415

    tool = Path(PySide6.__file__).parent / (name + (".exe" if sys.platform == "win32" else ""))
    if not tool.exists():
        raise SystemExit(f"{tool} is missing: install PySide6-Essentials (it ships {name})")
    return tool


def translated_codes() -> list[str]:
    return [lang.code for lang in ui_languages() if lang.code != SOURCE]


def core_sources() -> list[Path]:
    """The core's modules whose ``say("Context", "text")`` messages the window shows (the
    station's own messages go to its API and console, in English)."""
    import civilian_responder  # noqa: PLC0415

    core = Path(civilian_responder.__file__).resolve().parent
    return sorted(p for p in core.rglob("*.py")
                  if "__pycache__" not in p.parts and "station" not in p.relative_to(core).parts)


def update(sources: Path) -> None:
    """Extract every ``tr()`` string under ``sources``, and every ``say()`` message of the
    core, into the .ts files, keeping the translations already made (lupdate marks changed
    sources unfinished)."""
    files = sorted(str(p) for p in sources.rglob("*.py") if "__pycache__" not in p.parts)
    files += [str(p) for p in core_sources()]
    for code in translated_codes():
        subprocess.run(
            [
                str(qt_tool("lupdate")),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                code,
                "-tr-function-alias",
                "QT_TRANSLATE_NOOP+=say",
                *files,
                "-ts",
                str(ts_path(code)),
            ],
            check=True,
        )
        log.info("updated %s", ts_path(code))


def build(out: Path | None = None) -> list[Path]:
    """Compile each .ts into a .qm (next to it, or into ``out``)."""
    made = []
    for ts in sorted(translations_dir().glob(f"{CATALOG}_*.ts")):
        qm = (out or ts.parent) / (ts.stem + ".qm")
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(qt_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m civilian_responder_ui.shell.translations",
        description="Extract and compile the window's translations",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="run lupdate over ui/ into resources/translations/*.ts")
    b = sub.add_parser("build", help="run lrelease: resources/translations/*.ts -> .qm")
    b.add_argument("--out", type=Path, help="write the .qm files here instead")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(Path(__file__).resolve().parents[1])
    else:
        for qm in build(args.out):
            print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
