"""Flat metrics rows written when a call, a status event or a report is stored.

Adds ``call_facts`` (per call: scope, has a report, first clear, the response legs in minutes)
and ``call_unit_facts`` (per call and unit: minutes of service), and copies each call's scope
and the report's current-version flag onto ``report_facts`` / ``report_codes``; then builds
them for everything the station already holds (storage/call_facts.py, the same code the write
path runs).

Revision ID: 0010_metrics_speed
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_metrics_speed"
down_revision = "0005_roster_shifts"
branch_labels = None
depends_on = None

SCOPE = (
    ("received_at", sa.String(length=32)),
    ("cancelled", sa.Boolean()),
    ("type_code", sa.String(length=32)),
)
LEGS = (
    "received_to_dispatched",
    "dispatched_to_en_route",
    "en_route_to_on_scene",
    "received_to_on_scene",
    "time_on_scene",
)


def upgrade() -> None:
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.station.storage.call_facts import refresh  # noqa: PLC0415

    with op.batch_alter_table("report_facts") as batch_op:
        for name, kind in (
            *SCOPE,
            ("priority", sa.Integer()),
            ("is_current", sa.Boolean()),
            ("police_outcome", sa.Boolean()),
        ):
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.create_index("ix_report_facts_received_at", ["received_at"], unique=False)
    with op.batch_alter_table("report_codes") as batch_op:
        for name, kind in (*SCOPE, ("unit_id", sa.String(length=32)), ("is_current", sa.Boolean())):
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.create_index("ix_report_codes_received_at", ["received_at"], unique=False)
    op.create_table(
        "call_facts",
        sa.Column("call_id", sa.String(length=64), nullable=False),
        *[sa.Column(name, kind, nullable=False) for name, kind in SCOPE],
        sa.Column("unit_id", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("has_report", sa.Boolean(), nullable=False),
        sa.Column("first_cleared_at", sa.String(length=32), nullable=True),
        *[sa.Column(name, sa.Float(), nullable=True) for name in LEGS],
        sa.PrimaryKeyConstraint("call_id"),
    )
    op.create_index(op.f("ix_call_facts_received_at"), "call_facts", ["received_at"])
    op.create_table(
        "call_unit_facts",
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=32), nullable=False),
        *[sa.Column(name, kind, nullable=False) for name, kind in SCOPE],
        sa.Column("call_unit_id", sa.String(length=32), nullable=False),
        sa.Column("busy_minutes", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("call_id", "unit_id"),
    )
    op.create_index(op.f("ix_call_unit_facts_received_at"), "call_unit_facts", ["received_at"])
    refresh(op.get_bind(), load_reference(), None)


def downgrade() -> None:
    op.drop_table("call_unit_facts")
    op.drop_table("call_facts")
    for table, extra in (
        ("report_codes", ("unit_id",)),
        ("report_facts", ("priority", "police_outcome")),
    ):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_received_at")
            for name in ("received_at", "cancelled", "type_code", *extra, "is_current"):
                batch_op.drop_column(name)
