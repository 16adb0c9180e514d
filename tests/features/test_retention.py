"""Retention archives exactly the old versions nothing points at; storage adds up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redraft.codegen.registry import load_generator
from redraft.core.tokens import parse_tokens
from redraft.db.models import Blob, Branch, Component, ComponentVersion
from redraft.errors import InvalidInput
from redraft.features.audit import service as audit
from redraft.features.compare import service as compare
from redraft.features.components import service as components
from redraft.features.components import tags
from redraft.features.regeneration import service as regeneration
from redraft.features.retention import service as retention
from redraft.spec.requirements import parse_requirements
from tests.db.rows import add_component, add_version
from tests.factories import button_requirements, tokens

NOW = datetime(2025, 6, 1, tzinfo=UTC)
AGE = timedelta(days=90)


def aged(
    session: Session,
    component: Component,
    number: tuple[int, int, int],
    days_old: int,
    *,
    status: str = "active",
    branch: str = "main",
    prerelease: str = "",
    parent: ComponentVersion | None = None,
    merge_parent: ComponentVersion | None = None,
) -> ComponentVersion:
    version = add_version(
        session, component, number, status=status, prerelease=prerelease, parent=parent
    )
    version.created_at = NOW - timedelta(days=days_old)
    version.branch = branch
    version.merge_parent_version_id = merge_parent.id if merge_parent is not None else None
    session.flush()
    return version


def branch(
    session: Session,
    component: Component,
    name: str,
    base: ComponentVersion,
    head: ComponentVersion,
    *,
    status: str = "active",
) -> None:
    session.add(
        Branch(
            component_id=component.id,
            name=name,
            base_version_id=base.id,
            head_version_id=head.id,
            status=status,
            created_at=base.created_at,
            created_by="ann",
        )
    )
    session.flush()


@pytest.fixture
def history(session: Session) -> dict[str, ComponentVersion]:
    """One component's history with one version per rule, named for what should happen."""
    button = add_component(session)
    v: dict[str, ComponentVersion] = {}
    v["old"] = aged(session, button, (1, 0, 0), 300)
    v["tagged"] = aged(session, button, (1, 1, 0), 280, parent=v["old"])
    v["branch_point"] = aged(session, button, (1, 2, 0), 260, parent=v["tagged"])
    # Branch `dark`: an old version, then its head.
    v["old_on_branch"] = aged(
        session,
        button,
        (1, 3, 0),
        250,
        branch="dark",
        prerelease="dark.1",
        parent=v["branch_point"],
    )
    v["branch_head"] = aged(
        session,
        button,
        (1, 3, 0),
        240,
        branch="dark",
        prerelease="dark.2",
        parent=v["old_on_branch"],
    )
    # Branch `wide`: merged into main from a version that is not its head.
    v["merge_parent"] = aged(
        session,
        button,
        (1, 4, 0),
        230,
        branch="wide",
        prerelease="wide.1",
        parent=v["branch_point"],
    )
    v["merged_head"] = aged(
        session,
        button,
        (1, 4, 0),
        225,
        branch="wide",
        prerelease="wide.2",
        parent=v["merge_parent"],
    )
    v["merge"] = aged(
        session, button, (1, 5, 0), 220, parent=v["branch_point"], merge_parent=v["merge_parent"]
    )
    v["draft"] = aged(session, button, (1, 6, 0), 210, status="draft", parent=v["merge"])
    v["rejected"] = aged(session, button, (1, 6, 0), 205, status="rejected", parent=v["merge"])
    v["recent"] = aged(session, button, (1, 7, 0), 30, parent=v["merge"])
    v["current"] = aged(session, button, (1, 8, 0), 10, parent=v["recent"])
    button.current_version_id = v["current"].id
    # A branch made from an old version, with no versions of its own yet.
    v["idle_base"] = aged(session, button, (1, 5, 1), 215, parent=v["merge"])
    branch(session, button, "dark", v["branch_point"], v["branch_head"])
    branch(session, button, "wide", v["branch_point"], v["merged_head"], status="merged")
    branch(session, button, "idle", v["idle_base"], v["idle_base"])
    # Another component whose only version is old and current.
    card = add_component(session, "InfoCard")
    v["other_current"] = aged(session, card, (1, 0, 0), 400)
    card.current_version_id = v["other_current"].id
    session.flush()
    tags.add_tag(session, v["tagged"], "experimental", actor="ann")
    session.commit()
    return v


