"""REST endpoints for components and versions (`/api/v1`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.orm import Session

from redraft.core.tokens import parse_tokens
from redraft.db.models import Component
from redraft.features.components import service, tags
from redraft.features.components.repository import VersionFilter
from redraft.features.components.schemas import (
    ComponentCreate,
    ComponentPage,
    ComponentRead,
    TagCreate,
    VersionPage,
    VersionRead,
    VersionSummary,
)
from redraft.features.deps import CurrentUser, GeneratorDep, SessionDep, SettingsDep
from redraft.spec.requirements import parse_requirements

router = APIRouter(tags=["components"])
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


def _read_component(session: Session, component: Component) -> ComponentRead:
    current = (
        service.get_version(session, component.current_version_id)
        if component.current_version_id is not None
        else None
    )
    return ComponentRead.of(component, current)


@router.post("/components", status_code=status.HTTP_201_CREATED, response_model=ComponentRead)
def create_component(
    body: ComponentCreate, session: SessionDep, user: CurrentUser, generator: GeneratorDep
) -> ComponentRead:
    """Create a component and generate its first version (1.0.0, active)."""
    requirements = parse_requirements(body.requirements)
    tokens = parse_tokens(body.token_documents(), format=body.tokens_format)
    version = service.create_component(
        session,
        requirements=requirements,
        tokens=tokens,
        generator=generator,
        actor=user.name,
        parameters=body.parameters,
        reason=body.reason,
    )
    return _read_component(session, service.get_component(session, str(version.component_id)))


@router.get("/components", response_model=ComponentPage)
def list_components(
    session: SessionDep,
    _user: CurrentUser,
    settings: SettingsDep,
    pattern: str | None = None,
    q: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ComponentPage:
    page = service.list_components(
        session,
        pattern=pattern,
        query=q,
        limit=min(limit, settings.limits.page_size_max),
        offset=offset,
    )
    return ComponentPage(
        items=[ComponentRead.of(c, c.current_version) for c in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/components/{component_id}", response_model=ComponentRead)
def get_component(
    component_id: uuid.UUID, session: SessionDep, _user: CurrentUser
) -> ComponentRead:
    return _read_component(session, service.get_component(session, str(component_id)))


@router.get("/components/{component_id}/versions", response_model=VersionPage)
def list_versions(
    component_id: uuid.UUID,
    session: SessionDep,
    _user: CurrentUser,
    settings: SettingsDep,
    status_: Annotated[
        Literal["draft", "active", "rejected", "superseded", "archived"] | None,
        Query(alias="status"),
    ] = None,
    tag: str | None = None,
    trigger: str | None = None,
    author: str | None = None,
    branch: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> VersionPage:
    """A component's versions, newest first, filtered and paginated in a stable order."""
    component = service.get_component(session, str(component_id))
    flt = VersionFilter(
        status=status_,
        tag=tag,
        trigger=trigger,
        author=author,
        branch=branch,
        created_after=created_after,
        created_before=created_before,
    )
    page = service.list_versions(
        session, component, flt, limit=min(limit, settings.limits.page_size_max), offset=offset
    )
    return VersionPage.of(page)


@router.get("/versions/{version_id}", response_model=VersionRead)
def get_version(version_id: uuid.UUID, session: SessionDep, _user: CurrentUser) -> VersionRead:
    version = service.get_version(session, version_id)
    return VersionRead.of_content(service.load_content(session, version))


@router.get(
    "/versions/{version_id}/download",
    responses={200: {"content": {"text/plain": {}, "application/zip": {}}}},
)
def download_version(
    version_id: uuid.UUID,
    session: SessionDep,
    _user: CurrentUser,
    what: Literal["code", "stories", "zip"] = "code",
) -> Response:
    """The version's component code, its stories, or both as a zip."""
    file = service.download(session, service.get_version(session, version_id), what)
    return Response(
        content=file.body,
        media_type=file.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post(
    "/versions/{version_id}/tags",
    status_code=status.HTTP_201_CREATED,
    response_model=VersionSummary,
)
def add_tag(
    version_id: uuid.UUID, body: TagCreate, session: SessionDep, user: CurrentUser
) -> VersionSummary:
    version = service.get_version(session, version_id)
    tags.add_tag(session, version, body.tag, actor=user.name, unique=body.unique)
    return VersionSummary.of(service.get_version(session, version_id))


@router.delete("/versions/{version_id}/tags/{tag}", response_model=VersionSummary)
def remove_tag(
    version_id: uuid.UUID, tag: str, session: SessionDep, user: CurrentUser
) -> VersionSummary:
    version = service.get_version(session, version_id)
    tags.remove_tag(session, version, tag, actor=user.name)
    return VersionSummary.of(service.get_version(session, version_id))
