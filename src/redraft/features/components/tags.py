"""Tags on versions: any label, added and removed with an audit entry; unique tags move."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from redraft.db.models import Component, ComponentVersion, VersionTag
from redraft.errors import InvalidInput, NotFound
from redraft.features.audit import service as audit
from redraft.features.components import repository

_TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Tags a component's versions hold one at a time unless a caller says otherwise: adding one
# moves it (`stable` names one version, not a history of them).
DEFAULT_UNIQUE_TAGS = frozenset({"stable", "latest"})


def _now() -> datetime:
    return datetime.now(UTC)


def add_tag(
    session: Session,
    version: ComponentVersion,
    tag: str,
    *,
    actor: str,
    unique: bool | None = None,
) -> VersionTag:
    """Tag a version. A unique tag (by default those in `DEFAULT_UNIQUE_TAGS`) moves here:
    it is removed from every other version of the component in the same transaction."""
    if not _TAG.match(tag):
        raise InvalidInput(f"invalid tag {tag!r}: letters, digits, . _ - (max 64)")
    if unique is None:
        unique = tag in DEFAULT_UNIQUE_TAGS
    moved_from: list[uuid.UUID] = []
    if unique:
        # Serialises concurrent moves of one tag, which would otherwise both keep theirs.
        repository.lock_component(session, version.component_id)
        for other in repository.tags_on_other_versions(session, version, tag):
            moved_from.append(other.version_id)
            session.delete(other)
    row = repository.find_tag(session, version.id, tag)
    if row is not None and not moved_from:
        return row
    if row is None:
        row = VersionTag(version_id=version.id, tag=tag, created_at=_now(), created_by=actor)
        session.add(row)
    session.flush()
    for changed in [version.id, *moved_from]:
        loaded = session.get(ComponentVersion, changed)
        if loaded is not None:
            session.expire(loaded, ["tags"])
    audit.record(
        session,
        actor=actor,
        action="version.tag",
        component_id=version.component_id,
        version_id=version.id,
        target=_audit_target(session, version),
        details={"tag": tag, "unique": unique, "moved_from": moved_from},
    )
    return row


def remove_tag(session: Session, version: ComponentVersion, tag: str, *, actor: str) -> None:
    row = repository.find_tag(session, version.id, tag)
    if row is None:
        raise NotFound(f"version {version.id} has no tag {tag!r}")
    session.delete(row)
    session.flush()
    session.expire(version, ["tags"])
    audit.record(
        session,
        actor=actor,
        action="version.untag",
        component_id=version.component_id,
        version_id=version.id,
        target=_audit_target(session, version),
        details={"tag": tag},
    )


def _audit_target(session: Session, version: ComponentVersion) -> str:
    component = session.get(Component, version.component_id)
    name = component.name if component is not None else str(version.component_id)
    return f"{name} {version.version_string}"
