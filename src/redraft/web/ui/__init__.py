"""The web UI: server-rendered pages for people, beside the API, sharing its services and roles.

`install_ui(app, settings)` adds the pages, the sign-in form, the static files and the HTML
error pages to an app made by `create_app`.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from redraft.config import Settings
from redraft.web.ui import auth, compare, dashboard, history, review, rollback, versions
from redraft.web.ui.error_pages import install_error_pages
from redraft.web.ui.highlight import HighlightCache
from redraft.web.ui.render import STATIC_PREFIX, UIState, build_templates, static_versions
from redraft.web.ui.session import CookieSigner, secret_from
from redraft.web.ui.throttle import SignInThrottle

# Every page router goes through both guards: a page added to this list cannot be left open.
PAGE_ROUTERS = (
    dashboard.router,
    history.router,
    versions.router,
    compare.router,
    review.router,
    rollback.router,
)
PAGE_GUARDS = [Depends(auth.page_user), Depends(auth.check_csrf)]


def install_ui(app: FastAPI, settings: Settings) -> None:
    """Add the UI to `app`; calling it again on the same app changes nothing."""
    if getattr(app.state, "ui", None) is not None:
        return
    hashes = static_versions()
    app.state.ui = UIState(
        signer=CookieSigner(secret_from(settings.secret_key)),
        templates=build_templates(hashes),
        highlights=HighlightCache(),
        sign_ins=SignInThrottle.from_settings(settings.sign_in),
    )
    app.mount(STATIC_PREFIX, StaticFiles(packages=[("redraft.web", "static")]), name="static")
    app.include_router(auth.router)
    for router in PAGE_ROUTERS:
        app.include_router(router, dependencies=PAGE_GUARDS)
    install_error_pages(app)


__all__ = ["install_ui"]
