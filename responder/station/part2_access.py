"""Who sees 42 CFR Part 2 data at the station: the one decision every station output takes.

``for_role(role, record, allowed=...)`` is called by each output that carries per-report
values — the console's report page and its versions, the station-rendered report PDF (console
and ``responder-station report-pdf``), the review API (reports, records, conflicts) and
``responder-station export reports`` — with the reader's role and the roles allowed to see
Part 2 data (the agency setting ``part2_roles``, default ``clinical_supervisor``). A role not
allowed gets the record without any value the tag list (``resources/privacy/part2.json``, read
through :mod:`civilian_responder.part2`) tags, and the labels of what was withheld, which every
output shows. The CAD/EIDO feed leaves tagged codes out whoever asks (``eido_out``).

The station's command line has no staff role: ``OPERATOR`` stands for an operator who asked
for Part 2 data explicitly (``--include-part2``); without it the commands withhold too.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from civilian_responder.part2 import Part2Tags, load_part2_tags

OPERATOR = "station_operator"  # the command line with --include-part2
WITHHELD_TEXT = "[withheld: 42 CFR Part 2]"
NOTICE = "Withheld under 42 CFR Part 2 (substance-use treatment; your role does not include it)"
KINDS = ("report", "checklist_run")


@functools.cache
def tags() -> Part2Tags:
    return load_part2_tags()


@dataclass(frozen=True)
class Shown:
    record: dict[str, Any]
    withheld: tuple[str, ...] = ()

    @property
    def notice(self) -> str:
        """What a reader is told ("" when nothing was withheld)."""
        return f"{NOTICE}: {', '.join(self.withheld)}." if self.withheld else ""


def may_see(role: str | None, allowed: Collection[str]) -> bool:
    return role == OPERATOR or (role is not None and role in allowed)


def for_role(
    role: str | None,
    record: Mapping[str, Any],
    *,
    allowed: Collection[str],
    kind: str = "report",
    part2: Part2Tags | None = None,
) -> Shown:
    """The record (a report payload, or a checklist run payload with ``kind="checklist_run"``)
    as ``role`` may see it, and what was withheld from it."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if may_see(role, allowed) or not isinstance(record, Mapping):
        return Shown(dict(record) if isinstance(record, Mapping) else record)
    t = part2 or tags()
    if kind == "report":
        out, labels = t.withhold_payload(record, WITHHELD_TEXT)
    else:
        out, labels = t.withhold_run(record, WITHHELD_TEXT)
    return Shown(out, labels)


def for_conflict(
    role: str | None, kept: Any, *, allowed: Collection[str], kind: str
) -> Shown:
    """A kept conflicting change (``{"call_id", "created_at", "payload": record}``) as
    ``role`` may see it: :func:`for_role` on the record inside."""
    if not isinstance(kept, Mapping) or not isinstance(kept.get("payload"), Mapping):
        return Shown(kept)
    seen = for_role(role, kept["payload"], allowed=allowed, kind=kind)
    return Shown(dict(kept, payload=seen.record), seen.withheld)


def merge_labels(*groups: Collection[str]) -> tuple[str, ...]:
    """Labels of several records, each once, in order."""
    return tuple(dict.fromkeys(label for g in groups for label in g))
