"""`GET /api/v1/audit`: state changes listed with filters, paginated, for any signed-in role."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings
from redraft.db.models import AuditEvent
from redraft.features.audit.endpoints import router as audit_router
from redraft.features.deps import authorize
from redraft.features.retention.endpoints import router as retention_router
from redraft.web.app import API_PREFIX, create_app
from tests.factories import button_requirements
from tests.web.test_components_api import API, assert_problem, create

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def wired(app: FastAPI) -> FastAPI:
    """The app with the audit and retention routers, as `web/app.py` includes them."""
    if f"{API}/audit" in app.openapi()["paths"]:
        return app
    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(authorize)])
    api.include_router(audit_router)
    api.include_router(retention_router)
    app.include_router(api)
    app.openapi_schema = None
    return app


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(wired(create_app(settings))) as test_client:
        yield test_client


def listing(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get(f"{API}/audit", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def tag_events(client: TestClient, session_factory: sessionmaker[Session]) -> dict[str, str]:
    """Two components, three tag changes an hour apart from T0; returns the component ids."""
    button = create(client)
    card = create(client, requirements=button_requirements("GhostButton"))
    client.post(f"{API}/versions/{button['current_version']['id']}/tags", json={"tag": "qa"})
    client.post(f"{API}/versions/{card['current_version']['id']}/tags", json={"tag": "qa"})
    client.delete(f"{API}/versions/{button['current_version']['id']}/tags/qa")
    with session_factory() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("version.%")).order_by(AuditEvent.id)
        ).all()
        for hour, event in enumerate(events):
            event.at = T0 + timedelta(hours=hour)
        session.commit()
    return {"button": button["id"], "card": card["id"]}


def test_tag_changes_are_listed_newest_first(
    editor: TestClient, session_factory: sessionmaker[Session]
) -> None:
    tag_events(editor, session_factory)

    page = listing(editor, action="version.*")

    assert page["total"] == 3
    assert [(e["action"], e["target"], e["actor"]) for e in page["items"]] == [
        ("version.untag", "PrimaryButton 1.0.0", "editor-user"),
        ("version.tag", "GhostButton 1.0.0", "editor-user"),
        ("version.tag", "PrimaryButton 1.0.0", "editor-user"),
    ]
    assert page["items"][0]["details"] == {"tag": "qa"}
    assert page["items"][0]["at"].startswith("2025-03-01T02:00:00")


def test_every_filter_narrows_the_list(
    editor: TestClient, session_factory: sessionmaker[Session]
) -> None:
    ids = tag_events(editor, session_factory)

    by_component = listing(editor, component_id=ids["button"])
    by_action = listing(editor, action="version.tag")
    by_actor = listing(editor, actor="editor-user", action="version.*")
    nobody = listing(editor, actor="nobody")
    window = listing(
        editor,
        since=(T0 + timedelta(hours=1)).isoformat(),
        until=(T0 + timedelta(hours=2)).isoformat(),
    )

    tagging = [e["action"] for e in by_component["items"] if e["action"].endswith("tag")]
    assert tagging == ["version.untag", "version.tag"]
    assert {e["component_id"] for e in by_component["items"]} == {ids["button"]}
    assert by_action["total"] == 2
    assert by_actor["total"] == 3
    assert nobody == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert [e["target"] for e in window["items"]] == ["GhostButton 1.0.0"]


def test_pages_are_stable_and_complete(
    editor: TestClient, session_factory: sessionmaker[Session]
) -> None:
    tag_events(editor, session_factory)
    everything = listing(editor, limit=100)

    pages = [listing(editor, limit=2, offset=offset) for offset in range(0, 6, 2)]

    assert everything["total"] >= 5  # three tag changes plus the fixture's issued tokens
    ids = [e["id"] for page in pages for e in page["items"]]
    assert ids == [e["id"] for e in everything["items"]][:6]
    assert len(set(ids)) == len(ids)


def test_tokens_issued_for_the_roles_are_in_the_log(
    client: TestClient, role_tokens: dict[str, str]
) -> None:
    client.headers["Authorization"] = f"Bearer {role_tokens['viewer']}"

    page = listing(client, action="token.issue")

    assert sorted(e["target"] for e in page["items"]) == [
        "admin-user",
        "editor-user",
        "viewer-user",
    ]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "yesterday"}, "since"),
        ({"component_id": "not-a-uuid"}, "component_id"),
    ],
)
def test_bad_filters_are_a_422(editor: TestClient, params: dict[str, Any], fragment: str) -> None:
    assert_problem(editor.get(f"{API}/audit", params=params), 422, fragment)


def test_the_log_needs_a_token(client: TestClient) -> None:
    assert client.get(f"{API}/audit").status_code == 401
