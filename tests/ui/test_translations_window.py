"""The whole window in Spanish: every screen of a call and every dialog, with no string left in
English, and the language switched live at every stage of the walk.

Two checks at each stage: no visible text contains an English source of the catalogue (a
string wrapped in ``translate()`` but not translated), and no visible text stayed the same when
the window went from English to Spanish (a string never wrapped at all), except the short list
of things that read the same in both languages: names, codes, numbers, addresses, data."""

from __future__ import annotations

import re

import pytest
from civilian_responder_ui.calls.onview_dialog import OnViewDialog
from civilian_responder_ui.calls.police_backup_dialog import PoliceBackupDialog
from civilian_responder_ui.directory.directory_picker import DirectoryPicker
from civilian_responder_ui.people.follow_up_list import FollowUpListView
from civilian_responder_ui.people.outreach_dialog import OutreachDialog
from civilian_responder_ui.shell.about import AboutDialog
from civilian_responder_ui.shell.translations import ts_path
from civilian_responder_ui.shift.shift_end_dialog import ShiftEndDialog
from civilian_responder_ui.shift.shift_start_dialog import ShiftStartDialog
from civilian_responder_ui.sync.connect_dialog import ConnectDialog
from civilian_responder_ui.sync.sync_problems import SyncProblemsDialog
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.field_flow import build_window, pump, walk_flow
from tests.ui.language_support import english_fragments, has_english, visible_texts

TS = ts_path("es")

# What reads the same in English and Spanish. Kept short on purpose: a new entry needs a reason.
SAME_WORDS = {
    "Responder", "P", "PDF", "CAD", "988", "911", "min", "No", "Total", "Demo", "OK",
    "English", "Español", "&PDF  ▾", "https://station.example.org", "ABCD-EFGH",
    "No  (N)", "Verbal", "Hospital",
}
# Qt's own widgets (tab-bar scroll arrows): named by qtbase_<code>.qm, outside our catalogue.
QT_OWN = re.compile(r"QToolButton#Scroll(Left|Right)Button\..*")
SAME = [
    re.compile(r"[^A-Za-z]*"),  # numbers, times, marks
    re.compile(r"Responder — .+"),  # the product and the unit id
    re.compile(r"P\d"),  # priority badges
    re.compile(r"[A-Z0-9-]{2,}(\s.*)?"),  # codes: call numbers, unit ids, call type codes
    re.compile(r"\d+[A-Z]? .*", re.S),  # addresses (and anything led by a number)
    re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+  ·  [\d-]+"),  # a caller's name and phone
    re.compile(r"([A-Z][a-z]+ [A-Z_]+)(, [A-Z][a-z]+ [A-Z_]+)*"),  # crew: names and role codes
]


def _same_everywhere(text: str, data: set[str]) -> bool:
    text = text.strip()
    return (
        text in SAME_WORDS
        or text in data
        or any(p.fullmatch(text) for p in SAME)
    )


pytestmark = pytest.mark.usefixtures("compiled_translations")

@pytest.fixture(scope="module")
def english():
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    contexts = {c.findtext("name") for c in ET.parse(TS).getroot().iter("context")}
    return english_fragments(TS, contexts)


def _words(texts) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{4,}", t)}


