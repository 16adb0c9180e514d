"""Content is stored once: versions that differ in one token cost a fraction of a copy each."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from redraft.db.base import Base
from redraft.db.blobs import BlobStore
from redraft.db.engine import create_engine_for
from redraft.db.migrate import upgrade
from redraft.db.models import Blob, Component, ComponentVersion
from redraft.db.session import create_session_factory, unit_of_work
from tests.db.rows import add_component, add_version
from tests.db.sample import version_content

VERSIONS = 200


@pytest.fixture
def fresh_engine(empty_db_url: str) -> Iterator[Engine]:
    # New tables: no space freed by earlier tests for these inserts to fill unseen.
    engine = create_engine_for(empty_db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def stored_bytes(engine: Engine) -> int:
    """What the database occupies: SQLite's pages after VACUUM; PostgreSQL's relation files."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # VACUUM refuses to run in a transaction; the driver connection has none open.
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("VACUUM")
            page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
            return int(page_size * connection.exec_driver_sql("PRAGMA page_count").scalar_one())
        # Heap, TOAST and every index of every table. Rows are only inserted, so nothing dead
        # is counted, and btree pages keep the slack real inserts leave.
        return sum(
            int(
                connection.exec_driver_sql(
                    "SELECT pg_total_relation_size(%s::regclass)", (table.name,)
                ).scalar_one()
            )
            for table in Base.metadata.sorted_tables
        )


def primary(index: int) -> str:
    return f"#{0x1D4ED8 + index:06x}"


def store_versions(factory: sessionmaker[Session], component_id: uuid.UUID) -> None:
    # One transaction for all: the sizes are the same, and 200 commits cost seconds of fsync.
    with unit_of_work(factory) as session:
        component = session.get_one(Component, component_id)
        parent: ComponentVersion | None = None
        for index in range(VERSIONS):
            content = version_content(primary(index))
            parent = add_version(
                session,
                component,
                (1, 0, index),
                status="active" if index == VERSIONS - 1 else "archived",
                tokens=content.tokens,
                requirements=content.requirements,
                code=content.code,
                stories=content.stories,
                token_usage=content.token_usage,
                parent=parent,
            )


@pytest.mark.slow
def test_two_hundred_versions_differing_in_one_token_take_far_less_than_200_copies(
    fresh_engine: Engine,
) -> None:
    factory = create_session_factory(fresh_engine)
    with unit_of_work(factory) as session:
        component_id = add_component(session).id
    before = stored_bytes(fresh_engine)

    store_versions(factory, component_id)
    growth = stored_bytes(fresh_engine) - before

    # "One version" is the bytes of its seven bodies, uncompressed and unshared, without its
    # row: a lower bound, so the ratio errs against the store. (The measured growth for a
    # single version says nothing: 0 bytes on SQLite, which fills pages it already has,
    # 72 KB on PostgreSQL, which allocates a page per relation.)
    one_version = version_content(primary(0)).logical_size
    ratio = growth / (VERSIONS * one_version)
    assert ratio < 0.2, (
        f"{VERSIONS} versions grew the {fresh_engine.dialect.name} database by {growth} bytes,"
        f" {ratio:.3f} of {VERSIONS} x {one_version} bytes for one version's bodies"
    )
    with factory() as session:
        # Only the token set and the code change; the other bodies are shared by all.
        assert session.scalar(select(func.count()).select_from(Blob)) == 2 * VERSIONS + 3
        last = session.scalars(select(ComponentVersion).where(ComponentVersion.status == "active"))
        code = BlobStore(session).get(last.one().code_blob)
    assert code == version_content(primary(VERSIONS - 1)).code
