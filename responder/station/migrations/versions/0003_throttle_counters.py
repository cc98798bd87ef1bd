"""Rate-limit failure counters in the database, so they hold across worker processes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("bucket", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", "bucket"),
    )
    op.create_index("ix_throttle_bucket", "throttle", ["bucket"])


def downgrade() -> None:
    op.drop_index("ix_throttle_bucket", table_name="throttle")
    op.drop_table("throttle")
