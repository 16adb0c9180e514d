"""FastAPI dependencies shared by every feature's endpoints and pages.

They live below `web` (which assembles the app) so that features can import them without
pointing up the layers. Everything here reads what `web.app.create_app` put on `app.state`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from redraft.codegen.base import Generator
from redraft.config import Settings
from redraft.db.models import User
from redraft.db.session import unit_of_work
from redraft.errors import Unauthenticated
from redraft.features.users.service import authenticate_token, require_role

# Methods that only read; everything else needs at least the editor role.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_generator(request: Request) -> Generator:
    generator: Generator = request.app.state.generator
    return generator


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the endpoint returns, rolled back on error."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    with unit_of_work(factory) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
GeneratorDep = Annotated[Generator, Depends(get_generator)]


def authorize(request: Request, session: SessionDep) -> User:
    """Authenticate the bearer token and check the role the request's method needs.

    Applied to the whole API router, so a route added later is protected without remembering to.
    """
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise Unauthenticated("send an API token as `Authorization: Bearer <token>`")
    user = authenticate_token(session, credentials.strip())
    require_role(user, "viewer" if request.method in READ_METHODS else "editor")
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(authorize)]


def require_admin(user: CurrentUser) -> User:
    require_role(user, "admin")
    return user


AdminUser = Annotated[User, Depends(require_admin)]
