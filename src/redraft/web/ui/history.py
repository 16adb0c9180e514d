"""The component page: the version history beside its branch graph, filters that dim, compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from redraft.db.models import Component, ComponentVersion
from redraft.db.models.component import VERSION_STATUSES
from redraft.errors import InvalidInput, NotFound
from redraft.features.components import service
from redraft.features.components.repository import VersionFilter
from redraft.features.deps import SessionDep
from redraft.features.history.rollback import ACCEPTED
from redraft.web.ui.graph import Graph, GraphNode, layout
from redraft.web.ui.present import conflicts_of, summary_line
from redraft.web.ui.render import render

router = APIRouter(include_in_schema=False)
DEFAULT_ROWS = 100
MAX_ROWS = 1000
FILTER_FIELDS = ("since", "until", "author", "trigger", "tag", "branch", "status")
# What a review or rollback form reports after redirecting here (`?done=…&version=…`).
Done = Literal["accepted", "rejected", "rolledback"]


@dataclass(frozen=True, slots=True)
class HistoryRow:
    version: ComponentVersion
    graph: Markup
    matches: bool
    current: bool
    summary: str
    conflicts: int

    @property
    def id(self) -> str:
        return str(self.version.id)

    @property
    def tags(self) -> list[str]:
        return [tag.tag for tag in self.version.tags]

    @property
    def can_roll_back(self) -> bool:
        return self.version.status in ACCEPTED and not self.current


@dataclass(frozen=True, slots=True)
class Filters:
    since: str = ""
    until: str = ""
    author: str = ""
    trigger: str = ""
    tag: str = ""
    branch: str = ""
    status: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FILTER_FIELDS)

    def to_version_filter(self) -> VersionFilter:
        if self.status and self.status not in VERSION_STATUSES:
            raise InvalidInput(f"unknown status {self.status!r}")
        until = _day(self.until, "until")
        return VersionFilter(
            status=self.status or None,
            tag=self.tag or None,
            trigger=self.trigger or None,
            author=self.author or None,
            branch=self.branch or None,
            created_after=_day(self.since, "since"),
            # The range includes the whole `until` day.
            created_before=until + timedelta(days=1) if until is not None else None,
        )


def _day(value: str, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
    except ValueError:
        raise InvalidInput(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


Text = Annotated[str, Query(max_length=64)]


@router.get("/components/{key}")
def component_page(
    request: Request,
    key: str,
    session: SessionDep,
    since: Text = "",
    until: Text = "",
    author: Text = "",
    trigger: Text = "",
    tag: Text = "",
    branch: Text = "",
    status: Text = "",
    limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = DEFAULT_ROWS,
    done: Done | None = None,
    done_version: Annotated[str, Query(alias="version", max_length=64)] = "",
) -> Response:
    component = service.get_component(session, key)
    filters = Filters(since, until, author, trigger, tag, branch, status)
    page = service.list_versions(session, component, VersionFilter(), limit=limit)
    versions = page.items
    matching: set[str] | None = None
    if filters.active:
        found = service.list_versions(session, component, filters.to_version_filter(), limit=limit)
        matching = {str(v.id) for v in found.items}
    graph = _graph(versions)
    rows = [
        HistoryRow(
            version=version,
            graph=graph.rows[index],
            matches=matching is None or str(version.id) in matching,
            current=version.id == component.current_version_id,
            summary=summary_line(version),
            conflicts=len(conflicts_of(version)),
        )
        for index, version in enumerate(versions)
    ]
    return render(
        request,
        "component.html",
        title=component.name,
        component=component,
        current=_current(session, component),
        rows=rows,
        graph=graph,
        filters=filters,
        matching=len(matching) if matching is not None else None,
        total=page.total,
        limit=limit,
        more=page.total > len(versions),
        options=_options(versions),
        statuses=VERSION_STATUSES,
        default_pair=_default_pair(versions),
        done=_done_message(session, component, done, done_version) if done else None,
        nav="components",
    )


def _done_message(
    session: SessionDep, component: Component, done: Done, version_id: str
) -> str | None:
    """What the last form did, read back from the database (the URL only names it)."""
    try:
        version = service.get_version(session, version_id)
    except NotFound:
        return None
    if version.component_id != component.id:
        return None
    number = version.version_string
    now_current = version.id == component.current_version_id
    if done == "accepted":
        return f"Accepted {number}" + (": it is now the current version." if now_current else ".")
    if done == "rejected":
        current = _current(session, component)
        still = f" The current version is still {current.version_string}." if current else ""
        return f"Rejected draft {number}.{still}"
    target = (version.change_summary or {}).get("rolled_back_to") or {}
    copied = (
        f" to {target['version']}" if isinstance(target, dict) and target.get("version") else ""
    )
    return f"Rolled back{copied}: published as {number}" + (
        ", now the current version." if now_current else "."
    )


def _graph(versions: list[ComponentVersion]) -> Graph:
    return layout(
        [
            GraphNode(
                id=str(v.id),
                branch=v.branch,
                parent_id=str(v.parent_version_id) if v.parent_version_id else None,
                merge_parent_id=(
                    str(v.merge_parent_version_id) if v.merge_parent_version_id else None
                ),
                status=v.status,
            )
            for v in versions
        ]
    )


def _current(session: SessionDep, component: Component) -> ComponentVersion | None:
    if component.current_version_id is None:
        return None
    return service.get_version(session, component.current_version_id)


def _options(versions: list[ComponentVersion]) -> dict[str, list[str]]:
    """Choices for the filter menus: the values that occur in the history shown."""
    return {
        "author": sorted({v.created_by for v in versions}),
        "trigger": sorted({v.trigger for v in versions}),
        "branch": sorted({v.branch for v in versions}),
        "tag": sorted({t.tag for v in versions for t in v.tags}),
    }


def _default_pair(versions: list[ComponentVersion]) -> tuple[str, str]:
    """Preselected radios: the newest version against its parent (or the one before it)."""
    if not versions:
        return ("", "")
    newest = versions[0]
    ids = {v.id for v in versions}
    if newest.parent_version_id in ids:
        older = str(newest.parent_version_id)
    elif len(versions) > 1:
        older = str(versions[1].id)
    else:
        older = str(newest.id)
    return (older, str(newest.id))
