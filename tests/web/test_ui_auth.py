"""Signing in to the pages: the session cookie, CSRF on every form, roles as in the API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import Settings, SignInSettings
from redraft.features.users import service as users
from redraft.web.app import create_app
from redraft.web.ui import install_ui
from redraft.web.ui.auth import safe_next
from redraft.web.ui.session import SESSION_COOKIE
from redraft.web.ui.throttle import SignInThrottle
from tests.e2e.seed import EDITOR, PASSWORD, VIEWER, Seeded, csrf_token, seed, sign_in


@pytest.fixture(autouse=True)
def seeded(session_factory: sessionmaker[Session]) -> Seeded:
    return seed(session_factory)


@pytest.fixture
def ui(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    install_ui(app, settings)
    with TestClient(app) as client:
        yield client


def tag_form(client: TestClient, version_id: str) -> dict[str, str]:
    page = client.get(f"/versions/{version_id}")
    return {"tag": "reviewed", "csrf_token": csrf_token(page.text)}


def tags_of(client: TestClient, version_id: str) -> str:
    return client.get(f"/versions/{version_id}").text


def test_a_page_sends_visitors_to_the_sign_in_form_and_back(ui: TestClient, seeded: Seeded) -> None:
    page = f"/components/{seeded.component_id}?author=ada"

    response = ui.get(page, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == (
        f"/login?next=%2Fcomponents%2F{seeded.component_id}%3Fauthor%3Dada"
    )
    form = ui.get(response.headers["location"])
    back = ui.post(
        "/login",
        data={
            "username": EDITOR,
            "password": PASSWORD,
            "csrf_token": csrf_token(form.text),
            "next": page,
        },
        follow_redirects=False,
    )
    assert back.headers["location"] == page


def test_signing_in_sets_an_http_only_same_site_cookie(ui: TestClient) -> None:
    response = sign_in(ui, EDITOR)

    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; https gets Secure (next test)
    assert ui.get("/").status_code == 200


def test_the_cookie_is_secure_over_https(settings: Settings) -> None:
    app = create_app(settings)
    install_ui(app, settings)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/login")

    assert "Secure" in response.headers["set-cookie"]


def test_a_wrong_password_shows_the_form_again(ui: TestClient) -> None:
    token = csrf_token(ui.get("/login").text)

    response = ui.post(
        "/login", data={"username": EDITOR, "password": "not it at all", "csrf_token": token}
    )

    assert response.status_code == 401
    assert "Wrong user name or password." in response.text
    assert ui.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/components/x?tag=a", "/components/x?tag=a"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/\r\nLocation: x", "/"),
        ("", "/"),
    ],
)
def test_after_sign_in_only_paths_on_this_site_are_followed(given: str, expected: str) -> None:
    assert safe_next(given) == expected


def test_sign_in_never_redirects_to_another_site(ui: TestClient) -> None:
    token = csrf_token(ui.get("/login").text)
    data = {"username": EDITOR, "password": PASSWORD, "csrf_token": token}

    response = ui.post("/login", data={**data, "next": "//evil.example/"}, follow_redirects=False)

    assert response.headers["location"] == "/"


def test_forms_without_the_csrf_token_are_refused(ui: TestClient, seeded: Seeded) -> None:
    sign_in(ui, EDITOR)
    url = f"/versions/{seeded.first}/tags"

    missing = ui.post(url, data={"tag": "reviewed"})
    wrong = ui.post(url, data={"tag": "reviewed", "csrf_token": "x" * 43})
    as_json = ui.post(url, json={"tag": "reviewed", "csrf_token": csrf_token(ui.get("/").text)})

    for response in (missing, wrong, as_json):
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("text/html")
        assert "security token" in response.text
    assert "reviewed" not in tags_of(ui, seeded.first)


def test_the_sign_in_form_needs_its_csrf_token_too(ui: TestClient) -> None:
    ui.get("/login")

    response = ui.post("/login", data={"username": EDITOR, "password": PASSWORD})

    assert response.status_code == 403


def test_a_token_from_before_signing_in_is_not_accepted_after(
    ui: TestClient, seeded: Seeded
) -> None:
    before = csrf_token(ui.get("/login").text)
    sign_in(ui, EDITOR)

    response = ui.post(f"/versions/{seeded.first}/tags", data={"tag": "x", "csrf_token": before})

    assert response.status_code == 403


def test_a_tampered_cookie_counts_as_signed_out(ui: TestClient) -> None:
    sign_in(ui, EDITOR)
    payload, _, signature = ui.cookies[SESSION_COOKIE].partition(".")
    ui.cookies.clear()
    forged = payload[:-1] + ("B" if payload.endswith("A") else "A")
    ui.cookies.set(SESSION_COOKIE, f"{forged}.{signature}")

    assert ui.get("/", follow_redirects=False).status_code == 303


def test_changing_the_password_ends_other_sessions(
    ui: TestClient, session_factory: sessionmaker[Session]
) -> None:
    sign_in(ui, EDITOR)
    with session_factory() as session:
        users.set_password(session, users.get_user(session, EDITOR), "a brand new password")
        session.commit()

    assert ui.get("/", follow_redirects=False).status_code == 303


def test_viewers_read_pages_but_cannot_tag(ui: TestClient, seeded: Seeded) -> None:
    sign_in(ui, VIEWER)

    page = ui.get(f"/components/{seeded.component_id}")
    response = ui.post(f"/versions/{seeded.first}/tags", data=tag_form(ui, seeded.first))

    assert page.status_code == 200
    assert "Add a tag" not in page.text
    assert response.status_code == 403
    assert "needs the editor role" in response.text


def test_editors_tag_and_untag_through_the_forms(ui: TestClient, seeded: Seeded) -> None:
    sign_in(ui, EDITOR)

    added = ui.post(f"/versions/{seeded.first}/tags", data=tag_form(ui, seeded.first))
    assert added.status_code == 200  # followed the 303 back to the version page
    assert '<span class="tag">reviewed</span>' in added.text
    form = {"tag": "reviewed", "csrf_token": csrf_token(added.text)}
    removed = ui.post(f"/versions/{seeded.first}/tags/remove", data=form)

    assert removed.status_code == 200
    assert '<span class="tag">reviewed</span>' not in removed.text


def test_signing_out_ends_the_session(ui: TestClient) -> None:
    sign_in(ui, VIEWER)

    response = ui.post(
        "/logout", data={"csrf_token": csrf_token(ui.get("/").text)}, follow_redirects=False
    )

    assert response.headers["location"] == "/login"
    assert ui.get("/", follow_redirects=False).status_code == 303


def test_signing_out_needs_the_token_unless_the_session_already_ended(ui: TestClient) -> None:
    sign_in(ui, VIEWER)
    refused = ui.post("/logout", data={}, follow_redirects=False)
    ui.cookies.clear()
    ended = ui.post("/logout", data={}, follow_redirects=False)

    assert refused.status_code == 403
    assert ended.status_code == 303
    assert ended.headers["location"] == "/login"


def test_pages_forbid_inline_script_and_caching(ui: TestClient) -> None:
    sign_in(ui, VIEWER)

    headers = ui.get("/").headers

    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"


def test_api_errors_stay_problem_json_and_page_errors_are_html(ui: TestClient) -> None:
    sign_in(ui, VIEWER)

    page = ui.get("/versions/00000000-0000-0000-0000-000000000000")
    api = ui.get("/api/v1/versions/00000000-0000-0000-0000-000000000000")

    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    assert api.status_code == 401
    assert api.headers["content-type"] == "application/problem+json"


def attempt(client: TestClient, name: str, password: str) -> Response:
    token = csrf_token(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def test_after_five_wrong_passwords_even_the_right_one_is_refused(ui: TestClient) -> None:
    for _ in range(5):
        assert attempt(ui, EDITOR, "not it at all").status_code == 401

    refused = attempt(ui, EDITOR, PASSWORD)

    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("text/html")
    assert 900 - 60 < int(refused.headers["retry-after"]) <= 900
    assert "Too many failed sign-ins" in refused.text
    assert "Try again in 15 minutes." in refused.text
    assert csrf_token(refused.text)  # the form is shown again, ready for later
    assert ui.get("/", follow_redirects=False).status_code == 303


def test_other_users_still_sign_in_while_one_name_is_held_back(ui: TestClient) -> None:
    for _ in range(6):
        attempt(ui, EDITOR, "not it at all")

    assert sign_in(ui, VIEWER).status_code == 303


def test_names_that_do_not_exist_are_held_back_alike(ui: TestClient) -> None:
    statuses = [attempt(ui, "nobody-here", "not it at all").status_code for _ in range(6)]

    assert statuses == [401] * 5 + [429]


def test_signing_in_starts_the_count_afresh(ui: TestClient) -> None:
    for _ in range(4):
        attempt(ui, EDITOR, "not it at all")
    sign_in(ui, EDITOR)
    ui.post("/logout", data={"csrf_token": csrf_token(ui.get("/").text)})

    statuses = [attempt(ui, EDITOR, "not it at all").status_code for _ in range(5)]

    assert statuses == [401] * 5


@pytest.fixture
def clocked(settings: Settings) -> Iterator[tuple[TestClient, list[float]]]:
    """The UI with a sign-in throttle whose clock is the list's one number, moved by hand."""
    now = [0.0]
    app = create_app(settings)
    app.state.ui = replace(
        app.state.ui, sign_ins=SignInThrottle.from_settings(settings.sign_in, clock=lambda: now[0])
    )
    with TestClient(app) as client:
        yield client, now


def test_the_name_may_try_again_once_the_window_has_passed(
    clocked: tuple[TestClient, list[float]],
) -> None:
    client, now = clocked
    for _ in range(5):
        attempt(client, EDITOR, "not it at all")
        now[0] += 60

    assert attempt(client, EDITOR, PASSWORD).status_code == 429
    now[0] = 15 * 60  # the first failure, at 0, is now a whole window old
    assert attempt(client, EDITOR, PASSWORD).status_code == 303


def test_the_limits_are_settings(settings: Settings) -> None:
    settings = settings.model_copy(
        update={"sign_in": SignInSettings(max_failures_per_name=2, max_failures_per_address=3)}
    )
    with TestClient(create_app(settings)) as client:
        by_name = [attempt(client, EDITOR, "not it at all").status_code for _ in range(3)]
        by_address = attempt(client, VIEWER, "not it at all")
        other_name = attempt(client, "nobody-here", PASSWORD)

    assert by_name == [401, 401, 429]
    assert by_address.status_code == 401  # the address's third failure
    assert other_name.status_code == 429  # a fourth from one address is one too many
