"""Every visible text in both themes, on every screen of a whole call, measured for contrast:
nothing under 4.5:1, body text at least 7:1, and after a day/night switch no colour that only
the other theme uses (rich-text and link colours included)."""

from __future__ import annotations

import re

import pytest
from civilian_responder_ui.checklists import checklist_style
from civilian_responder_ui.reports.report_validation import FORM_STYLE
from civilian_responder_ui.shell.contrast import ANY_MINIMUM, BODY_MINIMUM
from civilian_responder_ui.shell.theme import COLORS, load_style_sheet, other

from tests.ui.field_checks import text_colors
from tests.ui.field_flow import build_window, walk_flow

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")




def declared(theme: str) -> set[str]:
    """Every colour a theme names: its style sheet, model colours and feature palettes."""
    feature = checklist_style._NIGHT if theme == "night" else checklist_style._DAY
    found = set(HEX.findall(load_style_sheet(theme))) | set(HEX.findall(FORM_STYLE))
    found |= {v for v in vars(COLORS[theme]).values()} | set(feature.values())
    return {c.lower() for c in found}


def check(window, theme: str, screen: str, problems: list[str]) -> None:
    foreign = declared(other(theme)) - declared(theme)
    body = COLORS[theme].text
    for found in text_colors(window):
        where = f"{theme}, {screen}: {found}"
        if found.ratio < ANY_MINIMUM:
            problems.append(where)
        elif found.fg.name() == body and found.ratio < BODY_MINIMUM:
            problems.append(f"{where} (body text)")
        if not found.from_pixels and found.fg.name() in foreign:
            problems.append(f"{where} (a {other(theme)} colour)")


@pytest.mark.parametrize("theme", ["day", "night"])
def test_every_text_on_every_screen_is_readable_before_and_after_a_switch(qtbot, core, theme):
    window = build_window(qtbot, core, theme)
    problems: list[str] = []

    def visit(screen: str) -> None:
        check(window, theme, screen, problems)
        window.set_theme(other(theme))
        qtbot.wait(5)
        check(window, other(theme), f"{screen} after a switch", problems)
        window.set_theme(theme)
        qtbot.wait(5)

    walk_flow(qtbot, window, core, visit)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_themes_own_text_colours_meet_the_targets():
    from civilian_responder_ui.shell.contrast import contrast_ratio
    from PySide6.QtGui import QColor

    for theme, c in COLORS.items():
        assert contrast_ratio(QColor(c.text), QColor(c.window)) >= BODY_MINIMUM, theme
        assert contrast_ratio(QColor(c.muted), QColor(c.window)) >= ANY_MINIMUM, theme
