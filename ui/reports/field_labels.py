"""The report's field labels (``civilian_responder.reports.FIELD_LABELS``, English, used by the
core for validation and exports) in the window's language."""

from __future__ import annotations

from civilian_responder.reports import FIELD_LABELS
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, translate

CONTEXT = "FieldLabels"

# Listed for lupdate; a test checks the list matches FIELD_LABELS.
MARKED = (
    QT_TRANSLATE_NOOP("FieldLabels", 'Persons contacted'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Flags'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Perceived disability'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Other disability'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Language needed'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Disposition'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Report language'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Outcome'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Response'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Call came from'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Transported by'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Transported to'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Facility'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Referrals'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Agency named'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Services'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Shelter placement'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Hold or admission by others'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Why handed to police'),
    QT_TRANSLATE_NOOP("FieldLabels", '911 call transferred to 988'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Warm transfer to 988 on scene'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Backup reason'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Follow-up'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Time on task'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Narrative'),
    QT_TRANSLATE_NOOP("FieldLabels", 'Reason for correction'),
)


def field_label(name: str) -> str:
    """The label of report field ``name`` in the window's language."""
    return translate(CONTEXT, FIELD_LABELS[name])
