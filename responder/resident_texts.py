"""What a resident reads or is read aloud: consent statements, the 988 explanation, the resource
handout's fixed wording. Reference data, one file per language in ``resources/resident_texts/``.

``ResidentTexts.load().text("transport_consent.body", "so", agency=..., destination=...)``: the
text in that language, English if that language lacks it, with its ``{placeholders}`` filled.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from civilian_responder.errors import ValidationError
from civilian_responder.languages import SOURCE, resident_codes
from civilian_responder.resource_files import resource_path

FOLDER = "resident_texts"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class ResidentTexts:
    by_language: Mapping[str, Mapping[str, str]]

    @classmethod
    def load(cls) -> ResidentTexts:
        found: dict[str, Mapping[str, str]] = {}
        for code in resident_codes():
            path = resource_path(FOLDER, f"{code}.json")
            raw = json.loads(path.read_text("utf-8"))
            if raw.get("language") != code or not isinstance(raw.get("texts"), dict):
                raise ValidationError(
                    f"{path} must hold 'language': {code!r} and 'texts'", {"file": path.name}
                )
            found[code] = MappingProxyType({str(k): str(v) for k, v in raw["texts"].items()})
        return cls(MappingProxyType(found))

    def keys(self) -> list[str]:
        return sorted(self.by_language[SOURCE])

    def languages(self) -> list[str]:
        return list(self.by_language)

    def text(self, key: str, language: str, **values: str) -> str:
        """The text in ``language`` (English where it is missing), placeholders filled."""
        english = self.by_language[SOURCE].get(key)
        if english is None:
            raise ValidationError(f"No resident text {key!r}", {"key": "unknown"})
        template = self.by_language.get(language, {}).get(key, english)
        wanted = placeholders(template)
        if wanted - set(values):
            raise ValidationError(
                f"{key} needs {', '.join(sorted(wanted - set(values)))}", {"values": "missing"}
            )
        return template.format_map({k: values[k] for k in wanted})
