"""Safe rollback: a new version that copies an earlier one, refused when it breaks the API.

The rollback's pristine output is the target's, so the next regeneration merges against the
right base and the hand edits of the rolled-back-to version survive.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from redraft.core.diff import TextDiff, diff_texts
from redraft.core.semver import Bump, Version
from redraft.core.tsprops import ApiDiff
from redraft.db.models import Component, ComponentVersion
from redraft.errors import Conflict, InvalidInput
from redraft.features.components import service as components
from redraft.features.components import tags
from redraft.features.components.service import VersionMeta
from redraft.features.regeneration.pipeline import compare_code_api
from redraft.features.regeneration.service import current_version, lock_component, record_event

ACCEPTED = ("active", "archived")


@dataclass(frozen=True, slots=True)
class RollbackResult:
    component: Component
    previous: ComponentVersion
    target: ComponentVersion
    version: ComponentVersion
    api: ApiDiff
    diff: TextDiff


def check_target(target: ComponentVersion, current: ComponentVersion) -> None:
    """Refuse a target that cannot be rolled back to from `current` (InvalidInput)."""
    if target.component_id != current.component_id:
        raise InvalidInput(f"version {target.id} belongs to another component")
    if target.status not in ACCEPTED:
        raise InvalidInput(
            f"{target.version_string} is {target.status}: roll back to an accepted version"
        )
    if target.id == current.id:
        raise InvalidInput(f"{target.version_string} is already the current version")


def rollback(
    session: Session,
    component_key: str,
    *,
    target_version_id: uuid.UUID | str,
    actor: str,
    reason: str | None = None,
    confirm_major: bool = False,
) -> RollbackResult:
    """Publish a copy of `target` as the component's new current version.

    The props API is compared from the current code to the target's with the same rule
    table as regeneration. A major change, or one that cannot be decided (an API that
    cannot be read: major, needs review), is refused (Conflict listing the findings) unless
    `confirm_major`, in which case the rollback is published as a new major version;
    otherwise it is a patch.
    """
    component = lock_component(session, component_key)
    current = current_version(session, component)
    target = components.get_version(session, target_version_id)
    check_target(target, current)
    now_content = components.load_content(session, current)
    target_content = components.load_content(session, target)
    api = compare_code_api(now_content.code, target_content.code)
    if api.bump is Bump.MAJOR and not confirm_major:
        effect = (
            "changes its props API in a way that cannot be decided (review the findings)"
            if api.needs_review
            else "breaks its props API"
        )
        raise Conflict(
            f"rolling {component.name} back to {target.version_string} {effect}; "
            "confirm to publish it as a new major version",
            extra={
                "findings": api.to_dict()["findings"],
                "bump": "major",
                "needs_review": api.needs_review,
            },
        )
    bump = Bump.MAJOR if api.bump is Bump.MAJOR else Bump.PATCH
    number = Version.parse(current.version_string).bump(bump)
    reasons = [f"{bump.name}: rollback to {target.version_string}"]
    reasons += [
        f"{f.bump.name}: {f.message} ({f.rule})" for f in api.findings if f.bump > Bump.PATCH
    ]
    version = components.record_derived(
        session,
        component,
        target,
        code=target_content.code,
        stories=target_content.stories,
        meta=VersionMeta(
            actor=actor,
            trigger="rollback",
            number=number,
            status="active",
            reason=reason,
            branch=current.branch,
            parent_version_id=current.id,
            bump=bump,
            bump_reasons=tuple(reasons),
            change_summary={
                "rolled_back_to": {"id": str(target.id), "version": target.version_string},
                "api": api.to_dict(),
                "needs_review": api.needs_review,
            },
        ),
    )
    tags.add_tag(session, version, "rollback", actor=actor)
    record_event(
        session,
        version,
        component,
        actor,
        "version.rollback",
        reason=reason,
        rolled_back_from=current.version_string,
        rolled_back_to=target.version_string,
        confirm_major=confirm_major,
    )
    component.current_version_id = version.id
    component.updated_at = datetime.now(UTC)
    session.flush()
    return RollbackResult(
        component=component,
        previous=current,
        target=target,
        version=components.get_version(session, version.id),
        api=api,
        diff=diff_texts(now_content.code, target_content.code),
    )
