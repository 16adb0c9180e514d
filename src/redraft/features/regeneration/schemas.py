"""API shapes for regeneration, drafts and edits."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redraft.features.components.schemas import TokenFormat, VersionSummary
from redraft.features.regeneration.service import RegenerationResult, open_conflicts

Choice = Literal["ours", "theirs", "both"]


class RegenerateRequest(BaseModel):
    """New inputs (any omitted input stays as the current version has it)."""

    model_config = ConfigDict(extra="forbid")

    tokens: dict[str, Any] | None = None
    token_files: dict[str, dict[str, Any]] | None = None
    tokens_format: TokenFormat | None = None
    requirements: dict[str, Any] | None = None
    pattern_version: str | None = Field(default=None, max_length=64)
    reason: str | None = Field(default=None, max_length=2000)
    apply: bool = Field(
        default=False, description="Accept at once when clean, not major and not needing review."
    )
    branch: str = Field(default="main", max_length=40, description="The branch to regenerate on.")

    @model_validator(mode="after")
    def _one_token_source(self) -> RegenerateRequest:
        if self.tokens is not None and self.token_files is not None:
            raise ValueError("give at most one of `tokens` or `token_files`")
        return self

    def token_documents(self) -> dict[str, Any] | None:
        if self.token_files is not None:
            return self.token_files
        return {"tokens.json": self.tokens} if self.tokens is not None else None


class RegenerateResponse(BaseModel):
    component_id: uuid.UUID
    previous_version: str
    new_version: str | None
    version_id: uuid.UUID | None
    up_to_date: bool
    applied: bool
    status: str | None
    changes: dict[str, Any]
    change_lines: list[str]
    bump: str | None
    bump_reasons: list[str]
    api: dict[str, Any]
    merge: dict[str, Any]
    conflicts: list[dict[str, Any]]
    warnings: list[str]
    diff: dict[str, Any]

    @classmethod
    def of(cls, result: RegenerationResult) -> RegenerateResponse:
        draft = result.draft
        proposal = result.proposal
        summary = dict(draft.change_summary) if draft is not None else {}
        return cls(
            component_id=result.component.id,
            previous_version=result.previous.version_string,
            new_version=draft.version_string if draft is not None else None,
            version_id=draft.id if draft is not None else None,
            up_to_date=result.up_to_date,
            applied=result.applied,
            status=draft.status if draft is not None else None,
            changes=proposal.changes.to_json() if proposal is not None else {},
            change_lines=summary.get("lines", []),
            bump=draft.bump if draft is not None else None,
            bump_reasons=list(draft.bump_reasons) if draft is not None else [],
            api=summary.get("api", {}),
            merge=summary.get("merge", {}),
            conflicts=open_conflicts(draft) if draft is not None else [],
            warnings=summary.get("warnings", []),
            diff=proposal.diff.to_json() if proposal is not None and draft is not None else {},
        )


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000)


class ResolveRequest(BaseModel):
    """Per-hunk choices (by conflict index), or the whole resolved text."""

    model_config = ConfigDict(extra="forbid")

    code_choices: dict[int, Choice] = {}
    stories_choices: dict[int, Choice] = {}
    code: str | None = None
    stories: str | None = None

    @model_validator(mode="after")
    def _something(self) -> ResolveRequest:
        if not (self.code_choices or self.stories_choices or self.code or self.stories):
            raise ValueError("give conflict choices or resolved text")
        return self


class DraftRead(VersionSummary):
    conflicts: list[dict[str, Any]]
    warnings: list[str]
    change_lines: list[str]


class CodeEdit(BaseModel):
    """Hand-edited code (and optionally stories) for a component's current version."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1)
    stories: str | None = None
    base_version_id: uuid.UUID | None = Field(
        default=None,
        description="The version the edit was made on; 409 if it is no longer current.",
    )
    reason: str | None = Field(default=None, max_length=2000)
    branch: str = Field(default="main", max_length=40, description="The branch to edit on.")
