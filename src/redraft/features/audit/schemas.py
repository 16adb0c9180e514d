"""API shapes for the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from redraft.db.models import AuditEvent


class AuditEventRead(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    component_id: uuid.UUID | None
    version_id: uuid.UUID | None
    target: str | None
    details: dict[str, Any]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventRead:
        return cls(
            id=event.id,
            at=event.at,
            actor=event.actor,
            action=event.action,
            component_id=event.component_id,
            version_id=event.version_id,
            target=event.target,
            details=dict(event.details),
        )


class AuditPage(BaseModel):
    items: list[AuditEventRead]
    total: int
    limit: int
    offset: int
