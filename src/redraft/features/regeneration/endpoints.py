"""REST endpoints: regenerate (the brief's path), accept, reject, resolve, edit code."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from redraft.core.tokens import parse_tokens
from redraft.db.models import ComponentVersion
from redraft.features.components import service as components
from redraft.features.components.schemas import VersionSummary
from redraft.features.deps import CurrentUser, GeneratorDep, SessionDep
from redraft.features.regeneration import service
from redraft.features.regeneration.schemas import (
    CodeEdit,
    DraftRead,
    RegenerateRequest,
    RegenerateResponse,
    ResolveRequest,
    ReviewRequest,
)
from redraft.spec.requirements import parse_requirements

router = APIRouter(tags=["regeneration"])


def _draft(version: ComponentVersion) -> DraftRead:
    summary = version.change_summary or {}
    return DraftRead(
        **VersionSummary.of(version).model_dump(),
        conflicts=service.open_conflicts(version),
        warnings=summary.get("warnings", []),
        change_lines=summary.get("lines", []),
    )


@router.post("/regenerate/{component_id}", response_model=RegenerateResponse)
def regenerate(
    component_id: uuid.UUID,
    body: RegenerateRequest,
    session: SessionDep,
    user: CurrentUser,
    generator: GeneratorDep,
) -> RegenerateResponse:
    """Regenerate with new inputs and propose the result as a draft (or say it is up to date)."""
    documents = body.token_documents()
    result = service.regenerate(
        session,
        str(component_id),
        generator=generator,
        actor=user.name,
        tokens=parse_tokens(documents, format=body.tokens_format) if documents else None,
        requirements=parse_requirements(body.requirements) if body.requirements else None,
        pattern_version=body.pattern_version,
        reason=body.reason,
        apply=body.apply,
        branch=body.branch,
    )
    return RegenerateResponse.of(result)


@router.post("/versions/{version_id}/accept", response_model=DraftRead)
def accept(version_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> DraftRead:
    """Make a draft current: 409 if it has conflicts or the component moved on."""
    return _draft(service.accept(session, version_id, actor=user.name))


@router.post("/versions/{version_id}/reject", response_model=DraftRead)
def reject(
    version_id: uuid.UUID, session: SessionDep, user: CurrentUser, body: ReviewRequest | None = None
) -> DraftRead:
    reason = body.reason if body is not None else None
    return _draft(service.reject(session, version_id, actor=user.name, reason=reason))


@router.post("/versions/{version_id}/resolve", response_model=DraftRead)
def resolve(
    version_id: uuid.UUID, body: ResolveRequest, session: SessionDep, user: CurrentUser
) -> DraftRead:
    """Resolve conflicts per hunk (ours / theirs / both) or with the uploaded resolved text."""
    draft = service.resolve(
        session,
        version_id,
        actor=user.name,
        code_choices=dict(body.code_choices),
        stories_choices=dict(body.stories_choices),
        code=body.code,
        stories=body.stories,
    )
    return _draft(draft)


@router.get("/versions/{version_id}/draft", response_model=DraftRead)
def get_draft(version_id: uuid.UUID, session: SessionDep, _user: CurrentUser) -> DraftRead:
    """A version with its merge conflicts, warnings and change lines."""
    return _draft(components.get_version(session, version_id))


@router.put("/components/{component_id}/code", response_model=VersionSummary)
def edit_code(
    component_id: uuid.UUID, body: CodeEdit, session: SessionDep, user: CurrentUser
) -> VersionSummary:
    """Store hand-edited code as a new version (trigger `manual_edit`), current at once."""
    version = service.edit_code(
        session,
        str(component_id),
        code=body.code,
        stories=body.stories,
        base_version_id=body.base_version_id,
        actor=user.name,
        reason=body.reason,
        branch=body.branch,
    )
    return VersionSummary.of(version)
