"""``app.checklists``: suggestions for a call, runs saved answer by answer, stop-rule
escalations, completion with report pre-fill, and the outbox entry for the station."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civilian_responder.calls import CallService
from civilian_responder.checklists.definition import STOP_ACTIONS, Definition, Level, StopRule
from civilian_responder.checklists.engine import Evaluation, check_answer, evaluate
from civilian_responder.checklists.loader import Catalog, load_catalog, parse_bytes
from civilian_responder.checklists.prefill import as_payload, report_fields, summary_lines, unfilled
from civilian_responder.checklists.translation import localize
from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import DefinitionError, NotFoundError, ValidationError, say
from civilian_responder.languages import SOURCE
from civilian_responder.models import ChecklistEscalation, ChecklistRun, StatusEvent
from civilian_responder.reference import ReferenceData
from civilian_responder.reports import ReportService
from civilian_responder.resource_files import resource_path
from civilian_responder.store import Store

log = logging.getLogger(__name__)

OUTBOX_KIND = "checklist_run"
# A run's outcome code, from the strongest escalation chosen.
OUTCOME_BY_ACTION = {"request_police": "POLICE_CO_RESPONSE", "hand_back": "HANDED_BACK",
                     "proceed": "PROCEEDED_WITH_JUSTIFICATION"}
OUTCOME_CLEAR = "CLEAR"
_STOPPING = ("request_police", "hand_back")
RUNNER_MODES = ("step", "list")
MODE_KEY = "checklists.runner_mode"


@dataclass(frozen=True)
class Suggestion:
    definition: Definition
    reason: str  # in English, for the command line and logs
    why: str = "all"  # "call_type" | "flags" | "all": the window words it in its language
    codes: tuple[str, ...] = ()  # the call type, or the flags, that made it apply


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    title: str
    version: int
    finished_at: str
    outcome: str
    level: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class RunView:
    """A run with its definition and everything the engine derives from its answers."""

    run: ChecklistRun
    definition: Definition
    evaluation: Evaluation

    @property
    def level(self) -> Level | None:
        return self.evaluation.level

    @property
    def unresolved(self) -> tuple[StopRule, ...]:
        handled = {e.rule_id for e in self.run.escalations}
        return tuple(r for r in self.evaluation.triggered if r.id not in handled)

    @property
    def stopped(self) -> bool:
        """Police were requested or the call handed back: the rest of the screen is optional."""
        return any(e.action in _STOPPING for e in self.run.escalations)

    @property
    def escalated(self) -> bool:
        return bool(self.evaluation.triggered) or bool(self.run.escalations)

    @property
    def outcome(self) -> str:
        actions = [e.action for e in self.run.escalations]
        for action in ("request_police", "hand_back", "proceed"):
            if action in actions:
                return OUTCOME_BY_ACTION[action]
        return OUTCOME_CLEAR

    def blocking(self) -> list[str]:
        """Why the run cannot be completed yet, in words (empty when it can)."""
        out = [f"choose what to do: {r.banner}" for r in self.unresolved]
        if not self.stopped:
            for item_id in self.evaluation.missing_required:
                item = self.definition.item(item_id)
                out.append(f"answer: {item.text if item else item_id}")
        return out

    @property
    def finished(self) -> bool:
        return self.run.state != "in_progress"


class ChecklistService:
    def __init__(self, store: Store, reference: ReferenceData, clock: Clock, calls: CallService,
                 reports: ReportService, folders: Iterable[Path]) -> None:
        self._store = store
        self._ref = reference
        self._clock = clock
        self._calls = calls
        self._reports = reports
        self._folders = list(folders)
        self._snapshots: dict[tuple[str, int], Definition] = {}
        self.language = SOURCE  # definitions come out in this language (the officer's)
        self._localized: dict[tuple[tuple[str, int], str], tuple[Definition, Definition]] = {}
        self.catalog = Catalog()
        # Run inside the transaction that completes a run (people: consents asked in it).
        self.completed_hooks: list[Callable[[RunView], None]] = []
        self.reload()

    @staticmethod
    def default_folders(profile_checklists: Path) -> list[Path]:
        return [resource_path("checklists"), profile_checklists]

    def reload(self) -> list[DefinitionError]:
        """(Re)load definitions; returns the problems, which also stay in ``problems``."""
        self.catalog = load_catalog(self._folders, self._ref)
        return self.catalog.problems

    @property
    def problems(self) -> list[DefinitionError]:
        return list(self.catalog.problems)

    def definitions(self, language: str | None = None) -> list[Definition]:
        """The latest version of each definition, in ``language`` (default: the service's)
        with English wherever that language has no text."""
        return [localize(d, language or self.language) for d in self.catalog.latest()]

    def definition(self, definition_id: str, version: int | None = None,
                   language: str | None = None) -> Definition:
        found = self.catalog.get(definition_id, version)
        if found is None:
            raise NotFoundError(say("Checklists", 'No checklist called {definition_id}')
                .format(definition_id=definition_id))
        return localize(found, language or self.language)

    def suggestions(self, call_id: str) -> list[Suggestion]:
        """Definitions that apply to the call, in the definitions' own order."""
        call = self._calls.get(call_id)
        report = self._reports.current_for_call(call_id)
        flags = set(report.flags) if report else set()
        out: list[Suggestion] = []
        for d in self.definitions():
            a = d.applies_to
            if call.type_code in a.call_types:
                out.append(Suggestion(d, f"for {self._ref.call_types.label(call.type_code)}",
                                      "call_type", (call.type_code,)))
            elif flags & set(a.flags):
                hit = tuple(sorted(flags & set(a.flags)))
                names = ", ".join(self._ref.flags.label(f) for f in hit)
                out.append(Suggestion(d, f"flagged: {names}", "flags", hit))
            elif a.all_calls:
                out.append(Suggestion(d, "for every call", "all"))
        return out

    def preferred_mode(self) -> str:
        """How the responder likes to run checklists: 'step' (one per screen) or 'list'."""
        mode = self._store.get_meta(MODE_KEY, "step")
        return mode if mode in RUNNER_MODES else "step"

    def set_preferred_mode(self, mode: str) -> None:
        if mode not in RUNNER_MODES:
            raise ValidationError(say("Checklists", 'Unknown checklist mode {mode}')
                .format(mode=repr(mode)),
                {"mode": say("Checklists", 'step or list')})
        self._store.set_meta(MODE_KEY, mode)

    def runs_for_call(self, call_id: str) -> list[ChecklistRun]:
        return self._store.checklists.for_call(call_id)

    def in_progress(self) -> list[ChecklistRun]:
        return self._store.checklists.in_progress()

    # Running ----------------------------------------------------------------------------------

    def start(self, call_id: str, definition_id: str) -> RunView:
        call = self._calls.get(call_id)
        definition = self.catalog.get(definition_id)
        if definition is None:
            raise NotFoundError(say("Checklists", 'No checklist called {definition_id}')
                .format(definition_id=definition_id))
        now = iso(self._clock.now())
        run = ChecklistRun(id=new_id(), call_id=call.id, definition_id=definition.id,
                           definition_version=definition.version, state="in_progress",
                           started_at=now, updated_at=now, current_item=definition.items[0].id)
        with self._store.atomic(f"starting checklist {definition.title}"):
            self._store.checklists.keep_definition(definition.id, definition.version,
                                                   definition.raw, definition.source, now)
            self._store.checklists.insert_run(run)
            stored = self._store.checklists.definition_body(definition.id, definition.version)
        if stored is not None and stored[0] == definition.raw:
            self._snapshots.setdefault(definition.key, definition)
        return self._view(run)

    def get(self, run_id: str, language: str | None = None) -> RunView:
        """The run; its definition's texts in ``language`` (default: the service's)."""
        run = self._store.checklists.get(run_id)
        if run is None:
            raise NotFoundError(say("Checklists", 'No checklist run with id {run_id}')
                .format(run_id=run_id))
        return self._view(run, language)

    def definition_for(self, run: ChecklistRun, language: str | None = None) -> Definition:
        """The exact version the run was started under, from the database if need be, in the
        service's language. A copy stored before its translations shipped borrows them from
        the same id and version as loaded now (codes and ids are the same)."""
        found = self._exact_definition(run)
        language = language or self.language
        if language == SOURCE:
            return found
        cached = self._localized.get((found.key, language))
        if cached is None or cached[0] is not found:
            shipped = self.catalog.get(found.id, found.version)
            borrowed = (None if language in found.translations or shipped is None
                        else shipped.translations)
            cached = (found, localize(found, language, borrowed))
            self._localized[(found.key, language)] = cached
        return cached[1]

    def _exact_definition(self, run: ChecklistRun) -> Definition:
        key = (run.definition_id, run.definition_version)
        if key in self._snapshots:
            return self._snapshots[key]
        stored = self._store.checklists.definition_body(*key)
        found = None
        if stored is not None:
            result = parse_bytes(stored[0].encode("utf-8"), stored[1] or run.definition_id,
                                 self._ref)
            found = result.definition
            if found is None:
                log.warning("Stored checklist %s v%s no longer validates", *key)
        found = found or self.catalog.get(*key)
        if found is None:
            raise NotFoundError(say("Checklists", "Checklist {id} version {version} is not "
                                    "available").format(id=key[0], version=key[1]))
        self._snapshots[key] = found
        return found

    def answer(self, run_id: str, item_id: str, value: Any) -> RunView:
        """Save one answer (None clears it). One answer = one transaction."""
        view = self._editable(run_id)
        item = view.definition.item(item_id)
        if item is None:
            raise ValidationError(say("Checklists", 'No item {item_id} in this checklist')
                .format(item_id=item_id),
                {item_id: say("Checklists", 'unknown')})
        clean = check_answer(item, value)
        now = iso(self._clock.now())
        return self._write(run_id, f"saving the answer to {item.text[:40]}", item_id,
                           lambda: self._store.checklists.save_answer(run_id, item_id, clean, now))

    def set_note(self, run_id: str, item_id: str, note: str) -> RunView:
        view = self._editable(run_id)
        if view.definition.item(item_id) is None:
            raise ValidationError(say("Checklists", 'No item {item_id} in this checklist')
                .format(item_id=item_id),
                {item_id: say("Checklists", 'unknown')})
        return self._write(run_id, "saving a checklist note", item_id,
                           lambda: self._store.checklists.save_note(run_id, item_id, note.strip()))

    def mark_done(self, run_id: str, item_id: str, done: bool = True) -> RunView:
        """Stamp an action step with the time it was done (or clear the stamp)."""
        view = self._editable(run_id)
        item = view.definition.item(item_id)
        if item is None or item.type != "action":
            raise ValidationError(say("Checklists", '{item_id} is not an action step')
                .format(item_id=item_id),
                {item_id: say("Checklists", 'not an action')})
        now = iso(self._clock.now())
        stamp = now if done else None
        return self._write(run_id, f"marking {item.text[:40]} done", item_id,
                           lambda: self._store.checklists.save_done(run_id, item_id, stamp))

    def move_to(self, run_id: str, item_id: str) -> None:
        """Remember where the responder is, so a resumed run opens on the same step."""
        now = iso(self._clock.now())
        with self._store.atomic("saving the checklist position"):
            self._store.checklists.update_run(run_id, {"current_item": item_id, "updated_at": now})

    def escalate(self, run_id: str, action: str, justification: str = "",
                 rule_ids: Iterable[str] | None = None) -> RunView:
        """Act on the stop rules that fired (all unresolved ones unless named)."""
        view = self._editable(run_id)
        rules = [r for r in view.unresolved if rule_ids is None or r.id in set(rule_ids)]
        if not rules:
            raise ValidationError(say("Checklists", 'No stop rule is waiting for a decision'))
        if action not in STOP_ACTIONS or any(action not in r.actions for r in rules):
            raise ValidationError(say("Checklists", '{action} is not offered for this stop rule')
                .format(action=repr(action)),
                                  {"action": say("Checklists", 'not offered')})
        if action == "proceed" and not justification.strip():
            raise ValidationError(say("Checklists", 'Write why it is safe to proceed'),
                                  {"justification": say("Checklists", 'required to proceed')})
        reason = next((r.reason_code for r in rules if r.reason_code), None)
        now = iso(self._clock.now())

        def write() -> None:
            note = "; ".join(r.banner for r in rules)
            if action == "request_police":
                event_id = self._calls.request_backup(view.run.call_id, reason or "OTHER",
                                                      note).id
            else:
                event_id = self._timeline_note(view, action, note, justification.strip(), now)
            for rule in rules:
                self._store.checklists.add_escalation(ChecklistEscalation(
                    id=new_id(), run_id=run_id, rule_id=rule.id, action=action, at=now,
                    reason_code=rule.reason_code, justification=justification.strip(),
                    event_id=event_id))

        return self._write(run_id, "saving the stop-rule decision", None, write)

    def _timeline_note(self, view: RunView, action: str, banners: str, why: str,
                       now: str) -> str:
        """A hand-back or a decision to go ahead goes on the call's timeline too, so dispatch
        sees it at the next sync without waiting for the checklist to be completed."""
        call = self._calls.get(view.run.call_id)
        words = "handed back to dispatch" if action == "hand_back" else "proceeding"
        text = f"{view.definition.title}: {words} ({banners})" + (f": {why}" if why else "")
        event = StatusEvent(id=new_id(), call_id=call.id, kind="note", status=call.status,
                            at=now, note=text, actor=self._calls.actor)
        self._store.calls.add_event(event)
        self._store.calls.update_fields(call.id, {"updated_at": now})
        self._store.outbox.enqueue("status_event", event.id, dataclasses.asdict(event), now,
                                   call.id)
        return event.id

    def complete(self, run_id: str) -> RunView:
        view = self._editable(run_id)
        blocking = view.blocking()
        if blocking:
            raise ValidationError(say("Checklists", "Cannot complete the checklist yet: "
                                      "{blocking}").format(blocking="; ".join(blocking)),
                                  {"checklist": "; ".join(blocking)})
        return self._finish(view, "completed")

    def abandon(self, run_id: str) -> RunView:
        return self._finish(self._editable(run_id), "abandoned")

    def summary(self, view: RunView) -> list[str]:
        return summary_lines(view.definition, view.evaluation.values, view.level,
                             view.run.escalations)

    def summaries_for_call(self, call_id: str) -> list[RunSummary]:
        """Finished runs of a call in words, for the report screen and the PDF."""
        out = []
        for run in self._store.checklists.for_call(call_id):
            if run.state != "completed":
                continue
            view = self.get(run.id)
            out.append(RunSummary(
                run_id=run.id, title=view.definition.title, version=run.definition_version,
                finished_at=run.finished_at or "", outcome=view.outcome,
                level=view.level.label if view.level else None, lines=tuple(self.summary(view))))
        return out

    def report_fields(self, view: RunView) -> dict[str, Any]:
        return report_fields(view.definition, view.evaluation.values, view.run.escalations)

    # Internals --------------------------------------------------------------------------------

    def _finish(self, view: RunView, state: str) -> RunView:
        now = iso(self._clock.now())
        run_id = view.run.id
        fields = {"state": state, "finished_at": now, "updated_at": now,
                  "outcome": view.outcome, "score": view.evaluation.score if
                  view.definition.scoring else None,
                  "level": view.level.id if view.level else None}
        with self._store.atomic(f"finishing checklist {view.definition.title}"):
            self._store.checklists.update_run(run_id, fields)
            if state == "completed":
                self._prefill_report(view)
                for hook in self.completed_hooks:
                    hook(view)
            final = self.get(run_id)
            self._store.outbox.enqueue(OUTBOX_KIND, run_id, self.payload(final), now,
                                       view.run.call_id)
        return final

    def _prefill_report(self, view: RunView) -> None:
        wanted = self.report_fields(view)
        if not wanted:
            return
        report = self._reports.start(view.run.call_id)
        if not report.editable:
            log.info("Report for the call is %s; checklist answers not copied", report.state)
            return
        fields = unfilled(report, wanted)
        if fields:
            self._reports.save_fields(report.id, fields)

    def payload(self, view: RunView) -> dict[str, Any]:
        run = view.run
        data = as_payload(dataclasses.replace(run, steps=(), escalations=()))
        data.pop("steps")
        data.pop("escalations")
        data["steps"] = [as_payload(s) for s in run.steps]
        data["escalations"] = [as_payload(e) for e in run.escalations]
        data["definition_title"] = view.definition.title
        data["level_reasons"] = list(view.evaluation.level_reasons)
        data["summary"] = self.summary(view)
        return json.loads(json.dumps(data))

    def _editable(self, run_id: str) -> RunView:
        view = self.get(run_id)
        if view.finished:
            raise ValidationError(say("Checklists", 'This checklist was {state}; start a new one')
                .format(state=view.run.state))
        return view

    def _write(self, run_id: str, doing: str, item_id: str | None,
               write: Callable[[], None]) -> RunView:
        """One user action: the change, the run's position and its score in one transaction."""
        now = iso(self._clock.now())
        with self._store.atomic(doing):
            write()
            view = self.get(run_id)
            fields: dict[str, Any] = {
                "updated_at": now,
                "score": view.evaluation.score if view.definition.scoring else None,
                "level": view.level.id if view.level else None,
            }
            if item_id is not None:
                fields["current_item"] = item_id
            self._store.checklists.update_run(run_id, fields)
        return dataclasses.replace(view, run=dataclasses.replace(view.run, **fields))

    def _view(self, run: ChecklistRun, language: str | None = None) -> RunView:
        definition = self.definition_for(run, language)
        answers = {s.item_id: s.value for s in run.steps}
        done = {s.item_id: s.done_at for s in run.steps if s.done_at}
        return RunView(run, definition, evaluate(definition, answers, done))