@pytest.fixture(scope="module")
def english_words():
    """Words only English has: of the catalogue's sources, the reference labels and the
    checklists, minus every word of their Spanish. A text that did not change when the window
    went to Spanish and holds one of these is English left over (e.g. a string never wrapped)."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    from civilian_responder.reference import load_reference, shown_labels  # noqa: PLC0415

    root = ET.parse(TS).getroot()
    sources = [m.findtext("source") or "" for m in root.iter("message")]
    spanish = [m.findtext("translation") or "" for m in root.iter("message")]
    ref = load_reference()
    sources += [c.label for codes in ref.lists.values() for c in codes]
    spanish += [v for table in shown_labels("es").values() for v in table.values()]
    return _words(sources) - _words(spanish)


def _data(core) -> set[str]:
    """Texts that come from the records themselves (people's names, addresses, narratives,
    dispatcher notes): shown as they were typed, in whatever language."""
    found: set[str] = {core.unit_id, core.officer_name or ""}
    for call in core.calls.board():
        full = core.calls.get(call.id)
        for value in (full.address, full.narrative, getattr(full, "caller_name", None),
                      full.display_number, full.cad_number):
            if value:
                found.add(str(value))
    for r in core.directory.search(""):  # the directory's own entries, as the station sent them
        found |= {r.name, r.address, r.hours, r.eligibility, ", ".join(r.languages)}
        found |= {getattr(r, "phone", "") or ""}
    return found


def _problems(top: QWidget, before: dict[str, str], english: set[str], data: set[str],
              words: set[str]):
    after = visible_texts(top)
    found = []
    for where, text in after.items():
        if QT_OWN.fullmatch(where):
            continue
        framing = text
        for data_text in sorted(data, key=len, reverse=True):
            if data_text:
                framing = framing.replace(data_text, " ")  # a record's own words stay as typed
        if framing.strip() == "" :
            continue
        if has_english(framing, english):
            found.append(f"{where}: {text!r} (English from the catalogue)")
        elif (before.get(where) == text and not _same_everywhere(text, data)
              and _words([framing]) & words):
            found.append(f"{where}: {text!r} (not translated)")
    return found


def _switch(window, translations, code: str) -> None:
    """The language menu's path: the translators and the officer's language (checklists)."""
    if window is not None:
        assert window.set_language(code) == code
    else:
        assert translations.switch(code) == code
    QApplication.processEvents()


def _check(stage: str, tops: list[QWidget], translations, english, data, problems: list[str],
           window=None, words=frozenset()):
    """English, then Spanish: the same widgets retranslated live, nothing left in English."""
    _switch(window, translations, "en")
    before = {id(t): visible_texts(t) for t in tops}
    _switch(window, translations, "es")
    for top in tops:
        problems += [
            f"{stage}: {p}" for p in _problems(top, before[id(top)], english, data, words)
        ]


def test_the_whole_window_is_spanish_at_every_stage_of_a_call(
    qtbot, core, translations, english, english_words
):
    translations.switch("es")  # the officer's language at sign-in: the window opens in it
    core.set_language("es")
    window = build_window(qtbot, core)
    assert window.windowTitle().startswith("Responder")
    assert window.detail.tabs.tabText(0) == "Detalles"
    data = _data(core)
    problems: list[str] = []
    clashes: dict[str, dict] = {}

    def visit(stage: str) -> None:
        _check(stage, [window], translations, english, data, problems, window, english_words)
        if _repeated_accelerators(window):
            clashes[stage] = _repeated_accelerators(window)

    walk_flow(qtbot, window, core, visit)
    assert translations.language == "es"
    assert problems == []
    assert clashes == {}  # Alt+letter unique in Spanish (English repeats P, D and N)


def _repeated_accelerators(top: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys used twice among the visible controls of ``top``."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel  # noqa: PLC0415

    seen: dict[str, list[str]] = {}
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top):
            continue
        text = (w.title() if isinstance(w, QGroupBox) else w.text()
                if isinstance(w, (QAbstractButton, QLabel)) else "")
        m = re.search(r"(?<!&)&([^&\s])", text or "")
        if m:
            seen.setdefault(m.group(1).lower(), []).append(text)
    return {k: v for k, v in seen.items() if len(v) > 1}


def _dialogs(core, window) -> list[QWidget]:
    return [
        OnViewDialog(core, window),
        PoliceBackupDialog(core.reference, "T1", window),
        ShiftStartDialog(core, window) if core.shifts.current() is None
        else ShiftEndDialog(core, window),
        ConnectDialog(core.sync, window._tasks, window),
        SyncProblemsDialog(core.sync.problems(), window),
        DirectoryPicker(core.directory, core.scratch.path(), parent=window),
        FollowUpListView(core, window),
        OutreachDialog(core, window),
        AboutDialog(str(core.paths.root), window),
    ]


def _open(qtbot, core, window) -> list[QWidget]:
    dialogs = _dialogs(core, window)
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
    pump(qtbot)
    return dialogs


def test_every_dialog_is_spanish(qtbot, core, translations, english, english_words):
    """Each dialog opened in English, then opened again in Spanish (a dialog is modal: the
    language cannot change while it is open)."""
    window = build_window(qtbot, core)
    data = _data(core)
    window.set_language("en")
    english_dialogs = _open(qtbot, core, window)
    before = [visible_texts(d) for d in english_dialogs]
    for d in english_dialogs:
        d.close()
    window.set_language("es")
    problems: list[str] = []
    for d, texts in zip(_open(qtbot, core, window), before, strict=True):
        problems += [f"{type(d).__name__}: {p}"
                     for p in _problems(d, texts, english, data, english_words)]
    assert problems == []


def test_the_language_menu_switches_the_open_window_and_keeps_the_choice(
    qtbot, core, translations
):
    window = build_window(qtbot, core)
    assert window.language_action.text() == "Language"
    spanish = next(a for a in window.language_menu.actions() if a.data() == "es")
    spanish.trigger()
    assert translations.language == "es" and core.language == "es"
    assert window.language_action.text() == "Idioma"
    assert window.detail.tabs.tabText(1) == "Informe"
    assert window.board.table.model().headerData(1, window.board.table.horizontalHeader()
                                                 .orientation()) == "Llamada"
    english_action = next(a for a in window.language_menu.actions() if a.data() == "en")
    english_action.trigger()
    assert window.detail.tabs.tabText(1) == "Report" and core.language == "en"


def test_a_switch_relabels_the_board_without_reading_it_again(
    qtbot, core, translations, monkeypatch
):
    from tests.ui.field_flow import welfare_call  # noqa: PLC0415

    window = build_window(qtbot, core)
    call_id = welfare_call(core)
    window.reload()
    reads: list[int] = []
    board = core.calls.board
    monkeypatch.setattr(core.calls, "board", lambda *a, **k: reads.append(1) or board(*a, **k))
    import civilian_responder.reference as reference  # noqa: PLC0415

    loads: list[int] = []
    load = reference.load_reference
    monkeypatch.setattr(reference, "load_reference", lambda *a: loads.append(1) or load(*a))
    next(a for a in window.language_menu.actions() if a.data() == "es").trigger()
    assert reads == []  # 50,000 calls are not read again to change their labels
    assert len(loads) <= 1  # nor the reference lists once per code label shown
    window.board.filter_edit.setText("bienestar")  # WELCK as the Spanish window shows it
    pump(qtbot)
    model = window.board.model

    def found() -> dict[str, str]:
        return {model.summary(r).id: model.summary(r).type_code for r in range(model.rowCount())}

    assert call_id in found() and set(found().values()) == {"WELCK"}
    next(a for a in window.language_menu.actions() if a.data() == "en").trigger()
    assert not found()  # "bienestar" is no longer a label the board shows
    window.board.filter_edit.setText("welfare")
    pump(qtbot)
    assert call_id in found() and set(found().values()) == {"WELCK"}


def test_a_switch_before_any_window_reads_no_catalogue(qtbot, translations):
    from civilian_responder_ui.shell import translations as module  # noqa: PLC0415

    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    module._catalogue.cache_clear()
    translations.switch("es")  # the sign-in window is built after this, already in Spanish
    assert module._catalogue.cache_info().currsize == 0
    translations.switch("en")


def test_fields_built_after_a_switch_speak_the_new_language(qtbot, core, translations):
    # The "Choose…" placeholder and service names are made when the field is built, in the
    # language in effect then (not the one in effect when the module was imported).
    from civilian_responder_ui.reports.report_fields import (  # noqa: PLC0415
        CodeCombo,
        GroupedCodeCombo,
        ServicesGrid,
    )
    from civilian_responder_ui.shell import code_labels  # noqa: PLC0415

    ref = core.reference
    translations.switch("es")
    combo = CodeCombo(ref.call_sources)
    grouped = GroupedCodeCombo(ref.dispositions, ref.disposition_groups)
    grid = ServicesGrid(ref.services, ref.service_responses)
    for widget in (combo, grouped, grid):
        qtbot.addWidget(widget)
    assert combo.itemText(0) == "Elija…" and grouped.itemText(0) == "Elija…"
    spanish = {c.code: code_labels.shown(c) for c in ref.services}
    assert {code: label.text() for code, label in grid.labels.items()} == spanish
    assert any(spanish[c.code] != c.label for c in ref.services)  # not the English labels


def test_the_services_grid_follows_a_switch_even_in_its_composite_names(qtbot, core,
                                                                       translations):
    """Built in English, switched to Spanish: names, answers, the "Service: Answer"
    accessible names no catalogue holds, and the caption a chosen answer gets afterwards."""
    from civilian_responder_ui.reports.report_fields import ServicesGrid  # noqa: PLC0415
    from civilian_responder_ui.shell import code_labels  # noqa: PLC0415

    ref = core.reference
    grid = ServicesGrid(ref.services, ref.service_responses)
    qtbot.addWidget(grid)
    service, response = next(iter(ref.services)), next(iter(ref.service_responses))
    button = grid.buttons[service.code][response.code]
    assert button.accessibleName() == f"{service.label}: {response.label}"
    translations.switch("es")
    QApplication.processEvents()
    name = f"{code_labels.shown(service)}: {code_labels.shown(response)}"
    assert name != f"{service.label}: {response.label}" and button.accessibleName() == name
    button.click()  # the tick and the caption, made after the switch
    assert button.text().endswith(code_labels.shown(response).split()[0]), button.text()
    assert grid.labels[service.code].text() == code_labels.shown(service)


def test_a_string_left_unwrapped_is_caught(qtbot, translations, english, english_words):
    """The check itself: a label set without translate() fails it."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout  # noqa: PLC0415

    top = QWidget()
    qtbot.addWidget(top)
    box = QVBoxLayout(top)
    box.addWidget(QLabel("Welfare visit notes"))
    top.show()
    problems: list[str] = []
    _check("probe", [top], translations, english, set(), problems, words=english_words)
    assert problems and "Welfare visit notes" in problems[0]


