from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator
from multiprocessing.synchronize import Event as EventType

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

import redraft.db.models  # noqa: F401  (registers every table on Base.metadata)
from redraft.db.base import Base
from redraft.db.engine import create_engine_for
from redraft.db.migrate import (
    check_current,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)
from redraft.errors import ConfigError


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


@pytest.fixture
def empty_engine(empty_db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(empty_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def migrated_engine(empty_engine: Engine) -> Engine:
    # For tests that damage the schema: their own database, not the shared migrated one.
    upgrade(empty_engine)
    return empty_engine


def test_migrations_build_exactly_the_models_schema(empty_engine: Engine) -> None:
    upgrade(empty_engine)

    assert schema_differences(empty_engine) == []
    tables = set(inspect(empty_engine).get_table_names())
    assert tables == {*Base.metadata.tables, "alembic_version"}


def test_upgrading_a_migrated_database_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    upgrade(engine)

    assert current_revision(engine) == head_revision()
    assert schema_differences(engine) == []


def test_foreign_keys_stay_enforced_on_an_engine_that_ran_migrations(
    empty_engine: Engine,
) -> None:
    # SQLite migrates with foreign keys off; the pooled connection must get them back.
    upgrade(empty_engine)

    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO version_tags (version_id, tag, created_at, created_by)"
                " VALUES (:id, 'stable', CURRENT_TIMESTAMP, 'tester')"
            ),
            {"id": uuid.uuid4().hex},
        )


def test_check_current_refuses_an_unmigrated_database_until_upgraded(
    empty_engine: Engine,
) -> None:
    with pytest.raises(ConfigError, match=r"not migrated; run `redraft db upgrade`"):
        check_current(empty_engine)

    upgrade(empty_engine)
    check_current(empty_engine)


def test_check_current_refuses_a_revision_this_code_does_not_know(migrated_engine: Engine) -> None:
    with migrated_engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")

    with pytest.raises(ConfigError, match="revision 9999, which this redraft does not know"):
        check_current(migrated_engine)


def test_downgrade_to_base_drops_everything_and_upgrade_rebuilds_it(
    migrated_engine: Engine,
) -> None:
    downgrade(migrated_engine, "base")
    assert inspect(migrated_engine).get_table_names() == ["alembic_version"]
    assert current_revision(migrated_engine) is None

    upgrade(migrated_engine)
    assert schema_differences(migrated_engine) == []


def test_processes_upgrading_a_fresh_database_at_once_all_succeed(
    empty_db_url: str, empty_engine: Engine
) -> None:
    # Without serialisation each would CREATE TABLE, and all but one would fail. Forked, so
    # the children start in milliseconds (spawning three interpreters takes seconds).
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [context.Process(target=upgrade_when, args=(start, empty_db_url)) for _ in "abc"]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=60)

    assert [process.exitcode for process in processes] == [0, 0, 0]
    check_current(empty_engine)


def upgrade_when(start: EventType, url: str) -> None:
    start.wait()
    upgrade(url)
