"""API shapes for comparing two versions."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from redraft.db.models import ComponentVersion
from redraft.features.compare.service import Comparison
from redraft.features.components.schemas import VersionSummary


class ComparedVersion(VersionSummary):
    """A compared version's metadata with the inputs that made it."""

    tokens_hash: str
    requirements_hash: str
    inputs_hash: str
    pattern_id: str
    pattern_version: str
    generator: str
    generator_version: str

    @classmethod
    def of_version(cls, v: ComponentVersion) -> ComparedVersion:
        return cls(
            **VersionSummary.of(v).model_dump(),
            tokens_hash=v.tokens_hash,
            requirements_hash=v.requirements_hash,
            inputs_hash=v.inputs_hash,
            pattern_id=v.pattern_id,
            pattern_version=v.pattern_version,
            generator=v.generator,
            generator_version=v.generator_version,
        )


class BumpRead(BaseModel):
    bump: str = Field(description="major, minor, patch or none: what separates the versions.")
    reasons: list[str]
    needs_review: bool


class ComparisonRead(BaseModel):
    """Everything that differs between two versions of one component."""

    component_id: uuid.UUID
    component_name: str
    from_version: ComparedVersion
    to_version: ComparedVersion
    identical: bool = Field(description="Same code and stories, no change in the used inputs.")
    context: int
    code: dict[str, Any] = Field(description="The structured diff of the component code.")
    stories: dict[str, Any] = Field(description="The structured diff of the stories.")
    changes: dict[str, Any] = Field(description="Token, requirement and pattern changes.")
    change_lines: list[str]
    api: dict[str, Any] = Field(description="Props-API findings and the bump they call for.")
    bump: BumpRead

    @classmethod
    def of(cls, comparison: Comparison) -> ComparisonRead:
        a = comparison.analysis
        return cls(
            component_id=comparison.component.id,
            component_name=comparison.component.name,
            from_version=ComparedVersion.of_version(comparison.from_version),
            to_version=ComparedVersion.of_version(comparison.to_version),
            identical=comparison.identical,
            context=comparison.context,
            code=a.code.to_json(),
            stories=a.stories.to_json(),
            changes=dict(a.changes.to_json()),
            change_lines=list(a.change_lines),
            api=a.api.to_dict(),
            bump=BumpRead(
                bump=a.decision.bump.label,
                reasons=list(a.decision.reasons),
                needs_review=a.decision.needs_review,
            ),
        )
