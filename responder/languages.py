"""Which languages Responder speaks, and each officer's choice of language.

The table is data (``resources/translations/languages.json``): ``ui`` languages have a
translation of the window, ``resident`` languages have the resident-facing texts, ``pdf``
languages have a report label table. English is the source language and the fallback for all.

An officer's language is a UI preference kept in the profile's ``settings.json`` (readable
before sign-in, like the theme), keyed by officer id; ``language`` there is the last one used,
so the sign-in window opens in the language of whoever signed in last.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civilian_responder.errors import ValidationError
from civilian_responder.resource_files import resource_path

log = logging.getLogger(__name__)

SOURCE = "en"  # the language the code and the definitions are written in
OFFICERS_KEY = "officer_languages"
LAST_KEY = "language"


@dataclass(frozen=True)
class Language:
    code: str
    label: str  # in English
    native: str  # in the language itself: what a language picker shows
    ui: bool
    resident: bool
    pdf: bool


def load_languages() -> tuple[Language, ...]:
    raw = json.loads(resource_path("translations", "languages.json").read_text("utf-8"))
    return tuple(
        Language(
            str(i["code"]),
            str(i["label"]),
            str(i["native"]),
            bool(i["ui"]),
            bool(i["resident"]),
            bool(i["pdf"]),
        )
        for i in raw["items"]
    )


def ui_languages() -> tuple[Language, ...]:
    return tuple(lang for lang in load_languages() if lang.ui)


def resident_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in load_languages() if lang.resident)


def pdf_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in load_languages() if lang.pdf)


def check_ui_language(code: str) -> str:
    if code not in {lang.code for lang in ui_languages()}:
        known = ", ".join(lang.code for lang in ui_languages())
        raise ValidationError(
            f"Unknown language {code!r} (known: {known})", {"language": "unknown"}
        )
    return code


class OfficerLanguages:
    """Each officer's language in ``settings.json``; keeps the keys other features wrote."""

    def __init__(self, settings: Path) -> None:
        self._path = Path(settings)

    def last(self) -> str:
        """The language of the last officer who chose one (the sign-in window's language)."""
        return self._valid(self._read().get(LAST_KEY))

    def of(self, officer_id: str) -> str:
        """The officer's language (English until they choose one)."""
        return self._valid(self.stored(officer_id))

    def stored(self, officer_id: str) -> str | None:
        chosen = self._read().get(OFFICERS_KEY, {})
        code = chosen.get(officer_id) if isinstance(chosen, dict) else None
        return code if code in {lang.code for lang in ui_languages()} else None

    def set(self, officer_id: str, code: str) -> None:
        check_ui_language(code)
        data = self._read()
        officers = data.get(OFFICERS_KEY)
        data[OFFICERS_KEY] = {**(officers if isinstance(officers, dict) else {}), officer_id: code}
        data[LAST_KEY] = code
        tmp = self._path.with_name(self._path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
            os.replace(tmp, self._path)
        except OSError as exc:
            log.warning("Cannot save the language choice to %s: %s", self._path, exc)

    def _valid(self, code: Any) -> str:
        return code if code in {lang.code for lang in ui_languages()} else SOURCE

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
