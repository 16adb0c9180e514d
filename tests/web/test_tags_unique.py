"""A unique tag names one version per component: adding it moves it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from redraft.features.audit import service as audit
from tests.factories import button_requirements
from tests.web.test_components_api import API, assert_problem, create
from tests.web.test_regeneration_api import hand_edit


def two_versions(client: TestClient, name: str = "PrimaryButton") -> tuple[str, str, str]:
    """A component with 1.0.0 and a hand-edited 1.0.1: (component id, old id, new id)."""
    component = create(client, requirements=button_requirements(name))
    edited = hand_edit(client, component["id"], lambda code: code + "\n// tweak\n")
    return component["id"], component["current_version"]["id"], edited["id"]


def tag(client: TestClient, version_id: str, name: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"{API}/versions/{version_id}/tags", json={"tag": name, **body})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def tags_of(client: TestClient, version_id: str) -> list[str]:
    tags: list[str] = client.get(f"{API}/versions/{version_id}").json()["tags"]
    return tags


def tagged(client: TestClient, component_id: str, name: str) -> list[str]:
    page = client.get(f"{API}/components/{component_id}/versions", params={"tag": name}).json()
    return [v["id"] for v in page["items"]]


def test_stable_moves_to_the_newly_tagged_version(editor: TestClient) -> None:
    component_id, old, new = two_versions(editor)
    tag(editor, old, "stable")

    response = tag(editor, new, "stable")

    assert response["tags"] == ["stable"]
    assert tags_of(editor, old) == []
    assert tagged(editor, component_id, "stable") == [new]


def test_latest_is_unique_by_default_too(editor: TestClient) -> None:
    _component_id, old, new = two_versions(editor)
    tag(editor, old, "latest")

    tag(editor, new, "latest")

    assert tags_of(editor, old) == []


def test_other_tags_are_shared_unless_declared_unique(editor: TestClient) -> None:
    component_id, old, new = two_versions(editor)
    tag(editor, old, "experimental")
    tag(editor, new, "experimental")
    tag(editor, old, "qa")

    tag(editor, new, "qa", unique=True)

    assert sorted(tagged(editor, component_id, "experimental")) == sorted([old, new])
    assert tagged(editor, component_id, "qa") == [new]


def test_a_default_unique_tag_can_be_kept_on_several_versions_on_request(
    editor: TestClient,
) -> None:
    component_id, old, new = two_versions(editor)
    tag(editor, old, "stable")

    tag(editor, new, "stable", unique=False)

    assert sorted(tagged(editor, component_id, "stable")) == sorted([old, new])


def test_a_unique_tag_moves_within_its_component_only(editor: TestClient) -> None:
    _button, button_old, _button_new = two_versions(editor)
    card_id, _card_old, card_new = two_versions(editor, "GhostButton")
    tag(editor, button_old, "stable")

    tag(editor, card_new, "stable")

    assert tags_of(editor, button_old) == ["stable"]
    assert tagged(editor, card_id, "stable") == [card_new]


def test_retagging_the_holder_makes_it_the_only_one(editor: TestClient) -> None:
    component_id, old, new = two_versions(editor)
    tag(editor, old, "stable", unique=False)
    tag(editor, new, "stable", unique=False)

    tag(editor, new, "stable")

    assert tagged(editor, component_id, "stable") == [new]


def test_the_move_is_audited_with_where_the_tag_came_from(
    editor: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _component_id, old, new = two_versions(editor)
    tag(editor, old, "stable")
    tag(editor, new, "stable")
    editor.delete(f"{API}/versions/{new}/tags/stable")

    with session_factory() as session:
        items, _ = audit.list_events(session, action="version.*")
    items = [e for e in items if e.action.endswith("tag")]
    assert [(e.action, str(e.version_id), e.details) for e in items] == [
        ("version.untag", new, {"tag": "stable"}),
        ("version.tag", new, {"tag": "stable", "unique": True, "moved_from": [old]}),
        ("version.tag", old, {"tag": "stable", "unique": True, "moved_from": []}),
    ]
    assert {e.actor for e in items} == {"editor-user"}


def test_a_non_boolean_unique_is_refused(editor: TestClient) -> None:
    _component_id, old, _new = two_versions(editor)

    response = editor.post(
        f"{API}/versions/{old}/tags", json={"tag": "stable", "unique": "sometimes"}
    )

    assert_problem(response, 422, "unique")
    assert tags_of(editor, old) == []
