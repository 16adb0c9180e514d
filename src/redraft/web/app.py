"""The ASGI application: `create_app(settings)` builds everything in the lifespan."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import APIRouter, Depends, FastAPI

import redraft
from redraft.codegen.registry import load_generator
from redraft.config import Settings
from redraft.db.engine import create_engine_for, ping
from redraft.db.migrate import check_current
from redraft.db.session import create_session_factory
from redraft.features.audit.endpoints import router as audit_router
from redraft.features.branches.endpoints import router as branches_router
from redraft.features.compare.endpoints import router as compare_router
from redraft.features.components.endpoints import router as components_router
from redraft.features.deps import authorize
from redraft.features.history.endpoints import router as history_router
from redraft.features.regeneration.endpoints import router as regeneration_router
from redraft.features.retention.endpoints import router as retention_router
from redraft.web import problems
from redraft.web.health import Readiness
from redraft.web.health import router as health_router
from redraft.web.limits import BodyLimit
from redraft.web.request_context import RequestContext
from redraft.web.ui import install_ui
from redraft.web.ui.error_pages import respond_unexpected

API_PREFIX = "/api/v1"


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine_for(settings)
        try:
            check_current(engine)
            app.state.settings = settings
            app.state.engine = engine
            app.state.session_factory = create_session_factory(engine)
            app.state.readiness = Readiness({"database": partial(ping, engine)})
            app.state.generator = load_generator(settings.generator)
            # What start-up built lives as long as the app: keep the collector from walking it
            # on every full collection (60-85 ms pauses, the compare page's p95; see
            # bench/README.md). Unfrozen at shutdown, so nothing outlives the app.
            gc.collect()
            gc.freeze()
            yield
        finally:
            gc.unfreeze()
            engine.dispose()

    app = FastAPI(
        title="redraft",
        version=redraft.__version__,
        description="Versioned, regenerable React components that keep their hand edits.",
        lifespan=lifespan,
    )
    problems.install(app)
    install_ui(app, settings)  # after the problem handlers: it wraps them for pages
    app.add_middleware(BodyLimit, max_bytes=settings.limits.max_upload_bytes)
    # Added last, so outermost: every response carries the request id, and an error nothing
    # else handled is still answered (see request_context).
    app.add_middleware(RequestContext, respond=respond_unexpected)
    app.include_router(health_router)

    # Every API route authenticates and checks the role its method needs (see `authorize`).
    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(authorize)])
    api.include_router(components_router)
    api.include_router(regeneration_router)
    api.include_router(history_router)
    api.include_router(branches_router)
    api.include_router(audit_router)
    api.include_router(retention_router)
    api.include_router(compare_router)
    app.include_router(api)
    return app


def create_app_from_environment() -> FastAPI:
    """The app for settings read from the environment: what each `redraft serve --workers N`
    process builds (uvicorn starts workers from an import string, not an app object)."""
    return create_app(Settings())
