"""Known people offered while a name is typed: name, age range, description, last seen.

Offered only: a person is linked when the responder picks one, never by itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from civilian_responder.models import KnownPerson
from civilian_responder.reference import CodeList
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

Suggester = Callable[[str], Sequence[KnownPerson]]
MIN_CHARS = 2


def describe(person: KnownPerson, ages: CodeList | None = None) -> str:
    parts = [person.display_name]
    if person.age_range:
        parts.append(shown_of(ages, person.age_range) if ages else person.age_range)
    if person.description:
        parts.append(person.description)
    parts.append(
        fill(translate("person_suggestions", "last seen %1"), person.last_seen_at[:10])
        if person.last_seen_at
        else translate("person_suggestions", "not seen yet")
    )
    return " \N{MIDDLE DOT} ".join(parts)


class PersonSuggestions(QListWidget):
    """Sits under the name field; hidden while there is nothing to offer."""

    chosen = Signal(object)  # KnownPerson

    def __init__(
        self, suggest: Suggester, ages: CodeList | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personSuggestions")
        self._suggest = suggest
        self._ages = ages
        self.setAccessibleName(translate("PersonSuggestions", "Known people with this name"))
        self.setMaximumHeight(140)
        self.hide()
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)

    def update_for(self, typed: str) -> None:
        self.clear()
        found = self._suggest(typed) if len(typed.strip()) >= MIN_CHARS else ()
        for person in found:
            item = QListWidgetItem(describe(person, self._ages))
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.addItem(item)
        self.setVisible(bool(found))

    def people(self) -> list[KnownPerson]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.hide()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
