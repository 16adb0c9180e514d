"""API shapes for rollback and branches."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from redraft.features.history.rollback import RollbackResult


class RollbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_version_id: uuid.UUID
    reason: str | None = Field(default=None, max_length=2000)
    confirm_major: bool = Field(
        default=False,
        description="Publish as a new major version even though the props API breaks.",
    )


class RollbackResponse(BaseModel):
    component_id: uuid.UUID
    previous_version: str
    rolled_back_to: str
    new_version: str
    version_id: uuid.UUID
    bump: str
    bump_reasons: list[str]
    api: dict[str, Any]
    diff: dict[str, Any]

    @classmethod
    def of(cls, result: RollbackResult) -> RollbackResponse:
        return cls(
            component_id=result.component.id,
            previous_version=result.previous.version_string,
            rolled_back_to=result.target.version_string,
            new_version=result.version.version_string,
            version_id=result.version.id,
            bump=result.version.bump or "patch",
            bump_reasons=list(result.version.bump_reasons),
            api=result.api.to_dict(),
            diff=result.diff.to_json(),
        )
