from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import button_requirements, tokens
from tests.web.test_components_api import API, assert_problem, create


def regenerate(client: TestClient, component_id: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"{API}/regenerate/{component_id}", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def current(client: TestClient, component_id: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"{API}/components/{component_id}").json()["current_version"]
    return data


def code_of(client: TestClient, version_id: str) -> str:
    text: str = client.get(f"{API}/versions/{version_id}").json()["component_code"]
    return text


def hand_edit(client: TestClient, component_id: str, edit: Any) -> dict[str, Any]:
    version = current(client, component_id)
    code = edit(code_of(client, version["id"]))
    response = client.put(
        f"{API}/components/{component_id}/code",
        json={"code": code, "base_version_id": version["id"], "reason": "team tweak"},
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def add_class_and_shadow(code: str) -> str:
    code = code.replace('      type="button"\n', '      type="button"\n      className="cta"\n')
    return code.replace(
        '    padding: "8px", // {space.md}\n',
        '    padding: "8px", // {space.md}\n    boxShadow: "0 1px 2px #0003",\n',
    )


def test_a_token_change_makes_a_minor_draft_with_the_changes_and_a_diff(editor: TestClient) -> None:
    component = create(editor)

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), reason="brand")

    assert result["previous_version"] == "1.0.0"
    assert result["new_version"] == "1.1.0"
    assert result["status"] == "draft"
    assert result["bump"] == "minor"
    assert not result["up_to_date"]
    paths = {c["path"]: c for c in result["changes"]["tokens"]["changes"]}
    assert paths["color.blue.500"]["new"] == "#2563eb"
    assert paths["color.brand.primary"]["via"] == ["color.brand.primary", "color.blue.500"]
    assert result["conflicts"] == []
    removed = [
        line["text"]
        for block in result["diff"]["blocks"]
        if block["type"] == "hunk"
        for line in block["lines"]
        if line["kind"] == "removed"
    ]
    assert any("#1d4ed8" in text for text in removed)
    assert current(editor, component["id"])["version"] == "1.0.0"


def test_nothing_changed_means_up_to_date_and_no_version(editor: TestClient) -> None:
    component = create(editor)

    result = regenerate(editor, component["id"], tokens=tokens())
    unused = regenerate(
        editor, component["id"], tokens={**tokens(), "unused": {"$value": 1, "$type": "number"}}
    )

    assert result["up_to_date"]
    assert unused["up_to_date"]
    assert result["version_id"] is None
    versions = editor.get(f"{API}/components/{component['id']}/versions").json()
    assert versions["total"] == 1


def test_accepting_moves_the_current_version_atomically(editor: TestClient) -> None:
    component = create(editor)
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))

    accepted = editor.post(f"{API}/versions/{draft['version_id']}/accept")

    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "active"
    assert current(editor, component["id"])["id"] == draft["version_id"]
    again = editor.post(f"{API}/versions/{draft['version_id']}/accept")
    assert_problem(again, 409, "not a draft")


def test_rejecting_keeps_the_current_version(editor: TestClient) -> None:
    component = create(editor)
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))

    rejected = editor.post(f"{API}/versions/{draft['version_id']}/reject", json={"reason": "no"})

    assert rejected.json()["status"] == "rejected"
    assert current(editor, component["id"])["version"] == "1.0.0"


def test_apply_accepts_a_clean_minor_draft_at_once(editor: TestClient) -> None:
    component = create(editor)

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)

    assert result["applied"] is True
    assert current(editor, component["id"])["version"] == "1.1.0"


def test_a_breaking_requirement_change_is_major_and_never_applied(editor: TestClient) -> None:
    component = create(editor)
    spec = button_requirements(props=[])  # the required `label` prop goes away

    result = regenerate(editor, component["id"], requirements=spec, apply=True)

    assert result["bump"] == "major"
    assert result["new_version"] == "2.0.0"
    assert result["applied"] is False
    assert any("label" in reason for reason in result["bump_reasons"])
    assert current(editor, component["id"])["version"] == "1.0.0"


def test_a_newer_draft_supersedes_the_open_one(editor: TestClient) -> None:
    component = create(editor)
    first = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))
    second = regenerate(editor, component["id"], tokens=tokens(blue_500="#3b82f6"))

    old = editor.get(f"{API}/versions/{first['version_id']}").json()

    assert old["status"] == "superseded"
    assert_problem(editor.post(f"{API}/versions/{first['version_id']}/accept"), 409, "superseded")
    assert editor.post(f"{API}/versions/{second['version_id']}/accept").status_code == 200


def test_hand_edits_are_stored_as_customized_manual_edit_versions(editor: TestClient) -> None:
    component = create(editor)

    edited = hand_edit(editor, component["id"], add_class_and_shadow)
    version = editor.get(f"{API}/versions/{edited['id']}").json()

    assert edited["trigger"] == "manual_edit"
    assert edited["created_by"] == "editor-user"
    assert edited["customized"] is True
    assert edited["version"] == "1.0.1"
    assert 'className="cta"' in version["component_code"]
    assert 'className="cta"' not in version["pristine_code"]
    assert current(editor, component["id"])["id"] == edited["id"]


