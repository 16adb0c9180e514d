"""Branch rows and heads, and the version numbers versions get on them.

`main` is implicit: its head is the component's current version. On any other branch,
versions are prereleases numbered from the branch point and the largest bump so far:
`1.4.0-dark-mode.1`, `.2`, …
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from redraft.core.semver import Bump, Version
from redraft.db.models import Branch, Component, ComponentVersion
from redraft.errors import Conflict, InvalidInput, NotFound
from redraft.features.audit import service as audit
from redraft.features.components import service as components

MAIN = "main"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
ACCEPTED = ("active", "archived")


def find_branch(session: Session, component: Component, name: str) -> Branch | None:
    return session.scalar(
        select(Branch).where(Branch.component_id == component.id, Branch.name == name)
    )


def get_branch(session: Session, component: Component, name: str) -> Branch:
    branch = find_branch(session, component, name)
    if branch is None:
        raise NotFound(f"{component.name} has no branch {name!r}")
    return branch


def list_branches(session: Session, component: Component) -> list[Branch]:
    return list(
        session.scalars(
            select(Branch).where(Branch.component_id == component.id).order_by(Branch.name)
        )
    )


def create_branch(
    session: Session, component: Component, *, name: str, from_version_id: uuid.UUID, actor: str
) -> Branch:
    """Fork a branch from an accepted version; its head starts at the branch point."""
    if not _NAME.match(name) or name == MAIN:
        raise InvalidInput(
            f"invalid branch name {name!r}: lower-case letters, digits and '-' (max 40), not main"
        )
    if find_branch(session, component, name) is not None:
        raise Conflict(f"{component.name} already has a branch {name!r}")
    base = components.get_version(session, from_version_id)
    if base.component_id != component.id:
        raise InvalidInput(f"version {base.id} belongs to another component")
    if base.status not in ACCEPTED:
        raise InvalidInput(
            f"{base.version_string} is {base.status}: branch from an accepted version"
        )
    branch = Branch(
        component_id=component.id,
        name=name,
        base_version_id=base.id,
        head_version_id=base.id,
        status="active",
        created_at=datetime.now(UTC),
        created_by=actor,
    )
    session.add(branch)
    components.flush_or_conflict(session, f"branch {name!r}")
    audit.record(
        session,
        actor=actor,
        action="branch.create",
        component_id=component.id,
        version_id=base.id,
        target=f"{component.name} {name}",
        details={"from": base.version_string},
    )
    return branch


def archive_branch(session: Session, component: Component, name: str, *, actor: str) -> Branch:
    branch = get_branch(session, component, name)
    if branch.status != "active":
        raise Conflict(f"branch {name!r} is already {branch.status}")
    branch.status = "archived"
    _close_open_drafts(session, component, name)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="branch.archive",
        component_id=component.id,
        target=f"{component.name} {name}",
    )
    return branch


def _close_open_drafts(session: Session, component: Component, name: str) -> None:
    for draft in session.scalars(
        select(ComponentVersion).where(
            ComponentVersion.component_id == component.id,
            ComponentVersion.branch == name,
            ComponentVersion.status == "draft",
        )
    ):
        draft.status = "superseded"


def active_branch(session: Session, component: Component, name: str) -> Branch | None:
    """The branch row for `name` (None for main); refuses archived and merged branches."""
    if name == MAIN:
        return None
    branch = get_branch(session, component, name)
    if branch.status != "active":
        raise Conflict(f"branch {name!r} is {branch.status}; it takes no new versions")
    return branch


def head_of(session: Session, component: Component, name: str) -> ComponentVersion:
    """The branch's current version (main: the component's current version)."""
    if name == MAIN:
        if component.current_version_id is None:
            raise Conflict(f"{component.name} has no current version")
        return components.get_version(session, component.current_version_id)
    return components.get_version(session, get_branch(session, component, name).head_version_id)


def set_head(session: Session, component: Component, name: str, version: ComponentVersion) -> None:
    if name == MAIN:
        component.current_version_id = version.id
        component.updated_at = datetime.now(UTC)
    else:
        get_branch(session, component, name).head_version_id = version.id
    session.flush()


def next_number(
    session: Session, component: Component, name: str, parent: ComponentVersion, bump: Bump
) -> Version:
    """The number a version made on `name` from `parent` with `bump` gets."""
    step = max(bump, Bump.PATCH)
    if name == MAIN:
        return Version.parse(parent.version_string).bump(step)
    branch = get_branch(session, component, name)
    base = Version.parse(components.get_version(session, branch.base_version_id).version_string)
    release = base.bump(step)
    count = 1
    if parent.branch == name and parent.prerelease:
        # Keep the largest release any earlier version on the branch reached.
        release = max(release, Version.parse(parent.version_string).release)
        count = int(parent.prerelease.rsplit(".", 1)[-1]) + 1
    return Version(release.major, release.minor, release.patch, f"{name}.{count}")
