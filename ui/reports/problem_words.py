"""What blocks finalizing (``ReportService.problems``, English words made by the core) in the
window's language; a message without a translation shows as the core wrote it."""

from __future__ import annotations

from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, translate

CONTEXT = "ReportProblems"

MARKED = (
    QT_TRANSLATE_NOOP("ReportProblems", 'choose a disposition'),
    QT_TRANSLATE_NOOP("ReportProblems", 'add at least one person contacted'),
    QT_TRANSLATE_NOOP("ReportProblems", 'a service names a person who is no longer on the report'),
    QT_TRANSLATE_NOOP("ReportProblems", 'choose the nature of the perceived disability'),
    QT_TRANSLATE_NOOP("ReportProblems", 'describe the other disability in a few words'),
    QT_TRANSLATE_NOOP("ReportProblems", 'choose the language needed'),
    QT_TRANSLATE_NOOP("ReportProblems", 'say why police backup was requested'),
    QT_TRANSLATE_NOOP("ReportProblems", 'say what follow-up is needed'),
    QT_TRANSLATE_NOOP("ReportProblems", 'enter the minutes spent on this call'),
    QT_TRANSLATE_NOOP("ReportProblems", 'write what happened'),
    QT_TRANSLATE_NOOP("ReportProblems", 'say what this correction changes'),
    QT_TRANSLATE_NOOP("ReportProblems", '"no contact made" cannot go with other outcomes'),
    QT_TRANSLATE_NOOP("ReportProblems", 'say how the person was transported'),
)


def shown_problems(problems: dict[str, str]) -> dict[str, str]:
    return {field: translate(CONTEXT, message) for field, message in problems.items()}
