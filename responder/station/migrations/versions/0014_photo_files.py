"""Whole photos in a pack file beside the database: where each one is (uploads.pack, .pack_offset).

A row without a pack keeps its bytes in ``upload_chunks`` (resumable uploads, and every photo
received before this revision), so nothing is moved.

Revision ID: 0014_photo_files
Revises: 0007_people
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_photo_files"
# Chained after main's latest revision at the time (the lead re-chains when more land).
down_revision = "0007_people"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("uploads") as batch_op:
        batch_op.add_column(sa.Column("pack", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("pack_offset", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uploads") as batch_op:
        batch_op.drop_column("pack_offset")
        batch_op.drop_column("pack")
