"""Guided checklists: definitions as data, the engine, runs stored per call."""

from civilian_responder.checklists.definition import Definition, Item
from civilian_responder.checklists.engine import Evaluation, evaluate
from civilian_responder.checklists.loader import (
    Catalog,
    LoadResult,
    load_catalog,
    load_file,
    parse_bytes,
)
from civilian_responder.checklists.service import ChecklistService, RunView, Suggestion

__all__ = [
    "Catalog", "ChecklistService", "Definition", "Evaluation", "Item", "LoadResult", "RunView",
    "Suggestion", "evaluate", "load_catalog", "load_file", "parse_bytes",
]
