"""An immutable picture of everything one report PDF needs, taken on the thread that owns the
database. Rendering reads only this, so it can run on a worker and never sees a half-saved report.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from civilian_responder.models import Attachment, Call, CoResponder, Report, StatusEvent
from civilian_responder.pdf.labels import Labels, load_labels
from civilian_responder.reference import ReferenceData
from civilian_responder.store.reports import report_payload

DEFAULT_AGENCY_NAME = "Community Service Officers"
DEMO_AGENCY_NAME = "City of Tacoma \N{EM DASH} Community Service Officers"
# Settings kept with the profile (store meta) so each profile can carry its own letterhead.
META_AGENCY_NAME = "agency_name"
META_AGENCY_LOGO = "agency_logo"
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class AgencySettings:
    name: str = DEFAULT_AGENCY_NAME
    logo: bytes | None = None  # image file contents; None draws the built-in emblem


@dataclass(frozen=True)
class ChecklistSummary:
    """One checklist run, reduced to what a reader of the report needs."""

    title: str
    score: str = ""  # e.g. "12 / 27 (moderate)"; empty when the checklist is not scored
    escalations: tuple[str, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer) in checklist order
    completed_at: str = ""
    definition_id: str = ""
    # 42 CFR Part 2: the whole run, or answer i, reveals substance-use treatment (police copy
    # leaves it out); parallel to ``answers``, empty = nothing tagged.
    part2_run: bool = False
    part2_answers: tuple[bool, ...] = ()


@dataclass(frozen=True)
class PhotoSnapshot:
    attachment: Attachment
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ReportSnapshot:
    report: Report
    call: Call | None
    timeline: tuple[StatusEvent, ...]
    photos: tuple[PhotoSnapshot, ...]
    reference: ReferenceData = field(repr=False)
    agency: AgencySettings = AgencySettings()
    checklists: tuple[ChecklistSummary, ...] = ()
    superseded_version: int | None = None
    fingerprint: str = ""
    timezone: str = ""  # IANA name for printed times; empty = this machine's local zone
    co_responders: tuple[CoResponder, ...] = ()  # other agencies' units on the call
    # A police copy leaves out what 42 CFR Part 2 protects and lists what it left out (keys of
    # the label table's "withheld.*" entries, never the values).
    police_copy: bool = False
    withheld: tuple[str, ...] = ()

    @functools.cached_property
    def labels(self) -> Labels:
        """The fixed labels in the report's language (English for any it lacks)."""
        return load_labels(self.report.language)

    @property
    def approved(self) -> bool:
        return self.report.state == "approved"

    @property
    def file_name(self) -> str:
        name = report_file_name(self.report)
        return name.replace(".pdf", "-police-copy.pdf") if self.police_copy else name


def report_file_name(report: Report) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in report.report_number)
    return f"{safe or 'report'}-v{report.version}.pdf"


def fingerprint(report: Report) -> str:
    """SHA-256 of the canonical report data: the outbox payload as JSON with sorted keys."""
    canonical = json.dumps(report_payload(report), sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_agency(meta: Callable[[str], str | None],
                profile_root: Path | None = None) -> AgencySettings:
    """Agency letterhead from the profile's settings (``Store.get_meta`` keys)."""
    name = (meta(META_AGENCY_NAME) or "").strip()
    if not name:
        name = DEMO_AGENCY_NAME if meta("demo") == "1" else DEFAULT_AGENCY_NAME
    logo_path = (meta(META_AGENCY_LOGO) or "").strip()
    return AgencySettings(name=name, logo=_read_logo(logo_path, profile_root))


def _read_logo(logo_path: str, profile_root: Path | None) -> bytes | None:
    if not logo_path:
        return None
    path = Path(logo_path)
    if not path.is_absolute() and profile_root is not None:
        path = profile_root / path
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        # A missing logo must not stop a report printing; the built-in emblem stands in.
        return None
