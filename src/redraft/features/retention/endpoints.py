"""REST endpoints for retention (`POST /archive`, admins only) and storage reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter

from redraft.features.components import service as components
from redraft.features.components.schemas import VersionSummary
from redraft.features.deps import AdminUser, CurrentUser, SessionDep
from redraft.features.retention import service
from redraft.features.retention.schemas import (
    ArchiveRequest,
    ArchiveResult,
    ComponentStorageRead,
    StorageRead,
)

router = APIRouter(tags=["retention"])


@router.post("/archive", response_model=ArchiveResult)
def archive(body: ArchiveRequest, session: SessionDep, user: AdminUser) -> ArchiveResult:
    """Archive old versions that are not current, not tagged and not branch points."""
    now = datetime.now(UTC)
    older_than = timedelta(days=body.older_than_days)
    versions = service.archive_older_than(
        session, older_than=older_than, now=now, actor=user.name, dry_run=body.dry_run
    )
    return ArchiveResult(
        dry_run=body.dry_run,
        cutoff=now - older_than,
        count=len(versions),
        versions=[VersionSummary.of(v) for v in versions],
    )


@router.get("/storage", response_model=StorageRead)
def storage(session: SessionDep, _user: CurrentUser) -> StorageRead:
    """Storage used per component (the brief's budget: under 100 MB each)."""
    return StorageRead(items=[ComponentStorageRead.of(s) for s in service.storage_report(session)])


@router.get("/components/{component_id}/storage", response_model=ComponentStorageRead)
def component_storage(
    component_id: uuid.UUID, session: SessionDep, _user: CurrentUser
) -> ComponentStorageRead:
    component = components.get_component(session, str(component_id))
    (report,) = service.storage_report(session, component.id)
    return ComponentStorageRead.of(report)
