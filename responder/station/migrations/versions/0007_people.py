"""People over time: persons (merged only here), contacts, follow-ups, consents, merges.

Revision ID: 0007_people
Revises: 0012_board_shifts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_people"
# Chained after main's latest revision at merge time (the lead re-chains when more land).
down_revision = "0012_board_shifts"
branch_labels = None
depends_on = None


def _s(name: str, length: int, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _t(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "persons",
        _s("id", 64),
        _s("display_name", 200),
        _s("age_range", 32),
        _t("description"),
        _s("last_seen_at", 32, True),
        _s("unit_id", 32),
        _s("merged_into", 64, True),
        _s("created_at", 32),
        _s("updated_at", 32),
        _s("received_at", 32),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_persons_merged_into", "persons", ["merged_into"])
    op.create_table(
        "person_contacts",
        _s("id", 64),
        _s("person_id", 64, True),
        _s("call_id", 64, True),
        _s("report_id", 64, True),
        _s("at", 32),
        _s("address", 300),
        _s("address_key", 300),
        _s("unit_id", 32),
        _s("kind", 16),
        _s("outcome_code", 64, True),
        _t("safety_notes"),
        _t("triggers"),
        _t("what_helped"),
        sa.Column("violence", sa.Boolean(), nullable=False),
        _t("services_offered"),
        _t("services_accepted"),
        _s("shelter_placement_code", 64, True),
        _s("received_at", 32),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_contacts_person_id", "person_contacts", ["person_id"])
    op.create_index("ix_person_contacts_address", "person_contacts", ["address_key", "at"])
    op.create_table(
        "follow_ups",
        _s("id", 64),
        _s("person_id", 64, True),
        _s("call_id", 64, True),
        _t("what"),
        _s("who", 200),
        _s("due_date", 10),
        _s("state", 16),
        _s("unit_id", 32),
        _s("updated_at", 32),
        _t("payload"),
        _s("received_at", 32),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("person_id", "due_date", "unit_id"):
        op.create_index(f"ix_follow_ups_{column}", "follow_ups", [column])
    op.create_table(
        "consents",
        _s("id", 64),
        _s("report_id", 64),
        _s("person_id", 64, True),
        _s("kind", 32),
        sa.Column("given", sa.Boolean(), nullable=False),
        _s("at", 32),
        _s("unit_id", 32),
        _t("payload"),
        _s("received_at", 32),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_consents_report_id", "consents", ["report_id"])
    op.create_table(
        "person_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _s("merged", 64),
        _s("survivor", 64),
        _s("at", 32),
        _s("actor", 64),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_merges_merged", "person_merges", ["merged"])


def downgrade() -> None:
    for table in ("person_merges", "consents", "follow_ups", "person_contacts", "persons"):
        op.drop_table(table)
