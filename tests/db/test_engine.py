from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from redraft.config import DatabaseSettings, Settings
from redraft.db.engine import create_engine_for
from redraft.errors import ConfigError
from tests.conftest import PostgresServer


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'plain.db'}")
    yield engine
    engine.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO api_tokens (id, user_id, name, prefix, secret_hash, created_at)"
                " VALUES (:id, :user_id, 'ci', 'abc', 'x', CURRENT_TIMESTAMP)"
            ),
            {"id": uuid.uuid4().hex, "user_id": uuid.uuid4().hex},
        )


def test_sqlite_file_database_uses_write_ahead_logging(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def create_table_then_fail(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (id INTEGER PRIMARY KEY)")
        raise RuntimeError("the transaction fails after the DDL")


def table_names(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars())


def test_sqlite_ddl_rolls_back_with_its_transaction(sqlite_engine: Engine) -> None:
    # The sqlite3 module on its own commits DDL at once; the engine must keep it transactional.
    with pytest.raises(RuntimeError):
        create_table_then_fail(sqlite_engine)

    assert "scratch" not in table_names(sqlite_engine)


def test_sqlite_autocommit_runs_vacuum_and_leaves_later_transactions_intact(
    sqlite_engine: Engine,
) -> None:
    with sqlite_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")

    # The same pooled connection, back in transactional mode: DDL still rolls back.
    with pytest.raises(RuntimeError):
        create_table_then_fail(sqlite_engine)
    assert "scratch" not in table_names(sqlite_engine)


def test_sqlite_connecting_while_another_process_writes_waits_for_it(tmp_path: Path) -> None:
    # A writer that holds a new database's lock (rollback journal, before anyone switched it
    # to WAL), released after a moment: the engine's first connection must wait, not fail.
    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE early (id INTEGER PRIMARY KEY)")
    release = threading.Timer(0.3, other.execute, args=("COMMIT",))
    release.start()
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        release.join()
        other.close()
        engine.dispose()


def test_sqlite_writers_queue_instead_of_failing_or_losing_updates(sqlite_engine: Engine) -> None:
    # Read-modify-write from several threads: a deferred BEGIN makes SQLite fail one writer
    # with "database is locked"; no BEGIN before the SELECT loses increments.
    with sqlite_engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE counter (n INTEGER NOT NULL)")
        connection.exec_driver_sql("INSERT INTO counter VALUES (0)")
    errors: list[BaseException] = []

    def increment(times: int) -> None:
        try:
            for _ in range(times):
                with sqlite_engine.begin() as connection:
                    n = connection.exec_driver_sql("SELECT n FROM counter").scalar_one()
                    connection.exec_driver_sql("UPDATE counter SET n = ?", (n + 1,))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=increment, args=(10,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with sqlite_engine.connect() as connection:
        total = connection.exec_driver_sql("SELECT n FROM counter").scalar_one()
    assert errors == []
    assert total == 40


def test_engine_is_built_from_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'from-settings.db'}"
    engine = create_engine_for(Settings(database=DatabaseSettings(url=url, echo=True)))

    assert engine.url.database == str(tmp_path / "from-settings.db")
    assert engine.echo is True
    engine.dispose()


def test_plain_postgresql_url_uses_the_shipped_psycopg_driver() -> None:
    engine = create_engine_for("postgresql://user@db.invalid/redraft")

    assert engine.dialect.driver == "psycopg"
    engine.dispose()


def test_other_databases_are_refused() -> None:
    with pytest.raises(ConfigError, match="unsupported database URL"):
        create_engine_for("mysql://user@db.invalid/redraft")


def test_an_answer_timeout_not_longer_than_the_statement_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="must be longer than statement_timeout_seconds"):
        DatabaseSettings(statement_timeout_seconds=30, answer_timeout_seconds=30)

    assert DatabaseSettings(statement_timeout_seconds=30, answer_timeout_seconds=0)
    assert DatabaseSettings(statement_timeout_seconds=0, answer_timeout_seconds=5)


@pytest.mark.postgres
def test_settings_set_the_postgres_statement_timeout_and_keep_the_urls_options(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.create_empty_schema()  # its URL carries `options=-csearch_path=…`
    try:
        engine = create_engine_for(
            DatabaseSettings(url=url, statement_timeout_seconds=1.5, answer_timeout_seconds=3)
        )
        with engine.connect() as connection:
            timeout = connection.exec_driver_sql("SHOW statement_timeout").scalar_one()
            path = connection.exec_driver_sql("SHOW search_path").scalar_one()
        engine.dispose()
        bare = create_engine_for(url)  # a bare URL: no timeout (migrations)
        with bare.connect() as connection:
            untimed = connection.exec_driver_sql("SHOW statement_timeout").scalar_one()
        bare.dispose()
    finally:
        postgres_server.drop_schema(url)

    assert timeout == "1500ms"
    assert path.startswith("empty_")
    assert untimed == "0"
