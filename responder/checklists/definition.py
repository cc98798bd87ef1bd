"""The checklist definition model: frozen records built by the loader from a definition file.

A definition is data an agency can author (resources/checklists/schema.json describes the file).
Nothing here reads files or validates; see ``loader``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ITEM_TYPES = ("yes_no", "single_choice", "multi_choice", "number", "text", "action", "guidance")
# Item types that take an answer (an action is stamped "done", a guidance card is only read).
ANSWERABLE = ("yes_no", "single_choice", "multi_choice", "number", "text")
STOP_ACTIONS = ("request_police", "hand_back", "proceed")
STOP_ACTION_LABELS = {
    "request_police": "Request police co-response",
    "hand_back": "Hand back to dispatch",
    "proceed": "Proceed (write why)",
}


@dataclass(frozen=True)
class Condition:
    """A test on answers. ``op`` is one of: equals, in, includes, answered, gte, lte, all, any,
    not. Leaf conditions name an ``item``; all/any/not combine ``parts``."""

    op: str
    item: str | None = None
    value: Any = None
    parts: tuple[Condition, ...] = ()

    def items(self) -> set[str]:
        """Every item this condition reads."""
        found = {self.item} if self.item else set()
        for part in self.parts:
            found |= part.items()
        return found


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    score: float = 0


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    text: str
    help: str = ""
    required: bool = False
    visible_if: Condition | None = None
    choices: tuple[Choice, ...] = ()
    score_yes: float = 0
    score_no: float = 0
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    max_length: int = 200
    section: str = ""

    @property
    def answerable(self) -> bool:
        return self.type in ANSWERABLE

    @property
    def scored(self) -> bool:
        return bool(self.score_yes or self.score_no or any(c.score for c in self.choices))

    def choice(self, code: object) -> Choice | None:
        return next((c for c in self.choices if c.code == code), None)

    def score_range(self) -> tuple[float, float]:
        """Lowest and highest points this item can add (unanswered adds nothing)."""
        if self.type == "yes_no":
            options = [0.0, self.score_yes, self.score_no]
            return min(options), max(options)
        if self.type == "single_choice":
            options = [0.0, *(c.score for c in self.choices)]
            return min(options), max(options)
        if self.type == "multi_choice":
            return (sum(min(0, c.score) for c in self.choices),
                    sum(max(0, c.score) for c in self.choices))
        return 0.0, 0.0


@dataclass(frozen=True)
class StopRule:
    id: str
    when: Condition
    banner: str
    actions: tuple[str, ...]
    reason_code: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    minimum: float
    maximum: float
    recommendation: str
    severity: int = 0


@dataclass(frozen=True)
class LevelOverride:
    """An answer pattern that raises the level whatever the score (e.g. a recent attempt)."""

    when: Condition
    level: str
    reason: str


@dataclass(frozen=True)
class Scoring:
    levels: tuple[Level, ...]
    overrides: tuple[LevelOverride, ...] = ()

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)


@dataclass(frozen=True)
class ReportMapping:
    """How answers pre-fill a report field. Either a fixed ``value`` when ``when`` holds, or the
    codes chosen in ``from_item`` (with ``response`` for services)."""

    field: str
    when: Condition | None = None
    value: Any = None
    from_item: str | None = None
    response: str | None = None


@dataclass(frozen=True)
class AppliesTo:
    all_calls: bool = False
    call_types: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Definition:
    id: str
    version: int
    title: str
    items: tuple[Item, ...]
    source: str = ""
    description: str = ""
    order: int = 100
    applies_to: AppliesTo = field(default_factory=AppliesTo)
    stop_rules: tuple[StopRule, ...] = ()
    scoring: Scoring | None = None
    report_mappings: tuple[ReportMapping, ...] = ()
    raw: str = field(default="", repr=False, compare=False)
    # language code -> texts in that language (see checklists.translation); ``language`` is the
    # language the texts above are in (``translation.localize`` returns other languages).
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, repr=False,
                                                          compare=False)
    language: str = "en"

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def item(self, item_id: str) -> Item | None:
        return self._index().get(item_id)

    def index_of(self, item_id: str) -> int:
        for i, item in enumerate(self.items):
            if item.id == item_id:
                return i
        return -1

    def _index(self) -> dict[str, Item]:
        # Frozen dataclass: cache through object.__setattr__ so lookups stay O(1) in the runner.
        cached = self.__dict__.get("_item_index")
        if cached is None:
            cached = {item.id: item for item in self.items}
            object.__setattr__(self, "_item_index", cached)
        return cached
