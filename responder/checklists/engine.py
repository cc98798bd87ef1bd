"""The checklist engine: pure functions from a definition and the answers so far to what the
runner shows (visible steps, stop rules, score and level, progress). No I/O, no clock."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from civilian_responder.checklists.definition import Condition, Definition, Item, Level, StopRule
from civilian_responder.errors import ValidationError


@dataclass(frozen=True)
class Contribution:
    item_id: str
    answer: str
    points: int


@dataclass(frozen=True)
class Evaluation:
    visible: tuple[Item, ...]
    values: Mapping[str, Any]  # answers of visible items only; action items hold True when done
    triggered: tuple[StopRule, ...]
    score: int
    contributions: tuple[Contribution, ...]
    level: Level | None
    level_reasons: tuple[str, ...]
    missing_required: tuple[str, ...]
    done: int
    total: int

    def is_visible(self, item_id: str) -> bool:
        return any(i.id == item_id for i in self.visible)


def check_answer(item: Item, value: Any) -> Any:
    """The answer as stored, or ValidationError saying what is wrong. None clears an answer."""
    if value is None:
        return None
    if not item.answerable:
        raise ValidationError(f"{item.id} takes no answer", {item.id: "takes no answer"})
    problem = _answer_problem(item, value)
    if problem:
        raise ValidationError(f"Cannot save the answer to {item.id}", {item.id: problem})
    if item.type == "multi_choice":
        chosen = set(value)
        return [c.code for c in item.choices if c.code in chosen]  # stable, de-duplicated
    if item.type == "text":
        return value.strip()
    return value


def _answer_problem(item: Item, value: Any) -> str | None:
    if item.type == "yes_no":
        return None if isinstance(value, bool) else "answer yes or no"
    if item.type == "single_choice":
        return None if item.choice(value) is not None else f"{value!r} is not one of the choices"
    if item.type == "multi_choice":
        if not isinstance(value, list | tuple) or any(item.choice(v) is None for v in value):
            return "choose from the listed choices"
        return None
    if item.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            return "enter a number"
        if item.minimum is not None and value < item.minimum:
            return f"must be at least {item.minimum:g}"
        if item.maximum is not None and value > item.maximum:
            return f"must be at most {item.maximum:g}"
        return None
    if not isinstance(value, str):
        return "enter text"
    if len(value.strip()) > item.max_length:
        return f"at most {item.max_length} characters"
    return None


def evaluate(definition: Definition, answers: Mapping[str, Any],
             done: Mapping[str, Any] | None = None) -> Evaluation:
    """Everything derived from the answers. Answers of hidden items are ignored (kept, so they
    come back if the item shows again); invalid stored answers are treated as unanswered."""
    done = done or {}
    raw: dict[str, Any] = {}
    for item in definition.items:
        if item.type == "action":
            raw[item.id] = True if done.get(item.id) else None
        elif item.answerable and answers.get(item.id) is not None:
            try:
                raw[item.id] = check_answer(item, answers[item.id])
            except ValidationError:
                raw[item.id] = None
    visible_ids = _visible(definition, raw)
    visible = tuple(i for i in definition.items if i.id in visible_ids)
    values = {i.id: raw[i.id] for i in visible if raw.get(i.id) is not None}
    triggered = tuple(r for r in definition.stop_rules if holds(r.when, values))
    score, contributions = _score(visible, values)
    level, reasons = _level(definition, score, values)
    steps = [i for i in visible if i.type != "guidance"]
    missing = tuple(i.id for i in steps if i.required and i.id not in values)
    return Evaluation(
        visible=visible, values=values, triggered=triggered, score=score,
        contributions=contributions, level=level, level_reasons=reasons,
        missing_required=missing, done=sum(1 for i in steps if i.id in values), total=len(steps),
    )


def _visible(definition: Definition, raw: Mapping[str, Any]) -> set[str]:
    memo: dict[str, bool] = {}

    def is_visible(item: Item) -> bool:
        if item.id not in memo:
            if item.visible_if is None:
                memo[item.id] = True
            else:
                deps = {}
                for dep_id in item.visible_if.items():
                    dep = definition.item(dep_id)
                    if dep is not None and is_visible(dep) and raw.get(dep_id) is not None:
                        deps[dep_id] = raw[dep_id]
                memo[item.id] = holds(item.visible_if, deps)
        return memo[item.id]

    return {i.id for i in definition.items if is_visible(i)}


def holds(cond: Condition, values: Mapping[str, Any]) -> bool:
    if cond.op == "all":
        return all(holds(p, values) for p in cond.parts)
    if cond.op == "any":
        return any(holds(p, values) for p in cond.parts)
    if cond.op == "not":
        return not holds(cond.parts[0], values)
    value = values.get(cond.item or "")
    if cond.op == "answered":
        return (value is not None) == bool(cond.value)
    if value is None:
        return False
    if cond.op == "equals":
        return isinstance(value, bool) == isinstance(cond.value, bool) and value == cond.value
    if cond.op == "in":
        return any(isinstance(value, bool) == isinstance(v, bool) and value == v
                   for v in cond.value)
    if cond.op == "includes":
        return isinstance(value, list) and cond.value in value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if cond.op == "gte":
        return number and value >= cond.value
    if cond.op == "lte":
        return number and value <= cond.value
    return False


def _score(visible: tuple[Item, ...], values: Mapping[str, Any]
           ) -> tuple[int, tuple[Contribution, ...]]:
    parts: list[Contribution] = []
    for item in visible:
        value = values.get(item.id)
        if value is None:
            continue
        if item.type == "yes_no":
            points = item.score_yes if value else item.score_no
            if points:
                parts.append(Contribution(item.id, "Yes" if value else "No", int(points)))
        elif item.type == "single_choice":
            choice = item.choice(value)
            if choice and choice.score:
                parts.append(Contribution(item.id, choice.label, int(choice.score)))
        elif item.type == "multi_choice":
            for code in value:
                choice = item.choice(code)
                if choice and choice.score:
                    parts.append(Contribution(item.id, choice.label, int(choice.score)))
    return sum(c.points for c in parts), tuple(parts)


def level_for_score(definition: Definition, score: int) -> Level | None:
    if definition.scoring is None:
        return None
    return next((lv for lv in definition.scoring.levels
                 if lv.minimum <= score <= lv.maximum), None)


def _level(definition: Definition, score: int, values: Mapping[str, Any]
           ) -> tuple[Level | None, tuple[str, ...]]:
    if definition.scoring is None:
        return None, ()
    level = level_for_score(definition, score)
    reasons = [f"score {score}"] if level else []
    for override in definition.scoring.overrides:
        raised = definition.scoring.level(override.level)
        if raised is None or not holds(override.when, values):
            continue
        if level is None or raised.severity > level.severity:
            level, reasons = raised, [override.reason]
        elif raised.severity == level.severity:
            reasons.append(override.reason)
    return level, tuple(reasons)


ANSWER_WORDS = {"yes": "Yes", "no": "No", "none": "None", "done": "Done"}


def describe(item: Item, value: Any, words: Mapping[str, str] = ANSWER_WORDS) -> str:
    """An answer in words, for summaries and the compact list (``words``: yes, no, none and
    done in another language)."""
    if value is None:
        return ""
    if item.type == "yes_no":
        return words["yes"] if value else words["no"]
    if item.type == "single_choice":
        choice = item.choice(value)
        return choice.label if choice else str(value)
    if item.type == "multi_choice":
        return ", ".join(c.label for c in item.choices if c.code in value) or words["none"]
    if item.type == "number":
        return f"{value:g} {item.unit}".strip()
    if item.type == "action":
        return words["done"]
    return str(value)


def step_after(ev: Evaluation, item_id: str | None) -> str | None:
    """The next visible step after ``item_id`` (the first if None); None past the end."""
    ids = [i.id for i in ev.visible]
    if item_id not in ids:
        return ids[0] if ids and item_id is None else _nearest_visible(ev, item_id)
    index = ids.index(item_id)
    return ids[index + 1] if index + 1 < len(ids) else None


def step_before(ev: Evaluation, item_id: str | None) -> str | None:
    """The visible step before ``item_id`` (the last when past the end); None at the start."""
    ids = [i.id for i in ev.visible]
    if item_id is None:
        return ids[-1] if ids else None
    if item_id not in ids:
        return _nearest_visible(ev, item_id)
    index = ids.index(item_id)
    return ids[index - 1] if index > 0 else None


def current_step(ev: Evaluation, item_id: str | None, order: tuple[Item, ...]) -> str | None:
    """Where to stand: ``item_id`` if it is still visible, else the next visible step after it
    in definition order (an answer can hide the step the responder was on)."""
    ids = {i.id for i in ev.visible}
    if item_id in ids:
        return item_id
    after = False
    for item in order:
        after = after or item.id == item_id
        if after and item.id in ids:
            return item.id
    return ev.visible[0].id if ev.visible and item_id is None else None


def _nearest_visible(ev: Evaluation, item_id: str | None) -> str | None:
    return ev.visible[0].id if ev.visible else None
