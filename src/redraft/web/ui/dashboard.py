"""The dashboard (every component, its state, recent activity) and the list of open drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from redraft.db.models import Component, ComponentVersion
from redraft.features.components import service
from redraft.features.components.repository import VersionFilter
from redraft.features.deps import SessionDep
from redraft.web.ui.present import STATE_LABELS, component_state, conflicts_of, summary_line
from redraft.web.ui.render import render

router = APIRouter(include_in_schema=False)
# The dashboard lists components on one page; past this many, the API pages through them.
MAX_COMPONENTS = 500
RECENT = 15
DRAFTS_PER_COMPONENT = 100


@dataclass(frozen=True, slots=True)
class ComponentRow:
    id: str
    name: str
    type: str
    policy: str
    version: str | None
    version_id: str | None
    status: str | None
    state: str
    customized: bool
    drafts: int
    last_change: datetime | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True, slots=True)
class ActivityRow:
    when: datetime
    component_id: str
    component: str
    version_id: str
    version: str
    status: str
    trigger: str
    author: str
    summary: str


@dataclass(frozen=True, slots=True)
class DraftRow:
    component_id: str
    component: str
    draft: ComponentVersion
    base_id: str | None
    base_version: str | None
    conflicts: list[str]

    @property
    def summary(self) -> str:
        return summary_line(self.draft)


def _drafts(session: Session, component: Component) -> list[ComponentVersion]:
    flt = VersionFilter(status="draft")
    return service.list_versions(session, component, flt, limit=DRAFTS_PER_COMPONENT).items


def _components(session: Session) -> list[Component]:
    return service.list_components(session, limit=MAX_COMPONENTS).items


@router.get("/")
def dashboard(request: Request, session: SessionDep) -> Response:
    rows: list[ComponentRow] = []
    activity: list[ActivityRow] = []
    for component in _components(session):
        current = component.current_version
        drafts = _drafts(session, component)
        rows.append(
            ComponentRow(
                id=str(component.id),
                name=component.name,
                type=component.type,
                policy=component.policy,
                version=current.version_string if current else None,
                version_id=str(current.id) if current else None,
                status=current.status if current else None,
                state=component_state(current, drafts),
                customized=bool(current and current.customized),
                drafts=len(drafts),
                last_change=component.updated_at or component.created_at,
            )
        )
        recent = service.list_versions(session, component, VersionFilter(), limit=RECENT).items
        activity += [_activity(component, version) for version in recent]
    activity.sort(key=lambda row: (row.when, row.version_id), reverse=True)
    return render(
        request,
        "dashboard.html",
        title="Components",
        components=rows,
        activity=activity[:RECENT],
        nav="components",
    )


def _activity(component: Component, version: ComponentVersion) -> ActivityRow:
    return ActivityRow(
        when=version.created_at,
        component_id=str(component.id),
        component=component.name,
        version_id=str(version.id),
        version=version.version_string,
        status=version.status,
        trigger=version.trigger,
        author=version.created_by,
        summary=summary_line(version),
    )


@router.get("/drafts")
def drafts(request: Request, session: SessionDep) -> Response:
    rows: list[DraftRow] = []
    for component in _components(session):
        for draft in _drafts(session, component):
            base = draft.parent_version_id or component.current_version_id
            base_version = (
                service.get_version(session, base).version_string if base is not None else None
            )
            rows.append(
                DraftRow(
                    component_id=str(component.id),
                    component=component.name,
                    draft=draft,
                    base_id=str(base) if base is not None else None,
                    base_version=base_version,
                    conflicts=conflicts_of(draft),
                )
            )
    rows.sort(key=lambda row: row.draft.created_at, reverse=True)
    return render(request, "drafts.html", title="Drafts", drafts=rows, nav="drafts")
