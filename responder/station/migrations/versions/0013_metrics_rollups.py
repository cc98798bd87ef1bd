"""The metrics' daily roll-up: per UTC day, unit and call type, the counts behind each figure
(storage/rollups.py), built here from the fact rows the station already holds and kept from
now on in the same transaction as the facts; and an index for calls without a report.

Revision ID: 0013_metrics_rollups
Revises: 0007_people
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_metrics_rollups"
down_revision = "0014_photo_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.station.storage.rollups import rebuild  # noqa: PLC0415

    op.create_table(
        "metric_rollups",
        sa.Column("unit_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("type_code", sa.String(length=32), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=250), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "day", "type_code", "metric", "key"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_call_facts_has_report_received_at", "call_facts",
                    ["has_report", "received_at"])
    rebuild(op.get_bind(), load_reference())


def downgrade() -> None:
    op.drop_index("ix_call_facts_has_report_received_at", table_name="call_facts")
    op.drop_table("metric_rollups")
