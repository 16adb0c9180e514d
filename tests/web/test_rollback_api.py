from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import button_requirements, tokens
from tests.web.test_components_api import API, assert_problem, create
from tests.web.test_regeneration_api import (
    add_class_and_shadow,
    code_of,
    current,
    hand_edit,
    regenerate,
)


def rollback(client: TestClient, component_id: str, **body: Any) -> Any:
    return client.post(f"{API}/rollback/{component_id}", json=body)


def test_rollback_copies_the_target_as_a_new_patch_version(editor: TestClient) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)

    response = rollback(editor, component["id"], target_version_id=first["id"], reason="too bright")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["previous_version"] == "1.1.0"
    assert body["rolled_back_to"] == "1.0.0"
    assert body["new_version"] == "1.1.1"
    assert body["bump"] == "patch"
    now = current(editor, component["id"])
    assert now["id"] == body["version_id"]
    assert now["trigger"] == "rollback"
    assert now["parent_version_id"] is not None
    assert "rollback" in now["tags"]
    assert code_of(editor, body["version_id"]) == code_of(editor, first["id"])
    removed = [
        line["text"]
        for block in body["diff"]["blocks"]
        if block["type"] == "hunk"
        for line in block["lines"]
        if line["kind"] == "removed"
    ]
    assert any("#2563eb" in text for text in removed)


def test_a_rollback_that_breaks_the_api_needs_confirmation(editor: TestClient) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    extra = button_requirements(
        props=[
            {"name": "label", "type": "string", "required": True},
            {"name": "tone", "type": "'calm' | 'loud'"},
        ]
    )
    regenerate(editor, component["id"], requirements=extra, apply=True)
    before = editor.get(f"{API}/components/{component['id']}/versions").json()["total"]

    refused = rollback(editor, component["id"], target_version_id=first["id"])
    confirmed = rollback(editor, component["id"], target_version_id=first["id"], confirm_major=True)

    problem = assert_problem(refused, 409, "breaks its props API")
    assert any(f["rule"] == "prop-removed" for f in problem["findings"])
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["new_version"] == "2.0.0"
    assert confirmed.json()["bump"] == "major"
    after = editor.get(f"{API}/components/{component['id']}/versions").json()["total"]
    assert after == before + 1


def test_hand_edits_of_the_rolled_back_to_version_survive_the_next_regeneration(
    editor: TestClient,
) -> None:
    component = create(editor)
    edited = hand_edit(editor, component["id"], add_class_and_shadow)
    regenerate(
        editor, component["id"], requirements=button_requirements(description="New"), apply=True
    )
    rollback(editor, component["id"], target_version_id=edited["id"])

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)
    code = code_of(editor, result["version_id"])

    assert result["conflicts"] == []
    assert 'className="cta"' in code
    assert 'boxShadow: "0 1px 2px #0003"' in code
    assert '"#2563eb"' in code


def test_rolling_back_to_a_rollback_works(editor: TestClient) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)
    second = current(editor, component["id"])
    back = rollback(editor, component["id"], target_version_id=first["id"]).json()
    regenerate(editor, component["id"], tokens=tokens(blue_500="#000000"), apply=True)

    again = rollback(editor, component["id"], target_version_id=back["version_id"])

    assert again.status_code == 200, again.text
    assert code_of(editor, again.json()["version_id"]) == code_of(editor, first["id"])
    assert second["id"] != again.json()["version_id"]


def test_bad_rollbacks_are_refused_and_change_nothing(editor: TestClient) -> None:
    component = create(editor)
    other = create(editor, requirements=button_requirements("OtherButton"))
    first = current(editor, component["id"])
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))

    unknown = rollback(
        editor, component["id"], target_version_id="00000000-0000-0000-0000-000000000000"
    )
    foreign = rollback(editor, component["id"], target_version_id=other["current_version"]["id"])
    to_draft = rollback(editor, component["id"], target_version_id=draft["version_id"])
    to_current = rollback(editor, component["id"], target_version_id=first["id"])
    missing_component = rollback(
        editor, "00000000-0000-0000-0000-000000000000", target_version_id=first["id"]
    )

    assert_problem(unknown, 404, "no version")
    assert_problem(foreign, 422, "another component")
    assert_problem(to_draft, 422, "accepted version")
    assert_problem(to_current, 422, "already the current")
    assert_problem(missing_component, 404, "no component")
    assert current(editor, component["id"])["id"] == first["id"]