def statuses(session: Session, history: dict[str, ComponentVersion]) -> dict[str, str]:
    session.expire_all()
    return {name: session.get_one(ComponentVersion, v.id).status for name, v in history.items()}


ARCHIVED = {"old", "old_on_branch", "merge"}


def test_archives_exactly_old_versions_nothing_points_at(
    session: Session, history: dict[str, ComponentVersion]
) -> None:
    before = statuses(session, history)

    archived = retention.archive_older_than(session, older_than=AGE, now=NOW, actor="ann")
    session.commit()

    names = {v.id: name for name, v in history.items()}
    assert [names[v.id] for v in archived] == ["old", "old_on_branch", "merge"]  # oldest first
    after = statuses(session, history)
    assert {name for name, status in after.items() if status == "archived"} == ARCHIVED
    assert {name: s for name, s in after.items() if name not in ARCHIVED} == {
        name: s for name, s in before.items() if name not in ARCHIVED
    }


@pytest.mark.usefixtures("history")
def test_a_run_records_one_audit_event_with_the_count_and_ids(session: Session) -> None:
    archived = retention.archive_older_than(session, older_than=AGE, now=NOW, actor="ann")
    session.commit()

    (event,), total = audit.list_events(session, action="versions.archive")
    assert total == 1
    assert event.actor == "ann"
    assert event.details["count"] == 3
    assert event.details["version_ids"] == [str(v.id) for v in archived]
    assert event.details["per_component"] == {"PrimaryButton": 3}
    assert event.details["cutoff"] == (NOW - AGE).isoformat()


@pytest.mark.usefixtures("history")
def test_a_second_run_archives_nothing_more(session: Session) -> None:
    retention.archive_older_than(session, older_than=AGE, now=NOW, actor="ann")
    session.commit()

    again = retention.archive_older_than(session, older_than=AGE, now=NOW, actor="ann")

    assert again == []


def test_a_dry_run_lists_the_same_versions_and_changes_nothing(
    session: Session, history: dict[str, ComponentVersion]
) -> None:
    before = statuses(session, history)

    listed = retention.archive_older_than(
        session, older_than=AGE, now=NOW, actor="ann", dry_run=True
    )
    session.commit()

    assert {v.id for v in listed} == {history[name].id for name in ARCHIVED}
    assert statuses(session, history) == before
    assert audit.list_events(session, action="versions.archive")[1] == 0


def test_the_age_decides_what_is_old_enough(
    session: Session, history: dict[str, ComponentVersion]
) -> None:
    archived = retention.archive_older_than(
        session, older_than=timedelta(days=240), now=NOW, actor="ann"
    )

    assert {v.id for v in archived} == {history["old"].id, history["old_on_branch"].id}


@pytest.mark.parametrize("age", [timedelta(0), timedelta(days=-90)])
def test_a_non_positive_age_is_refused_and_changes_nothing(
    session: Session, history: dict[str, ComponentVersion], age: timedelta
) -> None:
    before = statuses(session, history)

    with pytest.raises(InvalidInput, match="must be positive"):
        retention.archive_older_than(session, older_than=age, now=NOW, actor="ann")
    session.rollback()

    assert statuses(session, history) == before


@pytest.mark.parametrize(
    ("text", "age"),
    [("90d", timedelta(days=90)), ("12h", timedelta(hours=12)), ("2w", timedelta(weeks=2))],
)
def test_ages_read_as_hours_days_or_weeks(text: str, age: timedelta) -> None:
    assert retention.parse_age(text) == age


