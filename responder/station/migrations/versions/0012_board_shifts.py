"""Records indexed by (kind, unit_id, received_at): the dispatch board finds each unit's latest
shift with one index probe per unit instead of reading every shift the station holds.

Revision ID: 0012_board_shifts
Revises: 0010_metrics_speed
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0012_board_shifts"
down_revision = "0010_metrics_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_records_kind_unit_received", "records", ["kind", "unit_id", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_records_kind_unit_received", table_name="records")
