from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import button_requirements, tokens
from tests.web.test_components_api import API, assert_problem, create


def recolour(client: TestClient, component_id: str) -> dict[str, Any]:
    """Regenerate with a new brand colour and accept: 1.1.0 becomes current."""
    response = client.post(
        f"{API}/regenerate/{component_id}", json={"tokens": tokens(blue_500="#2563eb")}
    )
    assert response.status_code == 200, response.text
    draft: dict[str, Any] = response.json()
    assert client.post(f"{API}/versions/{draft['version_id']}/accept").status_code == 200
    return draft


def compare(client: TestClient, component_id: str, **params: Any) -> Any:
    return client.get(f"{API}/components/{component_id}/compare", params=params)


def test_comparing_two_versions_gives_diffs_changes_api_and_metadata(editor: TestClient) -> None:
    component = create(editor)
    first = component["current_version"]
    draft = recolour(editor, component["id"])

    response = compare(editor, component["id"], **{"from": first["id"], "to": draft["version_id"]})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["component_name"] == "PrimaryButton"
    assert body["from_version"]["version"] == "1.0.0"
    assert body["to_version"]["version"] == "1.1.0"
    assert body["to_version"]["status"] == "active"
    assert body["to_version"]["pattern_id"] == "button"
    assert not body["identical"]
    hunks = [b for b in body["code"]["blocks"] if b["type"] == "hunk"]
    folds = [b for b in body["code"]["blocks"] if b["type"] == "fold"]
    assert folds
    assert all(f["count"] > 0 for f in folds)
    colour = next(line for h in hunks for line in h["lines"] if "#2563eb" in line["text"])
    assert colour["kind"] == "added"
    assert colour["paired"]
    assert colour["old_no"] is None
    assert colour["new_no"] > 0
    assert [colour["text"][a:b] for a, b in colour["changes"]] == ["2563eb"]
    assert hunks[0]["header"].startswith("@@ -")
    assert body["stories"]["stats"]["added"] == 0  # a recolour leaves the stories alone
    paths = [c["path"] for c in body["changes"]["tokens"]["changes"]]
    assert "color.blue.500" in paths
    assert any("color.blue.500" in line for line in body["change_lines"])
    assert body["api"]["bump"] == "patch"
    assert body["bump"]["bump"] == "minor"
    assert body["context"] == 3


def test_versions_can_be_named_by_number_and_context_is_adjustable(
    editor: TestClient,
) -> None:
    component = create(editor)
    recolour(editor, component["id"])

    wide = compare(editor, component["id"], **{"from": "1.0.0", "to": "1.1.0", "context": 8})
    same = compare(editor, component["id"], **{"from": "1.1.0", "to": "1.1.0"})

    assert wide.status_code == 200, wide.text
    assert wide.json()["context"] == 8
    assert same.json()["identical"] is True
    assert same.json()["code"]["blocks"][0]["type"] == "fold"
    assert same.json()["bump"]["bump"] == "none"


def test_the_patch_format_is_a_downloadable_unified_diff(editor: TestClient) -> None:
    component = create(editor)
    recolour(editor, component["id"])

    response = compare(
        editor, component["id"], **{"from": "1.0.0", "to": "1.1.0", "format": "patch"}
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/x-diff")
    assert response.headers["content-disposition"] == (
        'attachment; filename="PrimaryButton-1.0.0..1.1.0.patch"'
    )
    text = response.text
    assert text.startswith("--- a/PrimaryButton.tsx\n+++ b/PrimaryButton.tsx\n@@ -")
    assert '-    backgroundColor: "#1d4ed8", // {color.brand.primary}\n' in text
    assert '+    backgroundColor: "#2563eb", // {color.brand.primary}\n' in text
    assert "--- a/PrimaryButton.stories.tsx\n" not in text  # unchanged files are left out


def test_viewers_may_compare(
    client: TestClient, editor: TestClient, role_tokens: dict[str, str]
) -> None:
    component = create(editor)
    viewer = {"Authorization": f"Bearer {role_tokens['viewer']}"}

    response = client.get(
        f"{API}/components/{component['id']}/compare",
        params={"from": "1.0.0", "to": "1.0.0"},
        headers=viewer,
    )

    assert response.status_code == 200, response.text


def test_unknown_versions_are_404_and_foreign_ones_422(editor: TestClient) -> None:
    component = create(editor)
    other = create(editor, requirements=button_requirements("GhostButton"))
    first = component["current_version"]["id"]
    missing = "00000000-0000-4000-8000-000000000000"

    unknown = compare(editor, component["id"], **{"from": first, "to": missing})
    no_number = compare(editor, component["id"], **{"from": first, "to": "7.0.0"})
    no_component = compare(editor, missing, **{"from": first, "to": first})
    foreign = compare(
        editor, component["id"], **{"from": first, "to": other["current_version"]["id"]}
    )
    garbage = compare(editor, component["id"], **{"from": first, "to": "newest"})
    negative = compare(editor, component["id"], **{"from": first, "to": first, "context": -1})
    missing_to = compare(editor, component["id"], **{"from": first})

    assert_problem(unknown, 404, missing)
    assert_problem(no_number, 404, "7.0.0")
    assert_problem(no_component, 404, missing)
    assert_problem(foreign, 422, "another component")
    assert_problem(garbage, 422, "not a semantic version")
    assert_problem(negative, 422, "context")
    assert_problem(missing_to, 422, "to")
