from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Connection,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    text,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from redraft.db.base import Base, UTCDateTime
from redraft.db.digests import BlobDigest
from redraft.db.types import Digest, PackedJSON

VERSION_STATUSES = ("draft", "active", "rejected", "superseded", "archived")
POLICIES = ("auto", "notify", "manual")
# Statuses that hold a version number for good: accepted versions, current or retired.
ACCEPTED_STATUSES = ("active", "archived")


class Component(Base):
    __tablename__ = "components"
    __table_args__ = (CheckConstraint("policy IN ('auto', 'notify', 'manual')", name="policy"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # The pattern id ("button"); the brief calls it the component's type.
    type: Mapped[str] = mapped_column(String(64))
    policy: Mapped[str] = mapped_column(String(16), default="notify")
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("component_versions.id", use_alter=True, ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_by: Mapped[str] = mapped_column(String(64))

    current_version: Mapped[ComponentVersion | None] = relationship(
        foreign_keys=[current_version_id], lazy="raise", post_update=True
    )
    versions: Mapped[list[ComponentVersion]] = relationship(
        back_populates="component",
        foreign_keys="ComponentVersion.component_id",
        lazy="raise",
    )


class ComponentVersion(Base):
    """An immutable record of one version: numbers, inputs, outputs, lineage and why it exists.

    Text and JSON bodies live in the blob store (content-addressed, compressed), so identical
    code, stories, token sets and requirements across versions are stored once. The row
    references them by blob id and code reads their digests (`code_blob`, ...; see
    `db/digests.py`); the change summary is packed JSON (`db/types.py`). The row takes about
    300 bytes (it took 1.8 KB with hex digests and plain JSON).
    """

    __tablename__ = "component_versions"
    __table_args__ = (
        Index("idx_component_id_version", "component_id", "major", "minor", "patch"),
        Index("ix_component_versions_component_created", "component_id", "created_at", "id"),
        # No two accepted versions of a component share a number: enforced here, not only in code.
        Index(
            "uq_component_versions_number_accepted",
            "component_id",
            "major",
            "minor",
            "patch",
            "prerelease",
            unique=True,
            sqlite_where=text("status IN ('active', 'archived')"),
            postgresql_where=text("status IN ('active', 'archived')"),
        ),
        CheckConstraint(
            "status IN ('draft', 'active', 'rejected', 'superseded', 'archived')", name="status"
        ),
        CheckConstraint("major >= 0 AND minor >= 0 AND patch >= 0", name="version_numbers"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    component_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    major: Mapped[int] = mapped_column(Integer)
    minor: Mapped[int] = mapped_column(Integer)
    patch: Mapped[int] = mapped_column(Integer)
    prerelease: Mapped[str] = mapped_column(String(64), default="")
    branch: Mapped[str] = mapped_column(String(64), default="main")
    status: Mapped[str] = mapped_column(String(16))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    trigger: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text, default=None)

    # Generation inputs, for reproducibility.
    inputs_hash: Mapped[str] = mapped_column(Digest())
    pattern_id: Mapped[str] = mapped_column(String(64))
    pattern_version: Mapped[str] = mapped_column(String(32))
    generator: Mapped[str] = mapped_column(String(64))
    generator_version: Mapped[str] = mapped_column(String(32))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tokens_blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))
    requirements_blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))

    # Outputs: the code as it stands (hand edits included) and the pristine generator output,
    # which is the merge base for the next regeneration. The code's and the stories' columns
    # are NULL where the text is the pristine output's (no hand edit: most stories, most code).
    code_blob_id: Mapped[int | None] = mapped_column(ForeignKey("blobs.id"), default=None)
    stories_blob_id: Mapped[int | None] = mapped_column(ForeignKey("blobs.id"), default=None)
    pristine_code_blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))
    pristine_stories_blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))
    token_usage_blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"))
    customized: Mapped[bool] = mapped_column(Boolean, default=False)

    # Lineage.
    parent_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("component_versions.id", ondelete="SET NULL"), default=None
    )
    merge_parent_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("component_versions.id", ondelete="SET NULL"), default=None
    )

    # Why this number.
    bump: Mapped[str | None] = mapped_column(String(8), default=None)
    bump_reasons: Mapped[list[str]] = mapped_column(PackedJSON(), default=list)
    change_summary: Mapped[dict[str, Any]] = mapped_column(PackedJSON(), default=dict)

    component: Mapped[Component] = relationship(
        back_populates="versions", foreign_keys=[component_id], lazy="raise"
    )
    tags: Mapped[list[VersionTag]] = relationship(
        back_populates="version",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="VersionTag.tag",
    )

    # The bodies' digests (see `db/digests.py`): what code reads and assigns.
    tokens_blob = BlobDigest("tokens_blob_id")
    requirements_blob = BlobDigest("requirements_blob_id")
    pristine_code_blob = BlobDigest("pristine_code_blob_id")
    pristine_stories_blob = BlobDigest("pristine_stories_blob_id")
    token_usage_blob = BlobDigest("token_usage_blob_id")
    code_blob = BlobDigest("code_blob_id", fallback="pristine_code_blob")
    stories_blob = BlobDigest("stories_blob_id", fallback="pristine_stories_blob")

    def blob_ids(self) -> set[int]:
        """The blobs this version references (load them with `BlobStore.get_by_ids`)."""
        ids = (
            self.tokens_blob_id,
            self.requirements_blob_id,
            self.code_blob_id,
            self.stories_blob_id,
            self.pristine_code_blob_id,
            self.pristine_stories_blob_id,
            self.token_usage_blob_id,
        )
        return {blob_id for blob_id in ids if blob_id is not None}

    @property
    def tokens_hash(self) -> str:
        """sha256 of the token set's canonical JSON: the digest of the blob holding it (so it
        is not stored twice)."""
        return self.tokens_blob

    @property
    def requirements_hash(self) -> str:
        """sha256 of the requirements' canonical JSON: the digest of the blob holding it."""
        return self.requirements_blob

    @property
    def version_string(self) -> str:
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{self.prerelease}" if self.prerelease else core


@event.listens_for(ComponentVersion, "before_insert")
@event.listens_for(ComponentVersion, "before_update")
def _store_edits_only(
    mapper: Mapper[Any],  # noqa: ARG001
    connection: Connection,  # noqa: ARG001
    version: ComponentVersion,
) -> None:
    # Text equal to the pristine output is not referenced twice (see `code_blob_id`).
    if version.code_blob_id == version.pristine_code_blob_id:
        version.code_blob_id = None
    if version.stories_blob_id == version.pristine_stories_blob_id:
        version.stories_blob_id = None


class VersionTag(Base):
    __tablename__ = "version_tags"

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("component_versions.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))

    version: Mapped[ComponentVersion] = relationship(back_populates="tags", lazy="raise")
