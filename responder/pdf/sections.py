"""The report's sections, each a list of flowables; a section with nothing to say is left out."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from civilian_responder.clock import parse_iso
from civilian_responder.languages import SOURCE
from civilian_responder.pdf import photos
from civilian_responder.pdf.labels import Labels, load_labels
from civilian_responder.pdf.layout import (
    banner,
    data_table,
    facts_grid,
    heading,
    para,
    styles,
)
from civilian_responder.pdf.pages import FRAME_W, MUTED, RULE
from civilian_responder.pdf.snapshot import ChecklistSummary, ReportSnapshot
from civilian_responder.pdf.text import clean, markup, starts_rtl
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

Section = Callable[[ReportSnapshot, "Clockface"], list[Flowable]]
CHECK = "\u2713"
PHOTO_GAP = 0.22 * inch
PHOTO_W = (FRAME_W - PHOTO_GAP) / 2
PHOTO_MAX_H = 2.7 * inch
KEEP_ROWS = 12  # tables up to this many rows are not split from their heading or each other


class Clockface:
    """Turns stored UTC timestamps into the local date and time a reader expects."""

    def __init__(self, tz: tzinfo | None) -> None:
        self._tz = tz

    def local(self, stamp: str | None) -> datetime | None:
        if not stamp:
            return None
        try:
            return parse_iso(stamp).astimezone(self._tz)
        except ValueError:
            return None

    def datetime(self, stamp: str | None) -> str:
        dt = self.local(stamp)
        return f"{dt:%Y-%m-%d %H:%M} {dt:%Z}".strip() if dt else ""

    def date(self, stamp: str | None, weekdays: tuple[str, ...] = ()) -> str:
        """``Sat 2026-11-21``; ``weekdays`` (Monday first) names the day in another language."""
        dt = self.local(stamp)
        if not dt:
            return ""
        day = weekdays[dt.weekday()] if len(weekdays) == 7 else f"{dt:%a}"
        return f"{day} {dt:%Y-%m-%d}"

    def time(self, stamp: str | None) -> str:
        dt = self.local(stamp)
        return f"{dt:%H:%M:%S}" if dt else ""

    def zone(self, stamp: str | None) -> str:
        dt = self.local(stamp)
        return f"{dt:%Z}" if dt else ""


def correction_banner(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r = s.report
    if r.state == "superseded":
        return [banner([s.labels("superseded_title"), s.labels("superseded_hint")]),
                Spacer(1, 6)]
    if not r.supersedes_id:
        return []
    old = s.superseded_version or r.version - 1
    lines = [s.labels("corrected_title", old=old)]
    if r.correction_reason.strip():
        lines.append(s.labels("correction_reason", reason=r.correction_reason))
    return [banner(lines), Spacer(1, 6)]


def police_copy_notice(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    """Every page of a police copy says what it is in the title; this says what it lacks."""
    if not s.police_copy:
        return []
    L = s.labels
    if s.withheld:
        what = "; ".join(L(f"withheld.{key}") for key in s.withheld)
        lines = [L("police_copy_banner_withheld"), L("police_copy_left_out", what=what)]
    else:
        lines = [L("police_copy_banner"), L("police_copy_nothing")]
    return [banner(lines), Spacer(1, 6)]


def summary(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r, call, ref, L = s.report, s.call, s.reference, s.labels
    state = ref_state_label(r.state, L)
    pairs = [
        (L("report_number"), r.report_number),
        (L("version_state"), f"v{r.version} \N{MIDDLE DOT} {state}"),
        (L("call_number"), call.display_number if call else ""),
        (L("call_type"), _code_label(call.type_code, ref.call_types.label(call.type_code))
         if call else ""),
        (L("priority"), ref.priorities.label(str(call.priority)) if call else ""),
        (L("unit"), call.unit_id if call else ""),
        (L("author"), r.author),
        (L("call_received"), clock.datetime(call.received_at) if call else ""),
        (L("time_on_task"), L("minutes", n=r.time_on_task_minutes)
         if r.time_on_task_minutes is not None else ""),
    ]
    out: list[Flowable] = [facts_grid(pairs)]
    if call:
        out += _location(call.address, call.cross_streets, call.location_note, L)
        if call.caution_notes.strip():
            out += [Spacer(1, 4), banner([L("caution", text=call.caution_notes)])]
    return out


def _location(address: str, cross: str, note: str, L: Labels) -> list[Flowable]:
    pairs = [(L("location"), address)]
    if cross.strip():
        pairs.append((L("cross_streets"), cross))
    if note.strip():
        pairs.append((L("location_note"), note))
    return [facts_grid(pairs)]


def timeline(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    if not s.timeline:
        return []
    ref, L = s.reference, s.labels
    rows = []
    for e in s.timeline:
        what = ref.unit_statuses.label(e.status)
        if e.kind == "backup":
            what = L("backup_requested_event", reason=ref.backup_reasons.label(e.reason_code))
        elif e.kind == "note":
            switch = ref.call_switch_actions.get(e.reason_code)
            what = f"Unit switched call: {switch.label}" if switch else L("note_event")
        rows.append([clock.date(e.at, L.weekdays), clock.time(e.at), what, e.actor or e.origin,
                     e.note])
    zone = clock.zone(s.timeline[0].at)
    header = [L("col_date"), L("col_time_zone", zone=zone) if zone else L("col_time"),
              L("col_status"), L("col_by"), L("col_note")]
    return _kept([heading(L("timeline_heading")),
                  data_table(header, rows, [1.3, 1.0, 1.6, 1.3, 2.4])], len(rows))


def crew(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    """Who worked the call (the shift's crew), not just the officer who signed in."""
    if not s.report.crew:
        return []
    roles = s.reference.crew_roles
    rows = [[m.name, roles.label(m.role_code),
             "yes" if m.on_roster else "NOT ON ROSTER (added by hand)"] for m in s.report.crew]
    return _kept([heading("Crew"),
                  data_table(["Name", "Role", "On roster"], rows, [2.6, 2.4, 2.6])], len(rows))


def co_responders(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    """Other agencies' units on the call, when they came and left, who asked for whom."""
    if not s.co_responders:
        return []
    ref = s.reference
    rows = [[ref.agencies.label(c.agency_code), c.unit_label,
             ref.co_response_requests.label(c.requested_by_code),
             clock.time(c.arrived_at) if c.arrived_at else "",
             clock.time(c.departed_at) if c.departed_at else ""] for c in s.co_responders]
    return _kept([heading("Other agencies on the call"),
                  data_table(["Agency", "Unit", "Requested", "Arrived", "Left"], rows,
                             [1.5, 1.0, 2.4, 0.9, 0.9])], len(rows))


def persons(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    if not s.report.persons:
        return []
    roles = s.reference.person_roles
    rows = [[roles.label(p.role_code), p.name, "" if p.age is None else str(p.age), p.phone,
             p.note] for p in s.report.persons]
    L = s.labels
    return _kept([heading(L("persons_heading")),
                  data_table([L("col_role"), L("col_name"), L("col_age"), L("col_phone"),
                              L("col_note")], rows,
                             [1.4, 1.9, 0.5, 1.2, 2.6])], len(rows))


def flags(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r, ref, L = s.report, s.reference, s.labels
    pairs = []
    if r.flags:
        pairs.append((L("flags"), ", ".join(ref.flags.label(f) for f in r.flags)))
    if r.disability_codes:
        labels = [ref.disabilities.label(d) for d in r.disability_codes]
        if r.disability_other.strip():
            labels.append(L("disability_other", text=r.disability_other))
        pairs.append((L("disability"), "; ".join(labels)))
    if r.language_codes:
        pairs.append((L("language_needed"), ", ".join(ref.languages.label(c)
                                                      for c in r.language_codes)))
    if not pairs:
        return []
    return [KeepTogether([heading(L("flags_heading")),
                          facts_grid(pairs, columns=len(pairs))])]


def disposition(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r, ref, L = s.report, s.reference, s.labels
    pairs = []
    if r.disposition_code:
        d = ref.dispositions.get(r.disposition_code)
        group = ref.disposition_groups.label(d.get("group")) if d else ""
        text = _code_label(r.disposition_code, ref.dispositions.label(r.disposition_code))
        pairs.append((L("disposition"), f"{text} ({group})" if group else text))
    if r.outcome_codes:
        pairs.append((L("outcome"), "; ".join(ref.outcomes.label(c) for c in r.outcome_codes)))
    for label, code, codes in ((L("response"), r.response_model_code, ref.response_models),
                               (L("call_came_from"), r.call_source_code, ref.call_sources)):
        if code:
            pairs.append((label, codes.label(code)))
    transport = _transport(r, ref)
    if transport:
        pairs.append((L("transported"), transport))
    if r.shelter_placement_code:
        pairs.append((L("shelter_placement"),
                      ref.shelter_placements.label(r.shelter_placement_code)))
    if r.hold_code:
        pairs.append((L("hold"), ref.holds.label(r.hold_code)))
    if r.police_handoff_reason_code:
        pairs.append((L("police_handoff"),
                      ref.police_handoff_reasons.label(r.police_handoff_reason_code)))
    if r.backup_requested:
        pairs.append((L("backup"), ref.backup_reasons.label(r.backup_reason_code)
                      or L("yes_lower")))
    if r.call_transferred_988:
        pairs.append((L("call_988"), L("yes")))
    if r.warm_transfer_988:
        pairs.append((L("warm_988"), L("yes")))
    if r.follow_up_needed:
        pairs.append((L("follow_up"), r.follow_up_note or L("yes_lower")))
    if not pairs:
        return []
    return [KeepTogether([heading(L("disposition_heading")), facts_grid(pairs)])]


def _transport(r: Any, ref: Any) -> str:
    """Mode, destination type and named facility on one line (any of them may be missing)."""
    parts = [ref.transport_modes.label(r.transport_mode_code) if r.transport_mode_code else "",
             ref.transport_destinations.label(r.transport_destination_code)
             if r.transport_destination_code else "", r.transport_facility.strip()]
    return " \N{MIDDLE DOT} ".join(p for p in parts if p)


def services(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r, ref, L = s.report, s.reference, s.labels
    if not (r.referrals or r.services):
        return []
    out: list[Flowable] = [heading(L("services_heading"))]
    if r.referrals:
        pairs = [(L("referred_to"), "; ".join(ref.referral_destinations.label(c)
                                              for c in r.referrals))]
        if r.referral_agency.strip():
            pairs.append((L("agency_named"), r.referral_agency))
        out.append(facts_grid(pairs, columns=len(pairs)))
    if r.services:
        responses = ref.service_responses.codes()
        names = {p.id: p.name or ref.person_roles.label(p.role_code) for p in r.persons}
        rows = [[ref.services.label(e.code), names.get(e.person_id or "", L("person_served"))]
                + [CHECK if e.response == resp else "" for resp in responses]
                for e in r.services]
        header = [L("col_service"), L("col_for")] + [ref.service_responses.label(x)
                                                     for x in responses]
        t = data_table(header, rows, [2.2, 1.5, 0.9, 0.9, 0.9])
        t.setStyle(TableStyle([("ALIGN", (2, 1), (-1, -1), "CENTER")]))
        out += [Spacer(1, 4), t]
    return _kept(out, len(r.services))


def checklists(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    if not s.checklists:
        return []
    out: list[Flowable] = []
    for n, run in enumerate(s.checklists):
        part = _checklist(run, clock, s.labels)
        # The section heading travels with the first run, never alone at a page bottom.
        out += _kept(([heading(s.labels("checklists_heading"))] if n == 0 else []) + part,
                     len(run.answers))
    return out


def _checklist(run: ChecklistSummary, clock: Clockface, L: Labels) -> list[Flowable]:
    st = styles()
    title = run.title + (f" \N{MIDDLE DOT} {clock.datetime(run.completed_at)}"
                         if run.completed_at else "")
    head: list[Flowable] = [Paragraph(markup(title), st.subheading)]
    if run.score:
        head.append(para(L("score", score=run.score), st.body))
    if run.escalations:
        head += [Spacer(1, 3), banner([L("escalations")] + [f"\N{BULLET} {e}"
                                                            for e in run.escalations])]
    if run.answers:
        head += [Spacer(1, 4), data_table([L("col_question"), L("col_answer")], run.answers,
                                          [4.2, 2.4])]
    return head


def _kept(flowables: list[Flowable], rows: int) -> list[Flowable]:
    """A short section stays in one piece; a long one may split, but each flowable keeps to the
    page of the one after it so a heading or a score never ends a page alone. (reportlab's
    keepWithNext does not chain into KeepTogether containers, hence two ways.)"""
    if rows <= KEEP_ROWS:
        return [KeepTogether(flowables)]
    for f in flowables[:-1]:
        f.keepWithNext = True
    return flowables


def narrative(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    text = clean(s.report.narrative).strip()
    if not text:
        return []
    st = styles()
    # One paragraph per line lets a 20-page narrative break anywhere between lines.
    paras: list[Flowable] = [
        Paragraph(markup(line), st.narrative_rtl if starts_rtl(line) else st.narrative)
        for line in text.split("\n") if line.strip()
    ]
    return [heading(s.labels("narrative_heading")), *paras]


def photo_grid(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    if not s.photos:
        return []
    cells = [_photo_cell(i, p.attachment.filename, p.attachment.caption, p.data, s.labels)
             for i, p in enumerate(s.photos, start=1)]
    if len(cells) % 2:
        cells.append([])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    t = Table(rows, colWidths=[PHOTO_W + PHOTO_GAP / 2] * 2, splitInRow=1)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), PHOTO_GAP / 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    return [heading(s.labels("photos_heading", n=len(s.photos))), t]


def _photo_cell(n: int, filename: str, caption: str, data: bytes,
                L: Labels) -> list[Flowable]:
    st = styles()
    label = L("photo_caption", n=n, caption=caption) if caption.strip() else L("photo", n=n)
    prepared = photos.prepare(data)
    if prepared.data is None:
        box = Table([[para(L("photo_unavailable", file=filename, problem=prepared.problem),
                           st.note)]], colWidths=[PHOTO_W], rowHeights=[1.4 * inch])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, MUTED, None, (3, 2)),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        return [box, para(label, st.caption)]
    scale = min(PHOTO_W / prepared.width, PHOTO_MAX_H / prepared.height)
    img = Image(io.BytesIO(prepared.data), prepared.width * scale, prepared.height * scale)
    img.hAlign = "LEFT"
    return [img, Spacer(1, 2), para(f"{label} \N{MIDDLE DOT} {filename}", st.caption)]


def attestation(s: ReportSnapshot, clock: Clockface) -> list[Flowable]:
    r, st, L = s.report, styles(), s.labels
    if r.finalized_at:
        author = [para(L("author_attestation"), st.subheading),
                  para(L("attest"), st.body), Spacer(1, 6),
                  para(L("signed_by", author=r.author or L("the_author")), st.subheading),
                  para(L("finalized_at", when=clock.datetime(r.finalized_at)), st.small)]
    else:
        author = [para(L("author_attestation"), st.subheading),
                  para(L("not_finalized"), st.note), *_sign_lines(L)]
    if s.approved:
        review = [para(L("supervisor_approval"), st.subheading), para(L("approved"), st.body)]
    else:
        review = [para(L("supervisor_approval"), st.subheading),
                  para(L("awaiting_review"), st.note), *_sign_lines(L)]
    if r.review_comment.strip():
        review.append(para(L("reviewer_comment", comment=r.review_comment), st.small))
    t = Table([[author, review]], colWidths=[FRAME_W / 2] * 2, splitInRow=1)
    t.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 0.6, RULE), ("BOX", (1, 0), (1, 0), 0.6, RULE),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 8),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return [KeepTogether([heading(L("attestation_heading")), t])]


def _sign_lines(L: Labels) -> list[Flowable]:
    st = styles()
    line = "_" * 30
    return [Spacer(1, 10), para(f"{L('sign_signature')} {line}", st.small), Spacer(1, 6),
            para(f"{L('sign_name')} {line}{'_' * 3}  {L('sign_date')} {'_' * 10}", st.small)]


def ref_state_label(state: str, labels: Labels | None = None) -> str:
    # Title case on purpose: upper-case DRAFT is reserved for the watermark.
    L = labels or load_labels(SOURCE)
    return L(f"state.{state}") if f"state.{state}" in L.table else state


def _code_label(code: str, label: str) -> str:
    return f"{code} \N{EM DASH} {label}" if label and label != code else code


SECTIONS: tuple[Section, ...] = (
    police_copy_notice, correction_banner, summary, crew, timeline, co_responders, persons,
    flags, disposition, services, checklists, narrative, photo_grid, attestation,
)
