"""Templates, the UI's shared state, HTML responses with their security headers, error pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from redraft.web.ui.highlight import HighlightCache
from redraft.web.ui.present import compare_url, short_hash, when
from redraft.web.ui.session import SESSION_COOKIE, CookieSigner, SessionData
from redraft.web.ui.throttle import SignInThrottle

STATIC_PREFIX = "/static"
# Pages send no inline script or style, so the policy can forbid both: an escaping bug that
# slipped through would still not run. SVG presentation attributes (fill, stroke) are not
# styles and stay allowed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Pages show private code and carry CSRF tokens: never keep them in a shared cache.
    "Cache-Control": "no-store",
}


@dataclass(frozen=True, slots=True)
class UIState:
    signer: CookieSigner
    templates: Environment
    highlights: HighlightCache
    sign_ins: SignInThrottle


def ui_state(request: Request) -> UIState:
    state: UIState = request.app.state.ui
    return state


def build_templates(static_versions: dict[str, str]) -> Environment:
    env = Environment(
        loader=PackageLoader("redraft.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def static(name: str) -> str:
        # The content hash in the URL lets browsers cache files until they change.
        return f"{STATIC_PREFIX}/{name}?v={static_versions.get(name, '0')}"

    env.globals["static"] = static
    env.globals["compare_url"] = compare_url
    env.filters["when"] = when
    env.filters["short_hash"] = short_hash
    return env


def static_versions() -> dict[str, str]:
    folder = resources.files("redraft.web") / "static"
    return {
        item.name: hashlib.sha256(item.read_bytes()).hexdigest()[:12]
        for item in folder.iterdir()
        if item.is_file()
    }


def current_session(request: Request) -> SessionData | None:
    session: SessionData | None = getattr(request.state, "ui_session", None)
    return session


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    title: str = "",
    **context: Any,
) -> HTMLResponse:
    state = ui_state(request)
    session = current_session(request)
    body = state.templates.get_template(template).render(
        title=title,
        user=getattr(request.state, "ui_user", None),
        csrf_token=session.csrf if session is not None else "",
        path=request.url.path,
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    response = HTMLResponse(body, status_code=status_code)
    finish(request, response)
    return response


def redirect(request: Request, url: str) -> RedirectResponse:
    # 303: after a POST the browser follows with a GET, so reloading does not resubmit.
    response = RedirectResponse(url, status_code=303)
    finish(request, response)
    return response


def finish(request: Request, response: Response) -> None:
    """Security headers, and the session cookie when this request started or changed one."""
    response.headers.update(SECURITY_HEADERS)
    pending: SessionData | None = getattr(request.state, "ui_session_to_set", None)
    if pending is not None:
        state = ui_state(request)
        response.set_cookie(
            SESSION_COOKIE,
            state.signer.dumps(pending),
            max_age=state.signer.max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    if getattr(request.state, "ui_session_cleared", False):
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def error_page(request: Request, status_code: int, title: str, detail: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        status_code=status_code,
        title=title,
        status=status_code,
        detail=detail,
    )
