"""Walks the app's route table, so a route added later cannot be left open by mistake.

Every route is either public (health, docs, the sign-in form), under the API (bearer token,
problem+json), or a page (session cookie: signed-out visitors go to the sign-in form).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings
from redraft.features.users import service as users
from redraft.web.app import API_PREFIX, create_app
from redraft.web.ui import install_ui
from tests.e2e.seed import PASSWORD, csrf_token, sign_in

PUBLIC = {"/healthz", "/readyz", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}
# Signing in and out must work signed out; both still check the form's CSRF token.
PUBLIC_PAGES = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}
READ = {"GET", "HEAD", "OPTIONS"}


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    install_ui(app, settings)  # a no-op once create_app installs the UI itself
    with TestClient(app) as test_client:
        yield test_client


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


def all_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, from its OpenAPI document and its route table.

    FastAPI keeps included routers as lazy entries in `app.routes`; `iter_route_contexts`
    walks them. Pages are hidden from the OpenAPI document, so both sources are needed.
    """
    schema = client.app.openapi()  # type: ignore[attr-defined]
    routes = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    routes |= {
        (method, context.path)
        for context in iter_route_contexts(client.app.routes)  # type: ignore[attr-defined]
        if isinstance(context.original_route, APIRoute) and context.path is not None
        for method in context.original_route.methods
    }
    return sorted(routes)


def is_api(path: str) -> bool:
    return path.startswith(API_PREFIX)


def api_routes(client: TestClient) -> list[tuple[str, str]]:
    return [(m, p) for m, p in all_routes(client) if is_api(p)]


def page_routes(client: TestClient) -> list[tuple[str, str]]:
    return [
        (m, p)
        for m, p in all_routes(client)
        if not is_api(p) and p not in PUBLIC and (m, p) not in PUBLIC_PAGES
    ]


def test_routes_are_the_api_pages_or_public(client: TestClient) -> None:
    paths = {path for _method, path in all_routes(client)}

    assert {p for p in paths if is_api(p)}
    assert page_routes(client)
    assert {"/login", "/logout"} <= paths


def test_no_api_route_answers_without_a_token(client: TestClient) -> None:
    for method, path in api_routes(client):
        response = client.request(method, concrete(path))
        assert response.status_code == 401, (method, path, response.status_code)


def test_viewers_can_read_but_never_write_through_the_api(
    client: TestClient, role_tokens: dict[str, str]
) -> None:
    viewer = {"Authorization": f"Bearer {role_tokens['viewer']}"}
    for method, path in api_routes(client):
        response = client.request(method, concrete(path), headers=viewer, json={})
        if method in READ:
            assert response.status_code not in (401, 403), (method, path)
        else:
            assert response.status_code == 403, (method, path, response.status_code)


def test_no_page_answers_without_signing_in(client: TestClient) -> None:
    for method, path in page_routes(client):
        response = client.request(method, concrete(path), follow_redirects=False)
        assert response.status_code == 303, (method, path, response.status_code)
        assert response.headers["location"].startswith("/login?next="), (method, path)


def test_viewers_can_read_pages_but_never_post_forms(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        users.create_user(session, name="page-viewer", role="viewer", password=PASSWORD)
        session.commit()
    sign_in(client, "page-viewer")
    token = csrf_token(client.get("/").text)
    for method, path in page_routes(client):
        response = client.request(
            method, concrete(path), data={"csrf_token": token}, follow_redirects=False
        )
        if method in READ:
            assert response.status_code not in (401, 403), (method, path)
            assert response.status_code != 303 or "/login" not in response.headers["location"]
        else:
            assert response.status_code == 403, (method, path, response.status_code)
            assert "needs the editor role" in response.text, (method, path)
