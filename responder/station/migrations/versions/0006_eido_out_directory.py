"""EIDO back to CAD (jobs and published documents) and the resource directory.

Revision ID: 0006_eido_out_directory
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_eido_out_directory"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eido_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_key", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("retry_at", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_key"),
    )
    with op.batch_alter_table("eido_jobs") as batch_op:
        batch_op.create_index(batch_op.f("ix_eido_jobs_state"), ["state"], unique=False)
    op.create_table(
        "eido_documents",
        sa.Column("cursor", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("published_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("cursor"),
        sa.UniqueConstraint("job_id"),
    )
    with op.batch_alter_table("eido_documents") as batch_op:
        batch_op.create_index(batch_op.f("ix_eido_documents_call_id"), ["call_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_eido_documents_published_at"), ["published_at"], unique=False
        )
    op.create_table(
        "directory_resources",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("hours", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("beds_open", sa.Integer(), nullable=True),
        sa.Column("beds_as_of", sa.String(length=32), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("directory_resources") as batch_op:
        batch_op.create_index(batch_op.f("ix_directory_resources_kind"), ["kind"], unique=False)


def downgrade() -> None:
    op.drop_table("directory_resources")
    op.drop_table("eido_documents")
    op.drop_table("eido_jobs")