def test_every_report_field_label_is_marked_for_translation():
    from civilian_responder.reports import FIELD_LABELS  # noqa: PLC0415
    from civilian_responder_ui.reports.field_labels import MARKED  # noqa: PLC0415

    assert set(MARKED) == set(FIELD_LABELS.values())


def test_what_blocks_finalizing_is_said_in_spanish(qtbot, core, translations, english):
    from tests.ui.field_flow import click, open_report, welfare_call  # noqa: PLC0415

    translations.switch("es")
    core.set_language("es")
    window = build_window(qtbot, core)
    call_id = welfare_call(core)
    window.reload()
    window.board.select_call(call_id)
    form = open_report(qtbot, window)
    click(qtbot, form.finalize_button)
    pump(qtbot)
    assert form.sections.errors["disposition_code"].text() == "Elija una disposición"
    assert form.sections.errors["narrative"].text() == "Escriba qué pasó"
    shown = visible_texts(form.validation)
    assert any("Disposición" in t for t in shown.values()), shown
    assert not [t for t in shown.values() if has_english(t, english)]


def test_the_checklist_chooser_follows_a_switch_made_while_it_is_open(
    qtbot, core, translations, english, english_words
):
    """Titles (the definitions' Spanish), why each is suggested, and the section headers."""
    window = build_window(qtbot, core)
    window.detail.tabs.setCurrentWidget(window.checklists)
    QApplication.processEvents()
    assert window.checklists.buttons, "the chooser lists checklists"
    before = visible_texts(window)
    assert any("for every call" in t for t in before.values())
    window.set_language("es")
    QApplication.processEvents()
    texts = visible_texts(window)
    assert any("para toda llamada" in t for t in texts.values()), texts
    problems = _problems(window, before, english, _data(core), english_words)
    assert problems == []


