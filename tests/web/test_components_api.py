from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import button_requirements, tokens

API = "/api/v1"


def create(client: TestClient, **extra: Any) -> dict[str, Any]:
    body = {"requirements": button_requirements(), "tokens": tokens(), **extra}
    response = client.post(f"{API}/components", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def count_components(client: TestClient) -> int:
    total: int = client.get(f"{API}/components").json()["total"]
    return total


def test_creating_a_component_generates_an_active_first_version(editor: TestClient) -> None:
    component = create(editor)

    current = component["current_version"]
    assert component["name"] == "PrimaryButton"
    assert component["type"] == "button"
    assert component["policy"] == "notify"
    assert current["version"] == "1.0.0"
    assert current["status"] == "active"
    assert current["trigger"] == "create"
    assert current["created_by"] == "editor-user"


def test_a_version_carries_every_input_and_output(editor: TestClient) -> None:
    version_id = create(editor)["current_version"]["id"]

    version = editor.get(f"{API}/versions/{version_id}").json()

    assert version["version"] == "1.0.0"
    assert version["pattern_id"] == "button"
    assert version["pattern_version"]
    assert len(version["tokens_hash"]) == len(version["requirements_hash"]) == 64
    assert version["tokens"]["color.brand.primary"]["value"] == "#1d4ed8"
    assert version["requirements"]["name"] == "PrimaryButton"
    assert "export function PrimaryButton" in version["component_code"]
    assert version["component_code"] == version["pristine_code"]
    assert "PrimaryButton" in version["stories_code"]
    primary = [u for u in version["token_usage"] if u["path"] == "color.brand.primary"]
    assert primary
    assert primary[0]["chain"] == ["color.brand.primary", "color.blue.500"]


def test_components_list_and_show(editor: TestClient) -> None:
    created = create(editor)
    create(editor, requirements=button_requirements("GhostButton"))

    listing = editor.get(f"{API}/components").json()
    shown = editor.get(f"{API}/components/{created['id']}").json()

    assert [c["name"] for c in listing["items"]] == ["GhostButton", "PrimaryButton"]
    assert listing["total"] == 2
    assert shown["current_version"]["id"] == created["current_version"]["id"]


def test_versions_filter_by_tag_status_author_and_time(editor: TestClient) -> None:
    component = create(editor)
    version_id = component["current_version"]["id"]
    url = f"{API}/components/{component['id']}/versions"

    assert (
        editor.post(f"{API}/versions/{version_id}/tags", json={"tag": "stable"}).status_code == 201
    )

    def ids(**params: str) -> list[str]:
        return [v["id"] for v in editor.get(url, params=params).json()["items"]]

    assert ids(tag="stable") == [version_id]
    assert ids(tag="experimental") == []
    assert ids(status="active", author="editor-user", trigger="create", branch="main") == [
        version_id
    ]
    assert ids(status="draft") == []
    assert ids(created_after="2000-01-01T00:00:00Z") == [version_id]
    assert ids(created_before="2000-01-01T00:00:00Z") == []


def test_tags_are_added_and_removed(editor: TestClient) -> None:
    version_id = create(editor)["current_version"]["id"]

    added = editor.post(f"{API}/versions/{version_id}/tags", json={"tag": "stable"}).json()
    again = editor.post(f"{API}/versions/{version_id}/tags", json={"tag": "stable"}).json()
    removed = editor.delete(f"{API}/versions/{version_id}/tags/stable").json()

    assert added["tags"] == ["stable"]
    assert again["tags"] == ["stable"]
    assert removed["tags"] == []
    assert editor.delete(f"{API}/versions/{version_id}/tags/stable").status_code == 404
    bad = editor.post(f"{API}/versions/{version_id}/tags", json={"tag": "<script>"})
    assert bad.status_code == 422


def test_download_code_stories_and_zip_with_safe_names(editor: TestClient) -> None:
    version_id = create(editor)["current_version"]["id"]
    version = editor.get(f"{API}/versions/{version_id}").json()

    code = editor.get(f"{API}/versions/{version_id}/download", params={"what": "code"})
    stories = editor.get(f"{API}/versions/{version_id}/download", params={"what": "stories"})
    archive = editor.get(f"{API}/versions/{version_id}/download", params={"what": "zip"})

    assert code.text == version["component_code"]
    assert 'filename="PrimaryButton.tsx"' in code.headers["content-disposition"]
    assert stories.text == version["stories_code"]
    assert 'filename="PrimaryButton-1.0.0.zip"' in archive.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert sorted(zipped.namelist()) == [
            "PrimaryButton/PrimaryButton.stories.tsx",
            "PrimaryButton/PrimaryButton.tsx",
        ]
        assert zipped.read("PrimaryButton/PrimaryButton.tsx").decode() == version["component_code"]


def test_pagination_is_stable_and_bounded(editor: TestClient) -> None:
    for index in range(5):
        create(editor, requirements=button_requirements(f"Button{index}"))

    first = editor.get(f"{API}/components", params={"limit": 2}).json()
    second = editor.get(f"{API}/components", params={"limit": 2, "offset": 2}).json()
    third = editor.get(f"{API}/components", params={"limit": 2, "offset": 4}).json()

    names = [c["name"] for page in (first, second, third) for c in page["items"]]
    assert names == [f"Button{i}" for i in range(5)]
    assert editor.get(f"{API}/components", params={"limit": 0}).status_code == 422


# --- bad input: a clear problem+json error, and nothing changes -------------------------------


def assert_problem(response: Any, status: int, fragment: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert fragment in json.dumps(body), body
    return body


def test_malformed_json_is_a_400(editor: TestClient) -> None:
    response = editor.post(
        f"{API}/components",
        content=b'{"requirements": ',
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, 400, "not valid JSON")
    assert count_components(editor) == 0


def test_unknown_pattern_is_refused(editor: TestClient) -> None:
    body = {"requirements": button_requirements(pattern="carousel"), "tokens": tokens()}
    assert_problem(editor.post(f"{API}/components", json=body), 422, "carousel")
    assert count_components(editor) == 0


def test_cyclic_alias_names_the_chain(editor: TestClient) -> None:
    doc = tokens()
    doc["color"]["blue"]["500"]["$value"] = "{color.brand.primary}"
    body = {"requirements": button_requirements(), "tokens": doc}
    problem = assert_problem(editor.post(f"{API}/components", json=body), 422, "cycle")
    assert "color.brand.primary" in problem["chain"]
    assert "color.blue.500" in problem["chain"]
    assert count_components(editor) == 0


def test_dangling_alias_names_the_missing_token(editor: TestClient) -> None:
    doc = tokens()
    doc["color"]["brand"]["primary"]["$value"] = "{color.blue.900}"
    body = {"requirements": button_requirements(), "tokens": doc}
    problem = assert_problem(editor.post(f"{API}/components", json=body), 422, "color.blue.900")
    assert problem["missing"] == "color.blue.900"
    assert count_components(editor) == 0


def test_invalid_prop_type_points_at_the_field(editor: TestClient) -> None:
    req = button_requirements(props=[{"name": "label", "type": "string; alert(1)"}])
    problem = assert_problem(
        editor.post(f"{API}/components", json={"requirements": req, "tokens": tokens()}),
        422,
        "props.0.type",
    )
    assert problem["errors"][0]["loc"] == "props.0.type"
    assert count_components(editor) == 0


def test_binding_to_a_missing_token_is_refused(editor: TestClient) -> None:
    req = button_requirements(bindings={"root": {"color": "{color.nope}"}})
    response = editor.post(f"{API}/components", json={"requirements": req, "tokens": tokens()})
    assert_problem(response, 422, "color.nope")
    assert count_components(editor) == 0


def test_duplicate_component_name_is_a_conflict(editor: TestClient) -> None:
    create(editor)
    response = editor.post(
        f"{API}/components", json={"requirements": button_requirements(), "tokens": tokens()}
    )
    assert_problem(response, 409, "already exists")
    assert count_components(editor) == 1


def test_oversized_upload_is_a_413(editor: TestClient) -> None:
    big = tokens()
    big["padding"] = {"$type": "number", **{f"n{i}": {"$value": i} for i in range(20_000)}}
    response = editor.post(
        f"{API}/components", json={"requirements": button_requirements(), "tokens": big}
    )
    assert_problem(response, 413, "larger than")
    assert count_components(editor) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/components/00000000-0000-0000-0000-000000000000",
        "/components/00000000-0000-0000-0000-000000000000/versions",
        "/versions/00000000-0000-0000-0000-000000000000",
        "/versions/00000000-0000-0000-0000-000000000000/download",
    ],
)
def test_unknown_ids_are_404(editor: TestClient, path: str) -> None:
    assert_problem(editor.get(API + path), 404, "no ")


def test_viewer_cannot_write(client: TestClient, role_tokens: dict[str, str]) -> None:
    body = {"requirements": button_requirements(), "tokens": tokens()}
    viewer = {"Authorization": f"Bearer {role_tokens['viewer']}"}

    response = client.post(f"{API}/components", json=body, headers=viewer)

    assert_problem(response, 403, "editor role")
    assert client.get(f"{API}/components", headers=viewer).json()["total"] == 0


@pytest.mark.parametrize(
    "header", [None, "Bearer nope", "Basic abc", "Bearer rdft_000000000000_" + "x" * 43]
)
def test_requests_without_a_valid_token_are_401(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get(f"{API}/components", headers=headers)
    assert_problem(response, 401, "token")
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_healthz_needs_no_token(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
