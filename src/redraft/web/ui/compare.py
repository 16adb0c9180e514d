"""Compare any two versions of a component: summary on top, then the code and stories diffs.

The diffs, input changes and props-API findings come from the compare service (cached there by
content digest), so the page, the API and the CLI agree; only "hide whitespace changes" diffs
again here, with whitespace ignored.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from redraft.core.diff import diff_texts
from redraft.db.models import Component, ComponentVersion
from redraft.errors import InvalidInput
from redraft.features.branches import service as branches
from redraft.features.branches.service import MAIN
from redraft.features.compare import service as compare_service
from redraft.features.components import service
from redraft.features.components.service import VersionContent
from redraft.features.deps import SessionDep
from redraft.web.ui.diffview import VIEWS, FileDiffView, View, build_file_view
from redraft.web.ui.present import ConflictView, compare_url, conflict_views
from redraft.web.ui.render import finish, render, ui_state
from redraft.web.ui.summary import summarize_comparison

router = APIRouter(include_in_schema=False)
VIEW_COOKIE = "redraft_diff_view"
# A year: the choice is a preference, not a secret.
VIEW_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_FOLD_KEY = re.compile(r"^(?:all|(?:code|stories)-fold-[0-9]{1,6})$")
MAX_EXPANDED = 500


def _pair(
    session: Session, old_id: str, new_id: str
) -> tuple[Component, ComponentVersion, ComponentVersion]:
    if not old_id or not new_id:
        raise InvalidInput("pick two versions to compare (from and to)")
    old = service.get_version(session, old_id)
    new = service.get_version(session, new_id)
    return service.get_component(session, str(new.component_id)), old, new


@dataclass(frozen=True, slots=True)
class DraftReview:
    """What the compare page offers when its newer side is an open draft."""

    draft_id: str
    back_from: str  # the page's older side, where the forms come back to
    conflicts: list[ConflictView]
    base_label: str
    ours_label: str
    theirs_label: str
    branch: str
    moved_on_to: str | None  # the branch's head when it is no longer the draft's parent

    @property
    def blocked(self) -> str | None:
        """Why accepting would be refused now, or None when it can go ahead."""
        if self.conflicts:
            count = len(self.conflicts)
            return (
                f"Resolve the {count} conflict{'' if count == 1 else 's'} below "
                "before accepting this draft."
            )
        if self.moved_on_to is not None:
            return (
                f"{self.branch} moved on to {self.moved_on_to} since this draft was made, "
                "so it cannot be accepted: regenerate to get a fresh draft."
            )
        return None


def _review(
    session: Session, component: Component, old: ComponentVersion, new: ComponentVersion
) -> DraftReview | None:
    if new.status != "draft":
        return None
    parent = (
        service.get_version(session, new.parent_version_id)
        if new.parent_version_id is not None
        else None
    )
    parent_name = parent.version_string if parent is not None else "the base"
    sides = (new.change_summary or {}).get("merge_sides")
    labels = sides.get("labels") if isinstance(sides, dict) else None
    if not isinstance(labels, dict):
        # The labels the regeneration wrote into its conflict markers.
        labels = {
            "base": f"generated {parent_name}",
            "ours": f"your edits ({parent_name})",
            "theirs": f"generated {new.version_string}",
        }
    head_id = _head_id(session, component, new.branch)
    moved_on_to = None
    if head_id is not None and head_id != new.parent_version_id:
        moved_on_to = service.get_version(session, head_id).version_string
    return DraftReview(
        draft_id=str(new.id),
        back_from=str(old.id),
        conflicts=conflict_views(new),
        base_label=str(labels.get("base", "base")),
        ours_label=str(labels.get("ours", "yours")),
        theirs_label=str(labels.get("theirs", "generated")),
        branch=new.branch,
        moved_on_to=moved_on_to,
    )


def _head_id(session: Session, component: Component, branch: str) -> uuid.UUID | None:
    if branch == MAIN:
        return component.current_version_id
    found = branches.find_branch(session, component, branch)
    return found.head_version_id if found is not None else None


@router.get("/compare")
def compare_page(
    request: Request,
    session: SessionDep,
    old_id: Annotated[str, Query(alias="from", max_length=64)] = "",
    new_id: Annotated[str, Query(alias="to", max_length=64)] = "",
    view: Literal["unified", "split"] | None = None,
    ws: Literal["show", "ignore"] = "show",
    expand: Annotated[list[str] | None, Query()] = None,
    done: Literal["resolved"] | None = None,
) -> Response:
    return compare_response(
        request, session, old_id, new_id, view=view, ws=ws, expand=expand or (), done=done
    )


def compare_response(
    request: Request,
    session: Session,
    old_id: str,
    new_id: str,
    *,
    view: View | None = None,
    ws: Literal["show", "ignore"] = "show",
    expand: Sequence[str] = (),
    done: Literal["resolved"] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    """The compare page; the draft forms render it again, with an error, when refused."""
    component, old, new = _pair(session, old_id, new_id)
    comparison = compare_service.compare_versions(session, component, old, new)
    chosen = _chosen_view(request, view)
    expanded = frozenset(key for key in expand[:MAX_EXPANDED] if _FOLD_KEY.match(key))
    old_content = service.load_content(session, old)
    new_content = service.load_content(session, new)
    cache = ui_state(request).highlights
    files: list[FileDiffView] = []
    for body, diff in (
        ("code", comparison.analysis.code),
        ("stories", comparison.analysis.stories),
    ):
        old_text, new_text = _text(old_content, body), _text(new_content, body)
        if ws == "ignore":
            diff = diff_texts(old_text, new_text, ignore_whitespace=True)
        files.append(
            build_file_view(
                key=body,
                filename=f"{component.name}.tsx"
                if body == "code"
                else f"{component.name}.stories.tsx",
                diff=diff,
                old=cache.lines(_digest(old, body), old_text),
                new=cache.lines(_digest(new, body), new_text),
                view=chosen,
                expanded=expanded,
            )
        )
    ws_param = "ignore" if ws == "ignore" else None

    def link(*, view: str | None = chosen, ws: str | None = ws_param, more: str = "") -> str:
        keys = sorted(expanded | {more}) if more else sorted(expanded)
        return compare_url(str(old.id), str(new.id), view=view, ws=ws, expand=keys)

    review = _review(session, component, old, new)
    response = render(
        request,
        "compare.html",
        status_code=status_code,
        title=f"{component.name} {old.version_string} → {new.version_string}",
        component=component,
        old=old,
        new=new,
        summary=summarize_comparison(comparison),
        files=files,
        view=chosen,
        views=VIEWS,
        ws=ws,
        link=link,
        review=review,
        notice=_resolved_notice(review) if done == "resolved" else None,
        error=error,
        nav="components",
    )
    if view is not None:
        response.set_cookie(
            VIEW_COOKIE,
            view,
            max_age=VIEW_COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


def _resolved_notice(review: DraftReview | None) -> str | None:
    if review is None:
        return None
    left = len(review.conflicts)
    if left:
        return f"Choice applied. {left} conflict{'' if left == 1 else 's'} left to resolve."
    return "Choice applied. Every conflict is resolved: the draft can be accepted."


def _text(content: VersionContent, body: str) -> str:
    return content.code if body == "code" else content.stories


def _digest(version: ComponentVersion, body: str) -> str:
    # Content-addressed: a draft whose conflicts get resolved has new code under a new digest,
    # so highlighting is never served stale for it.
    return version.code_blob if body == "code" else version.stories_blob


def _chosen_view(request: Request, asked: View | None) -> View:
    """The query parameter wins; else the remembered choice; else unified."""
    if asked is not None:
        return asked
    remembered = request.cookies.get(VIEW_COOKIE)
    return "split" if remembered == "split" else "unified"


@router.get("/compare/patch")
def compare_patch(
    request: Request,
    session: SessionDep,
    old_id: Annotated[str, Query(alias="from", max_length=64)] = "",
    new_id: Annotated[str, Query(alias="to", max_length=64)] = "",
) -> Response:
    component, old, new = _pair(session, old_id, new_id)
    patch = compare_service.patch_versions(session, component, old, new)
    response = Response(
        content=patch.text.encode(),
        media_type="text/x-diff; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{patch.filename}"'},
    )
    finish(request, response)
    return response
