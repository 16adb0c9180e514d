"""Review a draft from its compare page: accept & apply, reject, resolve a conflict per hunk.

The forms post here and the regeneration service does the work, with the same rules as the
API (editor role and CSRF token through the page guards). A refusal the user can act on (open
conflicts, a branch that moved on, a draft already reviewed) comes back as the compare page with
the reason on top and status 409; nothing is written then.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from redraft.db.models import ComponentVersion
from redraft.errors import Conflict, NotFound
from redraft.features.components import service as components
from redraft.features.deps import SessionDep
from redraft.features.regeneration import service as regeneration
from redraft.web.ui.auth import PageUser
from redraft.web.ui.compare import compare_response
from redraft.web.ui.present import compare_url, sentence
from redraft.web.ui.render import redirect

router = APIRouter(include_in_schema=False)
# The compare page's older side, so a refused or resolved form lands on the same comparison.
FromField = Annotated[str, Form(alias="from", max_length=64)]


@router.post("/versions/{version_id}/accept")
def accept(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    back_from: FromField = "",
) -> Response:
    draft = components.get_version(session, version_id)
    older = _older_side(session, draft, back_from)
    try:
        accepted = regeneration.accept(session, draft.id, actor=user.name)
    except Conflict as exc:
        return _refused(request, session, older, version_id, exc)
    return redirect(request, _component_page(accepted, "accepted"))


@router.post("/versions/{version_id}/reject")
def reject(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    back_from: FromField = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    draft = components.get_version(session, version_id)
    older = _older_side(session, draft, back_from)
    try:
        rejected = regeneration.reject(
            session, draft.id, actor=user.name, reason=reason.strip() or None
        )
    except Conflict as exc:
        return _refused(request, session, older, version_id, exc)
    return redirect(request, _component_page(rejected, "rejected"))


@router.post("/versions/{version_id}/resolve")
def resolve(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    file: Annotated[Literal["code", "stories"], Form()],
    index: Annotated[int, Form(ge=0, le=100_000)],
    choice: Annotated[Literal["ours", "theirs", "both"], Form()],
    back_from: FromField = "",
) -> Response:
    draft = components.get_version(session, version_id)
    older = _older_side(session, draft, back_from)
    choices = {index: choice}
    try:
        resolved = regeneration.resolve(
            session,
            draft.id,
            actor=user.name,
            code_choices=choices if file == "code" else None,
            stories_choices=choices if file == "stories" else None,
        )
    except Conflict as exc:
        return _refused(request, session, older, version_id, exc)
    return redirect(request, compare_url(older, str(resolved.id)) + "&done=resolved#review")


def _older_side(session: Session, draft: ComponentVersion, given: str) -> str:
    """The comparison to come back to: the one the form was on, else the draft's parent."""
    if given:
        try:
            older = components.get_version(session, given)
        except NotFound:
            older = None
        if older is not None and older.component_id == draft.component_id:
            return str(older.id)
    return str(draft.parent_version_id or draft.id)


def _refused(
    request: Request, session: Session, older: str, version_id: str, exc: Conflict
) -> Response:
    # The service may have flushed part of its work before refusing: undo it, then show the
    # page as it stands, with the reason on top.
    session.rollback()
    return compare_response(
        request, session, older, version_id, error=sentence(exc.detail), status_code=409
    )


def _component_page(version: ComponentVersion, done: str) -> str:
    return f"/components/{version.component_id}?done={done}&version={version.id}"
