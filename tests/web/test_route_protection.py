"""Walks the app's route table, so a route added later cannot be left open by mistake."""

from __future__ import annotations

import re
import uuid

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from redraft.web.app import API_PREFIX

PUBLIC = {"/healthz", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}
READ = {"GET", "HEAD", "OPTIONS"}


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


def api_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, from its OpenAPI document and its route table.

    FastAPI keeps included routers as lazy entries in `app.routes`, so the OpenAPI document
    is the reliable full list; top-level routes hidden from the schema are added from the table.
    """
    schema = client.app.openapi()  # type: ignore[attr-defined]
    routes = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    routes |= {
        (method, route.path)
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    return sorted(routes)


def test_every_route_except_health_and_docs_is_under_the_api(client: TestClient) -> None:
    paths = {path for _method, path in api_routes(client)}
    assert paths - PUBLIC
    assert all(p.startswith(API_PREFIX) for p in paths - PUBLIC)


def test_no_route_answers_without_a_token(client: TestClient) -> None:
    for method, path in api_routes(client):
        if path in PUBLIC:
            continue
        response = client.request(method, concrete(path))
        assert response.status_code == 401, (method, path, response.status_code)


def test_viewers_can_read_but_never_write(client: TestClient, role_tokens: dict[str, str]) -> None:
    viewer = {"Authorization": f"Bearer {role_tokens['viewer']}"}
    for method, path in api_routes(client):
        if path in PUBLIC:
            continue
        response = client.request(method, concrete(path), headers=viewer, json={})
        if method in READ:
            assert response.status_code not in (401, 403), (method, path)
        else:
            assert response.status_code == 403, (method, path, response.status_code)
