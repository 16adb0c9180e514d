"""REST endpoint for the audit log (`/api/v1/audit`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from redraft.features.audit import service
from redraft.features.audit.schemas import AuditEventRead, AuditPage
from redraft.features.deps import CurrentUser, SessionDep, SettingsDep

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage)
def list_events(
    session: SessionDep,
    _user: CurrentUser,
    settings: SettingsDep,
    component_id: uuid.UUID | None = None,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[
        str | None, Query(max_length=64, description="`version.tag`, or a family: `version.*`")
    ] = None,
    since: Annotated[datetime | None, Query(description="At or after (ISO 8601).")] = None,
    until: Annotated[datetime | None, Query(description="Before (ISO 8601).")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> AuditPage:
    """State changes, newest first, filtered and paginated in a stable order."""
    limit = min(limit, settings.limits.page_size_max)
    items, total = service.list_events(
        session,
        component_id=component_id,
        actor=actor,
        action=action,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return AuditPage(
        items=[AuditEventRead.of(e) for e in items], total=total, limit=limit, offset=offset
    )
