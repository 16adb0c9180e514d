"""Audit log: one row per state change, listed by component, actor, action and time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are UTC-aware; the model's UTCDateTime adds conversion only, the column is this.
UTC_DATETIME = sa.DateTime(timezone=True)
# Each listing filters on at most one of these and pages newest first by (at, id).
INDEXES = {
    "ix_audit_events_at_id": ["at", "id"],
    "ix_audit_events_component_at": ["component_id", "at", "id"],
    "ix_audit_events_actor_at": ["actor", "at", "id"],
    "ix_audit_events_action_at": ["action", "at", "id"],
}


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("component_id", sa.Uuid(), nullable=True),
        sa.Column("version_id", sa.Uuid(), nullable=True),
        sa.Column("target", sa.String(length=128), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_audit_events_component_id_components"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "audit_events", columns)


def downgrade() -> None:
    # Dropping the table drops its indexes.
    op.drop_table("audit_events")
