"""Code labels (call types, statuses, dispositions …) in the window's language.

The window shows one language at a time, as Qt's installed translators do: the table in effect
lives here, in the UI, and :class:`~civilian_responder_ui.shell.translations.Translations`
changes it on a switch. The core keeps codes and English labels; ``Code.label_in`` reads a table.
"""

from __future__ import annotations

from civilian_responder.reference import Code, CodeList, LabelTable, shown_labels

_table: LabelTable = {}


def show_in(language: str) -> None:
    """Show code labels in ``language`` from now on (English where it has none)."""
    global _table  # noqa: PLW0603 (one window language per process, like Qt's translators)
    _table = shown_labels(language)


def current_table() -> LabelTable:
    """The table in effect (a new object after each :func:`show_in`): lets a cache of shown
    labels tell it is stale."""
    return _table


def shown(code: Code) -> str:
    """The code's label in the window's language."""
    return code.label_in(_table)


def shown_short(code: Code) -> str:
    """The code's short label (where room is tight) in the window's language."""
    return code.short_label_in(_table)


def shown_of(codes: CodeList, value: str | None) -> str:
    """The label of ``value`` in ``codes`` in the window's language (the value if unknown)."""
    return codes.label_in(_table, value)
