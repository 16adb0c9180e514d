"""API shapes for branches."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from redraft.db.models import Branch


class BranchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=40)
    from_version_id: uuid.UUID


class BranchMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000)


class BranchRead(BaseModel):
    id: uuid.UUID
    component_id: uuid.UUID
    name: str
    status: str
    base_version_id: uuid.UUID
    head_version_id: uuid.UUID
    created_at: datetime
    created_by: str

    @classmethod
    def of(cls, branch: Branch) -> BranchRead:
        return cls(
            id=branch.id,
            component_id=branch.component_id,
            name=branch.name,
            status=branch.status,
            base_version_id=branch.base_version_id,
            head_version_id=branch.head_version_id,
            created_at=branch.created_at,
            created_by=branch.created_by,
        )
