"""`redraft archive --older-than AGE` and `redraft storage`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from redraft.db.models import ComponentVersion
from redraft.db.session import unit_of_work
from redraft.features.components import service as components
from tests.cli.test_audit_cli import Redraft, two_versions


@pytest.fixture
def redraft(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Redraft:
    return Redraft(db_url, monkeypatch)


def made_days_ago(factory: sessionmaker[Session], ids: list[str], days: list[int]) -> None:
    with unit_of_work(factory) as session:
        for version_id, age in zip(ids, days, strict=True):
            session.execute(
                update(ComponentVersion)
                .where(ComponentVersion.id == uuid.UUID(version_id))
                .values(created_at=datetime.now(UTC) - timedelta(days=age))
            )


def status_of(factory: sessionmaker[Session], version_id: str) -> str:
    with factory() as session:
        return components.get_version(session, version_id).status


def test_archive_retires_old_versions_but_not_the_current_one(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, second = two_versions(session_factory)
    made_days_ago(session_factory, [first, second], [120, 100])

    result = redraft.json("archive", "--older-than", "90d")

    assert (result["dry_run"], result["count"]) == (False, 1)
    assert [v["id"] for v in result["versions"]] == [first]
    assert status_of(session_factory, first) == "archived"
    assert status_of(session_factory, second) == "active"
    audit = redraft.json("audit", "--action", "versions.archive")
    assert [e["actor"] for e in audit["items"]] == ["ci-bot"]


def test_weeks_and_hours_work_too(redraft: Redraft, session_factory: sessionmaker[Session]) -> None:
    first, second = two_versions(session_factory)
    made_days_ago(session_factory, [first, second], [20, 10])

    assert redraft.json("archive", "--older-than", "3w")["count"] == 0
    assert redraft.json("archive", "--older-than", "2w")["count"] == 1
    assert redraft.json("archive", "--older-than", "12h")["count"] == 0  # already archived


def test_a_dry_run_prints_what_would_go_and_changes_nothing(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    first, second = two_versions(session_factory)
    made_days_ago(session_factory, [first, second], [120, 100])

    out = redraft("archive", "--older-than", "90d", "--dry-run").stdout

    assert "would archive 1 version(s)" in out
    assert "PrimaryButton" in out
    assert "1.0.0" in out
    assert status_of(session_factory, first) == "active"


@pytest.mark.parametrize("age", ["90x", "0d", "-5d", "90", "ninety days"])
def test_a_bad_age_exits_2_and_changes_nothing(
    redraft: Redraft, session_factory: sessionmaker[Session], age: str
) -> None:
    first, second = two_versions(session_factory)
    made_days_ago(session_factory, [first, second], [120, 100])

    result = redraft("archive", "--older-than", age, code=2)

    assert "invalid age" in result.output
    assert status_of(session_factory, first) == "active"


def test_storage_reports_each_component(
    redraft: Redraft, session_factory: sessionmaker[Session]
) -> None:
    two_versions(session_factory)
    two_versions(session_factory, "GhostButton")

    everything = redraft.json("storage")["items"]
    one = redraft.json("storage", "PrimaryButton")
    table = redraft("storage").stdout

    assert [s["name"] for s in everything] == ["GhostButton", "PrimaryButton"]
    assert everything[1] == one
    assert one["versions"] == 2
    assert 0 < one["stored_bytes"] < one["raw_bytes"]
    # Same token set in both: that blob is shared, and counted in each component.
    assert one["shared_blobs"] >= 1
    assert "GhostButton" in table
    assert "KB" in table


def test_storage_of_an_unknown_component_exits_3(redraft: Redraft) -> None:
    redraft("storage", "Nope", code=3)
