"""The audit log records state changes in the caller's transaction and lists them with filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from redraft.db.models import AuditEvent, Component
from redraft.errors import InvalidInput
from redraft.features.audit import service as audit
from redraft.features.components import tags
from redraft.features.users import service as users
from tests.db.rows import add_component, add_version

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def at(session: Session, event: AuditEvent, moment: datetime) -> None:
    event.at = moment
    session.flush()


def actions(events: list[AuditEvent]) -> list[str]:
    return [e.action for e in events]


@pytest.fixture
def history(session: Session) -> dict[str, Component]:
    """Five events an hour apart on two components, by two actors."""
    button = add_component(session, "PrimaryButton")
    card = add_component(session, "InfoCard")
    steps = [
        ("ann", "component.create", button),
        ("ann", "component.create", card),
        ("bob", "version.regenerate", button),
        ("ann", "version.accept", button),
        ("bob", "version.tag", card),
    ]
    for hour, (actor, action, component) in enumerate(steps):
        event = audit.record(
            session, actor=actor, action=action, component_id=component.id, target=component.name
        )
        at(session, event, T0 + timedelta(hours=hour))
    session.commit()
    return {"button": button, "card": card}


def test_events_list_newest_first_with_everything_recorded(
    session: Session, history: dict[str, Component]
) -> None:
    items, total = audit.list_events(session)

    assert total == 5
    assert actions(items) == [
        "version.tag",
        "version.accept",
        "version.regenerate",
        "component.create",
        "component.create",
    ]
    newest = items[0]
    assert (newest.actor, newest.target, newest.component_id) == (
        "bob",
        "InfoCard",
        history["card"].id,
    )
    assert newest.at == T0 + timedelta(hours=4)


def test_events_filter_by_component_actor_action_and_time(
    session: Session, history: dict[str, Component]
) -> None:
    by_component, n_component = audit.list_events(session, component_id=history["button"].id)
    by_actor, _ = audit.list_events(session, actor="bob")
    by_action, _ = audit.list_events(session, action="component.create")
    by_family, _ = audit.list_events(session, action="version.*")
    window, n_window = audit.list_events(
        session, since=T0 + timedelta(hours=1), until=T0 + timedelta(hours=3)
    )
    combined, _ = audit.list_events(session, actor="ann", component_id=history["button"].id)

    assert n_component == 3
    assert actions(by_component) == ["version.accept", "version.regenerate", "component.create"]
    assert actions(by_actor) == ["version.tag", "version.regenerate"]
    assert [e.target for e in by_action] == ["InfoCard", "PrimaryButton"]
    assert actions(by_family) == ["version.tag", "version.accept", "version.regenerate"]
    # `since` is inclusive, `until` exclusive.
    assert n_window == 2
    assert actions(window) == ["version.regenerate", "component.create"]
    assert actions(combined) == ["version.accept", "component.create"]


@pytest.mark.usefixtures("history")
def test_naive_time_bounds_are_taken_as_utc(session: Session) -> None:
    items, _ = audit.list_events(session, since=(T0 + timedelta(hours=4)).replace(tzinfo=None))

    assert actions(items) == ["version.tag"]


@pytest.mark.usefixtures("history")
def test_pages_cover_every_event_once_even_when_timestamps_tie(session: Session) -> None:
    for event in session.scalars(select(AuditEvent)):
        event.at = T0
    session.commit()

    pages = [audit.list_events(session, limit=2, offset=offset)[0] for offset in (0, 2, 4)]
    everything, _ = audit.list_events(session, limit=10)

    ids = [e.id for page in pages for e in page]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert ids == [e.id for e in everything]
    # A tie is broken by insertion order, newest first.
    assert ids == sorted(ids, reverse=True)


def test_an_event_outlives_its_component_with_its_target(session: Session) -> None:
    component = add_component(session)
    audit.record(
        session,
        actor="ann",
        action="component.create",
        component_id=component.id,
        target="PrimaryButton",
    )
    session.commit()

    session.execute(delete(Component).where(Component.id == component.id))
    session.commit()

    (event,) = session.scalars(select(AuditEvent)).all()
    session.refresh(event)
    assert event.component_id is None
    assert event.target == "PrimaryButton"


def test_details_keep_ids_and_times_as_text(session: Session) -> None:
    component = add_component(session)
    event = audit.record(
        session,
        actor="ann",
        action="version.rollback",
        details={"to": component.id, "at": T0, "reason": "broke the header"},
    )
    session.commit()
    session.expire_all()

    stored = session.get_one(AuditEvent, event.id)
    assert stored.details == {
        "to": str(component.id),
        "at": str(T0),
        "reason": "broke the header",
    }


def test_an_unknown_action_is_refused(session: Session) -> None:
    with pytest.raises(ValueError, match=r"unknown audit action 'version\.tagged'"):
        audit.record(session, actor="ann", action="version.tagged")


def test_bad_paging_is_invalid_input(session: Session) -> None:
    with pytest.raises(InvalidInput, match="limit must be at least 1"):
        audit.list_events(session, limit=0)
    with pytest.raises(InvalidInput):
        audit.list_events(session, offset=-1)


def test_tagging_and_untagging_are_recorded(session: Session) -> None:
    component = add_component(session)
    version = add_version(session, component)

    tags.add_tag(session, version, "experimental", actor="ann")
    tags.add_tag(session, version, "experimental", actor="ann")  # already there: no event
    tags.remove_tag(session, version, "experimental", actor="bob")
    session.commit()

    items, _ = audit.list_events(session, component_id=component.id)
    assert [(e.actor, e.action, e.details["tag"]) for e in items] == [
        ("bob", "version.untag", "experimental"),
        ("ann", "version.tag", "experimental"),
    ]
    assert {e.version_id for e in items} == {version.id}
    assert {e.target for e in items} == {"PrimaryButton 1.0.0"}


def test_issuing_a_token_is_recorded_with_who_issued_it(session: Session) -> None:
    user = users.create_user(session, name="carol", role="editor")

    issued = users.issue_token(session, user, name="ci", actor="admin-user")
    users.issue_token(session, user)
    session.commit()

    items, _ = audit.list_events(session, action="token.issue")
    assert [(e.actor, e.target) for e in items] == [("carol", "carol"), ("admin-user", "carol")]
    assert items[1].details == {"user": "carol", "token": "ci", "prefix": issued.token.prefix}
    assert issued.secret not in str(items[1].details)


def test_an_event_is_rolled_back_with_its_change(session: Session) -> None:
    component = add_component(session)
    version = add_version(session, component)
    session.commit()

    tags.add_tag(session, version, "experimental", actor="ann")
    session.rollback()

    assert audit.list_events(session)[1] == 0
