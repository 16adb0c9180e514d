"""REST endpoints for branches: create, list, archive, merge into main."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from redraft.features.branches import merge as merge_service
from redraft.features.branches import service
from redraft.features.branches.schemas import BranchCreate, BranchMerge, BranchRead
from redraft.features.components import service as components
from redraft.features.deps import CurrentUser, SessionDep
from redraft.features.regeneration.schemas import RegenerateResponse

router = APIRouter(tags=["branches"])


@router.post(
    "/components/{component_id}/branches",
    status_code=status.HTTP_201_CREATED,
    response_model=BranchRead,
)
def create_branch(
    component_id: uuid.UUID, body: BranchCreate, session: SessionDep, user: CurrentUser
) -> BranchRead:
    """Fork a branch from any accepted version; its versions are prereleases."""
    component = components.get_component(session, str(component_id))
    branch = service.create_branch(
        session, component, name=body.name, from_version_id=body.from_version_id, actor=user.name
    )
    return BranchRead.of(branch)


@router.get("/components/{component_id}/branches", response_model=list[BranchRead])
def list_branches(
    component_id: uuid.UUID, session: SessionDep, _user: CurrentUser
) -> list[BranchRead]:
    component = components.get_component(session, str(component_id))
    return [BranchRead.of(b) for b in service.list_branches(session, component)]


@router.post("/components/{component_id}/branches/{name}/archive", response_model=BranchRead)
def archive_branch(
    component_id: uuid.UUID, name: str, session: SessionDep, user: CurrentUser
) -> BranchRead:
    """Close a branch: it takes no new versions and its open draft is superseded."""
    component = components.get_component(session, str(component_id))
    return BranchRead.of(service.archive_branch(session, component, name, actor=user.name))


@router.post("/components/{component_id}/branches/{name}/merge", response_model=RegenerateResponse)
def merge_branch(
    component_id: uuid.UUID,
    name: str,
    session: SessionDep,
    user: CurrentUser,
    body: BranchMerge | None = None,
) -> RegenerateResponse:
    """Propose the branch's work as a draft on main (three-way merge from the branch point)."""
    result = merge_service.merge_branch(
        session,
        str(component_id),
        name=name,
        actor=user.name,
        reason=body.reason if body is not None else None,
    )
    return RegenerateResponse.of(result)
