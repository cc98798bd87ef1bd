"""The police copy of a report: the same PDF with everything 42 CFR Part 2 protects left out.

It is made from an ordinary snapshot, so the full report and its police copy can never differ in
anything but what the tags withhold. The copy says, in words, what was left out (never the value).
"""

from __future__ import annotations

import dataclasses

from civilian_responder.part2 import Part2Tags
from civilian_responder.pdf.snapshot import ChecklistSummary, ReportSnapshot


def police_copy(snapshot: ReportSnapshot, tags: Part2Tags) -> ReportSnapshot:
    """``withheld`` holds keys of the label table (``withheld.<key>``): the report fields left
    out, then ``checklist`` / ``checklist_answers``."""
    left_out = list(tags.tagged_fields(snapshot.report))
    report, _ = tags.withhold(snapshot.report)
    # Services offered to a named person print that person's name; the report's persons stay.
    runs: list[ChecklistSummary] = []
    withheld_answer = snapshot.labels("withheld_answer")
    for run in snapshot.checklists:
        if run.part2_run:
            left_out.append("checklist")
            continue
        if any(run.part2_answers):
            run = dataclasses.replace(
                run,
                answers=tuple(
                    (q, withheld_answer if tagged else a)
                    for (q, a), tagged in zip(run.answers, run.part2_answers, strict=True)
                ),
            )
            left_out.append("checklist_answers")
        runs.append(run)
    return dataclasses.replace(
        snapshot,
        report=report,
        checklists=tuple(runs),
        police_copy=True,
        withheld=tuple(dict.fromkeys(left_out)),
    )
