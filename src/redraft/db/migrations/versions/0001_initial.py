"""Initial schema: users and API tokens, blobs, components, versions and tags.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are UTC-aware; the model's UTCDateTime adds conversion only, the column is this.
UTC_DATETIME = sa.DateTime(timezone=True)
ACCEPTED = sa.text("status IN ('active', 'archived')")
CURRENT_VERSION_FK = "fk_components_current_version_id_component_versions"


def upgrade() -> None:
    # components.current_version_id and component_versions.component_id point at each other.
    # PostgreSQL adds the first key once both tables exist; SQLite cannot ALTER in a key, and
    # needs not: it checks keys when rows change, so an inline key to a later table is fine.
    sqlite = op.get_bind().dialect.name == "sqlite"

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("last_used_at", UTC_DATETIME, nullable=True),
        sa.Column("revoked_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_tokens_prefix")),
    )
    op.create_table(
        "blobs",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("codec", sa.String(length=16), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("base_digest", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["base_digest"], ["blobs.digest"], name=op.f("fk_blobs_base_digest_blobs")
        ),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_blobs")),
    )
    current_version_fk = (
        [
            sa.ForeignKeyConstraint(
                ["current_version_id"],
                ["component_versions.id"],
                name=op.f(CURRENT_VERSION_FK),
                ondelete="SET NULL",
            )
        ]
        if sqlite
        else []
    )
    op.create_table(
        "components",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("current_version_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "policy IN ('auto', 'notify', 'manual')", name=op.f("ck_components_policy")
        ),
        *current_version_fk,
        sa.PrimaryKeyConstraint("id", name=op.f("pk_components")),
        sa.UniqueConstraint("name", name=op.f("uq_components_name")),
    )
    op.create_table(
        "component_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("component_id", sa.Uuid(), nullable=False),
        sa.Column("major", sa.Integer(), nullable=False),
        sa.Column("minor", sa.Integer(), nullable=False),
        sa.Column("patch", sa.Integer(), nullable=False),
        sa.Column("prerelease", sa.String(length=64), nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("trigger", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("tokens_hash", sa.String(length=64), nullable=False),
        sa.Column("requirements_hash", sa.String(length=64), nullable=False),
        sa.Column("inputs_hash", sa.String(length=64), nullable=False),
        sa.Column("pattern_id", sa.String(length=64), nullable=False),
        sa.Column("pattern_version", sa.String(length=32), nullable=False),
        sa.Column("generator", sa.String(length=64), nullable=False),
        sa.Column("generator_version", sa.String(length=32), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("tokens_blob", sa.String(length=64), nullable=False),
        sa.Column("requirements_blob", sa.String(length=64), nullable=False),
        sa.Column("code_blob", sa.String(length=64), nullable=False),
        sa.Column("stories_blob", sa.String(length=64), nullable=False),
        sa.Column("pristine_code_blob", sa.String(length=64), nullable=False),
        sa.Column("pristine_stories_blob", sa.String(length=64), nullable=False),
        sa.Column("token_usage_blob", sa.String(length=64), nullable=False),
        sa.Column("customized", sa.Boolean(), nullable=False),
        sa.Column("parent_version_id", sa.Uuid(), nullable=True),
        sa.Column("merge_parent_version_id", sa.Uuid(), nullable=True),
        sa.Column("bump", sa.String(length=8), nullable=True),
        sa.Column("bump_reasons", sa.JSON(), nullable=False),
        sa.Column("change_summary", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'rejected', 'superseded', 'archived')",
            name=op.f("ck_component_versions_status"),
        ),
        sa.CheckConstraint(
            "major >= 0 AND minor >= 0 AND patch >= 0",
            name=op.f("ck_component_versions_version_numbers"),
        ),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_component_versions_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_version_id"],
            ["component_versions.id"],
            name=op.f("fk_component_versions_parent_version_id_component_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merge_parent_version_id"],
            ["component_versions.id"],
            name=op.f("fk_component_versions_merge_parent_version_id_component_versions"),
            ondelete="SET NULL",
        ),
        *(
            sa.ForeignKeyConstraint(
                [column], ["blobs.digest"], name=op.f(f"fk_component_versions_{column}_blobs")
            )
            for column in (
                "tokens_blob",
                "requirements_blob",
                "code_blob",
                "stories_blob",
                "pristine_code_blob",
                "pristine_stories_blob",
                "token_usage_blob",
            )
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_component_versions")),
    )
    op.create_index(
        "idx_component_id_version",
        "component_versions",
        ["component_id", "major", "minor", "patch"],
    )
    op.create_index("idx_tokens_hash", "component_versions", ["tokens_hash"])
    op.create_index("idx_status", "component_versions", ["status"])
    op.create_index(
        "ix_component_versions_component_created",
        "component_versions",
        ["component_id", "created_at", "id"],
    )
    # No two accepted versions of a component share a number; drafts and rejected ones may.
    op.create_index(
        "uq_component_versions_number_accepted",
        "component_versions",
        ["component_id", "major", "minor", "patch", "prerelease"],
        unique=True,
        sqlite_where=ACCEPTED,
        postgresql_where=ACCEPTED,
    )
    if not sqlite:
        op.create_foreign_key(
            op.f(CURRENT_VERSION_FK),
            "components",
            "component_versions",
            ["current_version_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "version_tags",
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["component_versions.id"],
            name=op.f("fk_version_tags_version_id_component_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "tag", name=op.f("pk_version_tags")),
    )
    op.create_index(op.f("ix_version_tags_tag"), "version_tags", ["tag"])


def downgrade() -> None:
    # Dropping a table drops its indexes; the cycle is broken first where keys are constraints.
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(CURRENT_VERSION_FK), "components", type_="foreignkey")
    tables = ("version_tags", "component_versions", "components", "blobs", "api_tokens", "users")
    for table in tables:
        op.drop_table(table)
