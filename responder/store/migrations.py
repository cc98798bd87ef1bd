"""The schema, as small named append-only migrations. Never edit one that has shipped."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from civilian_responder.store.backup import backup_file
from civilian_responder.store.report_outcomes import migrate_reports
from sqlite_utils.migrations import Migrations

migrations = Migrations("responder")


@migrations(name="0001_meta")
def _meta(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations(name="0002_calls")
def _calls(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            cad_number TEXT UNIQUE,
            unit_id TEXT NOT NULL,
            type_code TEXT NOT NULL,
            priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 6),
            status TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            cross_streets TEXT NOT NULL DEFAULT '',
            location_note TEXT NOT NULL DEFAULT '',
            latitude REAL,
            longitude REAL,
            caller_name TEXT NOT NULL DEFAULT '',
            caller_phone TEXT NOT NULL DEFAULT '',
            narrative TEXT NOT NULL DEFAULT '',
            caution_notes TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            self_initiated INTEGER NOT NULL DEFAULT 0,
            cancelled INTEGER NOT NULL DEFAULT 0,
            station_revision INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX calls_board ON calls (status, priority, received_at)")
    db["calls"].enable_fts(
        ["cad_number", "type_code", "address", "cross_streets", "narrative", "caution_notes"],
        create_triggers=True,
        tokenize="unicode61",
    )


@migrations(name="0003_status_events")
def _status_events(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE status_events (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls(id),
            kind TEXT NOT NULL CHECK (kind IN ('status', 'backup', 'note')),
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            reason_code TEXT,
            note TEXT NOT NULL DEFAULT '',
            actor TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'unit' CHECK (origin IN ('unit', 'station'))
        )
        """
    )
    db.execute("CREATE INDEX status_events_call ON status_events (call_id, at)")
    # Append-only: the timeline is evidence.
    db.execute(
        """CREATE TRIGGER status_events_no_update BEFORE UPDATE ON status_events
           BEGIN SELECT RAISE(ABORT, 'status events are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER status_events_no_delete BEFORE DELETE ON status_events
           BEGIN SELECT RAISE(ABORT, 'status events are append-only'); END"""
    )


@migrations(name="0004_reports")
def _reports(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls(id),
            report_number TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            supersedes_id TEXT REFERENCES reports(id),
            state TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'finalized', 'approved', 'returned', 'superseded')),
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finalized_at TEXT,
            persons TEXT NOT NULL DEFAULT '[]',
            flags TEXT NOT NULL DEFAULT '[]',
            disability_codes TEXT NOT NULL DEFAULT '[]',
            disability_other TEXT NOT NULL DEFAULT '',
            language_codes TEXT NOT NULL DEFAULT '[]',
            disposition_code TEXT,
            outcome_code TEXT,
            transport_destination_code TEXT,
            referrals TEXT NOT NULL DEFAULT '[]',
            services TEXT NOT NULL DEFAULT '[]',
            backup_requested INTEGER NOT NULL DEFAULT 0,
            backup_reason_code TEXT,
            transfer_988 INTEGER NOT NULL DEFAULT 0,
            follow_up_needed INTEGER NOT NULL DEFAULT 0,
            follow_up_note TEXT NOT NULL DEFAULT '',
            time_on_task_minutes INTEGER,
            narrative TEXT NOT NULL DEFAULT '',
            correction_reason TEXT NOT NULL DEFAULT '',
            review_comment TEXT NOT NULL DEFAULT '',
            UNIQUE (report_number, version)
        )
        """
    )
    db.execute("CREATE INDEX reports_call ON reports (call_id, version)")


@migrations(name="0005_outbox")
def _outbox(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            call_id TEXT,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'acked', 'quarantined', 'conflict')),
            acked_at TEXT,
            result_reason TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX outbox_pending ON outbox (state, seq)")
    db.execute("CREATE INDEX outbox_call ON outbox (call_id, state)")


@migrations(name="0006_attachments")
def _attachments(db: sqlite_utils.Database) -> None:
    # Bytes live inside the database so that encryption at rest covers them too.
    db.execute(
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            report_id TEXT NOT NULL REFERENCES reports(id),
            filename TEXT NOT NULL,
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            caption TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            uploaded INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE TABLE attachment_data (id TEXT PRIMARY KEY REFERENCES attachments(id),"
               " data BLOB NOT NULL)")
    db.execute("CREATE INDEX attachments_report ON attachments (report_id)")


@migrations(name="0301_audit")
def _audit(db: sqlite_utils.Database) -> None:
    # Hash-chained and append-only: see responder/audit.py. seq is the device sequence number.
    db.execute(
        """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    db.execute(
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""
    )


@migrations(name="0201_sync_outbox_entity")
def _sync_outbox_entity(db: sqlite_utils.Database) -> None:
    # Sync holds a photo back until its report is on the station: looked up by entity.
    db.execute("CREATE INDEX outbox_entity ON outbox (entity_id, kind, state)")
    db.execute("CREATE INDEX attachments_pending ON attachments (uploaded, created_at)")