@pytest.mark.parametrize("text", ["90x", "90", "d", "", "-5d", "1.5d", "0d", "90 days"])
def test_other_ages_are_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="invalid age"):
        retention.parse_age(text)


def test_an_archived_version_stays_readable_and_comparable(session: Session) -> None:
    generator = load_generator()
    first = components.create_component(
        session,
        requirements=parse_requirements(button_requirements()),
        tokens=parse_tokens({"tokens.json": tokens()}),
        generator=generator,
        actor="ann",
    )
    code = components.load_content(session, first).code
    second = regeneration.edit_code(
        session, "PrimaryButton", code=code + "\n// tweak\n", actor="ann"
    )
    session.commit()

    (archived,) = retention.archive_older_than(
        session, older_than=AGE, now=datetime.now(UTC) + 2 * AGE, actor="ann"
    )
    session.commit()

    assert archived.id == first.id
    component = components.get_component(session, "PrimaryButton")
    read = components.get_version(session, first.id)
    assert read.status == "archived"
    assert components.load_content(session, read).code == code
    comparison = compare.compare_versions(session, component, read, second)
    assert comparison.from_version.id == first.id
    assert comparison.to_version.id == second.id


def test_storage_counts_shared_blobs_in_each_component_and_flags_them(session: Session) -> None:
    shared = {"tokens": '{"color.primary": "#1d4ed8"}', "requirements": '{"name": "X"}'}
    button = add_component(session, "PrimaryButton")
    card = add_component(session, "InfoCard")
    first = add_version(session, button, code="export const a = 1;\n", **shared)
    add_version(session, button, (1, 0, 1), code="export const a = 2;\n", parent=first, **shared)
    add_version(session, card, code="export const card = 1;\n", stories="// card\n", **shared)
    session.commit()

    report = {s.name: s for s in retention.storage_report(session)}
    (alone,) = retention.storage_report(session, card.id)

    blob_bytes, blob_raw = session.execute(
        select(func.sum(func.length(Blob.data)), func.sum(Blob.size))
    ).one()
    b, c = report["PrimaryButton"], report["InfoCard"]
    assert list(report) == ["InfoCard", "PrimaryButton"]  # by name
    assert (b.versions, c.versions) == (2, 1)
    # Button: 2 codes + stories + tokens + requirements + token usage; card: one of each (its
    # pristine code is its code).
    assert (b.blobs, c.blobs) == (6, 5)
    # Shared: tokens, requirements and token usage (both "[]"); the stories differ.
    assert (b.shared_blobs, c.shared_blobs) == (3, 3)
    assert b.shared_stored_bytes == c.shared_stored_bytes > 0
    # Each shared blob is counted in both components: the sums exceed the table by that much.
    assert b.stored_bytes + c.stored_bytes - b.shared_stored_bytes == blob_bytes
    assert b.raw_bytes + c.raw_bytes - _raw_shared() == blob_raw
    assert 0 < c.shared_share < 1
    assert b.row_bytes > c.row_bytes > 0
    assert alone == c
    assert b.within_budget
    assert b.total_bytes == b.row_bytes + b.stored_bytes


def _raw_shared() -> int:
    texts = ['{"color.primary": "#1d4ed8"}', '{"name": "X"}', "[]"]
    return sum(len(t.encode()) for t in texts)


@pytest.mark.usefixtures("history")
def test_storage_counts_archived_versions(session: Session) -> None:
    retention.archive_older_than(session, older_than=AGE, now=NOW, actor="ann")
    session.commit()

    report = {s.name: s for s in retention.storage_report(session)}

    assert report["PrimaryButton"].versions == 13
    assert report["PrimaryButton"].archived_versions == 3
    assert report["InfoCard"].archived_versions == 0
