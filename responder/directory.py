"""The offline resource directory: search-as-you-type over what the station synced, the referral
a chosen resource puts on a report, and the handout given to the person.

The directory is the station's (``responder-station directory``); a unit only reads it. A search
is one indexed-table scan with a ``LIKE`` per typed word over a prepared lowercase column (well
under 20 ms per keystroke over 5,000 resources: tests/benchmarks/test_directory_benchmark.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from civilian_responder.clock import Clock, parse_iso
from civilian_responder.errors import ValidationError
from civilian_responder.models import Resource
from civilian_responder.pdf.snapshot import load_agency
from civilian_responder.reference import Code, LabelTable, ReferenceData
from civilian_responder.store import Store
from civilian_responder.store.directory import search_terms

MAX_RESULTS = 50
MAX_HANDOUT = 6  # resources on the one-page handout
EMERGENCY_LINE = "In an emergency call 911. In a crisis call or text 988, any time."


@dataclass(frozen=True)
class Referral:
    """What choosing a resource puts on the report: its referral code and the agency's name."""

    code: str
    agency: str


class DirectoryService:
    def __init__(self, store: Store, reference: ReferenceData, clock: Clock) -> None:
        self._store = store
        self._ref = reference
        self._clock = clock

    def search(
        self, text: str, kinds: Sequence[str] = (), limit: int = MAX_RESULTS
    ) -> list[Resource]:
        """Resources matching every typed word (name, kind, address, languages, eligibility,
        phone), by name; empty text lists the first ``limit`` by name."""
        return self._store.directory.search(search_terms(text), kinds, limit)

    def get(self, resource_id: str) -> Resource | None:
        return self._store.directory.get(resource_id)

    def count(self) -> int:
        return self._store.directory.count()

    def kinds(self) -> tuple[Code, ...]:
        return self._ref.resource_kinds.items

    def kind_label(self, resource: Resource) -> str:
        return self._ref.resource_kinds.label(resource.kind)

    def kind_label_in(self, resource: Resource, table: LabelTable) -> str:
        """:meth:`kind_label` in a language's table (the window's; the handout has its own)."""
        return self._ref.resource_kinds.label_in(table, resource.kind)

    def referral(self, resource: Resource) -> Referral:
        kind = self._ref.resource_kinds.get(resource.kind)
        code = kind.get("referral") if kind else None
        return Referral(
            code if code in self._ref.referral_destinations else "OTHER", resource.name[:200]
        )

    def beds_text(self, resource: Resource) -> str:
        """'5 beds open as of Dec 2, 06:00 (3 h ago)', or '' for a kind without beds."""
        if resource.beds_open is None or not resource.beds_as_of:
            return ""
        try:
            when = parse_iso(resource.beds_as_of)
        except ValueError:
            return f"{resource.beds_open} beds open"
        hours = max(0, int((self._clock.now() - when).total_seconds() // 3600))
        ago = "under an hour ago" if hours < 1 else f"{hours} h ago"
        return f"{resource.beds_open} beds open as of {_short(when)} UTC ({ago})"

    def handout(self, resource_ids: Sequence[str]) -> bytes:
        """The one-page handout PDF for the person."""
        return self.prepare_handout(resource_ids)()

    def prepare_handout(self, resource_ids: Sequence[str]) -> Callable[[], bytes]:
        """Read the chosen resources now (owning thread); the returned function renders the
        PDF from that plain data on any thread (reportlab loads only then)."""
        wanted = list(dict.fromkeys(resource_ids))
        if not wanted:
            raise ValidationError("Choose at least one resource for the handout")
        if len(wanted) > MAX_HANDOUT:
            raise ValidationError(f"A handout holds at most {MAX_HANDOUT} resources (one page)")
        chosen = [r for r in (self.get(i) for i in wanted) if r]
        if len(chosen) != len(wanted):
            raise ValidationError("A chosen resource is no longer in the directory; sync first")
        rows = [
            (
                r.name,
                self.kind_label(r),
                r.phone,
                r.address,
                r.hours,
                r.eligibility,
                r.languages,
                self.beds_text(r),
            )
            for r in chosen
        ]
        agency = load_agency(self._store.get_meta).name
        today = self._clock.now().strftime("%B %d, %Y").replace(" 0", " ")

        def render() -> bytes:
            from civilian_responder.pdf.handout import (  # noqa: PLC0415 (reportlab is slow)
                HandoutFacts,
                HandoutItem,
                render_handout,
            )

            items = [HandoutItem(*row) for row in rows]
            return render_handout(items, HandoutFacts(agency, today, EMERGENCY_LINE))

        return render


def _short(when: datetime) -> str:
    return when.strftime("%b %d, %H:%M").replace(" 0", " ", 1)
