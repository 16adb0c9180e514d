"""Database-level guarantees of the store: they hold whatever the service code does."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from redraft.db.models import Component, ComponentVersion
from redraft.db.session import unit_of_work
from tests.db.rows import add_component, add_version


@pytest.fixture
def component_ids(session_factory: sessionmaker[Session]) -> tuple[uuid.UUID, uuid.UUID]:
    with unit_of_work(session_factory) as session:
        return add_component(session, "Button").id, add_component(session, "Card").id


def store(
    factory: sessionmaker[Session],
    component_id: uuid.UUID,
    number: tuple[int, int, int],
    status: str,
    prerelease: str = "",
) -> uuid.UUID:
    with unit_of_work(factory) as session:
        component = session.get_one(Component, component_id)
        return add_version(session, component, number, status=status, prerelease=prerelease).id


@pytest.mark.parametrize("second", ["active", "archived"])
def test_two_accepted_versions_of_a_component_cannot_share_a_number(
    session_factory: sessionmaker[Session],
    component_ids: tuple[uuid.UUID, uuid.UUID],
    second: str,
) -> None:
    button, _ = component_ids
    store(session_factory, button, (1, 2, 0), "active")

    # PostgreSQL names the index; SQLite names its columns.
    taken = r"uq_component_versions_number_accepted|UNIQUE constraint failed: component_versions"
    with pytest.raises(IntegrityError, match=taken):
        store(session_factory, button, (1, 2, 0), second)


def test_unaccepted_versions_other_components_and_prereleases_may_share_a_number(
    session_factory: sessionmaker[Session],
    component_ids: tuple[uuid.UUID, uuid.UUID],
) -> None:
    button, card = component_ids
    store(session_factory, button, (1, 2, 0), "active")
    for status in ("draft", "draft", "rejected", "superseded"):
        store(session_factory, button, (1, 2, 0), status)
    store(session_factory, button, (1, 2, 0), "active", prerelease="rc.1")
    store(session_factory, card, (1, 2, 0), "active")

    with session_factory() as session:
        stored = session.scalar(select(func.count()).select_from(ComponentVersion))
    assert stored == 7


def test_promoting_a_draft_onto_a_taken_number_is_rejected(
    session_factory: sessionmaker[Session],
    component_ids: tuple[uuid.UUID, uuid.UUID],
) -> None:
    button, _ = component_ids
    store(session_factory, button, (2, 0, 0), "active")
    draft = store(session_factory, button, (2, 0, 0), "draft")

    with pytest.raises(IntegrityError), unit_of_work(session_factory) as session:
        session.execute(
            update(ComponentVersion).where(ComponentVersion.id == draft).values(status="active")
        )


@pytest.mark.parametrize(
    ("number", "status"),
    [((1, 0, 0), "published"), ((1, -1, 0), "active")],
    ids=["unknown-status", "negative-number"],
)
def test_check_constraints_reject_impossible_versions(
    session_factory: sessionmaker[Session],
    component_ids: tuple[uuid.UUID, uuid.UUID],
    number: tuple[int, int, int],
    status: str,
) -> None:
    button, _ = component_ids

    with pytest.raises(IntegrityError):
        store(session_factory, button, number, status)


def test_deleting_a_component_deletes_its_versions_and_a_version_its_current_pointer(
    session_factory: sessionmaker[Session],
    component_ids: tuple[uuid.UUID, uuid.UUID],
) -> None:
    button, card = component_ids
    button_version = store(session_factory, button, (1, 0, 0), "active")
    card_current = store(session_factory, card, (1, 1, 0), "active")
    card_older = store(session_factory, card, (1, 0, 0), "archived")
    with unit_of_work(session_factory) as session:
        session.get_one(Component, button).current_version_id = button_version
        session.get_one(Component, card).current_version_id = card_current

    with unit_of_work(session_factory) as session:
        session.execute(delete(Component).where(Component.id == button))
        session.execute(delete(ComponentVersion).where(ComponentVersion.id == card_current))

    with session_factory() as session:
        assert session.scalars(select(ComponentVersion.id)).all() == [card_older]
        assert session.get_one(Component, card).current_version_id is None