@migrations(name="0202_sync_review_at")
def _sync_review_at(db: sqlite_utils.Database) -> None:
    # The station time of the review decision a report last took: a re-pull after a station
    # restore replays old decisions, and an older one must not undo a newer state.
    db.execute("ALTER TABLE reports ADD COLUMN review_at TEXT")


def migrate(db: sqlite_utils.Database, path: Path) -> None:
    """Apply pending migrations, copying the file aside first if it already holds data."""
    pending = migrations.pending(db)
    if not pending:
        return
    if "meta" in db.table_names():
        backup_file(path, f"before-{pending[0].name}")
    migrations.apply(db)


@migrations(name="0101_checklist_runs")
def _checklist_runs(db: sqlite_utils.Database) -> None:
    # Each definition version a run used is kept verbatim, so an old run stays readable and
    # finishable after a newer version ships (or the file disappears).
    db.execute(
        """
        CREATE TABLE checklist_definitions (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            stored_at TEXT NOT NULL,
            PRIMARY KEY (id, version)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE checklist_runs (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls(id),
            definition_id TEXT NOT NULL,
            definition_version INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (state IN ('in_progress', 'completed', 'abandoned')),
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            current_item TEXT,
            score INTEGER,
            level TEXT,
            outcome TEXT,
            FOREIGN KEY (definition_id, definition_version)
                REFERENCES checklist_definitions(id, version)
        )
        """
    )
    db.execute("CREATE INDEX checklist_runs_call ON checklist_runs (call_id, started_at)")
    db.execute(
        """
        CREATE TABLE checklist_steps (
            run_id TEXT NOT NULL REFERENCES checklist_runs(id),
            item_id TEXT NOT NULL,
            value TEXT,
            answered_at TEXT,
            note TEXT NOT NULL DEFAULT '',
            done_at TEXT,
            PRIMARY KEY (run_id, item_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE checklist_escalations (
            id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES checklist_runs(id),
            rule_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('request_police', 'hand_back', 'proceed')),
            at TEXT NOT NULL,
            reason_code TEXT,
            justification TEXT NOT NULL DEFAULT '',
            event_id TEXT REFERENCES status_events(id)
        )
        """
    )
    db.execute("CREATE INDEX checklist_escalations_run ON checklist_escalations (run_id, at)")


@migrations(name="0401_report_outcomes")
def _report_outcomes(db: sqlite_utils.Database) -> None:
    # Outcomes become a list, 988 gets one field per meaning, new coded fields: see the module.
    migrate_reports(db)


@migrations(name="0751_report_language")
def _report_language(db: sqlite_utils.Database) -> None:
    # The language a report prints in (its PDF's fixed labels). Reports written before
    # languages existed were written and printed in English.
    db.execute("ALTER TABLE reports ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")


