"""Sessions: one unit of work per request, command or task, which alone commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from redraft.db.outage import outages_as_unavailable


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: objects stay readable after the unit of work commits, so a
    # handler can serialise what it just wrote without a lazy reload (relationships raise).
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed if the block succeeds and rolled back if it raises.

    A database that is unreachable, or gives no connection in time, raises `Unavailable`.
    """
    with outages_as_unavailable(), factory() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()
