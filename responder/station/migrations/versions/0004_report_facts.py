"""Report facts for the metrics engine, and calls indexed by received time.

Builds ``report_facts`` / ``report_codes`` for every report already held, whatever shape its
payload has (reports sent before the unit's 0401 migration included).

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from civilian_responder.station.storage.report_facts import store_facts  # noqa: PLC0415

    op.create_table(
        "report_facts",
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=32), nullable=False),
        *[sa.Column(name, sa.String(length=64), nullable=True) for name in (
            "disposition_code", "response_model_code", "call_source_code",
            "transport_mode_code", "transport_destination_code")],
        sa.Column("transport_facility", sa.String(length=200), nullable=False),
        sa.Column("referral_agency", sa.String(length=200), nullable=False),
        *[sa.Column(name, sa.String(length=64), nullable=True) for name in (
            "shelter_placement_code", "hold_code", "police_handoff_reason_code")],
        sa.Column("backup_requested", sa.Boolean(), nullable=False),
        sa.Column("backup_reason_code", sa.String(length=64), nullable=True),
        sa.Column("call_transferred_988", sa.Boolean(), nullable=False),
        sa.Column("warm_transfer_988", sa.Boolean(), nullable=False),
        sa.Column("follow_up_needed", sa.Boolean(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("time_on_task_minutes", sa.Integer(), nullable=True),
        sa.Column("finalized_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("report_id"),
    )
    with op.batch_alter_table("report_facts") as batch_op:
        batch_op.create_index(batch_op.f("ix_report_facts_call_id"), ["call_id"], unique=False)
    op.create_table(
        "report_codes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=True),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_codes") as batch_op:
        batch_op.create_index(batch_op.f("ix_report_codes_report_id"), ["report_id"],
                              unique=False)
    with op.batch_alter_table("calls") as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_received_at"), ["received_at"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, unit_id, payload FROM reports")).all()
    for report_id, unit_id, payload in rows:
        try:
            body = json.loads(payload)
        except ValueError:
            continue  # kept in reports as received; it simply has no countable facts
        if isinstance(body, dict):
            store_facts(conn, report_id, unit_id, body)


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_received_at"))
    op.drop_table("report_codes")
    op.drop_table("report_facts")
