"""Engines for SQLite and PostgreSQL, set up so both behave as transactional databases."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

from redraft.config import DatabaseSettings, Settings
from redraft.errors import ConfigError

# How long a SQLite writer waits for another writer's lock before "database is locked".
# Writes here are single short transactions (milliseconds); 15 s absorbs a burst of them.
SQLITE_BUSY_TIMEOUT_S = 15.0


def create_engine_for(
    target: Settings | DatabaseSettings | URL | str, *, echo: bool | None = None
) -> Engine:
    """An engine for `target`.

    Settings (the server, CLI commands) bring their timeouts and pool size; a bare URL
    (migrations, tests, tools) gets neither, so nothing long-running is cut short.
    """
    if isinstance(target, Settings):
        target = target.database
    database: DatabaseSettings | None = None
    if isinstance(target, DatabaseSettings):
        database, url = target, make_url(target.url)
        echo = database.echo if echo is None else echo
    else:
        url = make_url(target)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo=bool(echo), pool=_pool_args(database, url))
    if url.get_backend_name() == "postgresql":
        if url.drivername == "postgresql":
            # psycopg 3 is the driver we ship; without this SQLAlchemy looks for psycopg2.
            url = url.set(drivername="postgresql+psycopg")
        return _postgres_engine(url, echo=bool(echo), database=database)
    raise ConfigError(
        f"unsupported database URL {url.render_as_string()!r}: use sqlite or postgresql"
    )


def _pool_args(database: DatabaseSettings | None, url: URL) -> dict[str, Any]:
    # An in-memory SQLite database lives in one connection: its pool takes no sizes.
    if database is None or (url.get_backend_name() == "sqlite" and not _is_file(url)):
        return {}
    return {
        "pool_size": database.pool_size,
        "max_overflow": database.pool_max_overflow,
        "pool_timeout": database.pool_timeout_seconds,
    }


def _postgres_engine(url: URL, *, echo: bool, database: DatabaseSettings | None) -> Engine:
    # pre_ping: a web process outlives PostgreSQL restarts; stale pooled connections are
    # replaced on checkout instead of failing the first request after a restart.
    if database is None:
        return create_engine(url, echo=echo, pool_pre_ping=True)
    # Here, not at the top: psycopg takes 0.4 s to import, which a SQLite user never needs.
    from redraft.db import postgres

    engine = create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        connect_args=postgres.connect_args(
            url,
            connect_timeout=database.connect_timeout_seconds,
            statement_timeout=database.statement_timeout_seconds,
        ),
        **_pool_args(database, url),
    )
    answer_timeout = database.answer_timeout_seconds

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:  # noqa: ARG001
        return postgres.connect(cparams, answer_timeout=answer_timeout)

    return engine


def _is_file(url: URL) -> bool:
    database = url.database or ""
    return database not in ("", ":memory:") and url.query.get("mode") != "memory"


def _sqlite_engine(url: URL, *, echo: bool, pool: dict[str, Any]) -> Engine:
    engine = create_engine(url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, **pool)
    wal = _is_file(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:  # noqa: ARG001
        # Take transaction control away from the sqlite3 module (it skips BEGIN before SELECT
        # and DDL), so `_on_begin` below decides where every transaction starts.
        dbapi_connection.isolation_level = None
        # SQLite ignores foreign keys unless asked, per connection.
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        if wal:
            _use_wal(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # AUTOCOMMIT is how VACUUM and pragmas that refuse transactions get run.
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return
        # IMMEDIATE takes the write lock up front. A deferred BEGIN lets two transactions read
        # and then both try to upgrade to a write lock: SQLite fails one at once with
        # "database is locked" (the busy timeout cannot help a deadlock). Taking it first
        # makes writers queue on the busy timeout instead, and read-modify-write is serial.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _use_wal(dbapi_connection: sqlite3.Connection) -> None:
    # Readers no longer block the writer nor the writer readers. The mode is stored in the
    # file, so this changes something only on a new database; but switching needs the file
    # to itself, and SQLite answers "locked" at once instead of waiting (6 of 40 runs failed
    # where three processes opened a new database together). So retry as a busy handler
    # would, for up to the busy timeout.
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def ping(engine: Engine) -> None:
    """Raise unless the database answers a trivial query over a pooled connection."""
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
