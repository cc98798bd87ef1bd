"""The "Known here" briefing: what earlier contacts at a call's address and with its named
people say, read in a few indexed queries so it is ready before the team arrives."""

from __future__ import annotations

from dataclasses import dataclass

from civilian_responder.models import Contact, FollowUp, KnownPerson

# Five years at a busy address is thousands of contacts; the panel shows the latest.
MAX_CONTACTS = 50


@dataclass(frozen=True)
class KnownHere:
    address: str
    contacts: tuple[Contact, ...]  # newest first, address and people together, no repeats
    people: tuple[KnownPerson, ...]
    follow_ups: tuple[FollowUp, ...]  # open ones for these people or this call's address
    total_at_address: int = 0

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.follow_ups)

    @property
    def violence_basis(self) -> tuple[Contact, ...]:
        """The earlier contacts a "prior violence" answer rests on."""
        return tuple(c for c in self.contacts if c.violence)

    @property
    def what_helped(self) -> tuple[str, ...]:
        return _distinct(c.what_helped for c in self.contacts)

    @property
    def triggers(self) -> tuple[str, ...]:
        return _distinct(c.triggers for c in self.contacts)

    @property
    def safety_notes(self) -> tuple[str, ...]:
        return _distinct(c.safety_notes for c in self.contacts)

    def person_name(self, person_id: str | None) -> str:
        for p in self.people:
            if p.id == person_id:
                return p.display_name
        return ""


def _distinct(texts) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(dict.fromkeys(t.strip() for t in texts if t and t.strip()))
