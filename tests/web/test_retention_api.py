"""`POST /api/v1/archive` (admins only) and the storage reports."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings
from redraft.db.models import ComponentVersion
from redraft.web.app import create_app
from tests.factories import button_requirements
from tests.web.test_audit_api import wired
from tests.web.test_components_api import API, assert_problem, create
from tests.web.test_regeneration_api import hand_edit


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(wired(create_app(settings))) as test_client:
        yield test_client


@pytest.fixture
def admin(role_tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {role_tokens['admin']}"}


def old_history(client: TestClient, session_factory: sessionmaker[Session]) -> dict[str, Any]:
    """1.0.0, 1.0.1 (tagged stable) and the current 1.0.2, made 200 to 198 days ago."""
    component = create(client)
    first = component["current_version"]["id"]
    second = hand_edit(client, component["id"], lambda code: code + "\n// one\n")["id"]
    current = hand_edit(client, component["id"], lambda code: code + "// two\n")["id"]
    client.post(f"{API}/versions/{second}/tags", json={"tag": "stable"})
    with session_factory() as session:
        for days, version_id in zip((200, 199, 198), (first, second, current), strict=True):
            session.execute(
                update(ComponentVersion)
                .where(ComponentVersion.id == uuid.UUID(version_id))
                .values(created_at=datetime.now(UTC) - timedelta(days=days))
            )
        session.commit()
    return {"component": component["id"], "first": first, "second": second, "current": current}


def status_of(client: TestClient, version_id: str) -> str:
    response = client.get(f"{API}/versions/{version_id}")
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


def test_an_admin_archives_old_versions_that_stay_readable(
    editor: TestClient, admin: dict[str, str], session_factory: sessionmaker[Session]
) -> None:
    ids = old_history(editor, session_factory)

    response = editor.post(f"{API}/archive", json={"older_than_days": 90}, headers=admin)

    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["dry_run"], result["count"]) == (False, 1)
    assert [(v["id"], v["status"]) for v in result["versions"]] == [(ids["first"], "archived")]
    archived = editor.get(f"{API}/versions/{ids['first']}").json()
    assert archived["status"] == "archived"
    assert "export function PrimaryButton" in archived["component_code"]
    assert status_of(editor, ids["second"]) == "active"  # tagged
    assert status_of(editor, ids["current"]) == "active"
    listed = editor.get(
        f"{API}/components/{ids['component']}/versions", params={"status": "archived"}
    ).json()
    assert [v["id"] for v in listed["items"]] == [ids["first"]]
    audit = editor.get(f"{API}/audit", params={"action": "versions.archive"}).json()
    assert [(e["actor"], e["details"]["version_ids"]) for e in audit["items"]] == [
        ("admin-user", [ids["first"]])
    ]


def test_a_dry_run_lists_without_archiving(
    editor: TestClient, admin: dict[str, str], session_factory: sessionmaker[Session]
) -> None:
    ids = old_history(editor, session_factory)

    response = editor.post(
        f"{API}/archive", json={"older_than_days": 90, "dry_run": True}, headers=admin
    )

    assert [v["id"] for v in response.json()["versions"]] == [ids["first"]]
    assert status_of(editor, ids["first"]) == "active"


def test_versions_younger_than_the_age_are_kept(
    editor: TestClient, admin: dict[str, str], session_factory: sessionmaker[Session]
) -> None:
    ids = old_history(editor, session_factory)

    response = editor.post(f"{API}/archive", json={"older_than_days": 365}, headers=admin)

    assert response.json()["count"] == 0
    assert status_of(editor, ids["first"]) == "active"


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_admins_may_archive(
    client: TestClient,
    role_tokens: dict[str, str],
    session_factory: sessionmaker[Session],
    role: str,
) -> None:
    client.headers["Authorization"] = f"Bearer {role_tokens['editor']}"
    ids = old_history(client, session_factory)
    headers = {"Authorization": f"Bearer {role_tokens[role]}"}

    response = client.post(f"{API}/archive", json={"older_than_days": 90}, headers=headers)

    assert_problem(response, 403, "admin" if role == "editor" else "editor")
    assert status_of(client, ids["first"]) == "active"


BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"older_than_days": -90}, "older_than_days"),
    ({"older_than_days": 0}, "older_than_days"),
    ({"older_than_days": "ninety"}, "older_than_days"),
    ({}, "older_than_days"),
    ({"older_than_days": 90, "force": True}, "force"),
]


def test_bad_archive_requests_are_a_422_and_change_nothing(
    editor: TestClient, admin: dict[str, str], session_factory: sessionmaker[Session]
) -> None:
    ids = old_history(editor, session_factory)

    for body, fragment in BAD_BODIES:
        response = editor.post(f"{API}/archive", json=body, headers=admin)
        assert_problem(response, 422, fragment)

    assert status_of(editor, ids["first"]) == "active"
    assert editor.get(f"{API}/audit", params={"action": "versions.archive"}).json()["total"] == 0


def test_storage_reports_every_component_and_one_on_its_own(
    editor: TestClient, session_factory: sessionmaker[Session]
) -> None:
    ids = old_history(editor, session_factory)
    create(editor, requirements=button_requirements("GhostButton"))

    everything = editor.get(f"{API}/storage").json()["items"]
    one = editor.get(f"{API}/components/{ids['component']}/storage").json()

    assert [s["name"] for s in everything] == ["GhostButton", "PrimaryButton"]
    assert everything[1] == one
    assert one["versions"] == 3
    assert one["stored_bytes"] < one["raw_bytes"]
    assert one["total_bytes"] == one["row_bytes"] + one["stored_bytes"]
    assert one["budget_bytes"] == 100_000_000
    assert one["within_budget"] is True
    # Same token set in both components: that blob is counted in each and flagged shared.
    assert everything[0]["shared_blobs"] >= 1
    assert everything[0]["shared_stored_bytes"] == one["shared_stored_bytes"]


def test_storage_of_an_unknown_component_is_a_404(editor: TestClient) -> None:
    response = editor.get(f"{API}/components/00000000-0000-0000-0000-000000000000/storage")

    assert_problem(response, 404, "no component")
