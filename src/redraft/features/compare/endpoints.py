"""REST endpoint: compare any two versions of a component (`/api/v1`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from redraft.features.compare import service
from redraft.features.compare.schemas import ComparisonRead
from redraft.features.components import service as components
from redraft.features.deps import CurrentUser, SessionDep

router = APIRouter(tags=["compare"])
_REF = "A version id, or a number such as `1.2.0`."


@router.get(
    "/components/{component_id}/compare",
    response_model=ComparisonRead,
    responses={200: {"content": {"application/json": {}, "text/x-diff": {}}}},
)
def compare(
    component_id: uuid.UUID,
    session: SessionDep,
    _user: CurrentUser,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=100, description=_REF)],
    to: Annotated[str, Query(min_length=1, max_length=100, description=_REF)],
    context: Annotated[int, Query(ge=0, le=1000)] = service.DEFAULT_CONTEXT,
    format_: Annotated[Literal["json", "patch"], Query(alias="format")] = "json",
) -> ComparisonRead | Response:
    """How `to` differs from `from` (ids, or numbers such as `1.2.0`), on any branch or status:
    structured code and stories diffs, input changes, props-API findings and the bump; with
    `format=patch`, the unified diff as a `.patch` file."""
    component = components.get_component(session, str(component_id))
    old = service.resolve_version(session, component, from_)
    new = service.resolve_version(session, component, to)
    if format_ == "patch":
        patch = service.patch_versions(session, component, old, new, context=context)
        return Response(
            content=patch.text.encode(),
            media_type="text/x-diff; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{patch.filename}"',
                "X-Content-Type-Options": "nosniff",
            },
        )
    return ComparisonRead.of(
        service.compare_versions(session, component, old, new, context=context)
    )
