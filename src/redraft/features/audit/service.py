"""Record state changes and list them.

`record` flushes but never commits: the event joins the caller's transaction, so it exists
exactly when the change it describes does.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from redraft.db.models import AuditEvent
from redraft.errors import InvalidInput
from redraft.features.audit import repository
from redraft.features.audit.repository import EventFilter

# The vocabulary, `<entity>.<verb>`. `record` refuses anything else, so a typo at a call site
# fails its tests instead of writing events no filter finds.
ACTIONS = frozenset(
    {
        "component.create",
        "version.edit",
        "version.regenerate",
        "version.accept",
        "version.reject",
        "version.resolve",
        "version.rollback",
        "version.tag",
        "version.untag",
        "branch.create",
        "branch.archive",
        "branch.merge",
        "token.issue",
        "token.use",
        "token.revoke",
        "user.create",
        "versions.archive",
    }
)
TARGET_MAX = 128


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    component_id: uuid.UUID | None = None,
    version_id: uuid.UUID | None = None,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; add it to audit.service.ACTIONS")
    event = AuditEvent(
        at=datetime.now(UTC),
        actor=actor[:64],
        action=action,
        component_id=component_id,
        version_id=version_id,
        target=target[:TARGET_MAX] if target is not None else None,
        # Round-tripped so ids and timestamps in details are stored as strings, not refused.
        details=json.loads(json.dumps(details or {}, default=str)),
    )
    session.add(event)
    session.flush()
    return event


def list_events(
    session: Session,
    *,
    component_id: uuid.UUID | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AuditEvent], int]:
    """Events newest first (ties in insertion order, newest first), and how many match.

    `action` is exact (`version.tag`) or a family (`version.*`); `since` is inclusive,
    `until` exclusive; naive timestamps are taken as UTC.
    """
    if limit < 1 or offset < 0:
        raise InvalidInput("limit must be at least 1 and offset at least 0")
    flt = EventFilter(
        component_id=component_id,
        actor=actor,
        action=action,
        since=_aware(since),
        until=_aware(until),
    )
    return repository.list_events(session, flt, limit=limit, offset=offset)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
