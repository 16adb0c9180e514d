from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from redraft.db.models import User
from redraft.db.session import unit_of_work
from tests.db.rows import NOW


def count_users(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def test_unit_of_work_commits_when_the_block_succeeds(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        session.add(User(name="ada", role="admin", created_at=NOW))

    assert count_users(session_factory) == 1


def test_unit_of_work_rolls_back_when_the_block_raises(
    session_factory: sessionmaker[Session],
) -> None:
    try:
        with unit_of_work(session_factory) as session:
            session.add(User(name="ada", role="admin", created_at=NOW))
            session.flush()
            raise LookupError("the request failed after writing")
    except LookupError:
        pass

    assert count_users(session_factory) == 0


def test_objects_stay_readable_after_the_unit_of_work_commits(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        user = User(name="ada", role="admin", created_at=NOW)
        session.add(user)

    # The session is closed: reading would fail if commit had expired the attributes.
    assert (user.name, user.role, user.created_at) == ("ada", "admin", NOW)