def test_regeneration_keeps_hand_edits_next_to_changed_lines(editor: TestClient) -> None:
    component = create(editor)
    hand_edit(editor, component["id"], add_class_and_shadow)

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)
    code = code_of(editor, result["version_id"])

    assert result["conflicts"] == []
    assert result["applied"] is True
    assert 'className="cta"' in code
    assert 'boxShadow: "0 1px 2px #0003"' in code
    assert '"#2563eb"' in code
    assert "#1d4ed8" not in code


def test_conflicts_block_accept_until_resolved(editor: TestClient) -> None:
    component = create(editor)
    hand_edit(
        editor,
        component["id"],
        lambda code: code.replace('backgroundColor: "#1d4ed8"', 'backgroundColor: "hotpink"'),
    )

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)
    draft_id = result["version_id"]

    assert result["applied"] is False
    assert len(result["conflicts"]) == 1
    conflict = result["conflicts"][0]
    assert "hotpink" in conflict["ours"]
    assert "#2563eb" in conflict["theirs"]
    assert "<<<<<<< your edits (1.0.1)" in code_of(editor, draft_id)
    blocked = assert_problem(editor.post(f"{API}/versions/{draft_id}/accept"), 409, "unresolved")
    assert blocked["conflicts"][0]["index"] == 0

    resolved = editor.post(
        f"{API}/versions/{draft_id}/resolve", json={"code_choices": {"0": "ours"}}
    )

    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["conflicts"] == []
    assert any("conflict" in w for w in result["warnings"])
    assert not any("conflict" in w for w in resolved.json()["warnings"])
    code = code_of(editor, draft_id)
    assert "hotpink" in code
    assert "<<<<<<<" not in code
    assert editor.post(f"{API}/versions/{draft_id}/accept").status_code == 200


def test_conflicts_can_be_resolved_with_uploaded_text(editor: TestClient) -> None:
    component = create(editor)
    hand_edit(editor, component["id"], lambda c: c.replace('"#1d4ed8"', '"hotpink"'))
    draft_id = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))["version_id"]
    theirs = editor.get(f"{API}/versions/{draft_id}").json()["pristine_code"]

    with_markers = editor.post(
        f"{API}/versions/{draft_id}/resolve", json={"code": code_of(editor, draft_id)}
    )
    uploaded = editor.post(f"{API}/versions/{draft_id}/resolve", json={"code": theirs})

    assert_problem(with_markers, 422, "conflict marker")
    assert uploaded.status_code == 200
    assert uploaded.json()["conflicts"] == []
    assert code_of(editor, draft_id) == theirs


def test_accept_is_optimistic_when_the_component_moved_on(editor: TestClient) -> None:
    component = create(editor)
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))
    hand_edit(editor, component["id"], add_class_and_shadow)

    response = editor.post(f"{API}/versions/{draft['version_id']}/accept")

    assert_problem(response, 409, "moved on")
    assert current(editor, component["id"])["trigger"] == "manual_edit"


def test_stale_edits_and_bad_regenerations_change_nothing(editor: TestClient) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    hand_edit(editor, component["id"], add_class_and_shadow)

    stale = editor.put(
        f"{API}/components/{component['id']}/code",
        json={"code": "x", "base_version_id": first["id"]},
    )
    same = editor.put(
        f"{API}/components/{component['id']}/code",
        json={"code": code_of(editor, current(editor, component["id"])["id"])},
    )
    renamed = editor.post(
        f"{API}/regenerate/{component['id']}", json={"requirements": button_requirements("Other")}
    )
    dangling = editor.post(
        f"{API}/regenerate/{component['id']}",
        json={"tokens": {"color": {"a": {"$value": "{color.b}", "$type": "color"}}}},
    )
    missing = editor.post(f"{API}/regenerate/00000000-0000-0000-0000-000000000000", json={})

    assert_problem(stale, 409, "moved on")
    assert_problem(same, 422, "the same")
    assert_problem(renamed, 422, "differs from the component")
    assert_problem(dangling, 422, "color.b")
    assert_problem(missing, 404, "no component")
    assert editor.get(f"{API}/components/{component['id']}/versions").json()["total"] == 2


def test_pattern_upgrade_is_recorded_with_its_reason(editor: TestClient) -> None:
    component = create(editor, requirements=button_requirements(pattern_version="1.0.0"))

    result = regenerate(editor, component["id"], pattern_version="^1.1")

    assert result["new_version"] in ("1.1.0", "2.0.0")
    assert any("pattern button 1.0.0 → 1.1.0" in r for r in result["bump_reasons"])
    assert result["changes"]["pattern"]["new_version"] == "1.1.0"
