"""Roll back to an earlier accepted version: a confirmation page, then the rollback itself.

The confirmation names both ends (the current version and the target) and its form carries
the current version's id, so a rollback confirmed against one current version never lands on
another. One that would break the props API comes back with the findings and asks again,
explicitly, before publishing a new major version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from redraft.core.semver import Bump, Version
from redraft.db.models import Component, ComponentVersion
from redraft.errors import Conflict
from redraft.features.components import service as components
from redraft.features.deps import SessionDep
from redraft.features.history import rollback as rollbacks
from redraft.features.regeneration import service as regeneration
from redraft.web.ui.auth import PageUser
from redraft.web.ui.present import sentence
from redraft.web.ui.render import redirect, render

router = APIRouter(include_in_schema=False)
ReasonField = Annotated[str, Form(max_length=2000)]


@dataclass(frozen=True, slots=True)
class FindingRow:
    rule: str
    bump: str
    where: str
    message: str


@router.get("/versions/{version_id}/rollback")
def confirm_page(request: Request, version_id: str, session: SessionDep) -> Response:
    target = components.get_version(session, version_id)
    component = components.get_component(session, str(target.component_id))
    current = regeneration.current_version(session, component)
    rollbacks.check_target(target, current)
    return _page(request, component, current, target)


@router.post("/versions/{version_id}/rollback")
def perform(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    reason: ReasonField = "",
    confirmed_current: Annotated[str, Form(alias="current", max_length=64)] = "",
    confirm_major: Annotated[bool, Form()] = False,
) -> Response:
    target = components.get_version(session, version_id)
    component = regeneration.lock_component(session, target.component_id)
    current = regeneration.current_version(session, component)
    if confirmed_current != str(current.id):
        return _page(
            request,
            component,
            current,
            target,
            reason=reason,
            status_code=409,
            error=(
                f"The current version is now {current.version_string}, not the one this "
                "rollback was confirmed against. Check what rolling back from it means, "
                "then confirm again."
            ),
        )
    try:
        result = rollbacks.rollback(
            session,
            str(component.id),
            target_version_id=target.id,
            actor=user.name,
            reason=reason.strip() or None,
            confirm_major=confirm_major,
        )
    except Conflict as exc:
        session.rollback()  # nothing of a refused rollback is kept
        target = components.get_version(session, version_id)
        component = components.get_component(session, str(target.component_id))
        return _page(
            request,
            component,
            regeneration.current_version(session, component),
            target,
            reason=reason,
            status_code=409,
            error=sentence(exc.detail),
            findings=_findings(exc.extra.get("findings")),
            major=exc.extra.get("bump") == "major",
        )
    version = result.version
    return redirect(request, f"/components/{component.id}?done=rolledback&version={version.id}")


def _page(
    request: Request,
    component: Component,
    current: ComponentVersion,
    target: ComponentVersion,
    *,
    reason: str = "",
    status_code: int = 200,
    error: str | None = None,
    findings: Sequence[FindingRow] = (),
    major: bool = False,
) -> Response:
    number = Version.parse(current.version_string)
    return render(
        request,
        "rollback.html",
        status_code=status_code,
        title=f"Roll {component.name} back to {target.version_string}",
        component=component,
        current=current,
        target=target,
        reason=reason,
        error=error,
        findings=list(findings),
        major=major,
        patch_number=str(number.bump(Bump.PATCH)),
        major_number=str(number.bump(Bump.MAJOR)),
        nav="components",
    )


def _findings(raw: Any) -> list[FindingRow]:
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return []
    rows = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        where = str(item.get("component") or "")
        if item.get("prop"):
            where += f".{item['prop']}"
        rows.append(
            FindingRow(
                rule=str(item.get("rule", "")),
                bump=str(item.get("bump", "")),
                where=where,
                message=str(item.get("message", "")),
            )
        )
    return rows
