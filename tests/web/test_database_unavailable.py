"""A database that cannot serve (no pooled connection in time, a statement past its timeout)
answers 503 with `Retry-After`, as problem+json or the error page; `/healthz` does not care,
`/readyz` says so; and all of it recovers by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from redraft.config import DatabaseSettings, Settings
from redraft.features.users import service as users
from redraft.web.app import create_app
from tests.e2e.seed import quick_hash, sign_in
from tests.factories import button_requirements, tokens

API = "/api/v1"


@pytest.fixture
def tiny_pool(db_url: str) -> Settings:
    # One connection and a short wait for it: a test that holds it makes the database "busy".
    return Settings(
        database=DatabaseSettings(
            url=db_url, pool_size=1, pool_max_overflow=0, pool_timeout_seconds=0.3
        )
    )


@pytest.fixture
def app_client(tiny_pool: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(tiny_pool)) as client:
        yield client


def app_engine(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def assert_unavailable(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["title"] == "Service unavailable"
    assert problem["request_id"] == response.headers["x-request-id"]


def test_no_free_connection_answers_503_until_one_comes_back(
    app_client: TestClient, role_tokens: dict[str, str]
) -> None:
    app_client.headers["Authorization"] = f"Bearer {role_tokens['editor']}"
    assert app_client.get(f"{API}/components").status_code == 200

    with app_engine(app_client).connect():  # the pool's only connection, held
        assert_unavailable(app_client.get(f"{API}/components"))
        assert_unavailable(
            app_client.post(
                f"{API}/components",
                json={"requirements": button_requirements(), "tokens": tokens()},
            )
        )
        assert app_client.get("/healthz").json() == {"status": "ok"}
        ready = app_client.get("/readyz")
        assert ready.status_code == 503
        assert ready.headers["retry-after"] == "5"
        assert ready.json()["checks"]["database"]["status"] == "failed"

    assert app_client.get(f"{API}/components").json()["total"] == 0  # nothing half-written
    ready = app_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"]["status"] == "ok"


def test_a_page_without_a_free_connection_is_the_error_page_with_503(
    app_client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        users.create_user(session, name="ada", role="editor").password_hash = quick_hash()
        session.commit()
    sign_in(app_client, "ada")

    with app_engine(app_client).connect():
        page = app_client.get("/", follow_redirects=False)

    assert page.status_code == 503
    assert page.headers["retry-after"] == "5"
    assert page.headers["content-type"].startswith("text/html")
    assert "Service unavailable" in page.text
    assert page.headers["x-request-id"] in page.text
    assert app_client.get("/", follow_redirects=False).status_code == 200


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_statement_past_the_postgres_statement_timeout_answers_503(
    db_url: str, role_tokens: dict[str, str]
) -> None:
    settings = Settings(
        database=DatabaseSettings(
            url=db_url, statement_timeout_seconds=0.5, answer_timeout_seconds=5
        )
    )
    with TestClient(create_app(settings)) as client:
        client.headers["Authorization"] = f"Bearer {role_tokens['editor']}"
        created = client.post(
            f"{API}/components", json={"requirements": button_requirements(), "tokens": tokens()}
        ).json()
        code = client.get(f"{API}/versions/{created['current_version']['id']}").json()[
            "component_code"
        ]
        edit = {"code": code + "// by hand\n"}
        # Another transaction holds the component's row lock: the edit waits for it until
        # the server cancels the statement.
        holder = create_engine(db_url, poolclass=NullPool)
        try:
            with holder.begin() as held:
                held.execute(
                    text("SELECT id FROM components WHERE id = :id FOR UPDATE"),
                    {"id": created["id"]},
                )
                assert_unavailable(client.put(f"{API}/components/{created['id']}/code", json=edit))
        finally:
            holder.dispose()

        stored = client.put(f"{API}/components/{created['id']}/code", json=edit)
        assert stored.status_code == 200, stored.text
        assert stored.json()["version"] == "1.0.1"


def test_healthz_answers_without_touching_the_database() -> None:
    # No lifespan has run: there is no engine, no pool, nothing but the routes.
    settings = Settings(database=DatabaseSettings(url="postgresql://nobody@127.0.0.1:1/none"))
    client = TestClient(create_app(settings))

    assert client.get("/healthz").json() == {"status": "ok"}
