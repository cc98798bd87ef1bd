"""The station schema as SQLAlchemy Core tables. Alembic versions create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "station_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

enrollment_codes = Table(
    "enrollment_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("unit_id", String(32), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("device_id", String(64)),
)

devices = Table(
    "devices", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_id", String(32), nullable=False, index=True),
    Column("name", String(128), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("last_seen_at", String(32)),
)

admin_tokens = Table(
    "admin_tokens", metadata,
    Column("id", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("label", String(128), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("expires_at", String(32)),  # migration 0002
)

# One row per change_id ever applied: the exactly-once receipt.
receipts = Table(
    "receipts", metadata,
    Column("change_id", String(128), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("unit_id", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("received_at", String(32), nullable=False),
)

# A different payload under an already-used change_id: kept, never applied, never dropped.
conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(128), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
)

calls = Table(
    "calls", metadata,
    Column("id", String(64), primary_key=True),
    Column("cad_number", String(32), unique=True),
    Column("incident_id", String(256), unique=True),
    Column("unit_id", String(32), nullable=False, index=True),
    Column("type_code", String(32), nullable=False),
    Column("type_text", String(256), nullable=False, default=""),
    Column("priority", Integer, nullable=False),
    Column("status", String(32), nullable=False),
    Column("address", Text, nullable=False),
    Column("cross_streets", Text, nullable=False, default=""),
    Column("location_note", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("caller_name", Text, nullable=False, default=""),
    Column("caller_phone", String(64), nullable=False, default=""),
    Column("narrative", Text, nullable=False, default=""),
    Column("caution_notes", Text, nullable=False, default=""),
    Column("self_initiated", Boolean, nullable=False, default=False),
    Column("cancelled", Boolean, nullable=False, default=False),
    Column("station_revision", Integer, nullable=False, default=1),
    Column("source", String(16), nullable=False),
    Column("received_at", String(32), nullable=False, index=True),  # metrics periods (0004)
    Column("updated_at", String(32), nullable=False),
    Index("ix_calls_status", "status"),  # the console's open calls (0008)
)

# Every unit that ever held a call may see it (a reassigned-away unit keeps its history).
call_units = Table(
    "call_units", metadata,
    Column("call_id", String(64), primary_key=True),
    Column("unit_id", String(32), primary_key=True),
)

call_events = Table(
    "call_events", metadata,
    Column("id", String(64), primary_key=True),
    Column("call_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("at", String(32), nullable=False),
    Column("reason_code", String(64)),
    Column("note", Text, nullable=False, default=""),
    Column("actor", String(128), nullable=False, default=""),
    Column("origin", String(16), nullable=False),
    Column("unit_id", String(32)),
    Column("device_id", String(64)),
)

reports = Table(
    "reports", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_number", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("call_id", String(64), nullable=False, index=True),
    Column("unit_id", String(32), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("supersedes_id", String(64)),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("submitted_at", String(32), nullable=False),
    Column("reviewed_at", String(32)),
    Column("reviewer", String(128)),
    Column("review_comment", Text, nullable=False, default=""),
    Index("ix_reports_state_submitted", "state", "submitted_at"),  # the review queue (0008)
)

# Every version of a report ever received, including conflicting ones.
report_submissions = Table(
    "report_submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), nullable=False, index=True),
    Column("change_id", String(128), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(64), nullable=False, index=True),
    Column("decision", String(16), nullable=False),
    Column("comment", Text, nullable=False),
    Column("reviewer", String(128), nullable=False),
    Column("at", String(32), nullable=False),
)

# Unit-owned records the station only keeps: checklist runs, audit events, attachment metadata,
# shifts and co-responders.
records = Table(
    "records", metadata,
    Column("kind", String(32), primary_key=True),
    Column("entity_id", String(128), primary_key=True),
    Column("unit_id", String(32), nullable=False, index=True),
    Column("device_id", String(64), nullable=False),
    Column("call_id", String(64)),
    Column("report_id", String(64), index=True),
    Column("sha256", String(64)),
    Column("payload", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("ix_records_kind_unit_received", "kind", "unit_id", "received_at"),  # board (0012)
)

uploads = Table(
    "uploads", metadata,
    Column("unit_id", String(32), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("length", Integer, nullable=False),
    Column("held", Integer, nullable=False),
    Column("complete", Boolean, nullable=False, default=False),
    Column("device_id", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("completed_at", String(32)),
    # Set when the bytes are in the photo file store (storage/photo_files.py, revision 0014);
    # NULL: they are in upload_chunks.
    Column("pack", String(64)),
    Column("pack_offset", BigInteger),
)

upload_chunks = Table(
    "upload_chunks", metadata,
    Column("unit_id", String(32), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# The pull feed: one global sequence; each row is for one unit, or for all (unit_id NULL).
feed = Table(
    "feed", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("unit_id", String(32), index=True),
    Column("kind", String(32), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

checklist_definitions = Table(
    "checklist_definitions", metadata,
    Column("id", String(128), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("definition", Text, nullable=False),
    Column("published_at", String(32), nullable=False),
)

counters = Table(
    "counters", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Integer, nullable=False),
)

# Rate-limit failure counters, shared by every worker (migration 0003).
throttle = Table(
    "throttle", metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("bucket", Integer, primary_key=True, autoincrement=False),
    Column("hits", Integer, nullable=False),
    Index("ix_throttle_bucket", "bucket"),
)

# What the metrics count, flattened from each report's payload when it is stored (Alembic 0004
# builds these for reports already held). One row per report id; the report's state (and so
# whether it is the current version) stays in ``reports``.
report_facts = Table(
    "report_facts", metadata,
    Column("report_id", String(64), primary_key=True),
    Column("call_id", String(64), nullable=False, index=True),
    Column("unit_id", String(32), nullable=False),
    Column("disposition_code", String(64)),
    Column("response_model_code", String(64)),
    Column("call_source_code", String(64)),
    Column("transport_mode_code", String(64)),
    Column("transport_destination_code", String(64)),
    Column("transport_facility", String(200), nullable=False, default=""),
    Column("referral_agency", String(200), nullable=False, default=""),
    Column("shelter_placement_code", String(64)),
    Column("hold_code", String(64)),
    Column("police_handoff_reason_code", String(64)),
    Column("backup_requested", Boolean, nullable=False, default=False),
    Column("backup_reason_code", String(64)),
    Column("call_transferred_988", Boolean, nullable=False, default=False),
    Column("warm_transfer_988", Boolean, nullable=False, default=False),
    Column("follow_up_needed", Boolean, nullable=False, default=False),
    Column("persons", Integer, nullable=False, default=0),
    Column("time_on_task_minutes", Integer),
    Column("finalized_at", String(32)),
    # The call's scope, whether this is the current version and whether an outcome was a
    # police one, kept by call_facts.refresh (revision 0010) so a period's figures read this
    # table alone.
    *[Column(name, kind) for name, kind in (
        ("received_at", String(32)), ("cancelled", Boolean), ("type_code", String(32)),
        ("priority", Integer), ("is_current", Boolean), ("police_outcome", Boolean))],
    Index("ix_report_facts_received_at", "received_at"),
)

# The report's multi-valued codes: field is outcome | referral | flag | service (with the
# response and, for services, the person it was for).
report_codes = Table(
    "report_codes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), nullable=False, index=True),
    Column("field", String(16), nullable=False),
    Column("code", String(64), nullable=False),
    Column("response", String(16)),
    Column("person_id", String(64)),
    # Copied from report_facts by call_facts.refresh (revision 0010).
    *[Column(name, kind) for name, kind in (
        ("received_at", String(32)), ("cancelled", Boolean), ("type_code", String(32)),
        ("unit_id", String(32)), ("is_current", Boolean))],
    Index("ix_report_codes_received_at", "received_at"),
)

# One row per call: its scope, whether a current report exists, its first clear and its
# response legs in minutes (NULL when a milestone is missing or the leg is negative), written
# when the call, its status events or its reports are stored (storage/call_facts.py, 0010).
call_facts = Table(
    "call_facts", metadata,
    Column("call_id", String(64), primary_key=True),
    Column("received_at", String(32), nullable=False, index=True),
    Column("cancelled", Boolean, nullable=False),
    Column("type_code", String(32), nullable=False),
    Column("unit_id", String(32), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("has_report", Boolean, nullable=False),
    Column("first_cleared_at", String(32)),
    *[Column(name, Float) for name in (
        "received_to_dispatched", "dispatched_to_en_route", "en_route_to_on_scene",
        "received_to_on_scene", "time_on_scene")],
    # Calls without a report in a period (unfinished after clear), revision 0013.
    Index("ix_call_facts_has_report_received_at", "has_report", "received_at"),
)

# One row per call and unit that sent a status for it: the call's scope and the unit's
# minutes of service on it (NULL until the unit cleared; 0 when it cleared without a start).
call_unit_facts = Table(
    "call_unit_facts", metadata,
    Column("call_id", String(64), primary_key=True),
    Column("unit_id", String(32), primary_key=True),
    Column("received_at", String(32), nullable=False, index=True),
    Column("cancelled", Boolean, nullable=False),
    Column("type_code", String(32), nullable=False),
    Column("call_unit_id", String(32), nullable=False),
    Column("busy_minutes", Float),
)

# The metrics' daily roll-up (storage/rollups.py, revision 0013): per UTC day, unit (``*``: all
# units) and call type, the count behind each figure, kept with the facts in one transaction.
metric_rollups = Table(
    "metric_rollups", metadata,
    Column("unit_id", String(32), primary_key=True),  # first: an all-units read is one range
    Column("day", String(10), primary_key=True),
    Column("type_code", String(32), primary_key=True),
    Column("metric", String(32), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("n", BigInteger, nullable=False),
    Column("ms", BigInteger, nullable=False, default=0),
    sqlite_with_rowid=False,
)

# People over time (issue 13). Persons are born on units (provisional ids) and merged only
# here; a merged person keeps its row, pointing at the survivor (``merged_into``).
persons = Table(
    "persons", metadata,
    Column("id", String(64), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("age_range", String(32), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("last_seen_at", String(32)),
    Column("unit_id", String(32), nullable=False),  # the unit that first met them
    Column("merged_into", String(64), index=True),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("received_at", String(32), nullable=False),
)

person_contacts = Table(
    "person_contacts", metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), index=True),
    Column("call_id", String(64)),
    Column("report_id", String(64)),
    Column("at", String(32), nullable=False),
    Column("address", String(300), nullable=False, default=""),
    Column("address_key", String(300), nullable=False, default=""),
    Column("unit_id", String(32), nullable=False),
    Column("kind", String(16), nullable=False, default="call"),
    Column("outcome_code", String(64)),
    Column("safety_notes", Text, nullable=False, default=""),
    Column("triggers", Text, nullable=False, default=""),
    Column("what_helped", Text, nullable=False, default=""),
    Column("violence", Boolean, nullable=False, default=False),
    Column("services_offered", Text, nullable=False, default="[]"),  # JSON list of codes
    Column("services_accepted", Text, nullable=False, default="[]"),
    Column("shelter_placement_code", String(64)),
    Column("received_at", String(32), nullable=False),
    Index("ix_person_contacts_address", "address_key", "at"),
)

follow_ups = Table(
    "follow_ups", metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), index=True),
    Column("call_id", String(64)),
    Column("what", Text, nullable=False),
    Column("who", String(200), nullable=False, default=""),
    Column("due_date", String(10), nullable=False, index=True),
    Column("state", String(16), nullable=False, default="open"),
    Column("unit_id", String(32), nullable=False, index=True),
    Column("updated_at", String(32), nullable=False),
    Column("payload", Text, nullable=False),  # the unit's FollowUp with its attempts
    Column("received_at", String(32), nullable=False),
)

consents = Table(
    "consents", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(64), nullable=False, index=True),
    Column("person_id", String(64)),
    Column("kind", String(32), nullable=False),
    Column("given", Boolean, nullable=False),
    Column("at", String(32), nullable=False),
    Column("unit_id", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
)

person_merges = Table(
    "person_merges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("merged", String(64), nullable=False, index=True),
    Column("survivor", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(64), nullable=False, default=""),
)

# EIDO back to CAD (Alembic 0006). A job is queued in the transaction that records what CAD
# should learn (a unit's status event, a submitted report); publishing builds and validates the
# document and gives it the next cursor. A document the schema rejects stays a pending job
# (retried later, never served).
eido_jobs = Table(
    "eido_jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_key", String(160), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("call_id", String(64), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=False, default=""),
    Column("retry_at", String(32)),
    Column("created_at", String(32), nullable=False),
)

eido_documents = Table(
    "eido_documents", metadata,
    Column("cursor", Integer, primary_key=True, autoincrement=True),
    Column("job_id", Integer, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("call_id", String(64), nullable=False, index=True),
    Column("document", Text, nullable=False),
    Column("published_at", String(32), nullable=False, index=True),
)

# The resource directory units search offline (Alembic 0006): named agencies and programs with
# their phone, address, hours, eligibility and languages; shelters also carry beds open as of a
# time. Retired entries stay (units drop them); ``revision`` rises with every change.
directory = Table(
    "directory_resources", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("phone", String(64), nullable=False, default=""),
    Column("address", Text, nullable=False, default=""),
    Column("hours", Text, nullable=False, default=""),
    Column("eligibility", Text, nullable=False, default=""),
    Column("languages", Text, nullable=False, default="[]"),
    Column("beds_open", Integer),
    Column("beds_as_of", String(32)),
    Column("retired", Boolean, nullable=False, default=False),
    Column("revision", Integer, nullable=False, default=1),
    Column("updated_at", String(32), nullable=False),
)

# Console staff accounts (migration 0008): people who sign in to /console/ with a password.
staff = Table(
    "staff", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(32), nullable=False),
    Column("password_hash", String(256), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("disabled_at", String(32)),
)

# Console sessions: the cookie holds a random id, the table its SHA-256 (and the CSRF token).
staff_sessions = Table(
    "staff_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("staff_id", String(64), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

# What staff did in the console and at sign-in (the station's own audit trail).
console_audit = Table(
    "console_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False, index=True),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(256), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
    Column("address", String(64), nullable=False, default=""),
)

# The agency's roster (revision 0005): who may be on a unit's crew, in which roles. Sent to
# every unit through the pull feed (kind ``roster_person``).
roster = Table(
    "roster", metadata,
    Column("person_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role_codes", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("updated_at", String(32), nullable=False),
)
