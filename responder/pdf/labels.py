"""The report PDF's fixed labels in the report's language (``resources/pdf_labels/<code>.json``).

English is complete and the fallback for any label another language lacks; codes' labels
(call types, statuses ...) come from the reference lists, not from here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from civilian_responder.languages import SOURCE
from civilian_responder.resource_files import resource_path

FOLDER = "pdf_labels"


def _table(language: str) -> Mapping[str, str]:
    path = resource_path(FOLDER, f"{language}.json")
    if not path.is_file():
        return {}
    return {str(k): str(v) for k, v in json.loads(path.read_text("utf-8"))["labels"].items()}


@dataclass(frozen=True)
class Labels:
    language: str
    table: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        return self.table[key].format_map(values) if values else self.table[key]

    @property
    def weekdays(self) -> tuple[str, ...]:
        return tuple(self.table["weekdays"].split())


def load_labels(language: str) -> Labels:
    """The labels in ``language``, each missing one in English."""
    merged = dict(_table(SOURCE))
    if language != SOURCE:
        merged.update(_table(language))
    return Labels(language if language in _available() else SOURCE, MappingProxyType(merged))


def _available() -> set[str]:
    return {p.stem for p in resource_path(FOLDER).glob("*.json")}
