"""Queries over audit events; only this feature's service uses them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redraft.db.models import AuditEvent


@dataclass(frozen=True, slots=True)
class EventFilter:
    component_id: uuid.UUID | None = None
    actor: str | None = None
    # An exact action, or a family such as `version.*`.
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_events(
    session: Session, flt: EventFilter, *, limit: int, offset: int
) -> tuple[list[AuditEvent], int]:
    stmt = select(AuditEvent)
    if flt.component_id is not None:
        stmt = stmt.where(AuditEvent.component_id == flt.component_id)
    if flt.actor:
        stmt = stmt.where(AuditEvent.actor == flt.actor)
    if flt.action and flt.action.endswith(".*"):
        family = flt.action.removesuffix("*")
        stmt = stmt.where(AuditEvent.action.startswith(family, autoescape=True))
    elif flt.action:
        stmt = stmt.where(AuditEvent.action == flt.action)
    if flt.since is not None:
        stmt = stmt.where(AuditEvent.at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(AuditEvent.at < flt.until)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(
        # Newest first; the id (insertion order) breaks ties so pages never overlap or skip.
        stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit).offset(offset)
    ).all()
    return list(rows), total
