"""API shapes for components and versions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redraft.db.models import Component, ComponentVersion
from redraft.features.components.service import Page, VersionContent

TokenFormat = Literal["dtcg", "tokens-studio", "plain"]


class ComponentCreate(BaseModel):
    """A new component: its requirements and the token set to generate 1.0.0 from."""

    model_config = ConfigDict(extra="forbid")

    requirements: dict[str, Any]
    tokens: dict[str, Any] | None = Field(
        default=None, description="One token document (DTCG, Tokens Studio or plain JSON)."
    )
    token_files: dict[str, dict[str, Any]] | None = Field(
        default=None,
        description="Several token documents by file name (multi-file sets, $themes.json…).",
    )
    tokens_format: TokenFormat | None = None
    parameters: dict[str, Any] = {}
    reason: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _one_token_source(self) -> ComponentCreate:
        if (self.tokens is None) == (self.token_files is None):
            raise ValueError("give exactly one of `tokens` or `token_files`")
        return self

    def token_documents(self) -> dict[str, Any]:
        return self.token_files if self.token_files is not None else {"tokens.json": self.tokens}


class VersionSummary(BaseModel):
    id: uuid.UUID
    component_id: uuid.UUID
    version: str
    major: int
    minor: int
    patch: int
    prerelease: str
    branch: str
    status: str
    created_at: datetime
    created_by: str
    trigger: str
    reason: str | None
    tags: list[str]
    customized: bool
    bump: str | None
    bump_reasons: list[str]
    parent_version_id: uuid.UUID | None
    merge_parent_version_id: uuid.UUID | None

    @classmethod
    def of(cls, v: ComponentVersion) -> VersionSummary:
        return cls(
            id=v.id,
            component_id=v.component_id,
            version=v.version_string,
            major=v.major,
            minor=v.minor,
            patch=v.patch,
            prerelease=v.prerelease,
            branch=v.branch,
            status=v.status,
            created_at=v.created_at,
            created_by=v.created_by,
            trigger=v.trigger,
            reason=v.reason,
            tags=[t.tag for t in v.tags],
            customized=v.customized,
            bump=v.bump,
            bump_reasons=list(v.bump_reasons),
            parent_version_id=v.parent_version_id,
            merge_parent_version_id=v.merge_parent_version_id,
        )


class VersionRead(VersionSummary):
    """Everything about one version: metadata, inputs and outputs."""

    tokens_hash: str
    requirements_hash: str
    inputs_hash: str
    pattern_id: str
    pattern_version: str
    generator: str
    generator_version: str
    parameters: dict[str, Any]
    change_summary: dict[str, Any]
    tokens: dict[str, Any]
    requirements: dict[str, Any]
    token_usage: list[dict[str, Any]]
    component_code: str
    stories_code: str
    pristine_code: str
    pristine_stories: str

    @classmethod
    def of_content(cls, content: VersionContent) -> VersionRead:
        v = content.version
        return cls(
            **VersionSummary.of(v).model_dump(),
            tokens_hash=v.tokens_hash,
            requirements_hash=v.requirements_hash,
            inputs_hash=v.inputs_hash,
            pattern_id=v.pattern_id,
            pattern_version=v.pattern_version,
            generator=v.generator,
            generator_version=v.generator_version,
            parameters=dict(v.parameters),
            change_summary=dict(v.change_summary),
            tokens=content.tokens,
            requirements=content.requirements,
            token_usage=content.token_usage,
            component_code=content.code,
            stories_code=content.stories,
            pristine_code=content.pristine_code,
            pristine_stories=content.pristine_stories,
        )


class ComponentRead(BaseModel):
    id: uuid.UUID
    name: str
    type: str
    policy: str
    created_at: datetime
    created_by: str
    updated_at: datetime | None
    current_version: VersionSummary | None

    @classmethod
    def of(cls, c: Component, current: ComponentVersion | None) -> ComponentRead:
        return cls(
            id=c.id,
            name=c.name,
            type=c.type,
            policy=c.policy,
            created_at=c.created_at,
            created_by=c.created_by,
            updated_at=c.updated_at,
            current_version=VersionSummary.of(current) if current is not None else None,
        )


class ComponentPage(BaseModel):
    items: list[ComponentRead]
    total: int
    limit: int
    offset: int


class VersionPage(BaseModel):
    items: list[VersionSummary]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[ComponentVersion]) -> VersionPage:
        return cls(
            items=[VersionSummary.of(v) for v in page.items],
            total=page.total,
            limit=page.limit,
            offset=page.offset,
        )


class TagCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tag: str = Field(min_length=1, max_length=64)
    unique: bool | None = Field(
        default=None,
        description="Move the tag here from the component's other versions; "
        "by default true for `stable` and `latest`.",
    )
