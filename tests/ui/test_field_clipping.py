"""No text is cut off on any screen of a whole call at 1366×768: combo boxes, spin boxes, line
edits and their placeholders, buttons, single-line labels, and wrapped labels (no lost lines)."""

from __future__ import annotations

import pytest

from tests.ui.field_checks import clipped_texts
from tests.ui.field_flow import build_window, walk_flow


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_text_is_cut_off_on_any_screen(qtbot, core, language, request):
    window = build_window(qtbot, core)
    if language != "en":  # longer labels must fit too
        assert window.set_language(language) == language
        request.addfinalizer(lambda: window.set_language("en"))
    cut: list[str] = []

    def visit(screen: str) -> None:
        cut.extend(f"{screen}: {found}" for found in clipped_texts(window))

    walk_flow(qtbot, window, core, visit)
    title = window.detail.report_form.title
    assert ("Finalized" if language == "en" else "Finalizado") in title.text()
    one_line = title.fontMetrics().lineSpacing() * 3 // 2
    assert title.heightForWidth(title.width()) <= one_line, "the finalized title wraps"
    assert not cut, "\n".join(sorted(set(cut)))