@migrations(name="0551_directory")
def _directory(db: sqlite_utils.Database) -> None:
    # The station's resource directory, searched offline. ``search`` holds the lowercased text
    # a search matches (name, kind label, address, languages, eligibility), written with the row.
    db.execute(
        """
        CREATE TABLE directory_resources (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            hours TEXT NOT NULL DEFAULT '',
            eligibility TEXT NOT NULL DEFAULT '',
            languages TEXT NOT NULL DEFAULT '[]',
            beds_open INTEGER,
            beds_as_of TEXT,
            revision INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            search TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX directory_by_name ON directory_resources (name COLLATE NOCASE)")
    db.execute("CREATE INDEX directory_by_kind ON directory_resources (kind, name)")


@migrations(name="0501_roster")
def _roster(db: sqlite_utils.Database) -> None:
    # The agency's roster as the station last sent it (pull kind ``roster_person``).
    db.execute(
        """
        CREATE TABLE roster (
            person_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role_codes TEXT NOT NULL DEFAULT '[]',
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL DEFAULT ''
        )
        """
    )


@migrations(name="0502_shifts")
def _shifts(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE shifts (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            vehicle TEXT NOT NULL,
            start_mileage INTEGER NOT NULL CHECK (start_mileage >= 0),
            end_mileage INTEGER CHECK (end_mileage IS NULL OR end_mileage >= start_mileage),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            correction_note TEXT NOT NULL DEFAULT '',
            officer TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # At most one shift open per device.
    db.execute("CREATE UNIQUE INDEX shifts_one_open ON shifts (ifnull(ended_at, 'open'))"
               " WHERE ended_at IS NULL")
    db.execute(
        """
        CREATE TABLE shift_crew (
            shift_id TEXT NOT NULL REFERENCES shifts(id),
            person_id TEXT NOT NULL,
            name TEXT NOT NULL,
            role_code TEXT NOT NULL,
            on_roster INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (shift_id, person_id)
        )
        """
    )


@migrations(name="0503_unit_status")
def _unit_status(db: sqlite_utils.Database) -> None:
    # The unit's own timeline: one status per unit; the last row is where the unit is now.
    db.execute(
        """
        CREATE TABLE unit_status_events (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            call_id TEXT REFERENCES calls(id),
            shift_id TEXT REFERENCES shifts(id),
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX unit_status_at ON unit_status_events (at)")
    # Calls the unit put on hold to work another: they wait in the queue.
    db.execute(
        "CREATE TABLE call_holds (call_id TEXT PRIMARY KEY REFERENCES calls(id), held_at TEXT)"
    )


@migrations(name="0504_co_responders")
def _co_responders(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE co_responders (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls(id),
            agency_code TEXT NOT NULL,
            unit_label TEXT NOT NULL DEFAULT '',
            requested_by_code TEXT NOT NULL,
            created_at TEXT NOT NULL,
            arrived_at TEXT,
            departed_at TEXT,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX co_responders_call ON co_responders (call_id, created_at)")


@migrations(name="0505_report_crew")
def _report_crew(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE reports ADD COLUMN crew TEXT NOT NULL DEFAULT '[]'")


@migrations(name="0203_sync_pending_kind")
def _sync_pending_kind(db: sqlite_utils.Database) -> None:
    # A sync snapshot takes pending calls first, then the rest in order: both straight off an
    # index instead of reading and sorting every pending row on the GUI thread.
    db.execute("CREATE INDEX outbox_pending_kind ON outbox (state, kind, seq)")


@migrations(name="0601_people")
def _people(db: sqlite_utils.Database) -> None:
    # People over time: persons known to the unit, contacts, follow-ups, consents (issue 13).
    # One statement at a time (executescript would commit the migration's transaction).
    for statement in _PEOPLE_SQL.split(";"):
        if statement.strip():
            db.execute(statement)


_PEOPLE_SQL = """
        CREATE TABLE persons (
            id TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            age_range TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            last_seen_at TEXT,
            provisional INTEGER NOT NULL DEFAULT 1,
            merged_into TEXT,
            origin TEXT NOT NULL DEFAULT 'unit' CHECK (origin IN ('unit', 'station')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            received_at TEXT
        );
        -- One row per word of a name, folded, with when the person was last seen: a prefix
        -- search is one range scan of this table, never a lookup per matching person.
        CREATE TABLE person_names (
            token TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            last_seen TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (token, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX person_names_person ON person_names (person_id);
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            person_id TEXT,
            call_id TEXT,
            report_id TEXT,
            address TEXT NOT NULL DEFAULT '',
            address_key TEXT NOT NULL DEFAULT '',
            unit_id TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'call' CHECK (kind IN ('call', 'outreach', 'follow_up')),
            outcome_code TEXT,
            safety_notes TEXT NOT NULL DEFAULT '',
            triggers TEXT NOT NULL DEFAULT '',
            what_helped TEXT NOT NULL DEFAULT '',
            violence INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL DEFAULT 'unit' CHECK (origin IN ('unit', 'station')),
            services_offered TEXT NOT NULL DEFAULT '[]',
            services_accepted TEXT NOT NULL DEFAULT '[]',
            shelter_placement_code TEXT,
            received_at TEXT
        );
        CREATE INDEX contacts_address ON contacts (address_key, at);
        CREATE INDEX contacts_person ON contacts (person_id, at);
        CREATE TABLE follow_ups (
            id TEXT PRIMARY KEY,
            what TEXT NOT NULL,
            due_date TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            person_id TEXT,
            call_id TEXT,
            who TEXT NOT NULL DEFAULT '',
            unit_id TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
            origin TEXT NOT NULL DEFAULT 'unit' CHECK (origin IN ('unit', 'station')),
            received_at TEXT
        );
        CREATE INDEX follow_ups_due ON follow_ups (state, due_date);
        CREATE INDEX follow_ups_person ON follow_ups (person_id);
        CREATE TABLE follow_up_attempts (
            id TEXT PRIMARY KEY,
            follow_up_id TEXT NOT NULL REFERENCES follow_ups(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            outcome_code TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            visit_call_id TEXT
        );
        CREATE INDEX follow_up_attempts_of ON follow_up_attempts (follow_up_id, at);
        CREATE TABLE consents (
            id TEXT PRIMARY KEY,
            report_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            given INTEGER NOT NULL,
            at TEXT NOT NULL,
            person_id TEXT,
            method TEXT NOT NULL DEFAULT '',
            witness TEXT NOT NULL DEFAULT '',
            share_with TEXT NOT NULL DEFAULT '',
            share_for TEXT NOT NULL DEFAULT '',
            until TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'responder',
            UNIQUE (report_id, kind, person_id)
        );
        CREATE INDEX consents_report ON consents (report_id);
        -- A call started from a follow-up names the call it follows up.
        CREATE TABLE call_links (
            call_id TEXT PRIMARY KEY,
            follows_call_id TEXT,
            follow_up_id TEXT
        );
        -- People the station named for a call (its briefing), for the Known-here panel.
        CREATE TABLE call_persons (
            call_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            PRIMARY KEY (call_id, person_id)
        ) WITHOUT ROWID;
"""
