from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import button_requirements, tokens
from tests.web.test_components_api import API, assert_problem, create
from tests.web.test_regeneration_api import add_class_and_shadow, code_of, current, regenerate


def branch(client: TestClient, component_id: str, name: str, from_id: str) -> Any:
    return client.post(
        f"{API}/components/{component_id}/branches",
        json={"name": name, "from_version_id": from_id},
    )


def test_branch_versions_are_prereleases_with_their_own_head(editor: TestClient) -> None:
    component = create(editor)
    main = current(editor, component["id"])
    assert branch(editor, component["id"], "dark-mode", main["id"]).status_code == 201

    first = regenerate(
        editor, component["id"], tokens=tokens(blue_500="#111827"), branch="dark-mode", apply=True
    )
    second = regenerate(
        editor, component["id"], tokens=tokens(blue_500="#000000"), branch="dark-mode", apply=True
    )
    listed = editor.get(f"{API}/components/{component['id']}/branches").json()

    assert first["new_version"] == "1.1.0-dark-mode.1"
    assert second["new_version"] == "1.1.0-dark-mode.2"
    assert current(editor, component["id"])["id"] == main["id"]  # main did not move
    assert listed[0]["name"] == "dark-mode"
    assert listed[0]["head_version_id"] == second["version_id"]
    assert listed[0]["base_version_id"] == main["id"]


def test_main_and_a_branch_keep_separate_open_drafts(editor: TestClient) -> None:
    component = create(editor)
    main = current(editor, component["id"])
    branch(editor, component["id"], "exp", main["id"])

    on_main = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"))
    on_branch = regenerate(editor, component["id"], tokens=tokens(blue_500="#000000"), branch="exp")

    main_draft = editor.get(f"{API}/versions/{on_main['version_id']}").json()
    assert main_draft["status"] == "draft"
    assert on_branch["new_version"] == "1.1.0-exp.1"
    assert editor.post(f"{API}/versions/{on_main['version_id']}/accept").status_code == 200
    assert editor.post(f"{API}/versions/{on_branch['version_id']}/accept").status_code == 200


def test_merging_a_branch_makes_a_draft_on_main_with_both_lines_of_work(editor: TestClient) -> None:
    component = create(editor)
    main = current(editor, component["id"])
    branch(editor, component["id"], "dark-mode", main["id"])
    regenerate(
        editor, component["id"], tokens=tokens(blue_500="#111827"), branch="dark-mode", apply=True
    )
    head = editor.get(f"{API}/components/{component['id']}/branches").json()[0]["head_version_id"]
    edited = editor.put(
        f"{API}/components/{component['id']}/code",
        json={"code": add_class_and_shadow(code_of(editor, main["id"]))},
    )
    assert edited.status_code == 200

    merged = editor.post(f"{API}/components/{component['id']}/branches/dark-mode/merge")

    assert merged.status_code == 200, merged.text
    draft = merged.json()
    assert draft["status"] == "draft"
    assert draft["conflicts"] == []
    assert draft["new_version"] == "1.1.0"
    code = code_of(editor, draft["version_id"])
    assert '"#111827"' in code
    assert 'className="cta"' in code
    version = editor.get(f"{API}/versions/{draft['version_id']}").json()
    assert version["merge_parent_version_id"] == head
    assert version["branch"] == "main"
    assert editor.post(f"{API}/versions/{draft['version_id']}/accept").status_code == 200
    assert current(editor, component["id"])["id"] == draft["version_id"]
    branches = editor.get(f"{API}/components/{component['id']}/branches").json()
    assert branches[0]["status"] == "merged"
    late = regenerate_response(editor, component["id"], branch="dark-mode")
    assert_problem(late, 409, "merged")


def regenerate_response(client: TestClient, component_id: str, **body: Any) -> Any:
    return client.post(f"{API}/regenerate/{component_id}", json=body)


def test_archived_branches_take_no_versions(editor: TestClient) -> None:
    component = create(editor)
    main = current(editor, component["id"])
    branch(editor, component["id"], "exp", main["id"])
    open_draft = regenerate(
        editor, component["id"], tokens=tokens(blue_500="#000000"), branch="exp"
    )

    archived = editor.post(f"{API}/components/{component['id']}/branches/exp/archive")

    assert archived.json()["status"] == "archived"
    draft = editor.get(f"{API}/versions/{open_draft['version_id']}").json()
    assert draft["status"] == "superseded"
    assert_problem(regenerate_response(editor, component["id"], branch="exp"), 409, "archived")


def test_bad_branch_requests_are_refused(editor: TestClient) -> None:
    component = create(editor)
    other = create(editor, requirements=button_requirements("OtherButton"))
    main = current(editor, component["id"])
    draft = regenerate(editor, component["id"], tokens=tokens(blue_500="#000000"))
    branch(editor, component["id"], "exp", main["id"])

    assert_problem(branch(editor, component["id"], "Bad Name", main["id"]), 422, "invalid branch")
    assert_problem(branch(editor, component["id"], "main", main["id"]), 422, "invalid branch")
    assert_problem(branch(editor, component["id"], "exp", main["id"]), 409, "already has")
    assert_problem(
        branch(editor, component["id"], "x", other["current_version"]["id"]), 422, "another"
    )
    assert_problem(branch(editor, component["id"], "x", draft["version_id"]), 422, "accepted")
    assert_problem(regenerate_response(editor, component["id"], branch="nope"), 404, "no branch")
    empty = editor.post(f"{API}/components/{component['id']}/branches/exp/merge")
    assert_problem(empty, 422, "no versions yet")
