"""People over time: known persons, contacts, the "Known here" briefing, follow-ups, consents
and retention. The unit never merges people; the station does and the unit follows."""

from civilian_responder.people.briefing import KnownHere
from civilian_responder.people.consent import ConsentRules
from civilian_responder.people.service import PeopleService

__all__ = ["ConsentRules", "KnownHere", "PeopleService"]
