"""Every state change of the version workflow leaves an audit entry naming who did what."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import tokens
from tests.web.test_components_api import API, create
from tests.web.test_regeneration_api import add_class_and_shadow, current, hand_edit, regenerate


def test_the_workflow_is_audited_in_order(editor: TestClient) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    hand_edit(editor, component["id"], add_class_and_shadow)
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))
    editor.post(f"{API}/versions/{draft['version_id']}/reject", json={"reason": "not yet"})
    regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)
    editor.post(f"{API}/rollback/{component['id']}", json={"target_version_id": first["id"]})
    editor.post(
        f"{API}/components/{component['id']}/branches",
        json={"name": "exp", "from_version_id": first["id"]},
    )
    editor.post(f"{API}/components/{component['id']}/branches/exp/archive")

    events = editor.get(
        f"{API}/audit", params={"component_id": component["id"], "limit": 100}
    ).json()["items"]
    actions = [e["action"] for e in reversed(events)]

    assert actions == [
        "component.create",
        "version.edit",
        "version.regenerate",
        "version.reject",
        "version.regenerate",
        "version.accept",
        "version.tag",  # the rollback tag
        "version.rollback",
        "branch.create",
        "branch.archive",
    ]
    assert {e["actor"] for e in events} == {"editor-user"}
    rejected = next(e for e in events if e["action"] == "version.reject")
    assert rejected["details"]["reason"] == "not yet"
    assert rejected["target"] == "PrimaryButton 1.1.0"


def test_token_use_is_recorded_at_most_hourly(editor: TestClient) -> None:
    for _ in range(3):
        editor.get(f"{API}/components")

    uses = editor.get(f"{API}/audit", params={"action": "token.use"}).json()

    assert [e["actor"] for e in uses["items"]] == ["editor-user"]
