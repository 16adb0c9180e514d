"""A props API redraft cannot read is major and needs review in regeneration and rollback."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import tokens
from tests.web.test_components_api import API, assert_problem, create
from tests.web.test_regeneration_api import current, hand_edit, regenerate
from tests.web.test_rollback_api import rollback

HOC = """
function withTracking<P extends object>(Inner: React.ComponentType<P>) {
  return (props: P) => <Inner {...props} />;
}

export const PrimaryButton = withTracking(PrimaryButtonView);
"""


def wrap_in_a_hoc(code: str) -> str:
    assert "export function PrimaryButton(" in code
    return code.replace("export function PrimaryButton(", "function PrimaryButtonView(") + HOC


def test_an_edit_that_hides_the_component_is_recorded_as_major_needing_review(
    editor: TestClient,
) -> None:
    component = create(editor)

    edited = hand_edit(editor, component["id"], wrap_in_a_hoc)

    assert edited["version"] == "2.0.0"
    version = editor.get(f"{API}/versions/{edited['id']}").json()
    assert version["change_summary"]["needs_review"] is True
    assert any("(component-unreadable)" in reason for reason in version["bump_reasons"])


def test_a_regeneration_whose_api_cannot_be_read_is_never_applied(editor: TestClient) -> None:
    component = create(editor)
    edited = hand_edit(editor, component["id"], wrap_in_a_hoc)

    result = regenerate(editor, component["id"], tokens=tokens(blue_500="#2563eb"), apply=True)

    assert not result["applied"]
    assert result["status"] == "draft"
    assert result["bump"] == "major"
    assert result["api"]["needs_review"] is True
    findings = result["api"]["findings"]
    assert {f["rule"] for f in findings} == {"component-unreadable"}
    assert "withTracking(PrimaryButtonView)" in findings[0]["message"]
    assert (
        "the props API change could not be fully decided: review it by hand" in (result["warnings"])
    )
    assert current(editor, component["id"])["id"] == edited["id"]


def test_a_rollback_from_an_api_that_cannot_be_read_needs_confirmation(
    editor: TestClient,
) -> None:
    component = create(editor)
    first = current(editor, component["id"])
    hand_edit(editor, component["id"], wrap_in_a_hoc)

    refused = rollback(editor, component["id"], target_version_id=first["id"])
    confirmed = rollback(editor, component["id"], target_version_id=first["id"], confirm_major=True)

    problem = assert_problem(refused, 409, "cannot be decided")
    assert problem["needs_review"] is True
    assert [f["rule"] for f in problem["findings"]] == ["component-unreadable"]
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["new_version"], confirmed.json()["bump"]) == ("3.0.0", "major")
