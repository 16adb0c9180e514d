"""REST endpoints for rollback (the brief's path) and branches."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from redraft.features.deps import CurrentUser, SessionDep
from redraft.features.history import rollback as rollback_service
from redraft.features.history.schemas import RollbackRequest, RollbackResponse

router = APIRouter(tags=["history"])


@router.post("/rollback/{component_id}", response_model=RollbackResponse)
def rollback(
    component_id: uuid.UUID, body: RollbackRequest, session: SessionDep, user: CurrentUser
) -> RollbackResponse:
    """Roll back to an earlier accepted version: 409 with the findings when that would break
    the props API, unless `confirm_major` publishes it as a new major version."""
    result = rollback_service.rollback(
        session,
        str(component_id),
        target_version_id=body.target_version_id,
        actor=user.name,
        reason=body.reason,
        confirm_major=body.confirm_major,
    )
    return RollbackResponse.of(result)