def test_an_open_checklist_follows_a_switch_both_ways(qtbot, core, translations):
    """The definition's own texts (title, prompts, help) in Spanish after a switch, and in
    English again after switching back, with the run left open and its answers kept."""
    window = build_window(qtbot, core)
    window.detail.tabs.setCurrentWidget(window.checklists)
    QApplication.processEvents()
    button = next(iter(window.checklists.buttons.values()))
    button.click()
    pump(qtbot)
    runner = window.checklists.runner
    assert runner is not None
    before = sorted(visible_texts(runner).values())
    window.set_language("es")
    pump(qtbot)
    assert window.checklists.runner is runner  # the same open run
    spanish = sorted(visible_texts(runner).values())
    local = core.checklists.get(runner.view.run.id, "es").definition
    assert local.title in spanish and local.title not in before
    window.set_language("en")
    pump(qtbot)
    assert sorted(visible_texts(runner).values()) == before


def test_a_checklist_on_a_hidden_tab_speaks_the_new_language_when_shown(qtbot, core,
                                                                       translations):
    window = build_window(qtbot, core)
    window.detail.tabs.setCurrentWidget(window.checklists)
    QApplication.processEvents()
    next(iter(window.checklists.buttons.values())).click()
    pump(qtbot)
    runner = window.checklists.runner
    english_title = runner.title.text()
    window.detail.tabs.setCurrentIndex(0)  # Details: the checklist is hidden
    pump(qtbot)
    window.set_language("es")
    pump(qtbot)
    assert runner.title.text() == english_title  # not rebuilt while nobody sees it
    window.detail.tabs.setCurrentWidget(window.checklists)
    pump(qtbot)
    assert runner.title.text() == core.checklists.get(runner.view.run.id, "es").definition.title
