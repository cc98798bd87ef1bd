"""Consent as data: what each consent kind needs (``needs`` in consent_kinds.json, the one table
the form, the PDF and finalize read), and pre-fill from checklist answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from civilian_responder.models import Consent
from civilian_responder.reference import ReferenceData

FIELD_WORDS = {
    "method": "say whether it was verbal or signed",
    "share_with": "say with whom it may be shared",
    "share_for": "say for what it may be shared",
    "until": "say until when (a date)",
    "witness": "name the witness of a verbal consent",
}


class ConsentRules:
    def __init__(self, reference: ReferenceData) -> None:
        self._ref = reference

    def missing(self, consent: Consent) -> list[str]:
        """The fields this consent still needs (only a given consent needs its details)."""
        kind = self._ref.consent_kinds.get(consent.kind)
        if kind is None or not consent.given:
            return []
        needs = list(kind.get("needs", ()))
        if kind.get("witness_when") and consent.method == kind.get("witness_when"):
            needs.append("witness")
        return [n for n in needs if not str(getattr(consent, n) or "").strip()]

    def problems(self, consents: Iterable[Consent]) -> dict[str, str]:
        """Finalize problems, one per consent, naming the missing fields."""
        out: dict[str, str] = {}
        for c in consents:
            missing = self.missing(c)
            if missing:
                label = self._ref.consent_kinds.label(c.kind)
                out[f"consent.{c.kind}"] = f"{label}: " + "; ".join(
                    FIELD_WORDS.get(m, m) for m in missing
                )
        return out

    def from_checklist(
        self, definition_id: str, item_id: str, value: Any
    ) -> tuple[str, bool] | None:
        """(consent kind, given) when this checklist answer is a consent question."""
        if not isinstance(value, bool):
            return None
        for kind in self._ref.consent_kinds:
            for src in kind.get("from_checklist", ()):
                if isinstance(src, Mapping) and (src.get("checklist"), src.get("item")) == (
                    definition_id,
                    item_id,
                ):
                    return kind.code, value
        return None
