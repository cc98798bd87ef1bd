"""Checklist runs of a report's call, reduced to what the PDF prints: escalations and the score
first, then every answer in checklist order."""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.checklists.definition import STOP_ACTIONS, Definition
from civilian_responder.checklists.engine import describe
from civilian_responder.checklists.service import ChecklistService, RunView
from civilian_responder.errors import ResponderError
from civilian_responder.models import ChecklistRun, Report
from civilian_responder.part2 import Part2Tags
from civilian_responder.pdf.labels import Labels, load_labels
from civilian_responder.pdf.snapshot import ChecklistSummary

log = logging.getLogger(__name__)

STATE_NOTES = {"in_progress": "not finished", "abandoned": "abandoned"}


def checklist_summaries(service: ChecklistService, report: Report,
                        tags: Part2Tags | None = None) -> list[ChecklistSummary]:
    """Runs the call had, oldest first. Runs whose definition cannot be read still print their
    raw answers, so nothing recorded disappears from the report. With ``tags``, each answer
    says whether it reveals substance-use treatment (42 CFR Part 2)."""
    out: list[ChecklistSummary] = []
    labels = load_labels(report.language)  # the checklists print in the report's language
    for run in service.runs_for_call(report.call_id):
        try:
            out.append(_summary(service.get(run.id, language=labels.language), labels, tags))
        except ResponderError as exc:
            log.warning("Checklist run %s printed without its definition: %s", run.id,
                        type(exc).__name__)
            out.append(_raw_summary(run, labels, tags))
    return out


def _summary(view: RunView, labels: Labels, tags: Part2Tags | None = None) -> ChecklistSummary:
    d, ev, run = view.definition, view.evaluation, view.run
    score = ""
    if d.scoring is not None:
        score = str(ev.score)
        if view.level is not None:
            why = [r for r in ev.level_reasons if r != f"score {ev.score}"]
            score += f" \N{EM DASH} {view.level.label}"
            score += f" ({'; '.join(why)})" if why else ""
            score += f". {view.level.recommendation}"
    words = {w: labels(f"answer.{w}") for w in ("yes", "no", "none", "done")}
    shown = [item for item in d.items if item.id in ev.values and item.type != "guidance"]
    answers = tuple(
        (item.text, _answer(describe(item, ev.values[item.id], words), run, item.id, labels))
        for item in shown
    )
    tagged = tuple(bool(tags and tags.answer_tagged(d.id, item.id, ev.values[item.id]))
                   for item in shown)
    return ChecklistSummary(
        title=_title(d.title, run, labels), score=score,
        escalations=_escalations(view, d, labels),
        answers=answers, completed_at=run.finished_at or run.updated_at,
        definition_id=d.id, part2_run=bool(tags and tags.checklist_tagged(d.id)),
        part2_answers=tagged if any(tagged) else (),
    )


def _escalations(view: RunView, d: Definition, labels: Labels) -> tuple[str, ...]:
    rules = {r.id: r for r in d.stop_rules}
    lines = []
    for e in view.run.escalations:
        rule = rules.get(e.rule_id)
        what = rule.banner if rule else e.rule_id
        action = (labels(f"action.{e.action}") if e.action in STOP_ACTIONS else e.action)
        line = f"{what} \N{RIGHTWARDS ARROW} {action}"
        lines.append(line + (f": {e.justification}" if e.justification else ""))
    lines += [labels("no_decision", banner=r.banner) for r in view.unresolved]
    return tuple(lines)


def _answer(text: str, run: ChecklistRun, item_id: str, labels: Labels) -> str:
    note = next((s.note for s in run.steps if s.item_id == item_id and s.note.strip()), "")
    return labels("answer_note", answer=text, note=note) if note else text


def _title(title: str, run: ChecklistRun, labels: Labels) -> str:
    note = labels(f"run.{run.state}") if run.state in STATE_NOTES else None
    return f"{title} ({note})" if note else title


def _raw_summary(run: ChecklistRun, labels: Labels,
                 tags: Part2Tags | None = None) -> ChecklistSummary:
    steps = [s for s in run.steps if s.value is not None]
    answers = tuple((s.item_id, _plain(s.value, labels)) for s in steps)
    tagged = tuple(bool(tags and tags.answer_tagged(run.definition_id, s.item_id, s.value))
                   for s in steps)
    return ChecklistSummary(title=_title(run.definition_id, run, labels),
                            score="" if run.score is None else str(run.score),
                            answers=answers, completed_at=run.finished_at or run.updated_at,
                            definition_id=run.definition_id,
                            part2_run=bool(tags and tags.checklist_tagged(run.definition_id)),
                            part2_answers=tagged if any(tagged) else ())


def _plain(value: Any, labels: Labels) -> str:
    if isinstance(value, bool):
        return labels("answer.yes") if value else labels("answer.no")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
