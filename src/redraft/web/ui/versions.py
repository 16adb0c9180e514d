"""One version: its metadata and highlighted code, its files to download, tag and untag."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from redraft.features.components import service, tags
from redraft.features.deps import SessionDep
from redraft.features.history.rollback import ACCEPTED
from redraft.web.ui.auth import PageUser, safe_next
from redraft.web.ui.highlight import line_html
from redraft.web.ui.present import conflicts_of, warnings_of
from redraft.web.ui.render import finish, redirect, render, ui_state

router = APIRouter(include_in_schema=False)
TagField = Annotated[str, Form(max_length=64)]
NextField = Annotated[str, Form(max_length=2048)]


@router.get("/versions/{version_id}")
def version_page(request: Request, version_id: str, session: SessionDep) -> Response:
    version = service.get_version(session, version_id)
    component = service.get_component(session, str(version.component_id))
    content = service.load_content(session, version)
    cache = ui_state(request).highlights
    files = []
    for body, name, digest, text in (
        ("code", f"{component.name}.tsx", version.code_blob, content.code),
        ("stories", f"{component.name}.stories.tsx", version.stories_blob, content.stories),
    ):
        lines = cache.lines(digest, text)
        plain = text.replace("\r\n", "\n").split("\n")
        if plain and plain[-1] == "":
            plain.pop()
        html = [line_html(lines[i] if i < len(lines) else (), plain[i]) for i in range(len(plain))]
        files.append({"key": body, "name": name, "lines": html, "count": len(html)})
    parent = (
        service.get_version(session, version.parent_version_id)
        if version.parent_version_id is not None
        else None
    )
    return render(
        request,
        "version.html",
        title=f"{component.name} {version.version_string}",
        component=component,
        version=version,
        parent=parent,
        is_current=component.current_version_id == version.id,
        can_roll_back=version.status in ACCEPTED and component.current_version_id != version.id,
        files=files,
        conflicts=conflicts_of(version),
        warnings=warnings_of(version),
        tags=[tag.tag for tag in version.tags],
        nav="components",
    )


@router.get("/versions/{version_id}/download")
def download(
    request: Request,
    version_id: str,
    session: SessionDep,
    what: Literal["code", "stories", "zip"] = "code",
) -> Response:
    file = service.download(session, service.get_version(session, version_id), what)
    response = Response(
        content=file.body,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )
    finish(request, response)
    return response


@router.post("/versions/{version_id}/tags")
def add_tag(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    tag: TagField = "",
    next: NextField = "",
) -> Response:
    version = service.get_version(session, version_id)
    tags.add_tag(session, version, tag.strip(), actor=user.name)
    return redirect(request, _back(next, version_id))


@router.post("/versions/{version_id}/tags/remove")
def remove_tag(
    request: Request,
    version_id: str,
    session: SessionDep,
    user: PageUser,
    tag: TagField = "",
    next: NextField = "",
) -> Response:
    version = service.get_version(session, version_id)
    tags.remove_tag(session, version, tag, actor=user.name)
    return redirect(request, _back(next, version_id))


def _back(next: str, version_id: str) -> str:
    return safe_next(next) if next else f"/versions/{version_id}"
