"""Migration 0401: the field report becomes countable.

One outcome becomes a list of outcomes; the three overlapping 988 fields become two with one
meaning each; new coded fields (response model, call source, transport mode and facility,
shelter placement, hold by others, police hand-off reason) start empty. Every report and every
version is carried over field by field. A report whose old values break the rules (an unknown
code, an outcome without the detail it needs) is carried over all the same and listed in
``report_migration_notes`` with its original row verbatim: nothing is dropped or guessed.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import sqlite_utils
from civilian_responder.clock import SystemClock, iso
from civilian_responder.reference import ReferenceData, load_reference

log = logging.getLogger(__name__)
NAME = "0401_report_outcomes"
NEW_COLUMNS = (
    ("outcome_codes", "TEXT NOT NULL DEFAULT '[]'"),
    ("response_model_code", "TEXT"),
    ("call_source_code", "TEXT"),
    ("transport_mode_code", "TEXT"),
    ("transport_facility", "TEXT NOT NULL DEFAULT ''"),
    ("referral_agency", "TEXT NOT NULL DEFAULT ''"),
    ("shelter_placement_code", "TEXT"),
    ("hold_code", "TEXT"),
    ("police_handoff_reason_code", "TEXT"),
    ("call_transferred_988", "INTEGER NOT NULL DEFAULT 0"),
    ("warm_transfer_988", "INTEGER NOT NULL DEFAULT 0"),
)
# Only details a v1 report could hold are checked; the new fields are simply not known yet.
_V1_NEEDS = {"TRANSPORTED": "transport_destination_code", "REFERRED": "referrals"}
_V1_CODES = (("disposition_code", "dispositions"), ("outcome_code", "outcomes"),
             ("transport_destination_code", "transport_destinations"),
             ("backup_reason_code", "backup_reasons"))
_V1_LISTS = (("flags", "flags"), ("disability_codes", "disabilities"),
             ("language_codes", "languages"), ("referrals", "referral_destinations"))


def migrate_reports(db: sqlite_utils.Database, ref: ReferenceData | None = None) -> None:
    ref = ref or load_reference()
    for name, decl in NEW_COLUMNS:
        db.execute(f"ALTER TABLE reports ADD COLUMN {name} {decl}")
    db.execute(
        """
        CREATE TABLE report_migration_notes (
            report_id TEXT NOT NULL REFERENCES reports(id),
            report_number TEXT NOT NULL,
            version INTEGER NOT NULL,
            migration TEXT NOT NULL,
            problem TEXT NOT NULL,
            original TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (report_id, migration)
        )
        """
    )
    cursor = db.execute("SELECT * FROM reports")
    columns = [c[0] for c in cursor.description]
    now = iso(SystemClock().now())
    listed = 0
    for raw in cursor.fetchall():
        row = dict(zip(columns, raw, strict=True))
        db.execute(
            "UPDATE reports SET outcome_codes = ?, call_transferred_988 = ?,"
            " warm_transfer_988 = ? WHERE id = ?",
            [*carried(row), row["id"]],
        )
        problems = v1_problems(row, ref)
        if problems:
            db.execute(
                "INSERT INTO report_migration_notes VALUES (?, ?, ?, ?, ?, ?, ?)",
                [row["id"], row["report_number"], row["version"], NAME, "; ".join(problems),
                 json.dumps(row, sort_keys=True, ensure_ascii=False), now],
            )
            listed += 1
    if listed:
        # Ids only: a log never holds report content.
        log.warning("%s: %d report(s) carried over but not meeting the new rules; see "
                    "report_migration_notes", NAME, listed)


def carried(row: dict[str, Any]) -> tuple[str, int, int]:
    """(outcome_codes JSON, call_transferred_988, warm_transfer_988) from a v1 row.

    v1's form labelled ``transfer_988`` "the call was transferred from 911 to 988", but the
    suicide-risk checklist set it, together with the outcome TRANSFER_988 and a 988 referral,
    for a warm transfer on scene. So: outcome TRANSFER_988 means a warm transfer (and the flag
    that came with it is that same transfer); the flag alone means the 911 call was
    transferred. A referral to 988 stays a referral.
    """
    outcome = row.get("outcome_code")
    warm = outcome == "TRANSFER_988"
    outcomes = [] if outcome in (None, "") or warm else [outcome]
    call_transferred = bool(row.get("transfer_988")) and not warm
    return json.dumps(outcomes), int(call_transferred), int(warm)


def v1_problems(row: dict[str, Any], ref: ReferenceData) -> list[str]:
    problems: list[str] = []
    for column, list_name in _V1_CODES:
        value = row.get(column)
        if value not in (None, "") and value not in ref.lists[list_name]:
            problems.append(f"{column} {value!r} is not a known code")
    for column, list_name in _V1_LISTS:
        try:
            values = json.loads(row.get(column) or "[]")
        except ValueError:
            problems.append(f"{column} is not a JSON list")
            continue
        unknown = [v for v in values if v not in ref.lists[list_name]]
        if unknown:
            problems.append(f"{column} has unknown codes {', '.join(map(str, unknown))}")
    need = _V1_NEEDS.get(row.get("outcome_code") or "")
    if need and row.get(need) in (None, "", "[]"):
        problems.append(f"outcome {row['outcome_code']} without {need}")
    return problems
