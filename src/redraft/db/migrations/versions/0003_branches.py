"""Branches: experimental lines of versions forked from an accepted version.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("component_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("base_version_id", sa.Uuid(), nullable=False),
        sa.Column("head_version_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'archived', 'merged')", name=op.f("ck_branches_status")
        ),
        sa.ForeignKeyConstraint(
            ["base_version_id"],
            ["component_versions.id"],
            name=op.f("fk_branches_base_version_id_component_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_branches_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["head_version_id"],
            ["component_versions.id"],
            name=op.f("fk_branches_head_version_id_component_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("component_id", "name", name=op.f("uq_branches_component_id_name")),
    )
    op.create_index(op.f("ix_branches_component_id"), "branches", ["component_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_branches_component_id"), table_name="branches")
    op.drop_table("branches")
