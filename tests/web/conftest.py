from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from redraft.config import DatabaseSettings, LimitSettings, Settings
from redraft.features.users import service as users
from redraft.web.app import create_app


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=db_url), limits=LimitSettings(max_upload_bytes=200_000)
    )


@pytest.fixture
def role_tokens(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """A bearer token per role (viewer, editor, admin)."""
    out: dict[str, str] = {}
    with session_factory() as session:
        for role in ("viewer", "editor", "admin"):
            user = users.create_user(session, name=f"{role}-user", role=role)
            out[role] = users.issue_token(session, user).secret
        session.commit()
    return out


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def editor(client: TestClient, role_tokens: dict[str, str]) -> TestClient:
    client.headers["Authorization"] = f"Bearer {role_tokens['editor']}"
    return client
