"""API shapes for archiving and storage."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from redraft.features.components.schemas import VersionSummary
from redraft.features.retention.service import STORAGE_BUDGET_BYTES, ComponentStorage


class ArchiveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    older_than_days: int = Field(
        gt=0, le=36_500, description="Archive versions created more than this many days ago."
    )
    dry_run: bool = Field(default=False, description="List what would be archived; change nothing.")


class ArchiveResult(BaseModel):
    dry_run: bool
    cutoff: datetime
    count: int
    versions: list[VersionSummary]


class ComponentStorageRead(BaseModel):
    """Bytes a component's history occupies; shared blobs are counted in every component
    that references them, and reported as shared."""

    component_id: uuid.UUID
    name: str
    versions: int
    archived_versions: int
    row_bytes: int
    blobs: int
    stored_bytes: int
    raw_bytes: int
    shared_blobs: int
    shared_stored_bytes: int
    shared_share: float
    total_bytes: int
    budget_bytes: int
    within_budget: bool

    @classmethod
    def of(cls, s: ComponentStorage) -> ComponentStorageRead:
        return cls(
            component_id=s.component_id,
            name=s.name,
            versions=s.versions,
            archived_versions=s.archived_versions,
            row_bytes=s.row_bytes,
            blobs=s.blobs,
            stored_bytes=s.stored_bytes,
            raw_bytes=s.raw_bytes,
            shared_blobs=s.shared_blobs,
            shared_stored_bytes=s.shared_stored_bytes,
            shared_share=round(s.shared_share, 4),
            total_bytes=s.total_bytes,
            budget_bytes=STORAGE_BUDGET_BYTES,
            within_budget=s.within_budget,
        )


class StorageRead(BaseModel):
    items: list[ComponentStorageRead]
