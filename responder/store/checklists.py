"""SQL for checklist runs: the definition snapshots they used, answers, notes, escalations."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import sqlite_utils
from civilian_responder.models import ChecklistEscalation, ChecklistRun, ChecklistStep

_RUN_FIELDS = [f.name for f in dataclasses.fields(ChecklistRun)
               if f.name not in ("steps", "escalations")]
_ESC_FIELDS = [f.name for f in dataclasses.fields(ChecklistEscalation)]


class ChecklistRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # Definition snapshots ---------------------------------------------------------------------

    def keep_definition(self, def_id: str, version: int, body: str, source: str, at: str) -> None:
        """Store a definition version's text once; the first stored copy is the one kept."""
        self._db.execute(
            "INSERT OR IGNORE INTO checklist_definitions (id, version, body, source, stored_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [def_id, version, body, source, at],
        )

    def definition_body(self, def_id: str, version: int) -> tuple[str, str] | None:
        row = self._db.execute(
            "SELECT body, source FROM checklist_definitions WHERE id = ? AND version = ?",
            [def_id, version],
        ).fetchone()
        return (row[0], row[1]) if row else None

    # Runs -------------------------------------------------------------------------------------

    def insert_run(self, run: ChecklistRun) -> None:
        row = {name: getattr(run, name) for name in _RUN_FIELDS}
        self._db.table("checklist_runs").insert(row)

    def update_run(self, run_id: str, fields: dict[str, Any]) -> None:
        self._db.table("checklist_runs").update(run_id, fields)

    def get(self, run_id: str) -> ChecklistRun | None:
        row = self._db.execute(
            f"SELECT {', '.join(_RUN_FIELDS)} FROM checklist_runs WHERE id = ?", [run_id]
        ).fetchone()
        if row is None:
            return None
        run = ChecklistRun(*row)
        return dataclasses.replace(run, steps=self._steps(run_id),
                                   escalations=self.escalations(run_id))

    def for_call(self, call_id: str) -> list[ChecklistRun]:
        """The call's runs without their steps (cheap, for lists)."""
        rows = self._db.execute(
            f"SELECT {', '.join(_RUN_FIELDS)} FROM checklist_runs WHERE call_id = ?"
            " ORDER BY started_at, rowid",
            [call_id],
        ).fetchall()
        return [ChecklistRun(*r) for r in rows]

    def in_progress(self) -> list[ChecklistRun]:
        rows = self._db.execute(
            f"SELECT {', '.join(_RUN_FIELDS)} FROM checklist_runs WHERE state = 'in_progress'"
            " ORDER BY updated_at"
        ).fetchall()
        return [ChecklistRun(*r) for r in rows]

    # Steps ------------------------------------------------------------------------------------

    def save_answer(self, run_id: str, item_id: str, value: Any, at: str) -> None:
        encoded = None if value is None else json.dumps(value)
        self._db.execute(
            "INSERT INTO checklist_steps (run_id, item_id, value, answered_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(run_id, item_id) DO UPDATE"
            " SET value = excluded.value, answered_at = excluded.answered_at",
            [run_id, item_id, encoded, at if value is not None else None],
        )

    def save_note(self, run_id: str, item_id: str, note: str) -> None:
        self._db.execute(
            "INSERT INTO checklist_steps (run_id, item_id, note) VALUES (?, ?, ?)"
            " ON CONFLICT(run_id, item_id) DO UPDATE SET note = excluded.note",
            [run_id, item_id, note],
        )

    def save_done(self, run_id: str, item_id: str, done_at: str | None) -> None:
        self._db.execute(
            "INSERT INTO checklist_steps (run_id, item_id, done_at) VALUES (?, ?, ?)"
            " ON CONFLICT(run_id, item_id) DO UPDATE SET done_at = excluded.done_at",
            [run_id, item_id, done_at],
        )

    def _steps(self, run_id: str) -> tuple[ChecklistStep, ...]:
        rows = self._db.execute(
            "SELECT item_id, value, answered_at, note, done_at FROM checklist_steps"
            " WHERE run_id = ? ORDER BY rowid",
            [run_id],
        ).fetchall()
        return tuple(
            ChecklistStep(r[0], None if r[1] is None else json.loads(r[1]), r[2], r[3], r[4])
            for r in rows
        )

    # Escalations ------------------------------------------------------------------------------

    def add_escalation(self, escalation: ChecklistEscalation) -> None:
        self._db.table("checklist_escalations").insert(dataclasses.asdict(escalation))

    def escalations(self, run_id: str) -> tuple[ChecklistEscalation, ...]:
        rows = self._db.execute(
            f"SELECT {', '.join(_ESC_FIELDS)} FROM checklist_escalations WHERE run_id = ?"
            " ORDER BY at, rowid",
            [run_id],
        ).fetchall()
        return tuple(ChecklistEscalation(*r) for r in rows)
