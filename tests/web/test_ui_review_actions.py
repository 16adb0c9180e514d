"""The draft and rollback forms as HTML: accept, reject, resolve a hunk, roll back.

They follow the API's rules (editor role, CSRF token on every form) and a refusal the user can
act on comes back as the page with the reason and status 409, with nothing written.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings
from redraft.features.components import service
from redraft.features.components.repository import VersionFilter
from redraft.features.regeneration.service import edit_code, open_conflicts
from redraft.web.app import create_app
from tests.e2e.seed import (
    EDITOR,
    VIEWER,
    XSS_IMG,
    XSS_SCRIPT,
    Seeded,
    breaking_upgrade,
    clean_draft,
    csrf_token,
    seed,
    sign_in,
)


@pytest.fixture(autouse=True)
def seeded(session_factory: sessionmaker[Session]) -> Seeded:
    return seed(session_factory)


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def ui(app_client: TestClient) -> TestClient:
    sign_in(app_client, EDITOR)
    return app_client


@dataclass(frozen=True, slots=True)
class State:
    """What a refused form must leave untouched."""

    current: str
    status: str
    code: str
    versions: int


def state_of(factory: sessionmaker[Session], component: str, version_id: str) -> State:
    with factory() as session:
        found = service.get_component(session, component)
        version = service.get_version(session, version_id)
        return State(
            current=str(found.current_version_id),
            status=version.status,
            code=service.load_content(session, version).code,
            versions=len(found_versions(session, found.name)),
        )


def found_versions(session: Session, name: str) -> list[str]:
    component = service.get_component(session, name)
    return [str(v.id) for v in service.list_versions(session, component, VersionFilter()).items]


def form_token(client: TestClient, page: str) -> str:
    return csrf_token(client.get(page).text)


def post(client: TestClient, path: str, **data: str) -> tuple[int, str, str]:
    response = client.post(path, data=data, follow_redirects=False)
    return response.status_code, response.headers.get("location", ""), response.text


def compare_of(seeded: Seeded) -> str:
    return f"/compare?from={seeded.edited}&to={seeded.draft}"


# --- What the compare page offers ---------------------------------------------------------


def test_the_compare_page_offers_review_forms_only_for_a_draft(
    ui: TestClient, seeded: Seeded
) -> None:
    accepted = ui.get(f"/compare?from={seeded.first}&to={seeded.edited}").text
    draft = ui.get(compare_of(seeded)).text
    on_branch = ui.get(f"/compare?from={seeded.regenerated}&to={seeded.branch}").text

    assert "Accept &amp; apply" not in accepted
    assert "as the current version of PrimaryButton on the experiment branch" in on_branch
    assert "Review draft 1.2.0" in draft
    assert f'action="/versions/{seeded.draft}/accept"' in draft
    assert f'action="/versions/{seeded.draft}/reject"' in draft
    # The open conflict blocks accepting, and the page says why.
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Accept &amp; apply", draft)
    assert "Resolve the 1 conflict below before accepting this draft." in draft
    assert "1 conflict(s) with your edits: resolve them before accepting" in draft


def test_each_conflict_shows_base_yours_and_generated_with_three_choices(
    ui: TestClient, seeded: Seeded
) -> None:
    html = ui.get(compare_of(seeded)).text

    section = html[html.index('id="conflicts"') :]
    assert "code: conflict 1 on entry padding in root" in section
    assert "generated 1.1.1" in section  # the labels the merge wrote into its markers
    assert "your edits (1.1.1)" in section
    assert "generated 1.2.0" in section
    assert "padding: &#34;8px&#34;" in section
    assert "padding: &#34;10px&#34;" in section
    assert "padding: &#34;12px&#34;" in section
    for choice, label in (
        ("ours", "Keep yours"),
        ("theirs", "Take generated"),
        ("both", "Keep both"),
    ):
        assert f'name="choice" value="{choice}"' in section
        assert f">{label}<" in section


def test_a_viewer_sees_the_draft_and_its_conflicts_without_the_forms(
    app_client: TestClient, seeded: Seeded
) -> None:
    sign_in(app_client, VIEWER)

    html = app_client.get(compare_of(seeded)).text

    assert "need the editor role" in html
    assert "entry padding in root" in html
    assert "/accept" not in html
    assert "/resolve" not in html
    assert "Keep yours" not in html


# --- Accept and reject ----------------------------------------------------------------------


def test_accepting_a_clean_draft_makes_it_current_and_says_so(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    draft = clean_draft(session_factory)
    with session_factory() as session:
        before = service.get_version(session, draft).parent_version_id
    token = form_token(ui, f"/compare?from={before}&to={draft}")

    status, location, _ = post(
        ui, f"/versions/{draft}/accept", csrf_token=token, **{"from": str(before)}
    )

    assert status == 303
    assert location == f"/components/{seeded.other_id}?done=accepted&version={draft}"
    page = ui.get(location).text
    assert "Accepted 1.1.0: it is now the current version." in page
    after = state_of(session_factory, "SecondaryButton", draft)
    assert (after.current, after.status, after.versions) == (draft, "active", 2)


def test_rejecting_a_draft_keeps_the_current_version(
    ui: TestClient, session_factory: sessionmaker[Session]
) -> None:
    draft = clean_draft(session_factory)
    before = state_of(session_factory, "SecondaryButton", draft)
    token = form_token(ui, f"/versions/{draft}")

    status, location, _ = post(ui, f"/versions/{draft}/reject", csrf_token=token, reason="too dark")

    assert status == 303
    page = ui.get(location).text
    assert "Rejected draft 1.1.0. The current version is still 1.0.0." in page
    after = state_of(session_factory, "SecondaryButton", draft)
    assert after.current == before.current
    assert after.status == "rejected"


def test_accepting_a_draft_with_open_conflicts_is_refused_on_the_page(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    before = state_of(session_factory, seeded.name, seeded.draft)
    token = form_token(ui, compare_of(seeded))

    status, _, html = post(
        ui, f"/versions/{seeded.draft}/accept", csrf_token=token, **{"from": seeded.edited}
    )

    assert status == 409
    assert "has 1 unresolved conflict(s); resolve them first" in html
    assert 'role="alert"' in html
    assert "PrimaryButton: 1.1.1 → 1.2.0" in html  # the compare page, not a bare error
    assert state_of(session_factory, seeded.name, seeded.draft) == before


def test_accepting_a_draft_after_its_branch_moved_on_is_refused(
    ui: TestClient, session_factory: sessionmaker[Session]
) -> None:
    draft = clean_draft(session_factory)
    with session_factory() as session:
        code = service.load_content(session, service.get_version(session, draft)).code
        parent = str(service.get_version(session, draft).parent_version_id)
        edit_code(session, "SecondaryButton", code=code + "\n// moved on\n", actor=EDITOR)
        session.commit()
    before = state_of(session_factory, "SecondaryButton", draft)
    page = ui.get(f"/compare?from={parent}&to={draft}").text
    assert "main moved on to 1.0.1 since this draft was made" in page

    status, _, html = post(
        ui, f"/versions/{draft}/accept", csrf_token=csrf_token(page), **{"from": parent}
    )

    assert status == 409
    assert "moved on since this draft was made; regenerate to refresh it" in html
    assert state_of(session_factory, "SecondaryButton", draft) == before


def test_reviewing_a_version_that_is_no_longer_a_draft_is_refused(
    ui: TestClient, seeded: Seeded
) -> None:
    token = form_token(ui, f"/versions/{seeded.edited}")

    status, _, html = post(ui, f"/versions/{seeded.edited}/reject", csrf_token=token)

    assert status == 409
    assert "1.1.1 is active, not a draft" in html


# --- Resolve -----------------------------------------------------------------------------


def test_resolving_a_hunk_updates_the_draft_and_comes_back_to_its_comparison(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    token = form_token(ui, compare_of(seeded))

    status, location, _ = post(
        ui,
        f"/versions/{seeded.draft}/resolve",
        csrf_token=token,
        file="code",
        index="0",
        choice="ours",
        **{"from": seeded.edited},
    )

    assert status == 303
    assert location == f"{compare_of(seeded)}&done=resolved#review"
    with session_factory() as session:
        draft = service.get_version(session, seeded.draft)
        assert open_conflicts(draft) == []
        code = service.load_content(session, draft).code
    assert 'padding: "10px"' in code
    assert "<<<<<<<" not in code
    page = ui.get(location.split("#")[0]).text
    assert "Every conflict is resolved: the draft can be accepted." in page
    assert "conflict(s) with your edits" not in page  # the draft's warning from before
    assert 'id="conflicts"' not in page
    assert not re.search(r"disabled[^>]*>Accept &amp; apply", page)


def test_a_choice_for_a_conflict_that_does_not_exist_is_invalid_input(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    before = state_of(session_factory, seeded.name, seeded.draft)
    token = form_token(ui, compare_of(seeded))

    bad_index = post(
        ui,
        f"/versions/{seeded.draft}/resolve",
        csrf_token=token,
        file="code",
        index="7",
        choice="ours",
    )
    bad_choice = post(
        ui,
        f"/versions/{seeded.draft}/resolve",
        csrf_token=token,
        file="code",
        index="0",
        choice="mine",
    )

    assert bad_index[0] == 422
    assert "no conflict #7" in bad_index[2]
    assert bad_choice[0] == 422
    assert state_of(session_factory, seeded.name, seeded.draft) == before


# --- Rollback ------------------------------------------------------------------------------


def test_rolling_back_asks_for_confirmation_then_publishes_a_patch(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    history = ui.get(f"/components/{seeded.component_id}").text
    assert f'href="/versions/{seeded.first}/rollback"' in history
    assert f'href="/versions/{seeded.edited}/rollback"' not in history  # the current version
    assert f'href="/versions/{seeded.draft}/rollback"' not in history  # not accepted

    page = ui.get(f"/versions/{seeded.first}/rollback").text
    assert "Roll PrimaryButton back to 1.0.0" in page
    assert "1.1.2" in page  # the number it will get
    assert f'name="current" value="{seeded.edited}"' in page

    status, location, _ = post(
        ui,
        f"/versions/{seeded.first}/rollback",
        csrf_token=csrf_token(page),
        current=seeded.edited,
        reason="back to basics",
    )

    assert status == 303
    done = ui.get(location).text
    assert "Rolled back to 1.0.0: published as 1.1.2, now the current version." in done
    with session_factory() as session:
        component = service.get_component(session, seeded.name)
        now = service.get_version(session, str(component.current_version_id))
        assert now.trigger == "rollback"
        assert now.reason == "back to basics"
        assert now.version_string == "1.1.2"


def test_a_rollback_that_breaks_the_props_api_shows_the_findings_and_asks_again(
    ui: TestClient, session_factory: sessionmaker[Session]
) -> None:
    first = breaking_upgrade(session_factory)
    before = state_of(session_factory, "SecondaryButton", first)
    page = ui.get(f"/versions/{first}/rollback").text
    reason = f"tone was a mistake {XSS_SCRIPT} {XSS_IMG}"

    status, _, refused = post(
        ui,
        f"/versions/{first}/rollback",
        csrf_token=csrf_token(page),
        current=before.current,
        reason=reason,
    )

    assert status == 409
    assert "breaks its props API" in refused
    assert "prop-removed" in refused
    assert "Roll back anyway (publishes a new major version)" in refused
    assert 'name="confirm_major" value="true"' in refused
    assert "2.0.0" in refused
    assert XSS_SCRIPT not in refused  # the reason is kept, escaped
    assert XSS_IMG not in refused
    assert "tone was a mistake &lt;script&gt;" in refused
    assert state_of(session_factory, "SecondaryButton", first) == before

    status, location, _ = post(
        ui,
        f"/versions/{first}/rollback",
        csrf_token=csrf_token(refused),
        current=before.current,
        reason=reason,
        confirm_major="true",
    )

    assert status == 303
    assert "published as 2.0.0, now the current version" in ui.get(location).text
    assert state_of(session_factory, "SecondaryButton", first).versions == before.versions + 1


def test_a_rollback_confirmed_against_another_current_version_is_refused(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    before = state_of(session_factory, seeded.name, seeded.first)
    token = form_token(ui, f"/versions/{seeded.first}/rollback")

    status, _, html = post(
        ui, f"/versions/{seeded.first}/rollback", csrf_token=token, current=seeded.regenerated
    )

    assert status == 409
    assert "The current version is now 1.1.1" in html
    assert f'name="current" value="{seeded.edited}"' in html  # confirm against the real one
    assert state_of(session_factory, seeded.name, seeded.first) == before


@pytest.mark.parametrize("which", ["draft", "edited", "branch"])
def test_rolling_back_to_a_draft_or_the_current_version_is_refused(
    ui: TestClient, seeded: Seeded, which: str
) -> None:
    target = getattr(seeded, which)

    response = ui.get(f"/versions/{target}/rollback")

    assert response.status_code == 422
    assert "accepted version" in response.text or "already the current version" in response.text


# --- Guards: CSRF, roles, unknown ids -------------------------------------------------------


def actions(seeded: Seeded) -> list[tuple[str, dict[str, str]]]:
    return [
        (f"/versions/{seeded.draft}/accept", {}),
        (f"/versions/{seeded.draft}/reject", {}),
        (f"/versions/{seeded.draft}/resolve", {"file": "code", "index": "0", "choice": "ours"}),
        (f"/versions/{seeded.first}/rollback", {"current": seeded.edited, "confirm_major": "true"}),
    ]


def test_forms_without_the_csrf_token_are_refused(
    ui: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    before = state_of(session_factory, seeded.name, seeded.draft)
    for path, data in actions(seeded):
        for token in ({}, {"csrf_token": "forged"}):
            response = ui.post(path, data={**data, **token}, follow_redirects=False)
            assert response.status_code == 403, path
            assert "security token" in response.text, path
    assert state_of(session_factory, seeded.name, seeded.draft) == before


def test_viewers_cannot_accept_reject_resolve_or_roll_back(
    app_client: TestClient, seeded: Seeded, session_factory: sessionmaker[Session]
) -> None:
    sign_in(app_client, VIEWER)
    token = form_token(app_client, compare_of(seeded))
    before = state_of(session_factory, seeded.name, seeded.draft)
    for path, data in actions(seeded):
        response = app_client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
        assert response.status_code == 403, path
        assert "needs the editor role" in response.text, path
        assert response.headers["content-type"].startswith("text/html"), path
    assert state_of(session_factory, seeded.name, seeded.draft) == before
    # The confirmation page reads like any page, without the form.
    page = app_client.get(f"/versions/{seeded.first}/rollback")
    assert page.status_code == 200
    assert "Rolling back needs the editor role." in page.text
    assert f'action="/versions/{seeded.first}/rollback"' not in page.text


@pytest.mark.parametrize("version_id", [str(uuid.UUID(int=7)), "not-a-uuid"])
def test_unknown_versions_are_not_found_pages(
    ui: TestClient, seeded: Seeded, version_id: str
) -> None:
    token = form_token(ui, compare_of(seeded))
    forms = {
        "accept": {},
        "reject": {},
        "resolve": {"file": "code", "index": "0", "choice": "ours"},
        "rollback": {"current": seeded.edited},
    }
    for action, data in forms.items():
        response = ui.post(
            f"/versions/{version_id}/{action}",
            data={**data, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code == 404, action
        assert response.headers["content-type"].startswith("text/html"), action
        assert "Not found" in response.text, action
    page = ui.get(f"/versions/{version_id}/rollback")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
